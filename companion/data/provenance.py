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
            problems.append(
                Problem(table, number, "paragraph", f"quote is at {found}, not session {stated[0]} paragraph {stated[1]}")
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


def check_all(text: str | None = None, folder: Path | None = None) -> list[Problem]:
    """Every provenance check over every quoted table."""
    text = report.read_report_text() if text is None else text
    problems = []
    for table in QUOTED_TABLES:
        frame = load_table(table, folder)
        problems += check_quotes(table, frame, text)
        if table in LOCATED_TABLES:
            problems += check_locations(table, frame, text)
        if table in PARAGRAPH_TABLES:
            problems += check_one_row_per_paragraph(table, frame, text, PARAGRAPH_TABLES[table])
    problems += check_values(load_table("figures", folder))
    return problems
