"""Page fragments generated from data: figure tables, figure entries, glossary.

Notebooks display these as Markdown (parsed as MyST by myst-nb), so that the
book's tables, anchors and cross-references come from ``data/`` and never
from hand-typed prose.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from companion import cite
from companion.data.figures import Figure, all_figures, figures_in
from companion.data.tables import load_table


def table_cell(text) -> str:
    """Text safe inside a Markdown table cell (no pipes, no line breaks)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return str(text).replace("|", "\\|").replace("\n", " ")


def speaker_as_printed(speaker: str) -> list[str]:
    """A person as the report introduces them, in its own words: the name
    (with honorific), then the function and the organisation where the
    report prints them - each part a span of the speaker's quote."""
    row = load_table("speakers").set_index("id").loc[speaker]
    parts = [f"{row['honorific']} {row['name']}" if isinstance(row["honorific"], str) else row["name"]]
    function = row["function"] if isinstance(row["function"], str) else ""
    if function:
        parts.append(function)
    printed = row["organization_as_printed"]
    if isinstance(printed, str) and printed and printed not in function:
        parts.append(printed)
    return parts


def who_said(figure: Figure) -> str:
    """Who the report credits with a figure, exactly as it prints it: the
    speaker as introduced ("Ms. Izumi Nakamitsu, Special Adviser ad interim
    on ..."), else the body its paragraph names ("The representative of
    UNU"), else "the report" for a figure stated in the report's own voice."""
    if figure.speaker:
        return ", ".join(speaker_as_printed(figure.speaker))
    return figure.attribution or "the report"


def figure_link(figure: Figure, text: str | None = None) -> str:
    """A MyST cross-reference to the figure's entry on the figures index."""
    return f"{{ref}}`{text or figure.prose} <{figure.id}>`"


def glue_session_figures(session: str) -> list[str]:
    """Glue every figure of ``session`` under its id, worded for prose
    ("more than 300"), so the page's text can use ``{glue:text}`<id>```.
    Returns the glued ids."""
    from companion.book.glue import glue_value

    figures = figures_in(session)
    for figure in figures:
        glue_value(figure.id, figure.prose)
    return [figure.id for figure in figures]


def figures_table(session: str) -> Markdown:
    """The "Figures quoted in this session" table for a session page."""
    rows = [
        "| Figure | What it measures | Who said it | Quote | ¶ |",
        "|---|---|---|---|---|",
    ]
    for figure in figures_in(session):
        rows.append(
            f"| {figure_link(figure)} | {table_cell(figure.label)} | {table_cell(who_said(figure))} "
            f"| “{table_cell(figure.quote)}” | {figure.paragraph} |"
        )
    return Markdown("\n".join(rows))


