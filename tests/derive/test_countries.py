"""companion.derive.countries (data/country_profiles_2015.csv): adding up
to figures compiled independently, and refusing a country marked in two
income groups. (Reproducibility against the committed file is in
test_main.py, with the other derived tables.)

Expected totals come from the shared context facts (compiled from the
workbooks by someone else), not from the code under test; the fixtures are
in conftest.py.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from companion.derive import countries as derive_countries
from companion.errors import CompanionDataError
from companion.paths import repo_root

ROOT = repo_root()


@pytest.fixture(scope="module")
def profiles(workbooks: Path) -> pd.DataFrame:
    return pd.DataFrame(derive_countries.derive_country_profiles_2015(workbooks))


def _known_origin_total(fact: dict) -> int:
    """The "N of M" denominator in an intra-regional fact's excerpt."""
    return int(re.search(r"of ([\d,]+)", fact["excerpt"]).group(1).replace(",", ""))


@pytest.mark.parametrize("fact_id, area", [
    ("F2.Africa.intra_origin", "Africa"),
    ("F2.Asia.intra_origin", "Asia"),
    ("F2.Europe.intra_origin", "Europe"),
    ("F2.LAC.intra_origin", "Latin America and the Caribbean"),
    ("F2.NAm.intra_origin", "Northern America"),
    ("F2.Oceania.intra_origin", "Oceania"),
])
def test_emigrants_add_up_to_each_areas_known_origin_total(profiles, source_facts, fact_id, area):
    by_area = profiles.groupby("major_area")["emigrants_2015"].sum()
    assert by_area[area] == _known_origin_total(source_facts[fact_id])


def test_every_country_has_a_population_and_the_world_is_near_the_2015_revisions(profiles, source_facts):
    assert profiles["population_2015"].notna().all()
    world_2015_revision = float(source_facts["F9.wpop2015"]["value"])
    # The 2017 revision re-estimated 2015; the two world totals differ by well under 1 per cent.
    assert abs(profiles["population_2015"].sum() / world_2015_revision - 1) < 0.01


def test_income_groups_are_the_four_world_bank_groups(profiles):
    groups = set(derive_countries.INCOME_GROUPS.values())
    for column in ("income_group_2017", "income_group_2019"):
        assert set(profiles[column].dropna()) == groups
        assert profiles[column].notna().sum() > 200


def test_type_of_data_codes_follow_note_a(profiles):
    assert profiles["type_of_data_2015"].str.fullmatch(r"[BCI]( [BCR])*").all()


def test_committed_table_loads_with_its_schema():
    from companion.data.tables import load_table

    table = load_table("country_profiles_2015")
    assert len(table) == len(pd.read_csv(ROOT / "data" / derive_countries.TABLE))


ANNEX_HEADER = ("Index", "Country or area", "Notes", "Code", "High-income Countries", "Middle-income Countries",
                "Upper-middle-income Countries", "Lower-middle-income Countries", "Low-income Countries")


def _fake_annex(monkeypatch, *rows):
    monkeypatch.setattr(derive_countries, "read_sheet", lambda folder, workbook, sheet: (ANNEX_HEADER, *rows))


def test_income_groups_are_read_by_header_and_mark(monkeypatch):
    _fake_annex(monkeypatch,
                (1, "Aland", None, 10, "Y", "N", "N", "N", "N"),
                (2, "Bland", None, 20, "N", "Y", "N", "Y", "N"),
                (3, "Region", None, None, None, None, None, None, None))
    assert derive_countries.read_income_groups(Path("."), 2017) == {10: "High income", 20: "Lower-middle income"}


def test_a_country_in_two_income_groups_is_named(monkeypatch):
    _fake_annex(monkeypatch, (1, "Cland", None, 30, "Y", "N", "N", "N", "Y"))
    with pytest.raises(CompanionDataError, match=r"code 30 is marked in High income, Low income"):
        derive_countries.read_income_groups(Path("."), 2017)


def test_a_missing_income_column_is_reported(monkeypatch):
    monkeypatch.setattr(derive_countries, "read_sheet", lambda folder, workbook, sheet: (ANNEX_HEADER[:5],))
    with pytest.raises(CompanionDataError, match="upper-middle-income countries"):
        derive_countries.read_income_groups(Path("."), 2019)


def test_output_is_sorted_by_code_with_a_header():
    with (ROOT / "data" / derive_countries.TABLE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    codes = [int(row["m49_code"]) for row in rows]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
