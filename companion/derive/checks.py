"""Checking the report's figures against official series.

``figure_checks(folder)`` sets five of the report's figures against values
computed from the derived tables in ``folder`` (or taken from its sourced
context facts), and ``write_figure_checks(folder)`` writes the result to
``figure_checks.csv``. Each row says what exactly was computed
(``definition``), shows the computation with its numbers (``arithmetic``)
and gives a verdict:

* ``consistent``: the official value satisfies the report's wording as it
  stands ("more than 50 percent" and the value is above 50);
* ``consistent-after-rounding``: the report's figure is the official value
  rounded (244 million for 243,700,236);
* ``inconsistent``: neither;
* ``depends-on-definition``: (summary rows) the wording holds under one
  reading and fails under another;
* ``inference``: not a check but what the figure implies, because no value
  could have contradicted it (see ``infer_undaf_count``).

Where the words allow several readings (the intra-regional shares), each
reading gets its own row with its own verdict, and ``reading`` says which
one the report's sentence describes (``as-worded``), which are shown for
comparison (``alternative``) and which row sums them up (``all-readings``).
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pandas as pd

from companion.derive.csvfile import format_decimal, write_csv
from companion.derive.facts import FACTS_TABLE
from companion.derive.tables import ORIGIN_TABLE, OTHER_ORIGIN, STOCK_TABLE
from companion.derive.workbooks import WORLD_NAME
from companion.errors import DerivationError

CHECKS_TABLE = "figure_checks.csv"
FIGURE_CHECK_FIELDS = [
    "figure_id", "check_id", "reported_value", "reported_unit", "qualifier",
    "official_value", "official_unit", "reading", "definition", "arithmetic", "verdict",
    "source_id", "bib_key", "note",
]
VERDICTS = ("consistent", "consistent-after-rounding", "inconsistent", "depends-on-definition", "inference")
READINGS = ("as-worded", "alternative", "all-readings")

# "almost X" is read as: below X, by less than a tenth of X. (The report
# does not define it; the definition column of each row states this.)
ALMOST_FRACTION = Fraction(9, 10)

ORIGIN_SOURCE = "undesa-2015od-table16"
STOCK_SOURCE = "undesa-2015-table1"
PERCENT_DECIMALS = 2


# --------------------------------------------------------------------------
# Arithmetic helpers
# --------------------------------------------------------------------------


def round_half_up(value: Fraction | int | str) -> int:
    """Round to the nearest integer, halves upwards, without binary floats.

    Python's ``round`` rounds halves to even and works on floats, which
    would make 90.5 per cent "90"; the report's readers round halves up.
    """
    return math.floor(Fraction(value) + Fraction(1, 2))


def undaf_counts_rounding_to(percent: int, total: int) -> list[int]:
    """Every whole count k of ``total`` whose share rounds to ``percent``.

    k runs from 0 to ``total``; k qualifies when 100 * k / total, rounded
    half up to a whole number, equals ``percent``. For 91 per cent of 119
    documents that is [108]; an empty list means the percentage cannot come
    from any count.
    """
    if total <= 0:
        raise ValueError(f"total must be positive, not {total}")
    return [k for k in range(total + 1) if round_half_up(Fraction(100 * k, total)) == percent]


def qualifier_holds(qualifier: str, reported: Fraction | int | str, official: Fraction | int | str) -> bool:
    """Whether ``official`` satisfies "<qualifier> <reported>".

    "more than": strictly above; "almost": below, by less than a tenth
    (ALMOST_FRACTION); "exact": equal.
    """
    reported, official = Fraction(reported), Fraction(official)
    if qualifier == "more than":
        return official > reported
    if qualifier == "almost":
        return ALMOST_FRACTION * reported <= official < reported
    if qualifier == "exact":
        return official == reported
    raise ValueError(f"unknown qualifier {qualifier!r}")


def rounding_verdict(reported: int, official: Fraction | int | str, scale: int = 1) -> str:
    """Verdict for a flat figure: equal, equal once rounded to ``scale``, or neither."""
    scaled = Fraction(official) / scale
    if scaled == reported:
        return "consistent"
    return "consistent-after-rounding" if round_half_up(scaled) == reported else "inconsistent"


def _percent(part: int, whole: int) -> Fraction:
    """``part`` as a percentage of ``whole``, exactly."""
    return Fraction(100 * part, whole)


def _show_percent(value: Fraction) -> str:
    """A percentage as text: whole numbers as such, others with PERCENT_DECIMALS decimals."""
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else format_decimal(float(value), PERCENT_DECIMALS)


# --------------------------------------------------------------------------
# Intra-regional shares
# --------------------------------------------------------------------------


def intra_regional_shares(matrix: pd.DataFrame) -> pd.DataFrame:
    """Per major area, migrants born in and living in the area, three ways.

    ``matrix`` is ``origin_destination_2015_by_area``: ``destination_area``,
    ``origin_area`` (including "Other / unknown origin"), ``migrants``.
    Returns one row per area with:

    * ``intra``: born in the area and living in another country of it;
    * ``born_in_area``: born in the area, living anywhere (known origins
      only: migrants of unknown origin cannot be assigned to an area);
    * ``living_in_area``: living in the area, all origins including
      "Other / unknown origin";
    * ``living_known_origin``: living in the area, known origins only;
    * ``share_of_born``, ``share_of_living``, ``share_of_living_known``:
      ``intra`` as a percentage (exact Fractions) of each.
    """
    frame = matrix.astype({"migrants": "int64"})
    known = frame[frame["origin_area"] != OTHER_ORIGIN]
    areas = sorted(set(known["origin_area"]) & set(frame["destination_area"]))
    rows = []
    for area in areas:
        intra = int(known[(known["origin_area"] == area) & (known["destination_area"] == area)]["migrants"].sum())
        born = int(known[known["origin_area"] == area]["migrants"].sum())
        living = int(frame[frame["destination_area"] == area]["migrants"].sum())
        living_known = int(known[known["destination_area"] == area]["migrants"].sum())
        rows.append({
            "area": area,
            "intra": intra,
            "born_in_area": born,
            "living_in_area": living,
            "living_known_origin": living_known,
            "share_of_born": _percent(intra, born),
            "share_of_living": _percent(intra, living),
            "share_of_living_known": _percent(intra, living_known),
        })
    return pd.DataFrame(rows)


# The three readings of "intra-regional share": (check suffix, share column,
# denominator column, definition with {area}).
SHARE_BASES = [
    (
        "origin-based",
        "share_of_born",
        "born_in_area",
        "share of migrants born in {area} (known country of origin, living anywhere) who live in another "
        "country of {area}; the 'Other / unknown origin' remainder is not in the denominator, as it cannot "
        "be assigned to an area of origin",
    ),
    (
        "destination-based",
        "share_of_living",
        "living_in_area",
        "share of migrants living in {area} who were born in another country of {area}; the denominator is "
        "all migrants living in {area}, including the 'Other / unknown origin' remainder",
    ),
    (
        "destination-based-known-origin",
        "share_of_living_known",
        "living_known_origin",
        "share of migrants living in {area} who were born in another country of {area}; the denominator "
        "excludes the 'Other / unknown origin' remainder (known countries of origin only)",
    ),
]


def _share_checks(figure_id: str, area: str, reported: Fraction, reported_unit: str, qualifier: str,
                  wording_basis: str, shares: pd.DataFrame, note: str) -> list[dict]:
    """One row per reading of an intra-regional share, plus a summary row.

    Every reading is judged by the qualifier: consistent when the wording
    holds under it, inconsistent when not. The reading the report's
    sentence describes (``wording_basis``) is marked ``as-worded`` and
    carries the note; the others are ``alternative``. The summary is
    consistent when the wording holds under every reading,
    depends-on-definition when only under some, inconsistent under none.
    """
    row = shares.set_index("area").loc[area]
    rows, holds = [], []
    for suffix, share_column, denominator_column, definition in SHARE_BASES:
        share = row[share_column]
        holds.append(qualifier_holds(qualifier, reported, share))
        rows.append({
            "figure_id": figure_id,
            "check_id": f"{figure_id}/{suffix}",
            "reported_value": _show_percent(reported),
            "reported_unit": reported_unit,
            "qualifier": qualifier,
            "official_value": _show_percent(share),
            "official_unit": "percent",
            "reading": "as-worded" if suffix == wording_basis else "alternative",
            "definition": definition.format(area=area),
            "arithmetic": f"{row['intra']:,} / {row[denominator_column]:,} × 100 = {_show_percent(share)} percent; "
                          f"{qualifier} {_show_percent(reported)}: {'yes' if holds[-1] else 'no'}",
            "verdict": "consistent" if holds[-1] else "inconsistent",
            "source_id": ORIGIN_SOURCE,
            "bib_key": "undesa2015origin",
            "note": note if suffix == wording_basis else "",
        })
    summary = "consistent" if all(holds) else "depends-on-definition" if any(holds) else "inconsistent"
    described = holds[[suffix for suffix, *_ in SHARE_BASES].index(wording_basis)]
    readings = "; ".join(f"{suffix} {_show_percent(row[column])}" for suffix, column, _, _ in SHARE_BASES)
    rows.append({
        **rows[0],
        "check_id": f"{figure_id}/summary",
        "official_value": None,
        "official_unit": None,
        "reading": "all-readings",
        "definition": f"the report's wording tested under all three readings ({wording_basis} is the one its sentence describes)",
        "arithmetic": f"{qualifier} {_show_percent(reported)} percent holds under {sum(holds)} of {len(holds)} readings ({readings})",
        "verdict": summary,
        "note": f"Under the reading the sentence describes ({wording_basis}) the wording {'holds' if described else 'fails'}.",
    })
    return rows


# --------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------


def _read_table(folder: Path, name: str) -> pd.DataFrame:
    """A derived CSV of ``folder`` as strings, or a DerivationError naming it."""
    path = Path(folder) / name
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise DerivationError(f"{path}: derived table not found; run python -m companion.derive first") from None


def _fact(facts: pd.DataFrame, fact_id: str) -> pd.Series:
    """One context fact by id, or a DerivationError naming it."""
    match = facts[facts["id"] == fact_id]
    if match.empty:
        raise DerivationError(f"{FACTS_TABLE}: no fact {fact_id!r}")
    return match.iloc[0]


def check_international_migrants(stock: pd.DataFrame) -> dict:
    """244 million international migrants vs the 2015 revision's world total for 2015."""
    world = stock[stock["area"] == WORLD_NAME].astype({"revision": int, "year": int, "migrant_stock": int})
    value = int(world[(world["revision"] == 2015) & (world["year"] == 2015)]["migrant_stock"].iloc[0])
    later = world[(world["revision"] > 2015) & (world["year"] == 2015)].sort_values("revision")
    revised = ", ".join(f"{count:,} ({revision} revision)" for revision, count in zip(later["revision"], later["migrant_stock"]))
    return {
        "figure_id": "international-migrants-2015",
        "check_id": "international-migrants-2015/undesa-2015-revision",
        "reported_value": 244,
        "reported_unit": "million persons",
        "qualifier": "exact",
        "official_value": value,
        "official_unit": "persons",
        "reading": None,
        "definition": "international migrant stock at mid-2015, world, both sexes, as estimated in the 2015 revision (Table 1)",
        "arithmetic": f"{value:,} persons = {float(Fraction(value, 10**6)):.2f} million; rounded to the nearest million: "
                      f"{round_half_up(Fraction(value, 10**6))} million",
        "verdict": rounding_verdict(244, value, 10**6),
        "source_id": STOCK_SOURCE,
        "bib_key": "undesa2015stock",
        "note": f"The 2015 revision was the current one at the meeting (February 2017). Later revisions re-estimate mid-2015 at {revised}.",
    }


