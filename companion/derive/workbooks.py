"""The published UN DESA workbooks and reading their sheets.

Header rows and columns are found by their labels ("both sexes", "Code",
"Country of origin" ...), not by cell address, because the four revisions
lay their sheets out differently. A sheet that has changed its layout gives
a DerivationError naming the file, sheet and what was not found.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import openpyxl
import pandas as pd

from companion.data.tables import load_table
from companion.errors import DerivationError

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


# The revision whose ANNEX sheet classifies every country into a major area.
CLASSIFICATION_REVISION = 2015
CLASSIFICATION_SHEET = "ANNEX"


@dataclass(frozen=True)
class Workbook:
    """One published UN DESA workbook and how to cite it (a row of data/source_workbooks.csv)."""

    slug: str
    role: str
    revision: int
    file: str
    title: str
    year: int
    publisher: str
    url: str
    bib_key: str


def source_workbooks() -> tuple[Workbook, ...]:
    """Every workbook the derivation reads, from ``data/source_workbooks.csv``."""
    table = load_table("source_workbooks")
    return tuple(
        Workbook(row.id, row.role, int(row.revision), row.file, row.title, int(row.year), row.publisher, row.url, row.bib_key)
        for row in table.itertuples()
    )


def stock_workbooks() -> dict[int, Workbook]:
    """The migrant stock workbooks by revision, oldest first."""
    books = sorted((book for book in source_workbooks() if book.role == "migrant stock"), key=lambda book: book.revision)
    return {book.revision: book for book in books}


def origin_destination_workbook() -> Workbook:
    """The one origin-by-destination workbook (Table 16)."""
    books = [book for book in source_workbooks() if book.role == "origin and destination"]
    if len(books) != 1:
        raise DerivationError(f"data/source_workbooks.csv: {len(books)} rows with role 'origin and destination', expected 1")
    return books[0]


def classification() -> tuple[Workbook, str]:
    """The workbook and sheet of the country classification every table uses."""
    books = stock_workbooks()
    if CLASSIFICATION_REVISION not in books:
        raise DerivationError(f"data/source_workbooks.csv: no migrant stock workbook of revision {CLASSIFICATION_REVISION}")
    return books[CLASSIFICATION_REVISION], CLASSIFICATION_SHEET


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


def count_cell(value, where: str) -> int | None:
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
    workbook, sheet = classification()
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


def read_origin_destination(folder: Path) -> tuple[pd.DataFrame, dict[int, SeriesRow]]:
    """Table 16 as a long frame of country-level flows, plus its area rows.

    Returns ``(flows, area_rows)``. ``flows`` has one row per (destination
    country, origin column) with columns ``destination_code``, ``origin``
    (the column header: a country name, "Total", "Other North" or "Other
    South") and ``migrants``; empty cells are dropped. ``area_rows`` maps
    the six major-area codes to their "Total" column, for cross-checks.
    """
    workbook, sheet = origin_destination_workbook(), "Table 16"
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
        cells = {name: count_cell(row[column], f"{where}, row {number}, column {name!r}") for column, name in origins.items()}
        if code in MAJOR_AREAS:
            area_rows[code] = cells.get("Total")
        records += [(code, name, value) for name, value in cells.items() if value is not None]
    return pd.DataFrame(records, columns=["destination_code", "origin", "migrants"]), area_rows

