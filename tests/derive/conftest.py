"""Fixtures for the derivation tests: the workbooks, the shared facts, one derivation.

The workbooks live outside the repository (see tests/requirements.py).
Expected values come from the shared context facts, compiled from the
workbooks by someone else, not from the code under test.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from companion.derive.__main__ import derive_all
from tests.requirements import require_shared_facts, require_source_data


@pytest.fixture(scope="session")
def workbooks() -> Path:
    """The workbook folder; skip (or fail in CI) when it is absent."""
    return require_source_data()


@pytest.fixture(scope="session")
def facts_source(workbooks: Path) -> Path:
    """The shared context_facts.csv, next to the workbook folder."""
    return require_shared_facts()


@pytest.fixture(scope="session")
def derived(tmp_path_factory, workbooks: Path, facts_source: Path) -> Path:
    """One full derivation into a temp folder, shared by the whole session
    (reading the workbooks takes seconds)."""
    out = tmp_path_factory.mktemp("derived")
    derive_all(workbooks, out, facts_source)
    return out


@pytest.fixture(scope="session")
def source_facts(facts_source: Path) -> dict[str, dict]:
    """The shared context facts by fact_id, as compiled (independent of our code)."""
    with facts_source.open(encoding="utf-8", newline="") as handle:
        return {row["fact_id"]: row for row in csv.DictReader(handle)}