def check_ilo_migrant_workers(facts: pd.DataFrame) -> dict:
    """150 million migrant workers vs the ILO's 1st edition (150.3 million, 2013)."""
    workers, base, second = (_fact(facts, fact_id) for fact_id in ("F3.2015ed", "F3.2015ed.denom", "F3.2018ed"))
    share = Fraction(workers["value_number"]) / Fraction(base["value_number"]) * 100
    return {
        "figure_id": "ilo-migrant-workers",
        "check_id": "ilo-migrant-workers/ilo-1st-edition",
        "reported_value": 150,
        "reported_unit": "million persons",
        "qualifier": "exact",
        "official_value": workers["value_number"],
        "official_unit": "million persons",
        "reading": None,
        "definition": f"international migrant workers, ILO global estimate, reference year {workers['reference_year']}; "
                      f"the base population is international migrants aged 15 and over ({base['value_number']} million)",
        "arithmetic": f"{workers['value_number']} million rounds to {round_half_up(workers['value_number'])} million; "
                      f"{workers['value_number']} / {base['value_number']} × 100 = {_show_percent(share)} percent of migrants aged 15+",
        "verdict": rounding_verdict(150, workers["value_number"]),
        "source_id": None,
        "bib_key": workers["bib_key"],
        "note": f"Context facts F3.2015ed and F3.2015ed.denom (sourcing: {workers['sourcing']}). The reference year "
                f"({workers['reference_year']}) precedes the 2015 migrant stock; the ILO's 2nd edition "
                f"({second['value_number']} million, reference year {second['reference_year']}) appeared in "
                f"{second['source_year']}, after the meeting.",
    }


