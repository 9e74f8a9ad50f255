"""Page fragments generated from data: figure tables, figure entries, glossary.

Notebooks display these as Markdown (parsed as MyST by myst-nb), so that the
book's tables, anchors and cross-references come from ``data/`` and never
from hand-typed prose.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from companion import cite
from companion.figures import Figure, all_figures, figures_in
from companion.tables import load_table


def _cell(text) -> str:
    """Text safe inside a Markdown table cell (no pipes, no line breaks)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _people() -> dict[str, str]:
    speakers = load_table("speakers")
    return {row.id: f"{row.honorific + ' ' if isinstance(row.honorific, str) else ''}{row.name}" for row in speakers.itertuples()}


def _organizations() -> dict[str, str]:
    organizations = load_table("organizations")
    return {
        row.id: row.abbreviation if isinstance(row.abbreviation, str) else row.name
        for row in organizations.itertuples()
    }


def who_said(figure: Figure) -> str:
    """The speaker and organisation of a figure, as a short phrase."""
    person = _people().get(figure.speaker, "") if figure.speaker else ""
    body = _organizations().get(figure.organization, "") if figure.organization else ""
    if person and body:
        return f"{person} ({body})"
    return person or (f"a representative of {body}" if body else "the report")


def figure_link(figure: Figure, text: str | None = None) -> str:
    """A MyST cross-reference to the figure's entry on the figures index."""
    return f"{{ref}}`{text or figure.prose} <{figure.id}>`"


def figures_table(session: str) -> Markdown:
    """The "Figures quoted in this session" table for a session page."""
    rows = [
        "| Figure | What it measures | Who said it | Quote | ¶ |",
        "|---|---|---|---|---|",
    ]
    for figure in figures_in(session):
        rows.append(
            f"| {figure_link(figure)} | {_cell(figure.label)} | {_cell(who_said(figure))} "
            f"| “{_cell(figure.quote)}” | {figure.paragraph} |"
        )
    return Markdown("\n".join(rows))


def figure_entry(figure: Figure) -> str:
    """One entry of the figures index: anchor, provenance and "Cite this" block."""
    period = f" · refers to: {figure.reference_period}" if figure.reference_period else ""
    source = f" · source named: {figure.source_named}" if figure.source_named else ""
    return "\n".join(
        [
            f"({figure.id})=",
            f"**{figure.prose}** ({figure.unit}) — {figure.label}  ",
            f"`{figure.id}` · {cite.location(figure)} · {who_said(figure)}{period}{source}",
            "",
            f"> “{figure.quote}”",
            "",
            ":::{dropdown} Cite this figure",
            "**In the report** (text):",
            "",
            cite.as_text(figure),
            "",
            "```bibtex",
            cite.as_bibtex([figure]).strip(),
            "```",
            "",
            "**As compiled in this book**:",
            "",
            cite.book_as_text(figure),
            ":::",
            "",
        ]
    )


def figures_index() -> Markdown:
    """Every figure of the report, grouped by session, each with its entry."""
    sessions = load_table("sessions").set_index("id")
    parts = []
    current = None
    for figure in all_figures():
        if figure.session != current:
            current = figure.session
            title = cite.section_name(current) if sessions.loc[current, "kind"] == "session" else sessions.loc[current, "title"]
            parts.append(f"**{title}**\n")
        parts.append(figure_entry(figure))
    return Markdown("\n".join(parts))
