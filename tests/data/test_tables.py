"""The loader types tables by their schema and names file, row and column on bad input."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from companion.errors import CompanionDataError
from companion.data.tables import load_table, table_names


def load(package, name):
    return load_table(name, package.folder)


def test_loads_typed_columns(tiny_package):
    people = load(tiny_package, "people")
    assert list(people["id"]) == ["ann", "bob"]
    assert str(people["age"].dtype) == "Int64"
    assert people.loc[0, "age"] == 31
    assert pd.isna(people.loc[1, "age"])  # an empty cell stays missing
    quotes = load(tiny_package, "quotes")
    assert quotes["value"].tolist() == [1.5, 2.0]


def test_missing_file_names_the_file(tiny_package):
    (tiny_package.folder / "people.csv").unlink()
    with pytest.raises(CompanionDataError, match=r"people\.csv: table file not found"):
        load(tiny_package, "people")


def test_unknown_table_lists_the_known_ones(tiny_package):
    with pytest.raises(CompanionDataError, match="no table 'persons'; tables are: people, quotes"):
        load(tiny_package, "persons")


def test_missing_column_is_named(tiny_package):
    tiny_package("people.csv", "id,kind\nann,a\n")
    with pytest.raises(CompanionDataError, match=r"people\.csv: missing column\(s\) age"):
        load(tiny_package, "people")


def test_duplicate_id_names_file_row_and_id(tiny_package):
    tiny_package("people.csv", "id,age,kind\nann,31,a\nbob,40,b\nann,50,a\n")
    with pytest.raises(CompanionDataError) as error:
        load(tiny_package, "people")
    message = str(error.value)
    assert "people.csv" in message
    assert "row 3 (line 4)" in message
    assert "duplicate id id='ann'" in message and "first at row 1" in message


def test_unparsable_value_names_row_and_column(tiny_package):
    tiny_package("people.csv", "id,age,kind\nann,31,a\nbob,forty,b\n")
    with pytest.raises(CompanionDataError, match=re.escape("row 2 (line 3), column 'age': 'forty' is not a valid integer")):
        load(tiny_package, "people")


def test_value_outside_enum_is_named(tiny_package):
    tiny_package("people.csv", "id,age,kind\nann,31,z\n")
    with pytest.raises(CompanionDataError, match=r"column 'kind': 'z' is not one of: a, b"):
        load(tiny_package, "people")


def test_required_empty_value_is_named(tiny_package):
    tiny_package("quotes.csv", "id,person,value\nq1,ann,\n")
    with pytest.raises(CompanionDataError, match=r"quotes\.csv, row 1 \(line 2\), column 'value': required value is empty"):
        load(tiny_package, "quotes")


def test_dangling_reference_is_named(tiny_package):
    tiny_package("quotes.csv", "id,person,value\nq1,ann,1\nq2,carl,2\n")
    with pytest.raises(CompanionDataError, match=r"row 2 \(line 3\), column 'person': 'carl' is not an id in table 'people'"):
        load(tiny_package, "quotes")


def test_ragged_row_is_named(tiny_package):
    tiny_package("people.csv", "id,age,kind\nann,31\n")
    with pytest.raises(CompanionDataError, match=r"row 1 \(line 2\): 2 cells, the header has 3"):
        load(tiny_package, "people")


def test_loaded_frame_is_a_copy(tiny_package):
    first = load(tiny_package, "people")
    first.loc[0, "id"] = "changed"
    assert load(tiny_package, "people").loc[0, "id"] == "ann"


def test_every_real_table_loads():
    names = table_names()
    assert "figures" in names and "sessions" in names
    for name in names:
        assert len(load_table(name)) > 0, name
