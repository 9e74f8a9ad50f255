"""Deriving the UN DESA tables: reproducible, matching the published figures,
and failing with a clear message.

The workbooks live outside the repository. Their folder comes from
COMPANION_SOURCE_DATA (default: ../shared/data/un-desa next to the
repository); without it the tests that need them are skipped, or fail when
COMPANION_REQUIRE_SOURCES=1 (as in CI). Expected values come from the shared
context facts (compiled from the workbooks by someone else), not from the
code under test.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from pybtex.database import parse_file

from companion import derive
from companion.errors import CompanionDataError
from companion.paths import repo_root

ROOT = repo_root()
SOURCE_ENV = "COMPANION_SOURCE_DATA"
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "un-desa"
WRITTEN = (
    derive.STOCK_TABLE,
    derive.ORIGIN_TABLE,
    derive.COUNTRY_TABLE,
    derive.SOURCES_TABLE,
    derive.FACTS_TABLE,
    "figure_checks.csv",
)
WORKBOOK_FILES = sorted({book.file for book in (*derive.STOCK_WORKBOOKS.values(), derive.ORIGIN_DESTINATION_2015)})


def _source_folder() -> Path:
    return Path(os.environ.get(SOURCE_ENV, DEFAULT_SOURCE))


@pytest.fixture(scope="session")
def workbooks() -> Path:
    """The workbook folder; skip (or fail in CI) when it is absent."""
    folder = _source_folder()
    if not folder.is_dir():
        message = f"UN DESA workbooks not found at {folder}; set {SOURCE_ENV} to the folder holding them"
        if os.environ.get("COMPANION_REQUIRE_SOURCES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return folder


@pytest.fixture(scope="session")
def facts_source(workbooks: Path) -> Path:
    """The shared context_facts.csv, next to the workbook folder."""
    return workbooks.parent / "context_facts.csv"


@pytest.fixture(scope="session")
def derived(tmp_path_factory, workbooks: Path, facts_source: Path) -> Path:
    """One full derivation into a temp folder, shared by the whole session
    (reading the workbooks takes seconds)."""
    out = tmp_path_factory.mktemp("derived")
    derive.derive_all(workbooks, out, facts_source)
    return out


@pytest.fixture(scope="session")
def source_facts(facts_source: Path) -> dict[str, dict]:
    """The shared context facts by fact_id, as compiled (independent of our code)."""
    with facts_source.open(encoding="utf-8", newline="") as handle:
        return {row["fact_id"]: row for row in csv.DictReader(handle)}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ---------------------------------------------------------------- reproducibility


@pytest.mark.parametrize("name", WRITTEN)
def test_committed_table_is_exactly_what_the_workbooks_give(derived: Path, name: str):
    committed = ROOT / "data" / name
    assert committed.is_file(), f"data/{name} is missing; run python -m companion.derive"
    assert committed.read_bytes() == (derived / name).read_bytes(), (
        f"data/{name} differs from a fresh derivation: edit companion/derive.py, not the CSV, "
        "and re-run python -m companion.derive"
    )


def test_a_second_run_is_byte_identical(derived: Path, workbooks: Path, facts_source: Path, tmp_path: Path):
    derive.derive_all(workbooks, tmp_path, facts_source)
    derive.derive_all(workbooks, tmp_path, facts_source)  # over its own output, too
    for name in WRITTEN:
        assert (tmp_path / name).read_bytes() == (derived / name).read_bytes(), name


@pytest.mark.parametrize("name", WRITTEN)
def test_output_is_plain_utf8_with_newline_endings(derived: Path, name: str):
    data = (derived / name).read_bytes()
    assert b"\r" not in data
    assert data.endswith(b"\n")
    data.decode("utf-8")


# ---------------------------------------------------------------- published figures


def _stock(derived: Path, revision: int, area: str, year: int) -> int:
    matches = [
        row for row in _rows(derived / derive.STOCK_TABLE)
        if (row["revision"], row["area"], row["year"]) == (str(revision), area, str(year))
    ]
    assert len(matches) == 1, (revision, area, year)
    return int(matches[0]["migrant_stock"])


def test_world_2015_in_the_2015_revision_is_the_published_total(derived: Path):
    # 243,700,236: Table 1 of the 2015 revision, "244 million" in UN DESA's press release.
    assert _stock(derived, 2015, "World", 2015) == 243700236


@pytest.mark.parametrize(
    ("fact_id", "revision", "area", "year"),
    [
        ("F1.1990.n", 2015, "World", 1990),
        ("F1.2010.n", 2015, "World", 2010),
        ("F1.2017rev.n", 2017, "World", 2017),
        ("F1.2017rev.2015", 2017, "World", 2015),
        ("F1.2019rev.n", 2019, "World", 2019),
        ("F1.2019rev.2015", 2019, "World", 2015),
        ("F1.2020rev.n", 2020, "World", 2020),
        ("F1.2020rev.2015", 2020, "World", 2015),
        ("F2.Africa.n", 2015, "Africa", 2015),
        ("F2.Asia.n", 2015, "Asia", 2015),
        ("F2.Europe.n", 2015, "Europe", 2015),
        ("F2.Latin.n", 2015, "Latin America and the Caribbean", 2015),
        ("F2.Northern.n", 2015, "Northern America", 2015),
        ("F2.Oceania.n", 2015, "Oceania", 2015),
    ],
)
def test_stock_matches_the_fact_read_from_the_workbook(derived, source_facts, fact_id, revision, area, year):
    assert _stock(derived, revision, area, year) == int(source_facts[fact_id]["value"])


def test_world_share_2015_matches_table_3(derived: Path, source_facts):
    row = next(
        r for r in _rows(derived / derive.STOCK_TABLE)
        if (r["revision"], r["area"], r["year"]) == ("2015", "World", "2015")
    )
    assert float(row["share_of_population"]) == pytest.approx(float(source_facts["F1.2015.pct"]["value"]), abs=5e-4)


def test_six_areas_add_up_to_the_world_in_every_revision_and_year(derived: Path):
    frame = pd.read_csv(derived / derive.STOCK_TABLE)
    assert sorted(set(frame["revision"])) == [2015, 2017, 2019, 2020]
    world = frame[frame["area"] == "World"].set_index(["revision", "year"])["migrant_stock"]
    areas = frame[frame["area"] != "World"]
    assert areas.groupby(["revision", "year"])["area"].nunique().eq(6).all()
    assert areas.groupby(["revision", "year"])["migrant_stock"].sum().equals(world.sort_index())


def test_countries_add_up_to_the_world_and_refugees_to_table_6(derived: Path, source_facts):
    countries = pd.read_csv(derived / derive.COUNTRY_TABLE)
    assert len(countries) == countries["m49_code"].nunique()
    assert countries["migrant_stock_2015"].sum() == int(source_facts["F1.2015.n"]["value"])
    assert countries["refugees_2015"].sum() == int(source_facts["F1.2015.refugees"]["value"])
    by_area = countries.groupby("major_area")["migrant_stock_2015"].sum()
    assert by_area["Africa"] == int(source_facts["F2.Africa.n"]["value"])


def test_origin_destination_keeps_the_unknown_origin_and_adds_up(derived: Path, source_facts):
    matrix = pd.read_csv(derived / derive.ORIGIN_TABLE)
    assert set(matrix["origin_area"]) == set(derive.MAJOR_AREAS.values()) | {"Other / unknown origin"}
    totals = matrix.groupby("destination_area")["migrants"].sum()
    assert totals["Africa"] == int(source_facts["F2.Africa.n"]["value"])
    assert totals["Latin America and the Caribbean"] == int(source_facts["F2.Latin.n"]["value"])
    assert totals.sum() == int(source_facts["F1.2015.n"]["value"])


def _excerpt_numbers(excerpt: str) -> list[int]:
    return [int(token.replace(",", "")) for token in re.findall(r"\d[\d,]*\d", excerpt)]


@pytest.mark.parametrize(
    ("token", "area"),
    [
        ("Africa", "Africa"),
        ("Asia", "Asia"),
        ("Europe", "Europe"),
        ("LAC", "Latin America and the Caribbean"),
        ("NAm", "Northern America"),
        ("Oceania", "Oceania"),
    ],
)
def test_intra_regional_counts_match_the_compiled_facts(derived: Path, source_facts, token, area):
    # The facts' excerpts hold "intra of denominator", computed independently from Table 16.
    matrix = pd.read_csv(derived / derive.ORIGIN_TABLE)
    known = matrix[matrix["origin_area"] != "Other / unknown origin"]
    intra = known[(known["origin_area"] == area) & (known["destination_area"] == area)]["migrants"].sum()
    born = known[known["origin_area"] == area]["migrants"].sum()
    living = matrix[matrix["destination_area"] == area]["migrants"].sum()
    assert _excerpt_numbers(source_facts[f"F2.{token}.intra_origin"]["excerpt"])[:2] == [intra, born]
    assert _excerpt_numbers(source_facts[f"F2.{token}.intra_dest"]["excerpt"])[:2] == [intra, living]


def test_sources_name_each_workbook_with_its_true_hash(derived: Path, workbooks: Path):
    sources = _rows(derived / derive.SOURCES_TABLE)
    assert {row["source_file"] for row in sources} == set(WORKBOOK_FILES)
    for row in sources:
        assert row["sha256"] == hashlib.sha256((workbooks / row["source_file"]).read_bytes()).hexdigest()
    keys = [(row["source_id"], row["table"]) for row in sources]
    assert len(keys) == len(set(keys))
    for name in (derive.STOCK_TABLE, derive.ORIGIN_TABLE, derive.COUNTRY_TABLE):
        used = {row["source_id"] for row in _rows(derived / name)}
        assert used <= {source for source, table in keys if table == name}, name


# ---------------------------------------------------------------- failing clearly


@pytest.mark.parametrize("missing", WORKBOOK_FILES)
def test_a_missing_workbook_is_named(workbooks: Path, tmp_path: Path, missing: str):
    for name in WORKBOOK_FILES:
        if name != missing:
            (tmp_path / name).symlink_to(workbooks / name)
    with pytest.raises(derive.DerivationError, match=re.escape(str(tmp_path / missing))) as caught:
        derive.derive_tables(tmp_path, tmp_path / "out")
    assert isinstance(caught.value, CompanionDataError)
    assert "source file not found" in str(caught.value)


def test_a_missing_facts_file_is_named(tmp_path: Path):
    with pytest.raises(derive.DerivationError, match=re.escape(str(tmp_path / "nowhere.csv"))):
        derive.curate_context_facts(tmp_path / "nowhere.csv")


def test_command_line_reports_a_missing_folder_in_one_line(tmp_path: Path, capsys):
    status = derive.main(["--source", str(tmp_path / "absent"), "--out", str(tmp_path / "out")])
    error = capsys.readouterr().err
    assert status == 2
    assert error.count("\n") == 1 and "UN_MigrantStockTotal_2015.xlsx" in error
    assert "Traceback" not in error


def test_a_changed_layout_is_reported_not_guessed():
    rows = (("Sort", "Country or area", "Code", "Something else"), (1, "WORLD", 900, 5))
    with pytest.raises(derive.DerivationError, match="no cell containing 'both sexes'"):
        derive.locate_year_block(rows, "both sexes", "toy.xlsx, sheet 'Table 1'")


# ---------------------------------------------------------------- small pure pieces


def test_year_block_is_found_by_its_labels_wherever_it_sits():
    # 2020 layout: label three rows above a header row that also holds the years.
    rows = (
        (None, None, None, None, None, None),
        (None, None, None, "Migrant stock, both sexes combined", None, "Migrant stock, males"),
        (None, None, None, None, None, None),
        (None, "Region, development group, country or area", "Location code", 1990, 2020, 1990),
        (1, "WORLD", 900, 10, 20, 4),
        (2, "Heading without a code", None, "..", "..", ".."),
        (3, "Africa", 903, 3, "..", 1),
    )
    block = derive.locate_year_block(rows, "both sexes", "toy")
    assert (block.name_column, block.code_column, block.year_columns) == (1, 2, {1990: 3, 2020: 4})
    series = derive.read_year_block(rows, block)
    assert list(series) == [900, 903]
    assert series[903].values == {1990: 3, 2020: None}


def test_aggregation_to_areas_on_a_hand_made_frame():
    flows = pd.DataFrame(
        [
            (1, "Total", 100), (1, "Bland", 30), (1, "Atwo", 50), (1, "Other North", 5),
            (2, "Total", 10), (2, "Aone", 10),
            (3, "Total", 40), (3, "Aone", 25), (3, "Other South", 15),
            (900, "Total", 150), (900, "Aone", 35),  # the world row: not a country, must not count
        ],
        columns=["destination_code", "origin", "migrants"],
    )
    result = derive.aggregate_to_areas(
        flows,
        area_of_code={1: "A", 2: "A", 3: "B"},
        area_of_name={"Aone": "A", "Atwo": "A", "Bland": "B"},
    )
    # By hand: into A, from A 50 + 10, from B 30, unknown 110 - 90 (Other North 5 plus a gap of 15);
    # into B, from A 25, unknown 15.
    expected = [
        ("A", "A", 60), ("A", "B", 30), ("A", "Other / unknown origin", 20),
        ("B", "A", 25), ("B", "Other / unknown origin", 15),
    ]
    assert list(result.itertuples(index=False, name=None)) == expected


def test_aggregation_refuses_origins_larger_than_the_total():
    flows = pd.DataFrame([(1, "Total", 10), (1, "Aone", 12)], columns=["destination_code", "origin", "migrants"])
    with pytest.raises(derive.DerivationError, match="exceed the destination total for A"):
        derive.aggregate_to_areas(flows, {1: "A"}, {"Aone": "A"})


# ---------------------------------------------------------------- facts and references


def test_curated_facts_keep_every_source_row_and_value(derived: Path, source_facts):
    curated = _rows(derived / derive.FACTS_TABLE)
    assert [row["id"] for row in curated] == list(source_facts)
    for row in curated:
        source = source_facts[row["id"]]
        for field in ("value", "unit", "reference_year", "publisher", "source_year", "url", "excerpt", "confidence"):
            assert row[field] == source[field], (row["id"], field)


def test_value_number_is_given_exactly_when_the_value_is_one_number(derived: Path):
    for row in _rows(derived / derive.FACTS_TABLE):
        try:
            number = float(row["value"].strip())
        except ValueError:
            number = None
        if number is None:
            assert row["value_number"] == "", row["id"]
        else:
            assert float(row["value_number"]) == number, row["id"]


def test_weaker_sourcing_is_visible(derived: Path):
    curated = {row["id"]: row for row in _rows(derived / derive.FACTS_TABLE)}
    assert {row["sourcing"] for row in curated.values()} <= {"official", "official-derived", "secondary", "news-report"}
    # Rows the source itself marks as news reports or derived values.
    assert curated["F4.gcm.vote"]["sourcing"] == "news-report"
    assert curated["F1.2024rev.1990"]["sourcing"] == "news-report"
    for fact_id, row in curated.items():
        if "derived" in row["confidence"]:
            assert row["sourcing"] == "official-derived", fact_id
        if "news" in row["title"].lower() or "news report" in row["publisher"].lower():
            assert row["sourcing"] in ("news-report", "secondary"), fact_id


@pytest.fixture(scope="module")
def bibliography():
    return parse_file(str(ROOT / "references.bib"))


@pytest.mark.parametrize(("table", "column"), [
    (derive.FACTS_TABLE, "bib_key"),
    (derive.SOURCES_TABLE, "bib_key"),
    ("figure_checks.csv", "bib_key"),
])
def test_every_bib_key_resolves(bibliography, table: str, column: str):
    keys = {row[column] for row in _rows(ROOT / "data" / table)} - {""}
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
