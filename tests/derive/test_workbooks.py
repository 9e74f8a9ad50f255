"""Reading the workbooks' sheets by their labels (companion.derive.workbooks)."""

from __future__ import annotations

import pytest

from companion.derive.workbooks import (
    classification,
    locate_year_block,
    origin_destination_workbook,
    read_year_block,
    source_id,
    stock_workbooks,
)
from companion.errors import DerivationError


def test_a_changed_layout_is_reported_not_guessed():
    rows = (("Sort", "Country or area", "Code", "Something else"), (1, "WORLD", 900, 5))
    with pytest.raises(DerivationError, match="no cell containing 'both sexes'"):
        locate_year_block(rows, "both sexes", "toy.xlsx, sheet 'Table 1'")


def test_year_block_is_found_by_its_labels_wherever_it_sits():
    # 2020 layout: label three rows above a header row that also holds the years.
    rows = (
        (None, None, None, None, None, None),
        (None, None, None, "Migrant stock, both sexes combined", None, "Migrant stock, males"),
        (None, None, None, None, None, None),
        (None, "Region, development group, country or area", "Location code", 1990, 2020, 1990),
        (1, "WORLD", 900, 10, 20, 4),
        (2, "Heading without a code", None, "..", "..", ".."),
        (3, "Africa", 903, 3, "..", 1),
    )
    block = locate_year_block(rows, "both sexes", "toy")
    assert (block.name_column, block.code_column, block.year_columns) == (1, 2, {1990: 3, 2020: 4})
    series = read_year_block(rows, block)
    assert list(series) == [900, 903]
    assert series[903].values == {1990: 3, 2020: None}



# ---------------------------------------------------------------- the workbooks table


def test_the_workbooks_are_the_four_revisions_and_the_origin_matrix():
    assert {revision: book.file for revision, book in stock_workbooks().items()} == {
        2015: "UN_MigrantStockTotal_2015.xlsx",
        2017: "UN_MigrantStockTotal_2017.xlsx",
        2019: "undesa_pd_2019_migrant_stock_total_dataset.xlsx",
        2020: "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
    }
    assert origin_destination_workbook().file == "UN_MigrantStockByOriginAndDestination_2015.xlsx"
    book, sheet = classification()
    assert (book.revision, sheet) == (2015, "ANNEX")


def test_a_second_origin_matrix_is_refused(copied_data, monkeypatch):
    table = copied_data / "source_workbooks.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    extra = next(line for line in lines if ",origin and destination," in line).replace("undesa-2015od,", "undesa-2015od-copy,", 1)
    table.write_text("".join(lines) + extra, encoding="utf-8")
    monkeypatch.setenv("COMPANION_DATA", str(copied_data))
    with pytest.raises(DerivationError, match="2 rows with role 'origin and destination', expected 1"):
        origin_destination_workbook()


def test_source_ids_name_workbook_and_sheet():
    assert source_id(stock_workbooks()[2015], "Table 1") == "undesa-2015-table1"
    assert source_id(origin_destination_workbook(), "Table 16") == "undesa-2015od-table16"
