"""Checking the report-as-data tables against the report's text.

Each check returns a list of problems, each naming the table, the row and the
field, so that a test can show every fault at once and a reader can go
straight to the cell. ``check_all`` runs them all.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from companion.data import report
from companion.errors import CompanionDataError
from companion.data.numbers import CARDINAL_WORDS, FRACTION_WORDS, ORDINAL_WORDS, SCALE_WORDS, numbers_match
from companion.paths import data_dir
from companion.data.tables import load_table

MAX_QUOTE_WORDS = 40
QUOTED_TABLES = ("figures", "events", "speakers", "errata", "tour_de_table")
# Quoted tables whose rows say where their quote is (session and paragraph).
LOCATED_TABLES = ("figures", "events", "tour_de_table")
# Tables with one row for each paragraph of a session: table -> session.
PARAGRAPH_TABLES = {"tour_de_table": "VIII"}

# Number words the completeness scan looks for (besides digit runs).
NUMBER_WORDS = CARDINAL_WORDS + SCALE_WORDS + FRACTION_WORDS + ORDINAL_WORDS
_NUMBER_PATTERN = re.compile(
    r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?|\b(?:" + "|".join(map(re.escape, NUMBER_WORDS)) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    """One fault in one cell: table, row (1-based data row), field, message."""

    table: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.table}.csv, row {self.row} (line {self.row + 1}), column {self.field!r}: {self.message}"


def _rows(frame: pd.DataFrame):
    for number, (_, row) in enumerate(frame.iterrows(), start=1):
        yield number, row


def check_quotes(table: str, frame: pd.DataFrame, text: str) -> list[Problem]:
    """Every quote occurs verbatim in the report and is at most 40 words."""
    problems = []
    for number, row in _rows(frame):
        quote = row["quote"]
        if not report.locate(quote, text):
            problems.append(Problem(table, number, "quote", f"not found in the report: {quote!r}"))
        words = len(quote.split())
        if table in ("figures", "events") and words > MAX_QUOTE_WORDS:
            problems.append(Problem(table, number, "quote", f"{words} words, more than {MAX_QUOTE_WORDS}"))
    return problems


def check_locations(table: str, frame: pd.DataFrame, text: str) -> list[Problem]:
    """Each row's session and paragraph are where its quote is."""
    problems = []
    for number, row in _rows(frame):
        places = report.locate(row["quote"], text)
        if not places:
            continue  # reported by check_quotes
        stated = (row["session"], None if pd.isna(row["paragraph"]) else int(row["paragraph"]))
        if stated not in places:
            found = ", ".join(f"session {s} paragraph {p}" for s, p in places)
            field = "paragraph" if stated[0] in {session for session, _ in places} else "session"
            problems.append(
                Problem(table, number, field, f"quote is at {found}, not session {stated[0]} paragraph {stated[1]}")
            )
    return problems


def check_one_row_per_paragraph(table: str, frame: pd.DataFrame, text: str, session: str) -> list[Problem]:
    """The table has exactly one row for each paragraph of ``session``, in order.

    Reports the first row that breaks the sequence (or the last row, when
    paragraphs are missing at the end).
    """
    paragraphs = len(report.sections(text)[session].paragraphs)
    rows = [(number, int(row["paragraph"])) for number, row in _rows(frame) if row["session"] == session]
    for position, expected in enumerate(range(1, paragraphs + 1)):
        if position >= len(rows):
            last = rows[-1][0] if rows else 0
            return [Problem(table, last, "paragraph", f"no row for paragraph {expected} of session {session} "
                            f"(one row per paragraph, {paragraphs} in all)")]
        number, stated = rows[position]
        if stated != expected:
            return [Problem(table, number, "paragraph", f"paragraph {stated} where paragraph {expected} of session "
                            f"{session} belongs (one row per paragraph, in order, {paragraphs} in all)")]
    if len(rows) > paragraphs:
        number, stated = rows[paragraphs]
        return [Problem(table, number, "paragraph", f"session {session} has only {paragraphs} paragraphs")]
    return []


def check_values(frame: pd.DataFrame) -> list[Problem]:
    """Each figure's value_text is in its quote and parses to its value."""
    problems = []
    for number, row in _rows(frame):
        if row["value_text"] not in row["quote"]:
            problems.append(Problem("figures", number, "value_text", f"{row['value_text']!r} is not in the quote"))
            continue
        try:
            if not numbers_match(float(row["value"]), row["value_text"]):
                problems.append(
                    Problem("figures", number, "value", f"{row['value']:.15g} disagrees with the quote's {row['value_text']!r}")
                )
        except CompanionDataError as error:
            problems.append(Problem("figures", number, "value_text", str(error)))
    return problems


