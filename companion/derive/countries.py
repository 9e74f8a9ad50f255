"""``country_profiles_2015.csv``: one row per country or area with
what the lessons need beyond the destination table.

For every country of the 2015 ANNEX classification:

* ``emigrants_2015``: people born in the country (or citizens of it, where
  the destination counts citizens) living in another country at mid-2015:
  the "WORLD" row of Table 16 of the 2015 origin-destination workbook, in
  the country's column of origin;
* ``population_2015``: the total population at mid-2015, from Table 2 of
  the 2017 revision (the 2015 revision gives no population table);
* ``income_group_2017`` and ``income_group_2019``: the World Bank income
  group the 2017 and 2019 revisions' ANNEX sheets mark (high, upper-middle,
  lower-middle, low; empty where neither marks one);
* ``type_of_data_2015``: what the 2015 estimate rests on (Table 1's "Type of
  data": B foreign-born, C foreign citizens, R refugees added, I imputed);
* ``migrant_stock_1990``: the 1990 stock of the 2015 revision (Table 1).

The 2020 revision's workbook has no ANNEX sheet, so it classifies no
country by income. Columns are found by their headers, like the other
derivations; a country missing from a sheet, or marked in two income groups,
is a DerivationError naming the workbook, sheet and country.
"""

from __future__ import annotations

from pathlib import Path

from companion.derive.workbooks import (
    WORLD_CODE,
    _find_cell,
    _number,
    _text,
    count_cell,
    origin_destination_workbook,
    read_both_sexes,
    read_classification,
    read_sheet,
    source_id,
    stock_workbooks,
)
from companion.errors import DerivationError

TABLE = "country_profiles_2015.csv"
FIELDS = [
    "m49_code", "country", "major_area", "income_group_2017", "income_group_2019", "population_2015",
    "emigrants_2015", "type_of_data_2015", "migrant_stock_1990", "source_id",
]
# The ANNEX column headers of the four World Bank income groups (the
# "Middle-income Countries" column is the union of the two middle groups).
INCOME_GROUPS = {
    "high-income countries": "High income",
    "upper-middle-income countries": "Upper-middle income",
    "lower-middle-income countries": "Lower-middle income",
    "low-income countries": "Low income",
}
INCOME_REVISIONS = (2017, 2019)
POPULATION_REVISION = 2017


def sources() -> list[tuple]:
    """Which (workbook, sheet) the table reads; derived_sources.csv lists exactly these."""
    stock = stock_workbooks()
    return [
        (origin_destination_workbook(), "Table 16"),
        (stock[2015], "ANNEX"),
        (stock[2015], "Table 1"),
        (stock[POPULATION_REVISION], "Table 2"),
        *[(stock[revision], "ANNEX") for revision in INCOME_REVISIONS],
    ]


def _header_row(rows: tuple[tuple, ...], where: str) -> tuple[int, list[str]]:
    """The row whose cells include a code header, and its cells as text."""
    row, _ = _find_cell(rows, lambda text: text in ("code", "country code"), where, "headed 'Code'")
    return row, [_text(value) for value in rows[row]]


def read_income_groups(folder: Path, revision: int) -> dict[int, str]:
    """Each country's World Bank income group as marked ("Y") in a revision's ANNEX."""
    workbook = stock_workbooks()[revision]
    rows = read_sheet(folder, workbook, "ANNEX")
    where = f"{workbook.file}, sheet 'ANNEX'"
    header_row, header = _header_row(rows, where)
    columns = {}
    for text, group in INCOME_GROUPS.items():
        if text not in header:
            raise DerivationError(f"{where}: no column headed {text!r}; has the layout changed?")
        columns[header.index(text)] = group
    code_column = header.index("code")
    groups = {}
    for number, row in enumerate(rows[header_row + 1:], start=header_row + 2):
        code = row[code_column]
        if not isinstance(code, int):
            continue
        marked = [group for column, group in columns.items() if _text(row[column]) == "y"]
        if len(marked) > 1:
            raise DerivationError(f"{where}, row {number}: code {code} is marked in {', '.join(marked)}")
        if marked:
            groups[code] = marked[0]
    return groups


