"""Deriving the project's tidy context tables from UN DESA's workbooks.

    python -m companion.derive --source ../shared/data/un-desa --out data

reads the published UN DESA migrant stock workbooks (never copied into the
repository) and writes, into ``--out``:

* ``migrant_stock_by_area.csv``: world and the six major areas, both sexes,
  every year of the 2015, 2017, 2019 and 2020 revisions;
* ``origin_destination_2015_by_area.csv``: the 2015 origin-by-destination
  matrix (Table 16) summed to major areas, with an explicit
  "Other / unknown origin" row;
* ``migrant_stock_by_country_2015.csv``: every country or area of
  destination in the 2015 revision;
* ``derived_sources.csv``: which workbook, sheet and table each derived table
  came from, with the workbook's sha256;
* ``context_facts.csv``: the curated context facts (see
  ``curate_context_facts``);
* ``figure_checks.csv``: the report's figures checked against these tables
  (see ``companion.checks``).

Header rows and columns are found by their labels ("both sexes", "Code",
"Country of origin" ...), not by cell address, because the four revisions
lay their sheets out differently. Every output is sorted and formatted the
same way on every run, so that a second run is byte-identical and a test can
compare a fresh derivation with the committed files.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping

import openpyxl
import pandas as pd

from companion.errors import CompanionDataError


class DerivationError(CompanionDataError):
    """A source file is missing, laid out unexpectedly, or fails a sanity check."""


PUBLISHER = "United Nations, Department of Economic and Social Affairs, Population Division"

WORLD_CODE = 900
WORLD_NAME = "World"
# UN M49 codes of the six major areas (the 2015 ANNEX's "Major area" codes).
MAJOR_AREAS = {
    903: "Africa",
    935: "Asia",
    908: "Europe",
    904: "Latin America and the Caribbean",
    905: "Northern America",
    909: "Oceania",
}
OTHER_ORIGIN = "Other / unknown origin"

# Published figures the derivation must reproduce (Table 1 of the 2015
# revision; UN DESA's press release rounds it to "244 million").
WORLD_2015_IN_2015_REVISION = 243_700_236
# Persons by which the six major areas may miss the world total. Each
# workbook's area rows are exact sums of its (rounded) country rows, so in
# all four revisions the gap is 0; any gap means a wrong row was read.
AREA_SUM_TOLERANCE = 0

SHARE_DECIMALS = 4


@dataclass(frozen=True)
class Workbook:
    """One published UN DESA workbook and how to cite it."""

    slug: str
    file: str
    title: str
    year: int
    url: str
    bib_key: str


STOCK_WORKBOOKS = {
    2015: Workbook(
        "undesa-2015",
        "UN_MigrantStockTotal_2015.xlsx",
        "Trends in International Migrant Stock: The 2015 Revision (POP/DB/MIG/Stock/Rev.2015)",
        2015,
        "https://www.un.org/en/development/desa/population/migration/data/estimates2/data/UN_MigrantStockTotal_2015.xlsx",
        "undesa2015stock",
    ),
    2017: Workbook(
        "undesa-2017",
        "UN_MigrantStockTotal_2017.xlsx",
        "Trends in International Migrant Stock: The 2017 Revision (POP/DB/MIG/Stock/Rev.2017)",
        2017,
        # The source README names no URL for 2017, only "the 2017 revision
        # page"; this is that page's address on the Population Division site.
        "https://www.un.org/en/development/desa/population/migration/data/estimates2/estimates17.asp",
        "undesa2017stock",
    ),
    2019: Workbook(
        "undesa-2019",
        "undesa_pd_2019_migrant_stock_total_dataset.xlsx",
        "International Migrant Stock 2019 (POP/DB/MIG/Stock/Rev.2019)",
        2019,
        "https://www.un.org/en/development/desa/population/migration/data/estimates2/estimates19.asp",
        "undesa2019stock",
    ),
    2020: Workbook(
        "undesa-2020",
        "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        "International Migrant Stock 2020 (POP/DB/MIG/Stock/Rev.2020)",
        2020,
        "https://www.un.org/development/desa/pd/sites/www.un.org.development.desa.pd/files/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        "undesa2020stock",
    ),
}
ORIGIN_DESTINATION_2015 = Workbook(
    "undesa-2015od",
    "UN_MigrantStockByOriginAndDestination_2015.xlsx",
    "Trends in International Migrant Stock: Migrants by Destination and Origin (POP/DB/MIG/Stock/Rev.2015)",
    2015,
    "https://www.un.org/en/development/desa/population/migration/data/estimates2/data/UN_MigrantStockByOriginAndDestination_2015.xlsx",
    "undesa2015origin",
)
# The country classification every table uses: the 2015 revision's ANNEX.
CLASSIFICATION = (STOCK_WORKBOOKS[2015], "ANNEX")

STOCK_TABLE = "migrant_stock_by_area.csv"
ORIGIN_TABLE = "origin_destination_2015_by_area.csv"
COUNTRY_TABLE = "migrant_stock_by_country_2015.csv"
SOURCES_TABLE = "derived_sources.csv"
FACTS_TABLE = "context_facts.csv"

# Which sheets each derived table reads; derived_sources.csv lists exactly these.
TABLE_SOURCES = {
    STOCK_TABLE: [(book, sheet) for book in STOCK_WORKBOOKS.values() for sheet in ("Table 1", "Table 3")],
    ORIGIN_TABLE: [(ORIGIN_DESTINATION_2015, "Table 16"), CLASSIFICATION],
    COUNTRY_TABLE: [(STOCK_WORKBOOKS[2015], sheet) for sheet in ("Table 1", "Table 3", "Table 6")] + [CLASSIFICATION],
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
# Reading workbooks
# --------------------------------------------------------------------------


def source_id(workbook: Workbook, sheet: str) -> str:
    """The slug naming one sheet of one workbook, e.g. ``undesa-2015-table1``."""
    return f"{workbook.slug}-{sheet.lower().replace(' ', '')}"


def require_file(folder: Path, name: str) -> Path:
    """``folder/name``, or a DerivationError naming the missing file."""
    path = Path(folder) / name
    if not path.is_file():
        raise DerivationError(
            f"{path}: source file not found; pass the folder holding {name} with --source "
            "(tests read COMPANION_SOURCE_DATA)"
        )
    return path


@lru_cache(maxsize=None)
def _sheet_rows(path: str, sheet: str, stamp: tuple[int, int]) -> tuple[tuple, ...]:
    # Cached on (path, sheet, mtime and size) because openpyxl takes seconds
    # per workbook and the tests derive several times per session.
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a bad file
        raise DerivationError(f"{path}: not a readable .xlsx workbook ({error})") from None
    try:
        if sheet not in book.sheetnames:
            raise DerivationError(f"{path}: no sheet {sheet!r}; sheets are {', '.join(book.sheetnames)}")
        return tuple(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()


def read_sheet(folder: Path, workbook: Workbook, sheet: str) -> tuple[tuple, ...]:
    """All cell values of one sheet, row by row (read once per file version)."""
    path = require_file(folder, workbook.file)
    status = path.stat()
    return _sheet_rows(str(path.resolve()), sheet, (status.st_mtime_ns, status.st_size))


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _text(value) -> str:
    """A cell as lower-case text with runs of white space collapsed."""
    return re.sub(r"\s+", " ", str(value)).strip().lower() if value is not None else ""


def _find_cell(rows: tuple[tuple, ...], matches: Callable[[str], bool], where: str, what: str) -> tuple[int, int]:
    """(row, column) of the first cell whose text ``matches``; else a DerivationError."""
    for row_index, row in enumerate(rows):
        for column, value in enumerate(row):
            if matches(_text(value)):
                return row_index, column
    raise DerivationError(f"{where}: no cell {what}; has the layout changed?")


def _find_in_rows(rows: tuple[tuple, ...], first: int, last: int, matches: Callable[[str], bool], where: str, what: str) -> int:
    """Column of the first cell in rows ``first..last`` whose text ``matches``."""
    _, column = _find_cell(rows[first : last + 1], matches, where, what)
    return column


def _is_code_header(text: str) -> bool:
    # "Country code" (2015), "Code" (2017, 2019), "Location code" (2020).
    return re.fullmatch(r"(country |location )?code", text) is not None


def _is_name_header(text: str) -> bool:
    # "Major area, region, country or area of destination", "Region, development group, country or area".
    return "country or area" in text


@dataclass(frozen=True)
class YearBlock:
    """Where one block of year columns ("both sexes" ...) sits in a sheet."""

    where: str
    name_column: int
    code_column: int
    year_columns: dict[int, int]
    first_data_row: int


def locate_year_block(rows: tuple[tuple, ...], label: str, where: str) -> YearBlock:
    """Find the year columns under the first header containing ``label``.

    The block runs from the label's column to the next non-empty header cell
    in that row. Its years are the first row at or below the label with
    integer years in those columns (the next row up to 2019, three rows down
    in 2020). The name and code columns are found by their header text
    between the label row and the year row.
    """
    label_row, label_column = _find_cell(rows, lambda text: label in text, where, f"containing {label!r}")
    header = rows[label_row]
    end = next((c for c in range(label_column + 1, len(header)) if header[c] is not None), len(header))
    for year_row in range(label_row, min(label_row + 6, len(rows))):
        years = {
            value: column
            for column in range(label_column, end)
            if isinstance(value := rows[year_row][column], int) and 1900 <= value <= 2100
        }
        if years:
            break
    else:
        raise DerivationError(f"{where}: no row of years under {label!r}")
    return YearBlock(
        where=where,
        name_column=_find_in_rows(rows, label_row, year_row, _is_name_header, where, "naming countries or areas"),
        code_column=_find_in_rows(rows, label_row, year_row, _is_code_header, where, "headed 'Code'"),
        year_columns=years,
        first_data_row=year_row + 1,
    )


def _number(value, where: str):
    """A cell as int or float; None for the workbooks' empty marks ('..', blank)."""
    if value is None or (isinstance(value, str) and value.strip() in ("", "..", "-")):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DerivationError(f"{where}: {value!r} is not a number")
    return value