def every_percent_reachable(total: int) -> bool:
    """Whether each whole percentage 0..100 comes from some whole count of ``total``.

    True exactly from 100 items up (steps under one point): then a reported
    percentage of ``total`` can never be impossible, and matching counts to
    it tests nothing.
    """
    return all(undaf_counts_rounding_to(percent, total) for percent in range(101))


def infer_undaf_count(percent: int = 91, total: int = 119) -> dict:
    """91 per cent of 119 UNDAF documents: which whole counts give that percentage.

    When every whole percentage of ``total`` is reachable (119 documents:
    steps of 0.84 points), no count could contradict the figure, so the row
    is an inference (verdict ``inference``): the count the rounding leaves.
    Only for a total where some percentages are out of reach is it a check
    (consistent, or inconsistent when no count gives ``percent``).
    """
    counts = undaf_counts_rounding_to(percent, total)
    # Show the qualifying counts and one count either side of them.
    nearest = round_half_up(Fraction(percent * total, 100))
    around = range(max(0, min(counts + [nearest]) - 1), min(total, max(counts + [nearest]) + 1) + 1)
    steps = "; ".join(
        f"{k}/{total} = {_show_percent(_percent(k, total))}% → {round_half_up(_percent(k, total))}" for k in around
    )
    if every_percent_reachable(total):
        check, verdict = "implied-count", "inference"
        note = (f"No count is published with the figure. With {total} documents every whole percentage "
                f"comes from some count, so no count could contradict {percent} percent: this row infers "
                f"the count the rounding leaves (figure undaf-documents-total gives the {total}); it checks nothing.")
    else:
        check, verdict = "rounding", "consistent" if counts else "inconsistent"
        note = (f"No count is published with the figure; not every whole percentage of {total} is reachable, "
                f"so this checks that {percent} percent is.")
    return {
        "figure_id": "undaf-documents-share",
        "check_id": f"undaf-documents-share/{check}",
        "reported_value": percent,
        "reported_unit": f"percent of {total} UNDAF documents",
        "qualifier": "exact",
        "official_value": None,
        "official_unit": None,
        "reading": None,
        "definition": f"whole counts k of {total} documents with 100 × k / {total} rounded half up = {percent}",
        "arithmetic": f"{steps}; counts giving {percent} percent: {', '.join(map(str, counts)) or 'none'}",
        "verdict": verdict,
        "source_id": None,
        "bib_key": "undesa2017coordination15",
        "note": note,
    }


