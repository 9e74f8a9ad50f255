"""The derived tables match the figures UN DESA publishes (companion.derive.tables)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from companion.derive.tables import (
    COUNTRY_TABLE,
    ORIGIN_TABLE,
    SOURCES_TABLE,
    STOCK_TABLE,
    aggregate_to_areas,
)
from companion.derive.workbooks import MAJOR_AREAS
from companion.errors import DerivationError
from tests.derive.rows import WORKBOOK_FILES, read_rows


def _stock(derived: Path, revision: int, area: str, year: int) -> int:
    matches = [
        row for row in read_rows(derived / STOCK_TABLE)
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
        r for r in read_rows(derived / STOCK_TABLE)
        if (r["revision"], r["area"], r["year"]) == ("2015", "World", "2015")
    )
    assert float(row["share_of_population"]) == pytest.approx(float(source_facts["F1.2015.pct"]["value"]), abs=5e-4)


def test_six_areas_add_up_to_the_world_in_every_revision_and_year(derived: Path):
    frame = pd.read_csv(derived / STOCK_TABLE)
    assert sorted(set(frame["revision"])) == [2015, 2017, 2019, 2020]
    world = frame[frame["area"] == "World"].set_index(["revision", "year"])["migrant_stock"]
    areas = frame[frame["area"] != "World"]
    assert areas.groupby(["revision", "year"])["area"].nunique().eq(6).all()
    assert areas.groupby(["revision", "year"])["migrant_stock"].sum().equals(world.sort_index())


def test_countries_add_up_to_the_world_and_refugees_to_table_6(derived: Path, source_facts):
    countries = pd.read_csv(derived / COUNTRY_TABLE)
    assert len(countries) == countries["m49_code"].nunique()
    assert countries["migrant_stock_2015"].sum() == int(source_facts["F1.2015.n"]["value"])
    assert countries["refugees_2015"].sum() == int(source_facts["F1.2015.refugees"]["value"])
    by_area = countries.groupby("major_area")["migrant_stock_2015"].sum()
    assert by_area["Africa"] == int(source_facts["F2.Africa.n"]["value"])


def test_origin_destination_keeps_the_unknown_origin_and_adds_up(derived: Path, source_facts):
    matrix = pd.read_csv(derived / ORIGIN_TABLE)
    assert set(matrix["origin_area"]) == set(MAJOR_AREAS.values()) | {"Other / unknown origin"}
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
    matrix = pd.read_csv(derived / ORIGIN_TABLE)
    known = matrix[matrix["origin_area"] != "Other / unknown origin"]
    intra = known[(known["origin_area"] == area) & (known["destination_area"] == area)]["migrants"].sum()
    born = known[known["origin_area"] == area]["migrants"].sum()
    living = matrix[matrix["destination_area"] == area]["migrants"].sum()
    assert _excerpt_numbers(source_facts[f"F2.{token}.intra_origin"]["excerpt"])[:2] == [intra, born]
    assert _excerpt_numbers(source_facts[f"F2.{token}.intra_dest"]["excerpt"])[:2] == [intra, living]


def test_sources_name_each_workbook_with_its_true_hash(derived: Path, workbooks: Path):
    sources = read_rows(derived / SOURCES_TABLE)
    assert {row["source_file"] for row in sources} == set(WORKBOOK_FILES)
    for row in sources:
        assert row["sha256"] == hashlib.sha256((workbooks / row["source_file"]).read_bytes()).hexdigest()
    keys = [(row["source_id"], row["table"]) for row in sources]
    assert len(keys) == len(set(keys))
    for name in (STOCK_TABLE, ORIGIN_TABLE, COUNTRY_TABLE):
        used = {row["source_id"] for row in read_rows(derived / name)}
        assert used <= {source for source, table in keys if table == name}, name


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
    result = aggregate_to_areas(
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
    with pytest.raises(DerivationError, match="exceed the destination total for A"):
        aggregate_to_areas(flows, {1: "A"}, {"Aone": "A"})