def _count(value, where: str) -> int | None:
    """A cell holding a count of persons, as int (None when not given)."""
    number = _number(value, where)
    if number is None:
        return None
    if number != int(number):
        raise DerivationError(f"{where}: {number!r} is not a whole number of persons")
    return int(number)


@dataclass(frozen=True)
class SeriesRow:
    """One row of a year block: an area's or country's code, name and values."""

    code: int
    name: str
    values: dict[int, object]


def read_year_block(rows: tuple[tuple, ...], block: YearBlock) -> dict[int, SeriesRow]:
    """Every coded row of a year block, by M49 code.

    Rows without an integer code (group headings such as "UN development
    groups") are skipped. The 2019 workbook lists some areas twice (e.g.
    Oceania, 909, under both SDG and geographic groupings); a repeat is
    accepted only when its values are identical.
    """
    series: dict[int, SeriesRow] = {}
    for number, row in enumerate(rows[block.first_data_row :], start=block.first_data_row + 1):
        code = row[block.code_column] if block.code_column < len(row) else None
        if not isinstance(code, int):
            continue
        where = f"{block.where}, row {number}"
        values = {year: _number(row[column], f"{where}, {year}") for year, column in block.year_columns.items()}
        entry = SeriesRow(code, str(row[block.name_column]).strip(), values)
        if code in series and series[code].values != values:
            raise DerivationError(f"{where}: code {code} appears twice with different values")
        series.setdefault(code, entry)
    return series


