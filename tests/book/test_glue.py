"""Glue helpers turn numpy/pandas scalars into plain Python values; each fact is glued under one key."""

import re

import nbformat
import numpy as np
import pandas as pd
import pytest

from companion.errors import CompanionDataError
from companion.book.glue import Text, plain
from companion.paths import repo_root


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


# ---------------------------------------------------------------- one key per fact

GLUED_FACT = re.compile(r"""glue_value\(\s*"([^"]+)"\s*,\s*(?:\w+\.)?context_fact\(\s*"([^"]+)"\s*\)""")


def glued_facts(text: str) -> list[tuple[str, str]]:
    """(key, fact id) of every ``glue_value("key", context_fact("id")...)`` in ``text``."""
    return GLUED_FACT.findall(text)


def test_glued_facts_are_found_in_code():
    code = 'glue_value("gcm-vote", context.context_fact("F4.gcm.vote")["value"])\nglue_value("x", 3)'
    assert glued_facts(code) == [("gcm-vote", "F4.gcm.vote")]


def test_each_context_fact_is_glued_under_one_key_across_the_book():
    keys_of: dict[str, set[str]] = {}
    for path in sorted((repo_root() / "book").rglob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                for key, fact_id in glued_facts(cell.source):
                    keys_of.setdefault(fact_id, set()).add(key)
    assert keys_of, "no glued context facts found in the notebooks"
    several = {fact_id: sorted(keys) for fact_id, keys in keys_of.items() if len(keys) > 1}
    assert several == {}, "one fact, one glue key (pages refer to each other's keys)"
