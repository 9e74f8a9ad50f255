"""The three tables derived from the workbooks, and the table of their sources.

* ``migrant_stock_by_area.csv``: world and the six major areas, both sexes,
  every year of the 2015, 2017, 2019 and 2020 revisions;
* ``origin_destination_2015_by_area.csv``: the 2015 origin-by-destination
  matrix (Table 16) summed to major areas, with an explicit
  "Other / unknown origin" row;
* ``migrant_stock_by_country_2015.csv``: every country or area of
  destination in the 2015 revision;
* ``country_profiles_2015.csv``: emigrants, population, income groups and
  type of data by country (derived in ``companion.derive.countries``);
* ``derived_sources.csv``: which workbook, sheet and table each derived table
  came from, with the workbook's sha256.

Each ``derive_*`` function returns rows for ``companion.derive.csvfile.write_csv``
and checks its result against the totals the workbooks publish.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from companion.derive import countries
from companion.derive.csvfile import format_decimal
from companion.derive.workbooks import (
    MAJOR_AREAS,
    WORLD_CODE,
    WORLD_NAME,
    classification,
    count_cell,
    read_both_sexes,
    read_classification,
    origin_destination_workbook,
    read_origin_destination,
    require_file,
    sha256_of,
    source_id,
    stock_workbooks,
)
from companion.errors import DerivationError

OTHER_ORIGIN = "Other / unknown origin"

# Published figures the derivation must reproduce (Table 1 of the 2015
# revision; UN DESA's press release rounds it to "244 million").
WORLD_2015_IN_2015_REVISION = 243_700_236
# Persons by which the six major areas may miss the world total. Each
# workbook's area rows are exact sums of its (rounded) country rows, so in
# all four revisions the gap is 0; any gap means a wrong row was read.
AREA_SUM_TOLERANCE = 0

STOCK_TABLE = "migrant_stock_by_area.csv"
ORIGIN_TABLE = "origin_destination_2015_by_area.csv"
COUNTRY_TABLE = "migrant_stock_by_country_2015.csv"
SOURCES_TABLE = "derived_sources.csv"



def table_sources() -> dict[str, list[tuple]]:
    """Which (workbook, sheet) each derived table reads; derived_sources.csv lists exactly these."""
    stock, origin, annex = stock_workbooks(), origin_destination_workbook(), classification()
    return {
        STOCK_TABLE: [(book, sheet) for book in stock.values() for sheet in ("Table 1", "Table 3")],
        ORIGIN_TABLE: [(origin, "Table 16"), annex],
        COUNTRY_TABLE: [(annex[0], sheet) for sheet in ("Table 1", "Table 3", "Table 6")] + [annex],
        countries.TABLE: countries.sources(),
    }


STOCK_FIELDS = ["revision", "area_code", "area", "year", "migrant_stock", "share_of_population", "source_id"]
ORIGIN_FIELDS = ["destination_area", "origin_area", "migrants", "source_id"]
COUNTRY_FIELDS = [
    "m49_code", "country", "major_area", "migrant_stock_2015",
    "share_of_population_2015", "refugees_2015", "source_id",
]
SOURCE_FIELDS = [
    "source_id", "table", "source_file", "sha256", "sheet", "source_table",
    "publisher", "title", "year", "url", "bib_key",
]



# --------------------------------------------------------------------------
# migrant_stock_by_area.csv
# --------------------------------------------------------------------------



def _area_names() -> dict[int, str]:
    """World and the six major areas by M49 code, world first."""
    return {WORLD_CODE: WORLD_NAME, **MAJOR_AREAS}


def derive_migrant_stock_by_area(folder: Path) -> list[dict]:
    """World and major-area stock (Table 1) and share (Table 3), all revisions.

    Areas are picked by M49 code, because their names change case and
    spacing between revisions ("Africa", "AFRICA", " AFRICA"); the table uses
    one spelling per area. The share is empty where Table 3 gives none.
    """
    rows = []
    for revision, workbook in stock_workbooks().items():
        stock = read_both_sexes(folder, workbook, "Table 1")
        share = read_both_sexes(folder, workbook, "Table 3")
        for code, area in _area_names().items():
            if code not in stock:
                raise DerivationError(f"{workbook.file}, sheet 'Table 1': no row with code {code} ({area})")
            shares = share[code].values if code in share else {}
            for year, value in stock[code].values.items():
                where = f"{workbook.file}, sheet 'Table 1', {area}, {year}"
                rows.append({
                    "revision": revision,
                    "area_code": code,
                    "area": area,
                    "year": year,
                    "migrant_stock": count_cell(value, where),
                    "share_of_population": format_decimal(shares.get(year)),
                    "source_id": source_id(workbook, "Table 1"),
                })
    check_world_2015(rows)
    check_areas_sum_to_world(rows)
    return sorted(rows, key=lambda row: (row["revision"], row["area_code"], row["year"]))


def check_world_2015(rows: Iterable[Mapping]) -> None:
    """The 2015 revision's world total for 2015 must be the published 243,700,236."""
    found = [row["migrant_stock"] for row in rows if (row["revision"], row["area_code"], row["year"]) == (2015, WORLD_CODE, 2015)]
    if found != [WORLD_2015_IN_2015_REVISION]:
        raise DerivationError(
            f"{stock_workbooks()[2015].file}, sheet 'Table 1': world 2015 is {found}, "
            f"expected the published {WORLD_2015_IN_2015_REVISION}"
        )