def load_exclusions(folder: Path | None = None) -> list[dict]:
    """The completeness scan's deliberate exclusions (``data/completeness_exclusions.csv``)."""
    path = (folder or data_dir()) / "completeness_exclusions.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError:
        raise CompanionDataError(f"{path}: exclusions file not found") from None


def unaccounted_numbers(text: str, quotes_by_section: dict[str, list[str]], exclusions: list[dict]) -> list[str]:
    """Numbers in the report that no figure, event or exclusion accounts for.

    A numeral or number word is accounted for when it lies inside a span of
    its section that is the quote of a figure or event of that section, or
    the text of an exclusion for that section.
    """
    unaccounted = []
    covering = {section_id: list(quotes) for section_id, quotes in quotes_by_section.items()}
    for exclusion in exclusions:
        covering.setdefault(exclusion["session"], []).append(exclusion["text"])
    for section in report.sections(text).values():
        spans = []
        for block in (*section.paragraphs, *section.footnotes):
            for cover in covering.get(section.id, []):
                needle = report.normalize(cover)
                start = block.find(needle)
                while start != -1:
                    spans.append((block, start, start + len(needle)))
                    start = block.find(needle, start + 1)
        for block in (*section.paragraphs, *section.footnotes):
            for match in _NUMBER_PATTERN.finditer(block):
                covered = any(
                    owner is block and begin <= match.start() and match.end() <= end
                    for owner, begin, end in spans
                )
                if not covered:
                    context = block[max(0, match.start() - 40) : match.end() + 40]
                    unaccounted.append(f"section {section.id}: {match.group()!r} in ...{context}...")
    return unaccounted


def quotes_by_section(*frames: pd.DataFrame) -> dict[str, list[str]]:
    """Quotes of the given tables grouped by their session column."""
    grouped: dict[str, list[str]] = {}
    for frame in frames:
        for _, row in frame.iterrows():
            grouped.setdefault(row["session"], []).append(row["quote"])
    return grouped


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


# --- qualifiers ------------------------------------------------------------------------------

# Words that may stand between a qualifier and its number ("as high as a 10-month salary").
_ARTICLE = re.compile(r"\s+(?:a|an|the)$")


def _words_before(quote: str, value_text: str) -> str:
    """The quote's text before the first ``value_text``, lower case, without a trailing article."""
    before = quote[: quote.find(value_text)].lower().rstrip()
    return _ARTICLE.sub("", before).rstrip()


def qualifier_words() -> list[str]:
    """Every qualifier the schema allows that the report writes before a number."""
    from companion.data.tables import resource

    fields = {field["name"]: field for field in resource("figures")["schema"]["fields"]}
    return [word for word in fields["qualifier"]["constraints"]["enum"] if word not in ("exact", "several")]


def check_qualifiers(frame: pd.DataFrame) -> list[Problem]:
    """A qualifier ("more than") stands right before the number in the quote;
    an "exact" figure has none of the qualifiers there."""
    words = qualifier_words()
    problems = []
    for number, row in _rows(frame):
        if row["value_text"] not in row["quote"]:
            continue  # reported by check_values
        before = _words_before(row["quote"], row["value_text"])
        stated = next((word for word in words if before.endswith(word)), None)
        if row["qualifier"] == "exact" and stated:
            problems.append(Problem("figures", number, "qualifier", f"'exact', but the quote says {stated!r} {row['value_text']!r}"))
        elif row["qualifier"] not in ("exact", "several") and stated != row["qualifier"]:
            problems.append(
                Problem("figures", number, "qualifier", f"{row['qualifier']!r} is not the quote's word before {row['value_text']!r}")
            )
    return problems


# --- event dates -----------------------------------------------------------------------------

MONTHS = ("January February March April May June July August September October November December").split()
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:\s*(?:to|-|–)\s*\d{{1,2}})?\s+{_MONTH}\b|\b{_MONTH}\s+(\d{{1,2}})\b(?!\d)")
_MONTH_WORD = re.compile(rf"\b{_MONTH}\b")


def date_precision(words: str) -> str | None:
    """The finest precision that date words give: "day" ("13 February 2004",
    "16 to 17 February"), "month" ("May 2017"), "year" ("2016"), else None."""
    if _DAY_MONTH.search(words):
        return "day"
    if _MONTH_WORD.search(words):
        return "month"
    if _YEAR.search(words):
        return "year"
    return None


