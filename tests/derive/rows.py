"""Reading a derived CSV in the tests, independently of the code under test."""

from __future__ import annotations

import csv
from pathlib import Path


def read_rows(path: Path) -> list[dict]:
    """The rows of a CSV file as dicts of strings."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# The five published workbooks the derivation reads, as UN DESA names them
# (written out here, not taken from the code under test).
WORKBOOK_FILES = sorted([
    "UN_MigrantStockTotal_2015.xlsx",
    "UN_MigrantStockTotal_2017.xlsx",
    "undesa_pd_2019_migrant_stock_total_dataset.xlsx",
    "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
    "UN_MigrantStockByOriginAndDestination_2015.xlsx",
])
