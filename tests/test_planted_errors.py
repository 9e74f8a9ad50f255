"""The planted-error experiment as a test: one wrong cell at a time, in a copy
of data/, must be reported by the provenance checks naming its table, row and
field. Each kind of error is one that a careless edit could make and that
passed every test before these checks existed (the first five), or that
was caught already (the rest)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from companion.data import provenance
from tests.requirements import require_report_text

# (kind, table, row id, column, wrong value) - each a valid value of its
# column, so that only a check against the report's text can catch it.
PLANTS = [
    ("organisation swapped for another valid one", "figures", "international-migrants-2015", "organization", "un-desa-pd"),
    ("organisation of a tour-de-table figure swapped", "figures", "unu-gcm-researchers", "organization", "unu-gcm"),
    ("qualifier dropped", "figures", "meeting-participants", "qualifier", "exact"),
    ("qualifier added", "figures", "ilo-migrant-workers", "qualifier", "more than"),
    ("event year changed", "events", "new-york-declaration-adopted", "start_date", "2015-09-01"),
    ("event precision coarsened", "events", "ga-resolution-58-208", "precision", "year"),
    ("abbreviation expansion altered", "organizations", "ilo", "name", "International Labour Office"),
    ("speaker name misspelt", "speakers", "francois-crepeau", "name", "Francois Crépeau"),
    ("speaker function reworded", "speakers", "izumi-nakamitsu", "function", "Special Adviser to the Secretary-General"),
    ("speaker organisation swapped", "speakers", "lars-westbratt", "organization", "switzerland"),
    ("figure credited to the wrong body", "figures", "undp-programme-countries", "attribution", "A representative of UNHCR"),
    ("value changed", "figures", "international-migrants-2015", "value", "245000000"),
    ("value's words changed", "figures", "undaf-documents-share", "value_text", "92 per cent"),
    ("quote altered", "figures", "ilo-migrant-workers", "quote", "there were currently 160 million international migrant workers worldwide"),
    ("paragraph changed", "figures", "undaf-documents-share", "paragraph", "3"),
    ("session changed to another valid one", "figures", "undaf-documents-share", "session", "VI"),
]


def plant(folder: Path, table: str, row_id: str, column: str, value: str) -> int:
    """Write ``value`` into one cell of ``folder/table.csv``; return the data row number (from 1)."""
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    (number,) = [index for index, row in enumerate(rows[1:], start=1) if row[header.index("id")] == row_id]
    assert rows[number][header.index(column)] != value, "the plant must change the cell"
    rows[number][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return number


def test_the_committed_data_has_no_problem():
    problems = provenance.check_all(require_report_text())
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("kind, table, row_id, column, value", PLANTS, ids=[p[0] for p in PLANTS])
def test_a_planted_error_is_named(copied_data, monkeypatch, kind, table, row_id, column, value):
    text = require_report_text()
    monkeypatch.setenv("COMPANION_DATA", str(copied_data))
    number = plant(copied_data, table, row_id, column, value)
    problems = provenance.check_all(text, copied_data)
    named = [p for p in problems if (p.table, p.row, p.field) == (table, number, column)]
    assert named, f"{kind}: nothing names {table}.csv row {number} column {column!r}; found:\n" + "\n".join(map(str, problems))
    assert f"{table}.csv, row {number} (line {number + 1}), column {column!r}" in str(named[0])
