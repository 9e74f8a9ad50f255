"""Checking the report's figures against official series (companion.derive.checks).

Expected values are worked out by hand here (or taken from the shared
context facts), not copied from the code under test.
"""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from companion.derive import checks
from companion.derive.csvfile import write_csv
from companion.errors import DerivationError
from companion.paths import repo_root
from tests.requirements import require_shared_facts

ROOT = repo_root()
OTHER = "Other / unknown origin"


# ---------------------------------------------------------------- rounding


def test_91_percent_of_119_can_only_be_108_documents():
    # 107/119 = 0.8992, 108/119 = 0.9076, 109/119 = 0.9160
    assert checks.undaf_counts_rounding_to(91, 119) == [108]


def test_several_counts_can_round_to_the_same_percent():
    # Of 300: 272 -> 90.67 -> 91, 273 -> 91.00, 274 -> 91.33 -> 91; 271 -> 90.33, 275 -> 91.67.
    assert checks.undaf_counts_rounding_to(91, 300) == [272, 273, 274]


def test_halves_round_up_not_to_even():
    # 1 of 8 is 12.5 per cent: half up gives 13 (round-half-even would give 12).
    assert checks.undaf_counts_rounding_to(13, 8) == [1]
    assert checks.undaf_counts_rounding_to(12, 8) == []
    assert checks.round_half_up("2.5") == 3
    assert checks.round_half_up(Fraction(-1, 2)) == 0


def test_an_impossible_percentage_has_no_count():
    # Of 3 documents only 0, 33, 67 and 100 per cent are possible.
    assert checks.undaf_counts_rounding_to(50, 3) == []
    assert checks.undaf_counts_rounding_to(67, 3) == [2]


def test_a_total_of_zero_is_refused():
    with pytest.raises(ValueError, match="total must be positive"):
        checks.undaf_counts_rounding_to(91, 0)


@pytest.mark.parametrize(
    ("qualifier", "reported", "official", "holds"),
    [
        ("more than", 50, "50.39", True),
        ("more than", 50, 50, False),
        ("almost", Fraction(200, 3), "64.09", True),
        ("almost", Fraction(200, 3), 67, False),   # above two-thirds is not "almost"
        ("almost", Fraction(200, 3), "16.54", False),  # far below is not "almost"
        ("exact", 244, 244, True),
    ],
)
def test_qualifiers(qualifier, reported, official, holds):
    assert checks.qualifier_holds(qualifier, reported, official) is holds


@pytest.mark.parametrize(
    ("reported", "official", "scale", "verdict"),
    [
        (244, 243_700_236, 10**6, "consistent-after-rounding"),
        (243, 243_700_236, 10**6, "inconsistent"),
        (150, "150.3", 1, "consistent-after-rounding"),
        (150, "150", 1, "consistent"),
    ],
)
def test_rounding_verdicts(reported, official, scale, verdict):
    assert checks.rounding_verdict(reported, official, scale) == verdict


# ---------------------------------------------------------------- intra-regional shares


def _matrix(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["destination_area", "origin_area", "migrants"])


def test_intra_regional_shares_on_a_hand_made_matrix():
    matrix = _matrix([
        ("A", "A", 60), ("A", "B", 30), ("A", OTHER, 10),
        ("B", "A", 40), ("B", "B", 20), ("B", OTHER, 40),
    ])
    shares = checks.intra_regional_shares(matrix).set_index("area")
    # Percentages. A-born: 60 + 40 = 100, 60 stay in A; living in A: 100 (90 of known origin).
    assert shares.loc["A", "share_of_born"] == 60
    assert shares.loc["A", "share_of_living"] == 60
    assert shares.loc["A", "share_of_living_known"] == Fraction(6000, 90)
    # B-born: 30 + 20 = 50, 20 stay; living in B: 100, known 60.
    assert shares.loc["B", "share_of_born"] == 40
    assert shares.loc["B", "share_of_living"] == 20
    assert shares.loc["B", "share_of_living_known"] == Fraction(2000, 60)


# ---------------------------------------------------------------- the figure checks


