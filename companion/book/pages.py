"""Page fragments generated from data: figure tables, figure entries, glossary.

Notebooks display these as Markdown (parsed as MyST by myst-nb), so that the
book's tables, anchors and cross-references come from ``data/`` and never
from hand-typed prose.
"""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown

from companion import cite
from companion.book.paragraphs import paragraph_anchor
from companion.data.figures import Figure, all_figures, figure_ids, figures_in
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


def para_reference(section: str, paragraph: int) -> str:
    """A ``{para}`` reference to a paragraph of the report; paragraph 0 (how
    the tables file a footnote) is named in words, as a footnote has no entry."""
    if int(paragraph) == 0:
        return f"{section}, footnote"
    return f"{{para}}`{section}.{int(paragraph)}`"


_PART_AND_PARAGRAPH = re.compile(r"\b(I|II|III|IV|V|VI|VII|VIII|IX) (\d+)\b")
_ERRATA_ID = re.compile(r"\berrata ([a-z0-9]+(?:-[a-z0-9]+)+)")


def reader_note(note) -> str:
    """A note from the data, made for readers: a figure's id becomes a link to
    its entry, "errata <id>" a link to the erratum, "VIII 13" a paragraph
    reference. Empty for a missing note."""
    if note is None or (not isinstance(note, str) and pd.isna(note)) or not note:
        return ""
    text = _ERRATA_ID.sub(lambda match: f"{{ref}}`erratum <{errata_anchor(match[1])}>`", note)
    text = _PART_AND_PARAGRAPH.sub(lambda match: para_reference(match[1], int(match[2])), text)
    ids = sorted(figure_ids(), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w<-])(" + "|".join(re.escape(figure_id) for figure_id in ids) + r")(?![\w>-])")
    return pattern.sub(lambda match: f"{{ref}}`{match[1]} <{match[1]}>`", text)


def errata_anchor(erratum_id: str) -> str:
    """The label of an erratum's entry on the errata page."""
    return f"erratum-{erratum_id}"


def glue_session_figures(session: str) -> list[str]:
    """Glue every figure of ``session`` under its id, worded for prose
    ("more than 300"), so the page's text can use ``{glue:text}`<id>```.
    Returns the glued ids."""
    from companion.book.glue import glue_value

    figures = figures_in(session)
    for figure in figures:
        glue_value(figure.id, figure.prose)
    return [figure.id for figure in figures]


def what_it_measures(figure: Figure) -> str:
    """The figure's label, followed by its qualifying note when it has one
    (for example, that "today's" 244 million is an estimate for mid-2015)."""
    note = reader_note(figure.note)
    return f"{figure.label}. *Note:* {note}" if note else figure.label


def figures_table(session: str) -> Markdown:
    """The "Figures quoted in this session" table for a session page."""
    rows = [
        "| Figure | What it measures | Who said it | Quote | Report |",
        "|---|---|---|---|---|",
    ]
    for figure in figures_in(session):
        rows.append(
            f"| {figure_link(figure)} | {table_cell(what_it_measures(figure))} | {table_cell(who_said(figure))} "
            f"| {table_cell(quoted(figure.quote))} | {para_reference(figure.session, figure.paragraph)} |"
        )
    return Markdown("\n".join(rows))


def figure_entry(figure: Figure, citations: dict[str, str]) -> str:
    """One entry of the figures index: anchor, provenance and "Cite this"
    block, whose ``citations`` ("apa", "chicago", "book-apa") are rendered
    by ``figures_index`` for all figures at once."""
    period = f" · refers to: {figure.reference_period}" if figure.reference_period else ""
    source = f" · source named: {figure.source_named}" if figure.source_named else ""
    return "\n".join(
        [
            "::::{container} figure-entry",
            f"({figure.id})=",
            f"**{figure.prose}** ({figure.unit}) — {figure.label}  ",
            f"`{figure.id}` · {cite.location(figure)} {para_reference(figure.session, figure.paragraph)} · {who_said(figure)}{period}{source}",
            "",
            f"> {quoted(figure.quote)}",
            "",
            *([f"*Note:* {reader_note(figure.note)}", ""] if figure.note else []),
            ":::{dropdown} Cite this figure",
            "**In the report**, APA 7 (reference, then the in-text citation with the figure's place):",
            "",
            "```text",
            citations["apa"].strip(),
            "```",
            "",
            "Chicago author-date:",
            "",
            "```text",
            citations["chicago"].strip(),
            "```",
            "",
            "```bibtex",
            cite.as_bibtex([figure]).strip(),
            "```",
            "",
            "**As compiled in this book** (APA 7):",
            "",
            "```text",
            citations["book-apa"].strip(),
            "```",
            ":::",
            "::::",
            "",
        ]
    )