def read_population_2015(folder: Path) -> dict[int, int]:
    """Total population at mid-2015 (persons) from Table 2, given in thousands."""
    workbook = stock_workbooks()[POPULATION_REVISION]
    rows = read_sheet(folder, workbook, "Table 2")
    where = f"{workbook.file}, sheet 'Table 2'"
    label_row, label_column = _find_cell(rows, lambda text: text.startswith("total population of both sexes"),
                                         where, "'Total population of both sexes'")
    if "thousands" not in _text(rows[label_row][label_column]):
        raise DerivationError(f"{where}: population is no longer given in thousands")
    years_row = rows[label_row + 1]
    column = next((c for c in range(label_column, len(years_row)) if years_row[c] == 2015), None)
    if column is None:
        raise DerivationError(f"{where}: no 2015 column under the population header")
    _, header = _header_row(rows, where)
    code_column = header.index("code")
    population = {}
    for number, row in enumerate(rows[label_row + 2:], start=label_row + 3):
        if isinstance(row[code_column], int):
            thousands = _number(row[column], f"{where}, row {number}")
            if thousands is not None:
                population[row[code_column]] = round(thousands * 1000)
    return population


def read_emigrants_2015(folder: Path) -> dict[str, int]:
    """Emigrants by country of origin (column name): Table 16's WORLD row."""
    rows = read_sheet(folder, origin_destination_workbook(), "Table 16")
    where = f"{origin_destination_workbook().file}, sheet 'Table 16'"
    label_row, first_column = _find_cell(rows, lambda text: text == "country of origin", where, "'Country of origin'")
    names = rows[label_row + 1]
    _, header = _header_row(rows, where)
    code_column = header.index("country code")
    world = next((row for row in rows if row[code_column] == WORLD_CODE), None)
    if world is None:
        raise DerivationError(f"{where}: no WORLD row (code {WORLD_CODE})")
    return {
        str(name).strip(): count_cell(world[column], f"{where}, WORLD row, column {name!r}")
        for column, name in enumerate(names)
        if column >= first_column and name is not None
    }


def read_type_of_data_2015(folder: Path) -> dict[int, str]:
    """Table 1's "Type of data" code for each country (2015 revision)."""
    workbook = stock_workbooks()[2015]
    rows = read_sheet(folder, workbook, "Table 1")
    where = f"{workbook.file}, sheet 'Table 1'"
    header_row, header = _header_row(rows, where)
    type_column = next((i for i, text in enumerate(header) if text.startswith("type of data")), None)
    if type_column is None:
        raise DerivationError(f"{where}: no column headed 'Type of data'")
    code_column = header.index("country code")
    return {
        row[code_column]: " ".join(str(row[type_column]).split())
        for row in rows[header_row + 1:]
        if isinstance(row[code_column], int) and row[type_column] is not None
    }


def derive_country_profiles_2015(folder: Path) -> list[dict]:
    """One row per ANNEX country (see the module docstring)."""
    classification = read_classification(folder)
    incomes = {revision: read_income_groups(folder, revision) for revision in INCOME_REVISIONS}
    population = read_population_2015(folder)
    emigrants = read_emigrants_2015(folder)
    types = read_type_of_data_2015(folder)
    stock = read_both_sexes(folder, stock_workbooks()[2015], "Table 1")
    rows = []
    for code, country in sorted(classification.items()):
        if country.name not in emigrants:
            raise DerivationError(f"{origin_destination_workbook().file}, sheet 'Table 16': no column of origin for {country.name}")
        if code not in types:
            raise DerivationError(f"{stock_workbooks()[2015].file}, sheet 'Table 1': no type of data for {country.name}")
        rows.append({
            "m49_code": code,
            "country": country.name,
            "major_area": country.major_area,
            "income_group_2017": incomes[2017].get(code),
            "income_group_2019": incomes[2019].get(code),
            "population_2015": population.get(code),
            "emigrants_2015": emigrants[country.name],
            "type_of_data_2015": types[code],
            "migrant_stock_1990": count_cell(stock[code].values.get(1990), f"{country.name}, Table 1, 1990"),
            "source_id": source_id(origin_destination_workbook(), "Table 16"),
        })
    return rows
