"""Deriving the project's tidy context tables from UN DESA's workbooks.

    python -m companion.derive --source ../shared/data/un-desa --out data

reads the published UN DESA migrant stock workbooks (never copied into the
repository) and writes, into ``--out``, the tables of
``companion.derive.tables``, the curated context facts
(``companion.derive.facts``) and the report's figures checked against them
(``companion.derive.checks``), in that order: the checks read the tables
just written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.derive import countries
from companion.derive.checks import write_figure_checks
from companion.derive.csvfile import write_csv
from companion.derive.facts import FACT_FIELDS, FACTS_TABLE, curate_context_facts
from companion.derive.tables import (
    COUNTRY_FIELDS,
    COUNTRY_TABLE,
    ORIGIN_FIELDS,
    ORIGIN_TABLE,
    SOURCE_FIELDS,
    SOURCES_TABLE,
    STOCK_FIELDS,
    STOCK_TABLE,
    derive_migrant_stock_by_area,
    derive_migrant_stock_by_country_2015,
    derive_origin_destination_by_area,
    derive_sources,
)
from companion.errors import CompanionDataError


def derive_tables(source: Path, out: Path) -> list[Path]:
    """Derive the five workbook tables from ``source`` into ``out``; return their paths."""
    return [
        write_csv(out / STOCK_TABLE, STOCK_FIELDS, derive_migrant_stock_by_area(source)),
        write_csv(out / ORIGIN_TABLE, ORIGIN_FIELDS, derive_origin_destination_by_area(source)),
        write_csv(out / COUNTRY_TABLE, COUNTRY_FIELDS, derive_migrant_stock_by_country_2015(source)),
        write_csv(out / countries.TABLE, countries.FIELDS, countries.derive_country_profiles_2015(source)),
        write_csv(out / SOURCES_TABLE, SOURCE_FIELDS, derive_sources(source)),
    ]


def derive_all(source: Path, out: Path, facts: Path) -> list[Path]:
    """Everything ``python -m companion.derive`` writes: tables, facts, figure checks."""
    written = derive_tables(source, out)
    written.append(write_csv(out / FACTS_TABLE, FACT_FIELDS, curate_context_facts(facts)))
    written.append(write_figure_checks(out))
    return written


def build_parser() -> argparse.ArgumentParser:
    """Command-line options of ``python -m companion.derive``."""
    parser = argparse.ArgumentParser(prog="python -m companion.derive", description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("../shared/data/un-desa"), help="folder holding the UN DESA workbooks")
    parser.add_argument("--out", type=Path, default=Path("data"), help="folder to write the CSV files into")
    parser.add_argument("--facts", type=Path, default=None, help="context_facts.csv to curate (default: next to --source)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the derivation; a data problem prints one line and exits with status 2."""
    args = build_parser().parse_args(argv)
    facts = args.facts or args.source.parent / "context_facts.csv"
    # Checked before anything is written, so that a missing file leaves data/ as it was.
    if not facts.is_file():
        print(f"error: {facts}: context facts file not found; put context_facts.csv in the folder "
              f"above the workbooks or pass it with --facts", file=sys.stderr)
        return 2
    try:
        for path in derive_all(args.source, args.out, facts):
            print(f"wrote {path}")
    except CompanionDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