def check_areas_sum_to_world(rows: Iterable[Mapping]) -> None:
    """In every revision and year the six major areas must add up to the world.

    Allowed gap: AREA_SUM_TOLERANCE persons (see there); a bigger gap means
    a wrong or missing row was read.
    """
    totals: dict[tuple[int, int], int] = {}
    world: dict[tuple[int, int], int] = {}
    for row in rows:
        key = (row["revision"], row["year"])
        if row["migrant_stock"] is None:
            raise DerivationError(f"revision {key[0]}: no migrant stock for {row['area']} in {key[1]}")
        target = world if row["area_code"] == WORLD_CODE else totals
        target[key] = target.get(key, 0) + row["migrant_stock"]
    for key, total in sorted(world.items()):
        gap = totals.get(key, 0) - total
        if abs(gap) > AREA_SUM_TOLERANCE:
            raise DerivationError(
                f"revision {key[0]}, {key[1]}: the six major areas sum to {totals.get(key, 0)}, "
                f"the world total is {total} (gap {gap})"
            )


# --------------------------------------------------------------------------
# origin_destination_2015_by_area.csv
# --------------------------------------------------------------------------



def aggregate_to_areas(flows: pd.DataFrame, area_of_code: Mapping[int, str], area_of_name: Mapping[str, str]) -> pd.DataFrame:
    """Sum country-level flows to (destination area, origin area).

    ``flows`` holds ``destination_code``, ``origin`` and ``migrants``; its
    "Total" rows give each destination country's migrant stock. Destinations
    are mapped by M49 code (``area_of_code``), origins by country name
    (``area_of_name``: Table 16 names its origin columns, it does not code
    them). Rows whose destination code is not a country (world, regions) are
    left out, so nothing is counted twice.

    What is not attributed to a known origin country ("Other North", "Other
    South" and any gap to the total) becomes the origin "Other / unknown
    origin": the destination total minus the sum over known origins. It is
    kept, not dropped, so that each destination's rows add up to its total.
    """
    countries = flows[flows["destination_code"].isin(list(area_of_code))].copy()
    countries["destination_area"] = countries["destination_code"].map(area_of_code)
    totals = countries[countries["origin"] == "Total"].groupby("destination_area")["migrants"].sum()
    known = countries[countries["origin"].isin(list(area_of_name))].copy()
    known["origin_area"] = known["origin"].map(area_of_name)
    matrix = known.groupby(["destination_area", "origin_area"], as_index=False)["migrants"].sum()
    remainder = (totals - matrix.groupby("destination_area")["migrants"].sum().reindex(totals.index, fill_value=0))
    if (remainder < 0).any():
        raise DerivationError(f"known origins exceed the destination total for {', '.join(remainder[remainder < 0].index)}")
    other = pd.DataFrame({"destination_area": remainder.index, "origin_area": OTHER_ORIGIN, "migrants": remainder.values})
    result = pd.concat([matrix, other], ignore_index=True)
    result["migrants"] = result["migrants"].astype(int)
    return result.sort_values(["destination_area", "origin_area"]).reset_index(drop=True)


