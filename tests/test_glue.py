"""Glue helpers turn numpy/pandas scalars into plain Python values."""

import numpy as np
import pandas as pd
import pytest

from companion.errors import CompanionDataError
from companion.book.glue import Text, plain


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


@pytest.mark.parametrize("words", ["244 million", "100,000", "243,700,236", "91 per cent", "(a) and (b)"])
def test_strings_render_as_written_in_glue_text(words):
    from myst_nb.core.variables import format_plain_text

    text = plain(words)
    assert isinstance(text, Text)
    # What {glue:text} does with the stored text/plain output:
    assert format_plain_text(repr(text), "s") == words
    assert text._repr_markdown_() == words


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA])
def test_missing_values_are_refused(missing):
    with pytest.raises(CompanionDataError, match="missing value"):
        plain(missing)


def test_other_objects_are_refused():
    with pytest.raises(CompanionDataError, match="cannot glue a list"):
        plain([1, 2])