def _committed_checks() -> dict[str, dict]:
    with (ROOT / "data" / checks.CHECKS_TABLE).open(encoding="utf-8", newline="") as handle:
        return {row["check_id"]: row for row in csv.DictReader(handle)}


def _source_fact(fact_id: str) -> dict:
    with require_shared_facts().open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["fact_id"] == fact_id:
                return row
    raise KeyError(fact_id)


def test_verdicts_of_the_committed_checks():
    verdicts = {check_id: row["verdict"] for check_id, row in _committed_checks().items()}
    assert verdicts["international-migrants-2015/undesa-2015-revision"] == "consistent-after-rounding"
    assert verdicts["africa-intra-regional-share/origin-based"] == "consistent"
    assert verdicts["africa-intra-regional-share/summary"] == "consistent"
    assert verdicts["lac-intra-regional-share/destination-based"] == "consistent"
    # 5,918,182 of the 35,790,162 LAC-born live in another LAC country: 16.5 per cent is not almost two-thirds.
    assert verdicts["lac-intra-regional-share/origin-based"] == "inconsistent"
    # 5,918,182 of the 8,967,501 of known origin living in LAC: 66.0 per cent is.
    assert verdicts["lac-intra-regional-share/destination-based-known-origin"] == "consistent"
    assert verdicts["lac-intra-regional-share/summary"] == "depends-on-definition"
    assert verdicts["ilo-migrant-workers/ilo-1st-edition"] == "consistent-after-rounding"
    assert verdicts["undaf-documents-share/implied-count"] == "inference"
    assert set(verdicts.values()) <= set(checks.VERDICTS)


def test_each_reading_has_the_verdict_its_own_arithmetic_gives():
    for check_id, row in _committed_checks().items():
        if row["reading"] in ("as-worded", "alternative"):
            holds = row["arithmetic"].rsplit(": ", 1)[1]
            assert holds in ("yes", "no"), check_id
            assert row["verdict"] == {"yes": "consistent", "no": "inconsistent"}[holds], check_id


def test_exactly_one_reading_is_the_one_the_sentence_describes():
    rows = _committed_checks().values()
    for figure_id in ("africa-intra-regional-share", "lac-intra-regional-share"):
        readings = [row["reading"] for row in rows if row["figure_id"] == figure_id]
        assert sorted(readings) == ["all-readings", "alternative", "alternative", "as-worded"], figure_id


def test_committed_shares_agree_with_the_compiled_facts():
    rows = _committed_checks()
    pairs = [
        ("africa-intra-regional-share/origin-based", "F2.Africa.intra_origin"),
        ("africa-intra-regional-share/destination-based", "F2.Africa.intra_dest"),
        ("lac-intra-regional-share/origin-based", "F2.LAC.intra_origin"),
        ("lac-intra-regional-share/destination-based", "F2.LAC.intra_dest"),
    ]
    for check_id, fact_id in pairs:
        # The facts give one decimal, the checks two: they may differ by half a tenth plus half a hundredth.
        assert float(rows[check_id]["official_value"]) == pytest.approx(float(_source_fact(fact_id)["value"]), abs=0.055), check_id


def test_every_check_names_its_denominator_basis():
    for check_id, row in _committed_checks().items():
        if "intra-regional" in check_id and not check_id.endswith("/summary"):
            assert "Other / unknown origin" in row["definition"], check_id
            assert " / " in row["arithmetic"] and " × 100 = " in row["arithmetic"], check_id


