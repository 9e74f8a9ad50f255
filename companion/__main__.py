"""Command line: list, show and cite the report's figures.

    python -m companion list [--session VII] [--search UNDAF] [--unit percent]
    python -m companion show undaf-documents-share
    python -m companion cite international-migrants-2015 --format bibtex
    python -m companion cite international-migrants-2015 ilo-migrant-workers --format apa

A user error (unknown id, unknown session, bad data) prints one line to
standard error and exits with status 2; argparse handles bad options.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from companion import cite
from companion.errors import CompanionDataError
from companion.data.figures import all_figures, figure, figures_in
from companion.data.tables import load_table, table_names


def _list(args: argparse.Namespace) -> str:
    figures = figures_in(args.session) if args.session else all_figures()
    if args.search:
        needle = args.search.lower()
        figures = [f for f in figures if needle in f.label.lower() or needle in f.quote.lower()]
    if args.unit:
        figures = [f for f in figures if f.unit == args.unit]
    if not figures:
        return "no figures match"
    width = max(len(f.id) for f in figures)
    lines = [f"{'id':<{width}}  {'session':<7}  {'figure':<22}  label"]
    for item in figures:
        lines.append(f"{item.id:<{width}}  {item.session:<7}  {item.prose[:22]:<22}  {item.label}")
    return "\n".join(lines)


def _checks_for(figure_id: str) -> pd.DataFrame:
    """Checks of the figure against official series, when that table exists."""
    if "figure_checks" not in table_names():
        return pd.DataFrame()
    checks = load_table("figure_checks")
    return checks[checks["figure_id"] == figure_id]


def _show(args: argparse.Namespace) -> str:
    item = figure(args.id)
    lines = [
        f"{item.id}: {item.prose} ({item.unit})",
        f"  measures:    {item.label}",
        f"  value:       {item.value:g} ({item.qualifier})",
        f"  where:       {cite.location(item)}",
        f"  quote:       \"{item.quote}\"",
    ]
    for name, value in (
        ("period", item.reference_period),
        ("speaker", item.speaker),
        ("organization", item.organization),
        ("source named", item.source_named),
        ("note", item.note),
    ):
        if value:
            lines.append(f"  {name + ':':<12} {value}")
    for _, check in _checks_for(item.id).iterrows():
        lines.append(f"  check:       {check['verdict']} - {check['arithmetic']}")
    lines.append(f"  in the book: {cite.anchor(item)}")
    return "\n".join(lines)


def _cite(args: argparse.Namespace) -> str:
    figures = [figure(figure_id) for figure_id in args.ids]
    if args.book:
        if args.format not in cite.BOOK_FORMATS:
            raise CompanionDataError(f"--book citations come as {', '.join(sorted(cite.BOOK_FORMATS))}, not {args.format}")
        return cite.BOOK_FORMATS[args.format](figures)
    return cite.FORMATS[args.format](figures)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m companion",
        description="List, show and cite the figures of UN DESA's ESA/P/WP/249.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    listing = commands.add_parser("list", help="list figures as a compact table")
    listing.add_argument("--session", help="a session id: intro, I ... IX")
    listing.add_argument("--search", metavar="TEXT", help="text to find in label or quote")
    listing.add_argument("--unit", help="only figures with this unit (e.g. percent, persons)")
    listing.set_defaults(run=_list)

    show = commands.add_parser("show", help="everything known about one figure")
    show.add_argument("id")
    show.set_defaults(run=_show)

    citing = commands.add_parser("cite", help="cite one or more figures")
    citing.add_argument("ids", nargs="+", metavar="ID")
    citing.add_argument("--format", choices=sorted(cite.FORMATS), default="text")
    citing.add_argument("--book", action="store_true", help="cite the figures as compiled in this book (text, bibtex, csl-json, apa, chicago)")
    citing.set_defaults(run=_cite)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        output = args.run(args)
    except CompanionDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
