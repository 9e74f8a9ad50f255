"""The report as data: schema validity, provenance against the text, completeness."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from companion.data import provenance
from companion.errors import CompanionDataError
from companion.paths import data_dir
from companion.data.tables import load_table
from tests.requirements import require_report_text


@pytest.fixture(scope="module")
def report_text() -> str:
    return require_report_text()


def test_frictionless_validates_the_package():
    frictionless = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(
        [str(frictionless), "validate", "--json", str(data_dir() / "datapackage.json")],
        capture_output=True, text=True, cwd=data_dir(),
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert '"valid": true' in result.stdout


def test_every_quote_is_verbatim_in_the_report(report_text):
    problems = []
    for table in provenance.QUOTED_TABLES:
        problems += provenance.check_quotes(table, load_table(table), report_text)
    assert not problems, "\n".join(map(str, problems))


def test_every_located_quote_is_where_it_says(report_text):
    assert {"figures", "events", "tour_de_table"} <= set(provenance.LOCATED_TABLES)
    problems = []
    for table in provenance.LOCATED_TABLES:
        problems += provenance.check_locations(table, load_table(table), report_text)
    assert not problems, "\n".join(map(str, problems))


def test_the_tour_de_table_has_one_row_per_paragraph_of_session_viii(report_text):
    problems = provenance.check_one_row_per_paragraph("tour_de_table", load_table("tour_de_table"), report_text, "VIII")
    assert not problems, "\n".join(map(str, problems))
    # Seventeen statements, counted by hand in the report's session VIII.
    assert len(load_table("tour_de_table")) == 17


def test_check_all_covers_every_quoted_table(report_text):
    assert provenance.check_all(report_text) == []
    assert "tour_de_table" in provenance.QUOTED_TABLES


def test_every_value_agrees_with_its_quote():
    problems = provenance.check_values(load_table("figures"))
    assert not problems, "\n".join(map(str, problems))


def test_no_number_in_the_report_is_unaccounted_for(report_text):
    quotes = provenance.quotes_by_section(load_table("figures"), load_table("events"))
    missing = provenance.unaccounted_numbers(report_text, quotes, provenance.load_exclusions())
    assert not missing, f"{len(missing)} numbers neither in figures, events nor exclusions:\n" + "\n".join(missing)


def test_every_exclusion_is_used_and_verbatim(report_text):
    from companion.data import report

    sections = report.sections(report_text)
    for number, exclusion in enumerate(provenance.load_exclusions(), start=1):
        assert exclusion["reason"].strip(), f"completeness_exclusions.csv row {number}: no reason"
        section = sections[exclusion["session"]]
        blocks = (*section.paragraphs, *section.footnotes)
        assert any(report.normalize(exclusion["text"]) in block for block in blocks), (
            f"completeness_exclusions.csv row {number}: {exclusion['text']!r} not in section {exclusion['session']}"
        )


def test_key_figures_hold_their_reported_values():
    figures = load_table("figures").set_index("id")
    # Values read off the report by a person, independent of the table's own text.
    assert figures.loc["international-migrants-2015", "value"] == 244_000_000
    assert figures.loc["undaf-documents-share", "value"] == 91
    assert figures.loc["undaf-documents-total", "value"] == 119
    assert figures.loc["ilo-migrant-workers", "value"] == 150_000_000
    assert figures.loc["meeting-participants", "qualifier"] == "more than"


# --- bad input is caught, naming table, row and field -------------------------------------


def _edit_row(folder: Path, table: str, row: int, column: str, value: str) -> None:
    import csv

    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_unknown_session_is_named(copied_data):
    _edit_row(copied_data, "figures", 2, "session", "XII")
    with pytest.raises(CompanionDataError, match=r"figures\.csv, row 2 \(line 3\), column 'session': 'XII' is not an id in table 'sessions'"):
        load_table("figures", copied_data)


def test_duplicate_figure_id_is_named(copied_data):
    first_id = load_table("figures", copied_data)["id"].iloc[0]
    _edit_row(copied_data, "figures", 3, "id", first_id)
    with pytest.raises(CompanionDataError, match=rf"figures\.csv, row 3 \(line 4\): duplicate id id='{first_id}'"):
        load_table("figures", copied_data)


def test_dangling_speaker_is_named(copied_data):
    _edit_row(copied_data, "figures", 1, "speaker", "nobody-at-all")
    with pytest.raises(CompanionDataError, match=r"row 1 \(line 2\), column 'speaker': 'nobody-at-all' is not an id in table 'speakers'"):
        load_table("figures", copied_data)


def test_quote_not_in_report_is_named(copied_data, report_text):
    _edit_row(copied_data, "figures", 4, "quote", "a sentence the report never printed")
    problems = provenance.check_quotes("figures", load_table("figures", copied_data), report_text)
    assert [str(p) for p in problems] == [
        "figures.csv, row 4 (line 5), column 'quote': not found in the report: 'a sentence the report never printed'"
    ]


def test_value_disagreeing_with_quote_is_named(copied_data):
    figures = load_table("figures", copied_data)
    row = int(figures.index[figures["id"] == "international-migrants-2015"][0]) + 1
    _edit_row(copied_data, "figures", row, "value", "245000000")
    problems = provenance.check_values(load_table("figures", copied_data))
    assert [str(p) for p in problems] == [
        f"figures.csv, row {row} (line {row + 1}), column 'value': 245000000 disagrees with the quote's '244 million'"
    ]


def test_figure_in_wrong_paragraph_is_named(copied_data, report_text):
    figures = load_table("figures", copied_data)
    row = int(figures.index[figures["id"] == "undaf-documents-share"][0]) + 1
    _edit_row(copied_data, "figures", row, "paragraph", "3")
    problems = provenance.check_locations("figures", load_table("figures", copied_data), report_text)
    assert [str(p) for p in problems] == [
        f"figures.csv, row {row} (line {row + 1}), column 'paragraph': quote is at session VII paragraph 1, not session VII paragraph 3"
    ]


def _drop_row(folder: Path, table: str, row: int) -> None:
    path = folder / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[row]
    path.write_text("".join(lines), encoding="utf-8")


def test_tour_de_table_speaker_not_in_its_paragraph_is_named(copied_data, report_text):
    _edit_row(copied_data, "tour_de_table", 2, "quote", "A representative of UNDP")
    problems = provenance.check_locations("tour_de_table", load_table("tour_de_table", copied_data), report_text)
    assert len(problems) == 1
    assert str(problems[0]).startswith("tour_de_table.csv, row 2 (line 3), column 'paragraph': quote is at session VIII paragraph 4")


def test_tour_de_table_missing_paragraph_is_named(copied_data, report_text):
    _drop_row(copied_data, "tour_de_table", 5)
    problems = provenance.check_one_row_per_paragraph("tour_de_table", load_table("tour_de_table", copied_data), report_text, "VIII")
    assert [str(p) for p in problems] == [
        "tour_de_table.csv, row 5 (line 6), column 'paragraph': paragraph 6 where paragraph 5 of session VIII belongs "
        "(one row per paragraph, in order, 17 in all)"
    ]


def test_tour_de_table_unknown_organisation_is_named(copied_data):
    _edit_row(copied_data, "tour_de_table", 1, "organization", "no-such-body")
    with pytest.raises(CompanionDataError, match=r"tour_de_table\.csv, row 1 \(line 2\), column 'organization': 'no-such-body' is not an id in table 'organizations'"):
        load_table("tour_de_table", copied_data)