def figures_index() -> Markdown:
    """Every figure of the report, grouped by session, each with its entry."""
    sessions = load_table("sessions").set_index("id")
    figures = all_figures()
    rendered = {
        "apa": cite.in_style_each("apa", figures),
        "chicago": cite.in_style_each("chicago", figures),
        "book-apa": cite.book_in_style_each("apa", figures),
    }
    parts = []
    current = None
    for number, figure in enumerate(figures):
        if figure.session != current:
            current = figure.session
            title = cite.section_name(current) if sessions.loc[current, "kind"] == "session" else sessions.loc[current, "title"]
            parts.append(f"**{title}**\n")
        parts.append(figure_entry(figure, {style: blocks[number] for style, blocks in rendered.items()}))
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
    prose can link to them with ``{term}``. Each entry: the full name, the
    kind the book files it under, whether the report's list of abbreviations
    has it (and how it prints it), and the note from the data, made for
    readers (paragraph references, links to errata)."""
    organizations = load_table("organizations")
    organizations = organizations.assign(term=[glossary_term(row.abbreviation, row.name) for row in organizations.itertuples()])
    lines = ["```{glossary}"]
    for row in organizations.sort_values("term", key=lambda terms: terms.str.lower()).itertuples():
        sentences = []
        if row.term != row.name:
            sentences.append(f"{row.name}.")
        sentences.append(f"Filed as: {row.type}.")
        if row.in_abbreviation_list:
            listed = row.abbreviation_as_listed
            printed = f", which prints it as {listed}" if isinstance(listed, str) and listed not in ("", row.abbreviation) else ""
            sentences.append(f"In the report's list of abbreviations{printed}.")
        note = reader_note(row.note)
        if note:
            sentences.append(note)
        lines += [row.term, f"  {' '.join(sentences)}", ""]
    lines.append("```")
    return Markdown("\n".join(lines))


def event_date_text(row) -> str:
    """An event's date at its precision: "16 Feb 2017", "Feb 2017", "2017";
    a span that starts and ends in the same period is that period ("2017")."""
    formats = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}
    start = row.start_date.strftime(formats[row.precision]).lstrip("0")
    if pd.isna(row.end_date):
        return start
    end = row.end_date.strftime(formats[row.precision]).lstrip("0")
    return start if end == start else f"{start} to {end}"


def quoted(text: str) -> str:
    """The report's words between typographic quotation marks; a quote that is
    itself wholly in quotation marks (a title) keeps one pair, not two."""
    text = str(text)
    if len(text) > 1 and text[0] in "\"“" and text[-1] in "\"”":
        text = text[1:-1]
    return f"“{text}”"


# How the timeline words an event's status, which the events table records
# relative to the meeting's dates (16-17 February 2017).
STATUS_WORDS = {
    "past": "before the meeting",
    "ongoing": "under way at the meeting",
    "planned": "planned, after the meeting",
}
# The order of events that start on the same date: one dated only to a year
# (filed at 1 January) comes first, as the heading of its year, then months,
# then days.
_PRECISION_ORDER = {"year": 0, "month": 1, "day": 2}


def status_text(row) -> str:
    """An event's status in words; the meeting itself is named as such."""
    from companion.book.timelines import MEETING_ID

    return "this meeting" if row.id == MEETING_ID else STATUS_WORDS[row.status]


