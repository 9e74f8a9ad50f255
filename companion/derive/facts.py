"""Curating the shared context facts into ``context_facts.csv``.

The shared ``context_facts.csv`` (compiled next to the workbooks, outside
the repository) is copied row for row; curation adds each fact's topic,
sourcing and bib key and splits its source title into title and place. The
judgements - which topic, which publication, how direct the sourcing - are
data: ``data/context_fact_rules.csv``, one pattern per row with its reason.
"""

from __future__ import annotations

import csv
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from companion.data.tables import load_table
from companion.derive.workbooks import source_workbooks
from companion.errors import DerivationError

FACTS_TABLE = "context_facts.csv"
FACT_FIELDS = [
    "id", "topic", "value", "value_number", "unit", "reference_year", "publisher", "title",
    "source_year", "url", "table_or_page", "excerpt", "confidence", "sourcing", "bib_key",
]
SOURCE_FACT_FIELDS = [
    "fact_id", "value", "unit", "reference_year", "source_title", "publisher",
    "source_year", "url", "excerpt", "confidence",
]

_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
RULES_TABLE = "context_fact_rules"


@dataclass(frozen=True)
class Rules:
    """The curation rules of ``data/context_fact_rules.csv``, by kind, in table order."""

    by_kind: dict[str, list[tuple[str, str]]]

    @classmethod
    def load(cls) -> "Rules":
        by_kind: dict[str, list[tuple[str, str]]] = {}
        for row in load_table(RULES_TABLE).itertuples():
            value = row.value if isinstance(row.value, str) else ""
            by_kind.setdefault(row.rule, []).append((row.fact_id, value))
        return cls(by_kind)

    def first(self, kind: str, fact_id: str) -> str | None:
        """The value of the first ``kind`` rule whose pattern matches ``fact_id``, else None."""
        for pattern, value in self.by_kind.get(kind, []):
            if fnmatch.fnmatchcase(fact_id, pattern):
                return value
        return None

    def required(self, kind: str, fact_id: str) -> str:
        """Like ``first``, but a fact no rule matches is a DerivationError."""
        value = self.first(kind, fact_id)
        if value is None:
            raise DerivationError(f"data/{RULES_TABLE}.csv: no {kind} rule matches fact {fact_id!r}; add one")
        return value


def _sourcing(row: Mapping[str, str], rules: Rules) -> str:
    """official-derived when the source row's confidence says "derived", else the sourcing rule.

    "official" is the publisher's own dataset, document or release;
    "official-derived" is computed from official data; "secondary" is an
    official figure or text as relayed by another body or site;
    "news-report" is the press.
    """
    if "derived" in row["confidence"]:
        return "official-derived"
    return rules.required("sourcing", row["fact_id"])


def _title_and_place(row: Mapping[str, str], bib_key: str, rules: Rules, workbook_titles: Mapping[str, str]) -> tuple[str, str]:
    """The source title without its table or paragraph, and that table or paragraph.

    A title or place rule overrides the split of the source title at
    ", Table ". UN DESA workbook rows get the workbook's full title with its
    document symbol (``workbook_titles``, by bib key; the source rows
    abbreviate some), so that one workbook has one title throughout the
    project.
    """
    title, _, place = row["source_title"].partition(", Table ")
    place = f"Table {place}" if place else ""
    title = rules.first("title", row["fact_id"]) or workbook_titles.get(bib_key, title)
    place_rule = rules.first("place", row["fact_id"])
    return title.strip(), place if place_rule is None else place_rule


def curate_context_facts(path: Path) -> list[dict]:
    """Curate the shared ``context_facts.csv`` into the project's table.

    What changes from the source rows: the id stays the source ``fact_id``;
    ``topic``, ``sourcing`` and ``bib_key`` are added by the rules of
    ``data/context_fact_rules.csv``; ``source_title`` is split into
    ``title`` and ``table_or_page`` (or set by a title or place rule);
    ``value_number`` repeats ``value`` when that is one plain number. The
    value, unit, years, publisher, url, excerpt and confidence note are
    copied unchanged, and no row is added or dropped.
    """
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            source_rows = list(reader)
            missing = set(SOURCE_FACT_FIELDS) - set(reader.fieldnames or [])
    except FileNotFoundError:
        raise DerivationError(f"{path}: context facts file not found; pass it with --facts") from None
    if missing:
        raise DerivationError(f"{path}: missing columns {', '.join(sorted(missing))}")
    rules = Rules.load()
    workbook_titles = {book.bib_key: book.title for book in source_workbooks()}
    facts = []
    for row in source_rows:
        bib_key = rules.required("bib_key", row["fact_id"])
        title, place = _title_and_place(row, bib_key, rules, workbook_titles)
        facts.append({
            "id": row["fact_id"],
            "topic": rules.required("topic", row["fact_id"]),
            "value": row["value"],
            "value_number": row["value"] if _PLAIN_NUMBER.fullmatch(row["value"]) else None,
            "unit": row["unit"],
            "reference_year": row["reference_year"],
            "publisher": row["publisher"],
            "title": title,
            "source_year": row["source_year"],
            "url": row["url"],
            "table_or_page": place,
            "excerpt": row["excerpt"],
            "confidence": row["confidence"],
            "sourcing": _sourcing(row, rules),
            "bib_key": bib_key,
        })
    ids = [fact["id"] for fact in facts]
    if len(ids) != len(set(ids)):
        raise DerivationError(f"{path}: duplicate fact ids {sorted({i for i in ids if ids.count(i) > 1})}")
    return facts  # kept in the source's order, which groups facts by topic

