"""Reading the workbooks' sheets by their labels (companion.derive.workbooks)."""

from __future__ import annotations

import pytest

from companion.derive.workbooks import locate_year_block, read_year_block
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

