"""The command line of companion.derive: reproducible output, clear failures,
and every bib key it writes resolvable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from companion.derive import countries
from companion.derive.__main__ import derive_all, derive_tables, main
from companion.derive.checks import CHECKS_TABLE
from companion.derive.facts import FACTS_TABLE
from companion.derive.tables import COUNTRY_TABLE, ORIGIN_TABLE, SOURCES_TABLE, STOCK_TABLE
from companion.errors import CompanionDataError, DerivationError
from companion.paths import repo_root
from tests.derive.rows import WORKBOOK_FILES, read_rows

ROOT = repo_root()
WRITTEN = (STOCK_TABLE, ORIGIN_TABLE, COUNTRY_TABLE, countries.TABLE, SOURCES_TABLE, FACTS_TABLE, CHECKS_TABLE)


@pytest.mark.parametrize("name", WRITTEN)
def test_committed_table_is_exactly_what_the_workbooks_give(derived: Path, name: str):
    committed = ROOT / "data" / name
    assert committed.is_file(), f"data/{name} is missing; run python -m companion.derive"
    assert committed.read_bytes() == (derived / name).read_bytes(), (
        f"data/{name} differs from a fresh derivation: edit companion/derive/, not the CSV, "
        "and re-run python -m companion.derive"
    )


def test_a_second_run_is_byte_identical(derived: Path, workbooks: Path, facts_source: Path, tmp_path: Path):
    derive_all(workbooks, tmp_path, facts_source)
    derive_all(workbooks, tmp_path, facts_source)  # over its own output, too
    for name in WRITTEN:
        assert (tmp_path / name).read_bytes() == (derived / name).read_bytes(), name


@pytest.mark.parametrize("name", WRITTEN)
def test_output_is_plain_utf8_with_newline_endings(derived: Path, name: str):
    data = (derived / name).read_bytes()
    assert b"\r" not in data
    assert data.endswith(b"\n")
    data.decode("utf-8")


@pytest.mark.parametrize("missing", WORKBOOK_FILES)
def test_a_missing_workbook_is_named(workbooks: Path, tmp_path: Path, missing: str):
    for name in WORKBOOK_FILES:
        if name != missing:
            (tmp_path / name).symlink_to(workbooks / name)
    with pytest.raises(DerivationError, match=re.escape(str(tmp_path / missing))) as caught:
        derive_tables(tmp_path, tmp_path / "out")
    assert isinstance(caught.value, CompanionDataError)
    assert "source file not found" in str(caught.value)


def test_command_line_reports_a_missing_folder_in_one_line(tmp_path: Path, capsys):
    (tmp_path / "context_facts.csv").write_text("id\n", encoding="utf-8")  # the facts are there; the workbooks are not
    status = main(["--source", str(tmp_path / "absent"), "--out", str(tmp_path / "out")])
    error = capsys.readouterr().err
    assert status == 2
    assert error.count("\n") == 1 and "UN_MigrantStockTotal_2015.xlsx" in error
    assert "Traceback" not in error



def test_missing_context_facts_are_named_before_anything_is_written(workbooks: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    status = main(["--source", str(workbooks), "--out", str(out), "--facts", str(tmp_path / "context_facts.csv")])
    error = capsys.readouterr().err
    assert status == 2
    assert str(tmp_path / "context_facts.csv") in error and "--facts" in error and "Traceback" not in error
    assert not out.exists() or not any(out.iterdir())


@pytest.fixture(scope="module")
def bibliography():
    return parse_file(str(ROOT / "references.bib"))


@pytest.mark.parametrize(("table", "column"), [
    (FACTS_TABLE, "bib_key"),
    (SOURCES_TABLE, "bib_key"),
    (CHECKS_TABLE, "bib_key"),
])
def test_every_bib_key_resolves(bibliography, table: str, column: str):
    keys = {row[column] for row in read_rows(ROOT / "data" / table)} - {""}
    assert keys, f"data/{table} has no bib keys"
    unknown = keys - set(bibliography.entries)
    assert not unknown, f"data/{table}: keys not in references.bib: {sorted(unknown)}"


def test_the_report_itself_is_in_the_bibliography(bibliography):
    entry = bibliography.entries["undesa2017coordination15"]
    assert entry.type == "techreport"
    assert entry.fields["number"] == "ESA/P/WP/249"
    assert entry.fields["year"] == "2017"
    assert "Fifteenth Coordination Meeting on International Migration" in entry.fields["title"]
    assert entry.fields["institution"] == (
        "United Nations, Department of Economic and Social Affairs, Population Division"
    )