def figure_checks(folder: Path) -> list[dict]:
    """All figure checks, from the derived tables and context facts in ``folder``."""
    shares = intra_regional_shares(_read_table(folder, ORIGIN_TABLE).astype({"migrants": int}))
    facts = _read_table(folder, FACTS_TABLE)
    rows = [
        check_international_migrants(_read_table(folder, STOCK_TABLE)),
        *_share_checks(
            "africa-intra-regional-share", "Africa", Fraction(50), "percent", "more than", "origin-based", shares,
            "The sentence ('more than 50 percent of international migrants migrated to another country within "
            "the region') describes where Africa's emigrants went: the origin-based reading. Its margin is thin.",
        ),
        *_share_checks(
            "lac-intra-regional-share", "Latin America and the Caribbean", Fraction(200, 3), "percent (two-thirds)",
            "almost", "destination-based", shares,
            "The sentence ('almost two-thirds of migrants came from other countries in the region') describes "
            "where the region's immigrants came from: the destination-based reading. 'Almost' is read as below "
            "two-thirds by less than a tenth of it.",
        ),
        check_ilo_migrant_workers(facts),
        infer_undaf_count(),
    ]
    for row in rows:
        if row["verdict"] not in VERDICTS:
            raise DerivationError(f"{CHECKS_TABLE}: unknown verdict {row['verdict']!r} in {row['check_id']}")
        if row["reading"] not in (*READINGS, None):
            raise DerivationError(f"{CHECKS_TABLE}: unknown reading {row['reading']!r} in {row['check_id']}")
    return sorted(rows, key=lambda row: (row["figure_id"], row["check_id"]))


def write_figure_checks(folder: Path) -> Path:
    """Compute the figure checks from ``folder`` and write ``folder/figure_checks.csv``."""
    return write_csv(Path(folder) / CHECKS_TABLE, FIGURE_CHECK_FIELDS, figure_checks(folder))