def _date_problems(number: int, column: str, date, precision: str, words: str) -> list[Problem]:
    problems = []
    if str(date.year) not in _YEAR.findall(words):
        problems.append(Problem("events", number, column, f"year {date.year} is not in the date words {words[:80]!r}"))
    if precision in ("day", "month") and MONTHS[date.month - 1] not in words:
        problems.append(Problem("events", number, column, f"month {MONTHS[date.month - 1]} is not in the date words {words[:80]!r}"))
    if precision == "day" and not re.search(rf"(?<!\d){date.day}(?!\d)", words):
        problems.append(Problem("events", number, column, f"day {date.day} is not in the date words {words[:80]!r}"))
    return problems


def check_event_dates(frame: pd.DataFrame, text: str) -> list[Problem]:
    """An event's dates and precision agree with the date words of its quote.

    A quote without a year of its own (an event "celebrated on 16 June") takes
    its year from its paragraph; a quote with no date words at all is checked
    against its paragraph's.
    """
    problems = []
    for number, row in _rows(frame):
        quote = row["quote"]
        places = report.locate(quote, text)
        paragraph = ""
        if places and places[0][1] > 0:
            paragraph = report.paragraph(places[0][0], places[0][1], text)
        given = date_precision(quote)
        if given is None:
            words = paragraph
        elif not _YEAR.search(quote):
            words = f"{quote} {' '.join(_YEAR.findall(paragraph))}"
        else:
            words = quote
        if given is not None and given != row["precision"]:
            problems.append(Problem("events", number, "precision", f"{row['precision']!r}, but the quote's date words give a {given}"))
        problems += _date_problems(number, "start_date", row["start_date"], row["precision"], words)
        if not pd.isna(row["end_date"]):
            problems += _date_problems(number, "end_date", row["end_date"], row["precision"], words)
    return problems


# --- organisations, speakers and attributions ------------------------------------------------