def _tiny_folder(folder: Path, africa_stays: int) -> Path:
    """Derived tables for a toy world: 100 Africa-born migrants, ``africa_stays`` of them
    in Africa and the rest in Europe; 100 migrants in LAC, 65 of them LAC-born."""
    write_csv(folder / "migrant_stock_by_area.csv", ["revision", "area", "year", "migrant_stock"], [
        {"revision": 2015, "area": "World", "year": 2015, "migrant_stock": 243_700_236},
        {"revision": 2017, "area": "World", "year": 2015, "migrant_stock": 247_585_744},
    ])
    write_csv(folder / "origin_destination_2015_by_area.csv", ["destination_area", "origin_area", "migrants"], [
        {"destination_area": "Africa", "origin_area": "Africa", "migrants": africa_stays},
        {"destination_area": "Africa", "origin_area": OTHER, "migrants": 10},
        {"destination_area": "Europe", "origin_area": "Africa", "migrants": 100 - africa_stays},
        {"destination_area": "Latin America and the Caribbean", "origin_area": "Latin America and the Caribbean", "migrants": 65},
        {"destination_area": "Latin America and the Caribbean", "origin_area": OTHER, "migrants": 35},
    ])
    facts = [
        {"id": "F3.2015ed", "value_number": "150.3", "reference_year": "2013", "source_year": "2015", "bib_key": "ilo", "sourcing": "secondary"},
        {"id": "F3.2015ed.denom", "value_number": "206.6", "reference_year": "2013", "source_year": "2015", "bib_key": "ilo", "sourcing": "secondary"},
        {"id": "F3.2018ed", "value_number": "164", "reference_year": "2017", "source_year": "2018", "bib_key": "ilo2", "sourcing": "secondary"},
    ]
    write_csv(folder / "context_facts.csv", list(facts[0]), facts)
    return folder


def test_a_share_below_the_reported_threshold_is_inconsistent(tmp_path: Path):
    # 45 of 100 Africa-born stay in Africa: 45 per cent is not "more than 50";
    # but 45 of the 55 living in Africa is 81.8 per cent, so it depends on the reading.
    rows = {row["check_id"]: row for row in checks.figure_checks(_tiny_folder(tmp_path, africa_stays=45))}
    assert rows["africa-intra-regional-share/origin-based"]["official_value"] == "45"
    assert rows["africa-intra-regional-share/origin-based"]["verdict"] == "inconsistent"
    assert rows["africa-intra-regional-share/summary"]["verdict"] == "depends-on-definition"
    # LAC: 65 of 100 living there (65.00 per cent) is almost two-thirds.
    assert rows["lac-intra-regional-share/destination-based"]["official_value"] == "65"
    assert rows["lac-intra-regional-share/destination-based"]["verdict"] == "consistent"


def test_a_share_above_the_threshold_is_consistent(tmp_path: Path):
    rows = {row["check_id"]: row for row in checks.figure_checks(_tiny_folder(tmp_path, africa_stays=51))}
    assert rows["africa-intra-regional-share/origin-based"]["verdict"] == "consistent"
    assert rows["africa-intra-regional-share/origin-based"]["arithmetic"].startswith("51 / 100 × 100 = 51 percent")


def test_every_percentage_of_100_or_more_items_is_reachable():
    # Steps of 100/119 = 0.84 points are under one point: no whole percentage is skipped.
    assert checks.every_percent_reachable(119)
    assert checks.every_percent_reachable(100)
    # Of 99 items, 49/99 = 49.49% rounds to 49 and 50/99 = 50.51% to 51: nothing gives 50.
    assert not checks.every_percent_reachable(99)
    assert not checks.every_percent_reachable(3)


def test_undaf_share_of_119_is_an_inference_not_a_check():
    row = checks.infer_undaf_count(91, 119)
    assert row["verdict"] == "inference"
    assert row["check_id"] == "undaf-documents-share/implied-count"
    assert row["official_value"] is None
    assert row["arithmetic"].endswith("counts giving 91 percent: 108")


def test_undaf_share_of_a_small_total_is_a_check_that_can_fail():
    assert checks.infer_undaf_count(50, 3)["verdict"] == "inconsistent"
    assert checks.infer_undaf_count(67, 3)["verdict"] == "consistent"


def test_undaf_arithmetic_is_shown():
    row = checks.infer_undaf_count(91, 119)
    assert "108/119 = 90.76% → 91" in row["arithmetic"]
    assert "109/119 = 91.60% → 92" in row["arithmetic"]


def test_checks_without_derived_tables_name_the_missing_file(tmp_path: Path):
    with pytest.raises(DerivationError, match="origin_destination_2015_by_area.csv"):
        checks.figure_checks(tmp_path)
