"""Curating the shared context facts (companion.derive.facts): nothing lost,
weaker sourcing visible."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest

from companion.derive.facts import FACTS_TABLE, Rules, curate_context_facts
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



# ---------------------------------------------------------------- the rules table


def test_every_rule_decides_at_least_one_fact(source_facts):
    # A rule that is never the first match of its kind is dead: remove it or move it up.
    rules = Rules.load()
    for kind, patterns in rules.by_kind.items():
        for position, (pattern, _) in enumerate(patterns):
            earlier = [p for p, _ in patterns[:position]]
            decided = [
                fact_id for fact_id in source_facts
                if fnmatch.fnmatchcase(fact_id, pattern) and not any(fnmatch.fnmatchcase(fact_id, p) for p in earlier)
            ]
            assert decided, f"context_fact_rules.csv: {kind} rule {pattern!r} decides no fact"


def test_a_fact_without_a_topic_rule_is_named(copied_data: Path, facts_source: Path, monkeypatch):
    rules = copied_data / "context_fact_rules.csv"
    rows = rules.read_text(encoding="utf-8").splitlines(keepends=True)
    rules.write_text("".join(row for row in rows if not row.startswith("topic,F9.")), encoding="utf-8")
    monkeypatch.setenv("COMPANION_DATA", str(copied_data))
    with pytest.raises(DerivationError, match=re.escape("data/context_fact_rules.csv: no topic rule matches fact 'F9.")):
        curate_context_facts(facts_source)


def test_rules_pick_the_first_match_of_their_kind():
    rules = Rules({"bib_key": [("F1.2024rev.1990", "news"), ("F1.2024rev.*", "portal")], "place": [("F9.check", "")]})
    assert rules.first("bib_key", "F1.2024rev.1990") == "news"
    assert rules.first("bib_key", "F1.2024rev.n") == "portal"
    assert rules.first("bib_key", "F1.2015.n") is None
    assert rules.first("place", "F9.check") == ""  # an empty place is a rule, not a miss
    with pytest.raises(DerivationError, match="no topic rule matches fact 'F1.2015.n'"):
        rules.required("topic", "F1.2015.n")