def _word_in(needle: str, text: str) -> bool:
    return bool(needle) and re.search(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", text) is not None


def names_organization(text: str, organization) -> bool:
    """Whether ``text`` names the organisation (a row of organizations.csv):
    by its abbreviation as a word, by its full name or by the head of its name
    (the part before a comma: "Population Division"), or - for a short span
    such as "Economic and Social Affairs" - by being part of that head."""
    for abbreviation in (organization["abbreviation"], organization["abbreviation_as_listed"]):
        if not _missing(abbreviation) and _word_in(abbreviation, text):
            return True
    name = organization["name"].lower()
    head = name.split(",")[0]
    lowered = text.lower()
    if name in lowered or (len(head.split()) > 1 and head in lowered):
        return True
    core = re.sub(r"^(?:on behalf of\s+)?(?:the|his|her)\s+", "", lowered.strip())
    return len(core) >= 10 and core in name.split(",")[0] if "," in name else len(core) >= 10 and core in name


def check_speakers(frame: pd.DataFrame, organizations: pd.DataFrame, text: str) -> list[Problem]:
    """Each person's name, honorific, function and organisation are the quote's
    words, the quote is where the row says, and the organisation id is the one
    those words name (or, where the report names none, the note says why)."""
    known = organizations.set_index("id")
    problems = []
    for number, row in _rows(frame):
        quote = row["quote"]
        for column in ("name", "function", "organization_as_printed"):
            if not _missing(row[column]) and row[column] not in quote:
                problems.append(Problem("speakers", number, column, f"{row[column]!r} is not in the quote {quote!r}"))
        if not _missing(row["honorific"]) and f"{row['honorific']} {row['name']}" not in quote:
            problems.append(Problem("speakers", number, "honorific", f"the quote does not print {row['honorific']} {row['name']!r}"))
        places = report.locate(quote, text)
        if places and (row["session"], int(row["paragraph"])) not in places:
            found = ", ".join(f"session {s} paragraph {p}" for s, p in places)
            problems.append(Problem("speakers", number, "paragraph", f"quote is at {found}, not session {row['session']} paragraph {row['paragraph']}"))
        if _missing(row["organization"]):
            continue
        if not _missing(row["organization_as_printed"]):
            if not names_organization(row["organization_as_printed"], known.loc[row["organization"]]):
                problems.append(
                    Problem("speakers", number, "organization", f"{row['organization']!r} is not what the report prints: {row['organization_as_printed']!r}")
                )
        elif _missing(row["note"]):
            problems.append(Problem("speakers", number, "organization", f"{row['organization']!r}: the report names no organisation and note does not say why the book files it so"))
    return problems


def check_abbreviations(frame: pd.DataFrame, text: str) -> list[Problem]:
    """Organisations marked as listed are in the report's list of abbreviations,
    under the abbreviation as listed, with the list's expansion as name."""
    listed = report.abbreviation_list(text)
    problems = []
    for number, row in _rows(frame):
        abbreviation = row["abbreviation_as_listed"]
        if not row["in_abbreviation_list"]:
            if not _missing(abbreviation):
                problems.append(Problem("organizations", number, "abbreviation_as_listed", f"{abbreviation!r} given, but in_abbreviation_list is false"))
            continue
        if _missing(abbreviation) or abbreviation not in listed:
            problems.append(Problem("organizations", number, "abbreviation_as_listed", f"{abbreviation!r} is not in the report's list of abbreviations"))
        elif listed[abbreviation] != row["name"]:
            problems.append(Problem("organizations", number, "name", f"{row['name']!r}, but the report's list expands {abbreviation} as {listed[abbreviation]!r}"))
    covered = set(frame.loc[frame["in_abbreviation_list"] == True, "abbreviation_as_listed"].dropna())  # noqa: E712
    for missing in sorted(set(listed) - covered):
        problems.append(Problem("organizations", len(frame) + 1, "abbreviation_as_listed", f"the report's list has {missing!r}; no row files it"))
    return problems


def check_attributions(figures: pd.DataFrame, speakers: pd.DataFrame, organizations: pd.DataFrame, text: str) -> list[Problem]:
    """Who a figure is credited to is what its paragraph prints: the attribution
    is in the paragraph and names the speaker; the organisation is the
    speaker's (or one the speaker's introduction names), or the one the
    attribution names; a figure the report states in its own voice has none."""
    people = speakers.set_index("id")
    known = organizations.set_index("id")
    problems = []
    for number, row in _rows(figures):
        attribution, speaker, organization = row["attribution"], row["speaker"], row["organization"]
        if not _missing(attribution):
            paragraph = report.paragraph(row["session"], int(row["paragraph"]), text)
            if report.normalize(attribution) not in paragraph:
                problems.append(Problem("figures", number, "attribution", f"{attribution!r} is not in session {row['session']} paragraph {row['paragraph']}"))
        if not _missing(speaker):
            person = people.loc[speaker]
            if _missing(attribution) or person["name"].split()[-1] not in attribution:
                problems.append(Problem("figures", number, "attribution", f"does not name the speaker {person['name']!r}: {attribution!r}"))
            if not _missing(organization) and organization != person["organization"] and not names_organization(person["quote"], known.loc[organization]):
                problems.append(
                    Problem("figures", number, "organization", f"{organization!r} is neither {person['name']}'s organisation ({person['organization']!r}) nor named where the report introduces them")
                )
        elif not _missing(organization):
            if _missing(attribution):
                problems.append(Problem("figures", number, "organization", f"{organization!r}, but the report credits the figure to no one (attribution is empty)"))
            elif not names_organization(attribution, known.loc[organization]):
                problems.append(Problem("figures", number, "organization", f"{organization!r} is not the body the attribution names: {attribution!r}"))
    return problems


def check_contents_pages(frame: pd.DataFrame, text: str) -> list[Problem]:
    """Each part's first page is the one the report's contents print on the
    line of that part (found by its numeral, or by its heading's first words)."""
    entries = report.contents_lines(text)
    problems = []
    for number, row in _rows(frame):
        if _missing(row["contents_page"]):
            continue
        opening = f"{row['numeral']}." if not _missing(row["numeral"]) else " ".join(row["heading_as_printed"].split()[:2])
        pages = [page for entry, page in entries if entry.startswith(opening)]
        if pages != [row["contents_page"]]:
            problems.append(Problem("sessions", number, "contents_page", f"{row['contents_page']!r} is not the page the contents give for {opening!r}"))
    return problems


def check_all(text: str | None = None, folder: Path | None = None) -> list[Problem]:
    """Every provenance check over every table that states what the report says."""
    text = report.read_report_text() if text is None else text
    problems = []
    for table in QUOTED_TABLES:
        frame = load_table(table, folder)
        problems += check_quotes(table, frame, text)
        if table in LOCATED_TABLES:
            problems += check_locations(table, frame, text)
        if table in PARAGRAPH_TABLES:
            problems += check_one_row_per_paragraph(table, frame, text, PARAGRAPH_TABLES[table])
    figures = load_table("figures", folder)
    organizations = load_table("organizations", folder)
    speakers = load_table("speakers", folder)
    problems += check_values(figures)
    problems += check_qualifiers(figures)
    problems += check_event_dates(load_table("events", folder), text)
    problems += check_speakers(speakers, organizations, text)
    problems += check_abbreviations(organizations, text)
    problems += check_attributions(figures, speakers, organizations, text)
    problems += check_contents_pages(load_table("sessions", folder), text)
    return problems
