"""Glue helpers turn numpy/pandas scalars into plain Python values."""

import numpy as np
import pandas as pd
import pytest

from companion.errors import CompanionDataError
from companion.glue import Text, plain


@pytest.mark.parametrize(
    "value, expected, kind",
    [
        (np.int64(244), 244, int),
        (np.float64(3.316), 3.316, float),
        (pd.Series([5], dtype="Int64").iloc[0], 5, int),
        (np.bool_(True), True, bool),
        (7, 7, int),
    ],
)
def test_numbers_become_plain_python(value, expected, kind):
    converted = plain(value)
    assert converted == expected and type(converted) is kind
    assert f"{converted:,}" == f"{expected:,}"  # format specs work on the result


def test_strings_render_without_quotes():
    text = plain("244 million")
    assert isinstance(text, Text)
    assert repr(text) == "244 million"
    assert text._repr_markdown_() == "244 million"


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA])
def test_missing_values_are_refused(missing):
    with pytest.raises(CompanionDataError, match="missing value"):
        plain(missing)


def test_other_objects_are_refused():
    with pytest.raises(CompanionDataError, match="cannot glue a list"):
        plain([1, 2])
