"""Loading the data package's tables, typed and validated by their schema.

Every table in ``data/`` is described once, in ``data/datapackage.json``
(a Frictionless Data Package). ``load_table`` reads a table's CSV as text,
then converts and checks each column as the schema says: types, required
fields, enums, patterns, primary keys and foreign keys. Any violation raises
``CompanionDataError`` naming the file, the row (as ``row N``, counting data
rows from 1, with the file's line number) and the column, instead of letting
a wrong number through or a traceback surface from deep inside pandas.
"""

from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from companion.errors import CompanionDataError
from companion.paths import data_dir

PACKAGE_FILE = "datapackage.json"

# Frictionless type -> pandas dtype. Nullable dtypes, so that an empty cell
# stays missing instead of turning into NaN-in-a-float or the string "".
_PANDAS_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "date": "datetime64[s]",
    "year": "Int64",
}
_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no"}


def _where(path: Path, row: int | None = None, column: str | None = None) -> str:
    """Format a location: ``file, row N (line L), column C``."""
    parts = [str(path)]
    if row is not None:
        parts.append(f"row {row} (line {row + 1})")
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts)


@lru_cache(maxsize=8)
def _read_package(folder: str) -> dict:
    path = Path(folder) / PACKAGE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CompanionDataError(f"{path}: data package descriptor not found") from None
    except json.JSONDecodeError as error:
        raise CompanionDataError(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
        ) from None


def package(folder: Path | None = None) -> dict:
    """The data package descriptor (``data/datapackage.json``) as a dict."""
    return _read_package(str(folder or data_dir()))


def table_names(folder: Path | None = None) -> list[str]:
    """Names of all tables (resources) in the data package, in its order."""
    return [resource["name"] for resource in package(folder)["resources"]]


def resource(name: str, folder: Path | None = None) -> dict:
    """The descriptor of table ``name``; unknown names raise CompanionDataError."""
    for entry in package(folder)["resources"]:
        if entry["name"] == name:
            return entry
    known = ", ".join(table_names(folder))
    raise CompanionDataError(f"{PACKAGE_FILE}: no table {name!r}; tables are: {known}")


def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Read a CSV as text: the header and the data rows, checked for shape."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise CompanionDataError(f"{path}: table file not found") from None
    except UnicodeDecodeError as error:
        raise CompanionDataError(f"{path}: not UTF-8 (byte {error.start})") from None
    except csv.Error as error:
        raise CompanionDataError(f"{path}: malformed CSV: {error}") from None
    if not rows:
        raise CompanionDataError(f"{path}: empty file, expected a header row")
    header, body = rows[0], rows[1:]
    for number, row in enumerate(body, start=1):
        if len(row) != len(header):
            raise CompanionDataError(
                f"{_where(path, number)}: {len(row)} cells, the header has {len(header)}"
            )
    return header, body


def _convert_cell(text: str, field: dict, where: str):
    """Convert one cell's text to the field's type, or raise naming the place."""
    kind = field.get("type", "string")
    if text == "":
        return None
    try:
        if kind == "integer" or kind == "year":
            if not re.fullmatch(r"[+-]?\d+", text):
                raise ValueError
            return int(text)
        if kind == "number":
            return float(text)
        if kind == "boolean":
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError
        if kind == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return pd.Timestamp(text)
    except ValueError:
        raise CompanionDataError(f"{where}: {text!r} is not a valid {kind}") from None
    return text


def _check_constraints(value, text: str, field: dict, where: str) -> None:
    constraints = field.get("constraints", {})
    if value is None:
        if constraints.get("required"):
            raise CompanionDataError(f"{where}: required value is empty")
        return
    if "enum" in constraints and value not in constraints["enum"]:
        allowed = ", ".join(map(str, constraints["enum"]))
        raise CompanionDataError(f"{where}: {text!r} is not one of: {allowed}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        raise CompanionDataError(f"{where}: {text!r} does not match {constraints['pattern']}")
    if "minimum" in constraints and value < constraints["minimum"]:
        raise CompanionDataError(f"{where}: {text!r} is below the minimum {constraints['minimum']}")


def _check_primary_key(frame: pd.DataFrame, key: list[str], path: Path) -> None:
    seen: dict[tuple, int] = {}
    for number, values in enumerate(frame[key].itertuples(index=False, name=None), start=1):
        if values in seen:
            shown = ", ".join(f"{col}={val!r}" for col, val in zip(key, values))
            raise CompanionDataError(
                f"{_where(path, number)}: duplicate id {shown} (first at row {seen[values]})"
            )
        seen[values] = number


def _check_foreign_keys(frame: pd.DataFrame, schema: dict, path: Path, folder: Path) -> None:
    for foreign in schema.get("foreignKeys", []):
        (column,) = foreign["fields"]
        target = foreign["reference"]["resource"]
        (target_column,) = foreign["reference"]["fields"]
        known = set(load_table(target, folder)[target_column].dropna())
        for number, value in enumerate(frame[column], start=1):
            if not pd.isna(value) and value not in known:
                raise CompanionDataError(
                    f"{_where(path, number, column)}: {value!r} is not an id in table {target!r}"
                )


def read_table(path: Path, schema: dict, name: str | None = None) -> pd.DataFrame:
    """Read the CSV at ``path`` and type and check it by the Table Schema ``schema``.

    Foreign keys are not checked here (they need the other tables): see
    ``load_table``.
    """
    header, body = _read_rows(path)
    fields = schema["fields"]
    expected = [field["name"] for field in fields]
    missing = [column for column in expected if column not in header]
    if missing:
        raise CompanionDataError(f"{path}: missing column(s) {', '.join(missing)}")
    unexpected = [column for column in header if column not in expected]
    if unexpected:
        raise CompanionDataError(
            f"{path}: column(s) {', '.join(unexpected)} are not in the schema of table {name!r}"
        )
    positions = {column: header.index(column) for column in expected}
    columns: dict[str, list] = {column: [] for column in expected}
    for number, row in enumerate(body, start=1):
        for field in fields:
            column = field["name"]
            text = row[positions[column]]
            where = _where(path, number, column)
            value = _convert_cell(text, field, where)
            _check_constraints(value, text, field, where)
            columns[column].append(value)
    frame = pd.DataFrame(
        {
            field["name"]: pd.Series(columns[field["name"]], dtype=_PANDAS_DTYPES[field.get("type", "string")])
            for field in fields
        }
    )
    key = schema.get("primaryKey")
    if key:
        _check_primary_key(frame, [key] if isinstance(key, str) else key, path)
    return frame


@lru_cache(maxsize=32)
def _load_cached(name: str, folder: str, stamp: float) -> pd.DataFrame:
    entry = resource(name, Path(folder))
    path = Path(folder) / entry["path"]
    frame = read_table(path, entry["schema"], name)
    _check_foreign_keys(frame, entry["schema"], path, Path(folder))
    return frame


def load_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Load table ``name`` from the data package as a typed, validated DataFrame.

    Checks types, required fields, enums, patterns, the primary key and
    foreign keys; raises CompanionDataError naming file, row and column on
    the first violation. The result is cached while the file is unchanged;
    callers get a copy they may modify.
    """
    folder = Path(folder or data_dir())
    entry = resource(name, folder)
    path = folder / entry["path"]
    stamp = path.stat().st_mtime if path.exists() else -1.0
    return _load_cached(name, str(folder), stamp).copy()
