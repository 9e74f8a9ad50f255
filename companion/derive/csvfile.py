"""The deterministic CSV writer every derived table goes through.

Every output is formatted the same way on every run (UTF-8, ``\\n`` line
ends, floats as fixed-point text), so that a second run is byte-identical
and a test can compare a fresh derivation with the committed files.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Mapping

from companion.errors import DerivationError

SHARE_DECIMALS = 4


def format_decimal(value: float | None, places: int = SHARE_DECIMALS) -> str | None:
    """A float as fixed-point text (``places`` decimals), so output never depends on repr."""
    return None if value is None else f"{value:.{places}f}"



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

