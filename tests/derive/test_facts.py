"""Curating the shared context facts (companion.derive.facts): nothing lost,
weaker sourcing visible."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion.derive.facts import FACTS_TABLE, curate_context_facts
from companion.errors import DerivationError
from tests.derive.rows import read_rows


def test_a_missing_facts_file_is_named(tmp_path: Path):
    with pytest.raises(DerivationError, match=re.escape(str(tmp_path / "nowhere.csv"))):
        curate_context_facts(tmp_path / "nowhere.csv")


def test_curated_facts_keep_every_source_row_and_value(derived: Path, source_facts):
    curated = read_rows(derived / FACTS_TABLE)
    assert [row["id"] for row in curated] == list(source_facts)
    for row in curated:
        source = source_facts[row["id"]]
        for field in ("value", "unit", "reference_year", "publisher", "source_year", "url", "excerpt", "confidence"):
            assert row[field] == source[field], (row["id"], field)


def test_value_number_is_given_exactly_when_the_value_is_one_number(derived: Path):
    for row in read_rows(derived / FACTS_TABLE):
        try:
            number = float(row["value"].strip())
        except ValueError:
            number = None
        if number is None:
            assert row["value_number"] == "", row["id"]
        else:
            assert float(row["value_number"]) == number, row["id"]


def test_weaker_sourcing_is_visible(derived: Path):
    curated = {row["id"]: row for row in read_rows(derived / FACTS_TABLE)}
    assert {row["sourcing"] for row in curated.values()} <= {"official", "official-derived", "secondary", "news-report"}
    # Rows the source itself marks as news reports or derived values.
    assert curated["F4.gcm.vote"]["sourcing"] == "news-report"
    assert curated["F1.2024rev.1990"]["sourcing"] == "news-report"
    for fact_id, row in curated.items():
        if "derived" in row["confidence"]:
            assert row["sourcing"] == "official-derived", fact_id
        if "news" in row["title"].lower() or "news report" in row["publisher"].lower():
            assert row["sourcing"] in ("news-report", "secondary"), fact_id