def read_both_sexes(folder: Path, workbook: Workbook, sheet: str) -> dict[int, SeriesRow]:
    """The "both sexes" block of a sheet (Tables 1, 3, 6), by M49 code."""
    rows = read_sheet(folder, workbook, sheet)
    where = f"{workbook.file}, sheet {sheet!r}"
    return read_year_block(rows, locate_year_block(rows, "both sexes", where))


@dataclass(frozen=True)
class Country:
    """A country or area of the 2015 ANNEX classification."""

    code: int
    name: str
    major_area: str


def read_classification(folder: Path) -> dict[int, Country]:
    """The 2015 ANNEX: each country's M49 code, name and major area.

    Columns are found by their headers ("Country code", "Country or area",
    "Major area"); a major area outside the six is an error, so that a
    changed classification cannot slip into the aggregates.
    """
    workbook, sheet = CLASSIFICATION
    rows = read_sheet(folder, workbook, sheet)
    where = f"{workbook.file}, sheet {sheet!r}"
    header_row, code_column = _find_cell(rows, lambda text: text == "country code", where, "headed 'Country code'")
    header = [_text(value) for value in rows[header_row]]
    try:
        name_column, area_column = header.index("country or area"), header.index("major area")
    except ValueError:
        raise DerivationError(f"{where}: row {header_row + 1} lacks 'Country or area' or 'Major area'") from None
    countries = {}
    for number, row in enumerate(rows[header_row + 1 :], start=header_row + 2):
        if not isinstance(row[code_column], int):
            continue
        area = str(row[area_column]).strip()
        if area not in MAJOR_AREAS.values():
            raise DerivationError(f"{where}, row {number}: unknown major area {area!r}")
        countries[row[code_column]] = Country(row[code_column], str(row[name_column]).strip(), area)
    return countries