def events_in_date_order() -> pd.DataFrame:
    """The events table sorted by date; events dated only to a year lead their year."""
    events = load_table("events")
    events = events.assign(precision_order=events["precision"].map(_PRECISION_ORDER))
    return events.sort_values(["start_date", "precision_order", "id"]).drop(columns="precision_order")


def events_timeline() -> Markdown:
    """Every dated event, in date order: status, place, the paragraph that
    mentions it, the report's words and the note that qualifies it."""
    rows = [
        "| Date | Event | Status | Place | Report | Quote | Note |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in events_in_date_order().itertuples():
        rows.append(
            f"| {event_date_text(row)} | {table_cell(row.name)} | {status_text(row)} | {table_cell(row.place)} "
            f"| {para_reference(row.session, row.paragraph)} | {table_cell(quoted(row.quote))} "
            f"| {table_cell(reader_note(row.note))} |"
        )
    return Markdown("\n".join(rows))


def errata_list() -> Markdown:
    """The errata, one entry each with an anchor: where, the report's words,
    what is wrong and how the book treats it."""
    errata = load_table("errata")
    parts = []
    for row in errata.itertuples():
        parts += [
            f"({errata_anchor(row.id)})=",
            f"**{cite.section_name(row.session)}**: {quoted(row.quote)}  ",
            f"*Problem:* {reader_note(row.problem)}  ",
            f"*How this book treats it:* {reader_note(row.treatment)}",
            "",
        ]
    return Markdown("\n".join(parts))


def _paragraph_details(section: str, number: int, row, tables: dict[str, pd.DataFrame],
                       figures: list[Figure]) -> list[str]:
    """The lines under one paragraph's summary: who spoke, who is named, and
    the figures and events the book's tables file under the paragraph."""
    names = dict(zip(tables["speakers"]["id"], tables["speakers"]["name"]))
    here = tables["appearances"][
        (tables["appearances"]["session"] == section) & (tables["appearances"]["paragraph"] == number)
    ]
    speaking = [f"{names[person.speaker]} ({person.role})" for person in here.itertuples() if person.role != "mentioned"]
    if isinstance(row.other_speakers, str) and row.other_speakers:
        speaking.append(row.other_speakers)
    named = [names[person.speaker] for person in here.itertuples() if person.role == "mentioned"]
    figures = [figure for figure in figures if figure.session == section and figure.paragraph == number]
    events = tables["events"][(tables["events"]["session"] == section) & (tables["events"]["paragraph"] == number)]
    lines = []
    if speaking:
        lines.append(f"*Who spoke:* {'; '.join(speaking)}")
    if named:
        lines.append(f"*Also named:* {', '.join(named)}")
    if figures:
        lines.append(f"*Figures:* {'; '.join(f'{figure_link(figure)} ({figure.label})' for figure in figures)}")
    if not events.empty:
        listed = ", ".join(f"{event.name} ({event_date_text(event)})" for event in events.itertuples())
        lines.append(f"*Events* (see the {{doc}}`timeline`): {listed}")
    return lines


def paragraph_entries() -> Markdown:
    """The page "The report, paragraph by paragraph": for every part and
    paragraph of the report, an anchor (the target of ``{para}``
    references), a one-line summary in our words, who spoke, and the
    figures and events filed under it."""
    sessions = load_table("sessions").sort_values("order")
    paragraphs = load_table("paragraphs")
    tables = {name: load_table(name) for name in ("speakers", "appearances", "events")}
    figures = all_figures()
    parts = []
    for part in sessions.itertuples():
        heading = f"{part.numeral}. {part.title}" if part.kind == "session" else part.title
        parts += [f"**{heading}**", ""]
        for row in paragraphs[paragraphs["section"] == part.id].sort_values("paragraph").itertuples():
            number = int(row.paragraph)
            details = _paragraph_details(part.id, number, row, tables, figures)
            parts += [
                f"({paragraph_anchor(part.id, number)})=",
                f"**{part.reference_label} ¶{number}** {row.summary}" + ("  " if details else ""),
                *[line + "  " for line in details[:-1]],
                *details[-1:],
                "",
            ]
    return Markdown("\n".join(parts))


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