def figure_entry(figure: Figure) -> str:
    """One entry of the figures index: anchor, provenance and "Cite this" block."""
    period = f" · refers to: {figure.reference_period}" if figure.reference_period else ""
    source = f" · source named: {figure.source_named}" if figure.source_named else ""
    return "\n".join(
        [
            "::::{container} figure-entry",
            f"({figure.id})=",
            f"**{figure.prose}** ({figure.unit}) — {figure.label}  ",
            f"`{figure.id}` · {cite.location(figure)} · {who_said(figure)}{period}{source}",
            "",
            f"> “{figure.quote}”",
            "",
            ":::{dropdown} Cite this figure",
            "**In the report**, APA 7 (reference, then the in-text citation with the figure's place):",
            "",
            "```text",
            cite.in_style("apa", [figure]).strip(),
            "```",
            "",
            "Chicago author-date:",
            "",
            "```text",
            cite.in_style("chicago", [figure]).strip(),
            "```",
            "",
            "```bibtex",
            cite.as_bibtex([figure]).strip(),
            "```",
            "",
            "**As compiled in this book** (APA 7):",
            "",
            "```text",
            cite.book_in_style("apa", [figure]).strip(),
            "```",
            ":::",
            "::::",
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


def checks_table(figure_ids: list[str]) -> Markdown:
    """The figure checks of the given figures: reading, definition, arithmetic, verdict.

    The reading column says which row computes the reading the report's
    sentence describes ("as worded"), which are alternatives and which sums
    them up; it is empty for a figure with one reading.
    """
    checks = load_table("figure_checks")
    rows = ["| Figure | Reading | Definition | Arithmetic | Verdict |", "|---|---|---|---|---|"]
    for figure_id in figure_ids:
        for check in checks[checks["figure_id"] == figure_id].itertuples():
            reading = check.reading.replace("-", " ") if isinstance(check.reading, str) else ""
            rows.append(
                f"| {{ref}}`{figure_id} <{figure_id}>` | {reading} | {table_cell(check.definition)} "
                f"| {table_cell(check.arithmetic)} | **{table_cell(check.verdict)}** |"
            )
    return Markdown("\n".join(rows))


def glossary_term(abbreviation, name: str) -> str:
    """An organisation's glossary term: its abbreviation, else its full name."""
    return abbreviation if isinstance(abbreviation, str) and abbreviation else name


def glossary_of_organizations() -> Markdown:
    """A Sphinx glossary of every organisation and listed abbreviation, so that
    prose can link to them with ``{term}``."""
    organizations = load_table("organizations")
    organizations = organizations.assign(term=[glossary_term(row.abbreviation, row.name) for row in organizations.itertuples()])
    lines = ["```{glossary}"]
    for row in organizations.sort_values("term", key=lambda terms: terms.str.lower()).itertuples():
        listed = " (listed)" if row.in_abbreviation_list else ""
        lines.append(row.term)
        description = row.name if row.term != row.name else ""
        details = "; ".join(part for part in (description, row.type) if part)
        lines.append(f"  {details}{listed}.")
        if isinstance(row.abbreviation_as_listed, str) and row.abbreviation_as_listed not in ("", row.abbreviation):
            lines.append(f"  The report's list prints it as {row.abbreviation_as_listed}.")
        if isinstance(row.note, str) and row.note:
            lines.append(f"  {row.note}")
        lines.append("")
    lines.append("```")
    return Markdown("\n".join(lines))


def event_date_text(row) -> str:
    """An event's date at its precision: "16 Feb 2017", "Feb 2017", "2017"."""
    formats = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}
    start = row.start_date.strftime(formats[row.precision]).lstrip("0")
    if pd.isna(row.end_date):
        return start
    return f"{start} to {row.end_date.strftime(formats[row.precision]).lstrip('0')}"


def events_timeline() -> Markdown:
    """Every dated event, in date order, with status, place and the report's words."""
    events = load_table("events").sort_values(["start_date", "id"])
    sessions = load_table("sessions").set_index("id")
    rows = ["| Date | Event | Status | Place | Mentioned in | Quote |", "|---|---|---|---|---|---|"]
    for row in events.itertuples():
        where = sessions.loc[row.session, "numeral"] if sessions.loc[row.session, "kind"] == "session" else sessions.loc[row.session, "title"]
        rows.append(
            f"| {event_date_text(row)} | {table_cell(row.name)} | {row.status} | {table_cell(row.place)} "
            f"| {table_cell(where)} | “{table_cell(row.quote)}” |"
        )
    return Markdown("\n".join(rows))


def errata_table() -> Markdown:
    """The errata: the report's words, what is wrong, how the book treats it."""
    errata = load_table("errata")
    sessions = load_table("sessions").set_index("id")
    rows = ["| Where | The report prints | Problem | How this book treats it |", "|---|---|---|---|"]
    for row in errata.itertuples():
        rows.append(
            f"| {table_cell(sessions.loc[row.session, 'title'])} | “{table_cell(row.quote)}” | {table_cell(row.problem)} | {table_cell(row.treatment)} |"
        )
    return Markdown("\n".join(rows))


def data_tables() -> Markdown:
    """Each table of the data package: rows, description and download links."""
    from companion.data.tables import package

    rows = ["| Table | Rows | What it holds | Download |", "|---|---|---|---|"]
    for entry in package()["resources"]:
        count = len(load_table(entry["name"]))
        link = f"{{download}}`{entry['path']} <../../data/{entry['path']}>`"
        rows.append(f"| `{entry['name']}` | {count} | {table_cell(entry.get('description', ''))} | {link} |")
    rows.append("")
    rows.append("The descriptor of the whole package, with every column's type and meaning: "
                "{download}`datapackage.json <../../data/datapackage.json>`.")
    return Markdown("\n".join(rows))


def package_versions(names: list[str]) -> Markdown:
    """A table of the installed versions of the given distributions."""
    from importlib.metadata import PackageNotFoundError, version

    rows = ["| Package | Version |", "|---|---|"]
    for name in names:
        try:
            rows.append(f"| {name} | {version(name)} |")
        except PackageNotFoundError:
            rows.append(f"| {name} | not installed |")
    return Markdown("\n".join(rows))