# --------------------------------------------------------------------------
# migrant_stock_by_area.csv
# --------------------------------------------------------------------------


def format_decimal(value: float | None, places: int = SHARE_DECIMALS) -> str | None:
    """A float as fixed-point text (``places`` decimals), so output never depends on repr."""
    return None if value is None else f"{value:.{places}f}"


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
    for revision, workbook in STOCK_WORKBOOKS.items():
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
                    "migrant_stock": _count(value, where),
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
            f"{STOCK_WORKBOOKS[2015].file}, sheet 'Table 1': world 2015 is {found}, "
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


def read_origin_destination(folder: Path) -> tuple[pd.DataFrame, dict[int, SeriesRow]]:
    """Table 16 as a long frame of country-level flows, plus its area rows.

    Returns ``(flows, area_rows)``. ``flows`` has one row per (destination
    country, origin column) with columns ``destination_code``, ``origin``
    (the column header: a country name, "Total", "Other North" or "Other
    South") and ``migrants``; empty cells are dropped. ``area_rows`` maps
    the six major-area codes to their "Total" column, for cross-checks.
    """
    workbook, sheet = ORIGIN_DESTINATION_2015, "Table 16"
    rows = read_sheet(folder, workbook, sheet)
    where = f"{workbook.file}, sheet {sheet!r}"
    label_row, first_column = _find_cell(rows, lambda text: text == "country of origin", where, "'Country of origin'")
    origin_row = label_row + 1  # origin names sit in the row under the label
    origins = {
        column: str(name).strip()
        for column, name in enumerate(rows[origin_row])
        if column >= first_column and name is not None
    }
    code_column = _find_in_rows(rows, label_row, origin_row, _is_code_header, where, "headed 'Country code'")
    records, area_rows = [], {}
    for number, row in enumerate(rows[origin_row + 1 :], start=origin_row + 2):
        code = row[code_column]
        if not isinstance(code, int):
            continue
        cells = {name: _count(row[column], f"{where}, row {number}, column {name!r}") for column, name in origins.items()}
        if code in MAJOR_AREAS:
            area_rows[code] = cells.get("Total")
        records += [(code, name, value) for name, value in cells.items() if value is not None]
    return pd.DataFrame(records, columns=["destination_code", "origin", "migrants"]), area_rows


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
    classification = read_classification(folder)
    flows, area_rows = read_origin_destination(folder)
    area_of_name = {country.name: country.major_area for country in classification.values()}
    unmatched = set(flows["origin"]) - set(area_of_name) - {"Total", "Other North", "Other South"}
    if unmatched:
        raise DerivationError(f"{ORIGIN_DESTINATION_2015.file}: origin columns not in the ANNEX: {', '.join(sorted(unmatched))}")
    matrix = aggregate_to_areas(flows, {code: c.major_area for code, c in classification.items()}, area_of_name)
    totals = matrix.groupby("destination_area")["migrants"].sum()
    for code, area in MAJOR_AREAS.items():
        if totals.get(area) != area_rows.get(code):
            raise DerivationError(
                f"{ORIGIN_DESTINATION_2015.file}: countries of {area} sum to {totals.get(area)}, "
                f"its own row says {area_rows.get(code)}"
            )
    if totals.sum() != WORLD_2015_IN_2015_REVISION:
        raise DerivationError(f"{ORIGIN_DESTINATION_2015.file}: destinations sum to {totals.sum()}, not {WORLD_2015_IN_2015_REVISION}")
    matrix["source_id"] = source_id(ORIGIN_DESTINATION_2015, "Table 16")
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
    workbook = STOCK_WORKBOOKS[2015]
    classification = read_classification(folder)
    stock, share, refugees = (read_both_sexes(folder, workbook, sheet) for sheet in ("Table 1", "Table 3", "Table 6"))
    rows = []
    for code, country in sorted(classification.items()):
        if code not in stock:
            raise DerivationError(f"{workbook.file}, sheet 'Table 1': no row for {country.name} ({code})")
        where = f"{workbook.file}, {country.name}"
        rows.append({
            "m49_code": code,
            "country": country.name,
            "major_area": country.major_area,
            "migrant_stock_2015": _count(stock[code].values.get(2015), f"{where}, Table 1"),
            "share_of_population_2015": format_decimal(share[code].values.get(2015) if code in share else None),
            "refugees_2015": _count(refugees[code].values.get(2015), f"{where}, Table 6") if code in refugees else None,
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
    """One row per (derived table, workbook, sheet) listed in TABLE_SOURCES."""
    rows = []
    for table, sheets in TABLE_SOURCES.items():
        for workbook, sheet in sheets:
            rows.append({
                "source_id": source_id(workbook, sheet),
                "table": table,
                "source_file": workbook.file,
                "sha256": sha256_of(require_file(folder, workbook.file)),
                "sheet": sheet,
                "source_table": "Annex" if sheet == "ANNEX" else sheet,
                "publisher": PUBLISHER,
                "title": workbook.title,
                "year": workbook.year,
                "url": workbook.url,
                "bib_key": workbook.bib_key,
            })
    return sorted(rows, key=lambda row: (row["table"], row["source_id"]))


# --------------------------------------------------------------------------
# context_facts.csv
# --------------------------------------------------------------------------

FACT_FIELDS = [
    "id", "topic", "value", "value_number", "unit", "reference_year", "publisher", "title",
    "source_year", "url", "table_or_page", "excerpt", "confidence", "sourcing", "bib_key",
]
SOURCE_FACT_FIELDS = [
    "fact_id", "value", "unit", "reference_year", "source_title", "publisher",
    "source_year", "url", "excerpt", "confidence",
]

# Topic of each fact, by id pattern (first match wins).
FACT_TOPICS = [
    (r"F1\.", "migrant-stock"),
    (r"F2\.[^.]+\.intra_", "intra-regional"),
    (r"F2\.", "migrant-stock"),
    (r"F3\.", "ilo-migrant-workers"),
    (r"F4\.gcm\.", "gcm-adoption"),
    (r"F4\.gcr\.", "gcr-adoption"),
    (r"F5\.", "sdg-indicators"),
    (r"F6\.", "remittances"),
    (r"F7\.", "new-york-declaration"),
    (r"F8\.", "forced-displacement"),
    (r"F9\.", "world-population"),
]

# bib_key names the publication a value comes from; where it was read in
# another place, ``url`` says where and ``sourcing`` says so. News items
# and portals that are themselves the source get their own entry.
FACT_BIB_KEYS = [
    (r"F1\.\d{4}\.press$", "undesa2016press244m"),
    (r"F1\.\d{4}\.", "undesa2015stock"),
    (r"F1\.2017rev\.", "undesa2017stock"),
    (r"F1\.2019rev\.", "undesa2019stock"),
    (r"F1\.2020rev\.", "undesa2020stock"),
    (r"F1\.2024rev\.1990$", "dawn2025migrantstock"),
    (r"F1\.2024rev\.", "iomgmdac2025migrantstocks"),
    (r"F2\.[^.]+\.intra_", "undesa2015origin"),
    (r"F2\.", "undesa2015stock"),
    (r"F3\.2015ed", "ilo2015migrantworkers"),
    (r"F3\.2018ed\.denom$", "financialexpress2018ilo"),
    (r"F3\.2018ed", "ilo2018migrantworkers"),
    (r"F3\.2021ed", "ilo2021migrantworkers"),
    (r"F3\.2024ed", "ilo2024migrantworkers"),
    (r"F4\.gcm\.adopt$", "iisd2018gcmadopted"),
    (r"F4\.gcm\.vote$", "xinhua2018gcmvote"),
    (r"F4\.gcm\.", "unga2018res73195"),
    (r"F4\.gcr\.vote$", "un2018gcrendorsed"),
    (r"F5\.10\.7(\.1\.current)?$", "worldbank2022sdg1071"),
    (r"F5\.8\.8$", "ilo2021migrantworkers"),
    (r"F5\.10\.7\.1\.original$", "sib2019sdg1071"),
    (r"F5\.10\.7\.2\.original$", "usgov2017sdg1072"),
    (r"F5\.10\.7\.2\.current$", "undesa2020sdg1072"),
    (r"F6\.rem2016", "worldbank2017mdb27"),
    (r"F6\.cost\.", "worldbank2017rpw21"),
    (r"F6\.target10c$", "undp2015sdgbooklet"),
    (r"F7\.", "unga2016res711"),
    (r"F8\.", "unhcr2017globaltrends"),
    (r"F9\.", "undesa2015stock"),
]

# Sourcing, by judgement on each row's URL and publisher (see the README of
# the source: rows read in news reports say so). "official" is the
# publisher's own dataset, document or release (some seen through a stored
# copy of the document, which the url shows); "official-derived" is
# computed from official data (the source row's confidence says "derived");
# "secondary" is an official figure or text as relayed by another body or
# site; "news-report" is the press.
NEWS_REPORT_FACTS = {"F1.2024rev.1990", "F3.2018ed.denom", "F4.gcm.vote"}
SECONDARY_FACTS = {
    "F1.2024rev.n", "F1.2024rev.pct",  # Migration Data Portal citing UN DESA
    "F3.2015ed", "F3.2015ed.denom",  # ILO figures via UN News
    "F3.2018ed",  # via ISSA
    "F3.2021ed", "F3.2021ed.denom",  # via a UN country team site, Migration Data Portal
    "F3.2024ed",  # via a UN country team site
    "F4.gcm.adopt",  # the count of adopting States is IISD's
    "F5.8.8",  # target text as quoted in an ILO preface
    "F5.10.7.1.original", "F5.10.7.2.original",  # national SDG platforms
    "F6.target10c",  # target text via a UNDP booklet
}

# Titles and places that need judgement; everything else is split by rule
# (", Table N"). Resolution rows name a paragraph inside the source title
# (e.g. "A/RES/71/1 para. 21"): the paragraph moves to table_or_page and the
# title becomes the resolution's symbol and name, one spelling per
# resolution (F4.gcm.objectives drops "; SG report page", the page of the
# stored copy, which its url names). F9.check's source title says how it
# was computed, which stays as its place.
_GCM = "A/RES/73/195 Global Compact for Safe, Orderly and Regular Migration"
_NYD = "A/RES/71/1 New York Declaration for Refugees and Migrants"
FACT_PLACES = {
    "F4.gcm.objectives": (_GCM, "annex, para. 16"),
    "F7.nyd.annexes": (_NYD, "para. 21"),
    "F7.nyd.adopted": (_NYD, ""),
    "F7.nyd.para3": (_NYD, "para. 3"),
    "F9.check": (STOCK_WORKBOOKS[2015].title, "computed from F1.2015.n and F9.wpop2015"),
}

_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_WORKBOOK_BY_BIB_KEY = {book.bib_key: book for book in (*STOCK_WORKBOOKS.values(), ORIGIN_DESTINATION_2015)}


def _by_pattern(fact_id: str, rules: list[tuple[str, str]], what: str) -> str:
    """The value of the first rule whose pattern matches the start of ``fact_id``."""
    for pattern, value in rules:
        if re.match(pattern, fact_id):
            return value
    raise DerivationError(f"context facts: no {what} rule for fact {fact_id!r}; add one in companion/derive.py")


def _sourcing(row: Mapping[str, str]) -> str:
    """official / official-derived / secondary / news-report (see NEWS_REPORT_FACTS)."""
    if "derived" in row["confidence"]:
        return "official-derived"
    if row["fact_id"] in NEWS_REPORT_FACTS:
        return "news-report"
    if row["fact_id"] in SECONDARY_FACTS:
        return "secondary"
    return "official"


def _title_and_place(row: Mapping[str, str], bib_key: str) -> tuple[str, str]:
    """The source title without its table or paragraph, and that table or paragraph.

    UN DESA workbook rows get the workbook's full title with its document
    symbol (the source rows abbreviate some), so that one workbook has one
    title throughout the project.
    """
    if row["fact_id"] in FACT_PLACES:
        return FACT_PLACES[row["fact_id"]]
    title, _, place = row["source_title"].partition(", Table ")
    place = f"Table {place}" if place else ""
    if bib_key in _WORKBOOK_BY_BIB_KEY:
        title = _WORKBOOK_BY_BIB_KEY[bib_key].title
    return title.strip(), place


def curate_context_facts(path: Path) -> list[dict]:
    """Curate the shared ``context_facts.csv`` into the project's table.

    What changes from the source rows: the id stays the source ``fact_id``;
    ``topic``, ``sourcing`` and ``bib_key`` are added by the rules above;
    ``source_title`` is split into ``title`` and ``table_or_page``;
    ``value_number`` repeats ``value`` when that is one plain number. The
    value, unit, years, publisher, url, excerpt and confidence note are
    copied unchanged, and no row is added or dropped.
    """
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            source_rows = list(reader)
            missing = set(SOURCE_FACT_FIELDS) - set(reader.fieldnames or [])
    except FileNotFoundError:
        raise DerivationError(f"{path}: context facts file not found; pass it with --facts") from None
    if missing:
        raise DerivationError(f"{path}: missing columns {', '.join(sorted(missing))}")
    facts = []
    for row in source_rows:
        bib_key = _by_pattern(row["fact_id"], FACT_BIB_KEYS, "bib_key")
        title, place = _title_and_place(row, bib_key)
        facts.append({
            "id": row["fact_id"],
            "topic": _by_pattern(row["fact_id"], FACT_TOPICS, "topic"),
            "value": row["value"],
            "value_number": row["value"] if _PLAIN_NUMBER.fullmatch(row["value"]) else None,
            "unit": row["unit"],
            "reference_year": row["reference_year"],
            "publisher": row["publisher"],
            "title": title,
            "source_year": row["source_year"],
            "url": row["url"],
            "table_or_page": place,
            "excerpt": row["excerpt"],
            "confidence": row["confidence"],
            "sourcing": _sourcing(row),
            "bib_key": bib_key,
        })
    ids = [fact["id"] for fact in facts]
    if len(ids) != len(set(ids)):
        raise DerivationError(f"{path}: duplicate fact ids {sorted({i for i in ids if ids.count(i) > 1})}")
    return facts  # kept in the source's order, which groups facts by topic


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def write_csv(path: Path, fields: list[str], rows: Iterable[Mapping]) -> Path:
    """Write rows as UTF-8 CSV with ``\\n`` line ends; None becomes an empty cell.

    Floats must arrive already formatted as text (``format_decimal``), so
    that the file never depends on Python's float repr.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(fields)
        for row in rows:
            for field in fields:
                if isinstance(row[field], float):
                    raise DerivationError(f"{path.name}: unformatted float in column {field!r}: {row[field]!r}")
            writer.writerow(["" if row[field] is None else row[field] for field in fields])
    return path


def derive_tables(source: Path, out: Path) -> list[Path]:
    """Derive the four workbook tables from ``source`` into ``out``; return their paths."""
    return [
        write_csv(out / STOCK_TABLE, STOCK_FIELDS, derive_migrant_stock_by_area(source)),
        write_csv(out / ORIGIN_TABLE, ORIGIN_FIELDS, derive_origin_destination_by_area(source)),
        write_csv(out / COUNTRY_TABLE, COUNTRY_FIELDS, derive_migrant_stock_by_country_2015(source)),
        write_csv(out / SOURCES_TABLE, SOURCE_FIELDS, derive_sources(source)),
    ]


def derive_all(source: Path, out: Path, facts: Path) -> list[Path]:
    """Everything ``python -m companion.derive`` writes: tables, facts, figure checks."""
    # Imported here because companion.checks uses write_csv from this module.
    from companion.checks import write_figure_checks

    written = derive_tables(source, out)
    written.append(write_csv(out / FACTS_TABLE, FACT_FIELDS, curate_context_facts(facts)))
    written.append(write_figure_checks(out))
    return written


def build_parser() -> argparse.ArgumentParser:
    """Command-line options of ``python -m companion.derive``."""
    parser = argparse.ArgumentParser(prog="python -m companion.derive", description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("../shared/data/un-desa"), help="folder holding the UN DESA workbooks")
    parser.add_argument("--out", type=Path, default=Path("data"), help="folder to write the CSV files into")
    parser.add_argument("--facts", type=Path, default=None, help="context_facts.csv to curate (default: next to --source)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the derivation; a data problem prints one line and exits with status 2."""
    args = build_parser().parse_args(argv)
    facts = args.facts or args.source.parent / "context_facts.csv"
    try:
        for path in derive_all(args.source, args.out, facts):
            print(f"wrote {path}")
    except CompanionDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