def derive_origin_destination_by_area(folder: Path) -> list[dict]:
    """The 2015 origin-by-destination matrix summed to major areas.

    Countries are mapped to major areas with the 2015 ANNEX (destinations by
    code, origins by name; every one of Table 16's origin countries is named
    exactly as in the ANNEX, and a name that is not is an error rather than
    silently "unknown"). Checks: each destination area's total equals
    Table 16's own major-area row, and the six totals add up to the world.
    """
    workbook = origin_destination_workbook()
    annex_countries = read_classification(folder)
    flows, area_rows = read_origin_destination(folder)
    area_of_name = {country.name: country.major_area for country in annex_countries.values()}
    unmatched = set(flows["origin"]) - set(area_of_name) - {"Total", "Other North", "Other South"}
    if unmatched:
        raise DerivationError(f"{workbook.file}: origin columns not in the ANNEX: {', '.join(sorted(unmatched))}")
    matrix = aggregate_to_areas(flows, {code: c.major_area for code, c in annex_countries.items()}, area_of_name)
    totals = matrix.groupby("destination_area")["migrants"].sum()
    for code, area in MAJOR_AREAS.items():
        if totals.get(area) != area_rows.get(code):
            raise DerivationError(
                f"{workbook.file}: countries of {area} sum to {totals.get(area)}, "
                f"its own row says {area_rows.get(code)}"
            )
    if totals.sum() != WORLD_2015_IN_2015_REVISION:
        raise DerivationError(f"{workbook.file}: destinations sum to {totals.sum()}, not {WORLD_2015_IN_2015_REVISION}")
    matrix["source_id"] = source_id(workbook, "Table 16")
    return matrix.to_dict("records")


# --------------------------------------------------------------------------
# migrant_stock_by_country_2015.csv
# --------------------------------------------------------------------------


def derive_migrant_stock_by_country_2015(folder: Path) -> list[dict]:
    """Every ANNEX country's 2015 stock (Table 1), share (Table 3), refugees (Table 6).

    Countries are the ANNEX's; each must have a Table 1 row, and their
    stocks must add up to Table 1's world row. Refugees are empty where
    Table 6 gives ".." or nothing (a 0 in the workbook stays 0).
    """
    workbook = stock_workbooks()[2015]
    annex_countries = read_classification(folder)
    stock, share, refugees = (read_both_sexes(folder, workbook, sheet) for sheet in ("Table 1", "Table 3", "Table 6"))
    rows = []
    for code, country in sorted(annex_countries.items()):
        if code not in stock:
            raise DerivationError(f"{workbook.file}, sheet 'Table 1': no row for {country.name} ({code})")
        where = f"{workbook.file}, {country.name}"
        rows.append({
            "m49_code": code,
            "country": country.name,
            "major_area": country.major_area,
            "migrant_stock_2015": count_cell(stock[code].values.get(2015), f"{where}, Table 1"),
            "share_of_population_2015": format_decimal(share[code].values.get(2015) if code in share else None),
            "refugees_2015": count_cell(refugees[code].values.get(2015), f"{where}, Table 6") if code in refugees else None,
            "source_id": source_id(workbook, "Table 1"),
        })
    countries_total = sum(row["migrant_stock_2015"] or 0 for row in rows)
    if countries_total != stock[WORLD_CODE].values.get(2015):
        raise DerivationError(
            f"{workbook.file}, sheet 'Table 1': the ANNEX countries sum to {countries_total}, "
            f"the world row says {stock[WORLD_CODE].values.get(2015)}"
        )
    return rows


# --------------------------------------------------------------------------
# derived_sources.csv
# --------------------------------------------------------------------------


def derive_sources(folder: Path) -> list[dict]:
    """One row per (derived table, workbook, sheet) of ``table_sources``."""
    rows = []
    for table, sheets in table_sources().items():
        for workbook, sheet in sheets:
            rows.append({
                "source_id": source_id(workbook, sheet),
                "table": table,
                "source_file": workbook.file,
                "sha256": sha256_of(require_file(folder, workbook.file)),
                "sheet": sheet,
                "source_table": "Annex" if sheet == "ANNEX" else sheet,
                "publisher": workbook.publisher,
                "title": workbook.title,
                "year": workbook.year,
                "url": workbook.url,
                "bib_key": workbook.bib_key,
            })
    return sorted(rows, key=lambda row: (row["table"], row["source_id"]))

