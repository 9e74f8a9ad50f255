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


def test_a_chart_is_shown_in_its_cell_and_glued_for_the_book(monkeypatch):
    """glue_chart displays the chart (no glue-only mime prefix), so re-running
    the cell draws it, and names it for {glue:figure}; then closes it."""
    import matplotlib.pyplot as plt

    from companion.book import glue as glue_module
    from companion.book import style
    from companion.book.glue import glue_chart

    shown = []
    monkeypatch.setattr(glue_module, "show", lambda data, raw, metadata: shown.append((data, metadata)))
    chart, axes = style.new_chart("A title", "Year", "Migrants (millions)", "UN DESA (2015)")
    axes.plot([1990, 2015], [1, 2], color=style.PALETTE[0])
    glue_chart("chart-test", chart)
    assert len(shown) == 1
    data, metadata = shown[0]
    # No glue-only prefix: the output displays. (Outside a kernel there is no
    # PNG formatter; tests/test_exercises.py checks the image in executed notebooks.)
    assert metadata["scrapbook"] == {"name": "chart-test", "mime_prefix": ""}
    assert data and not any(mime.startswith("application/papermill.record/") for mime in data)
    assert not plt.fignum_exists(chart.number)


@pytest.mark.parametrize("value", [plain("244 million"), 244, 3.316, True, pd.DataFrame({"a": [1, 2]})])
@pytest.mark.parametrize("display", [False, True])
def test_glue_writes_the_outputs_myst_nb_glue_writes(monkeypatch, value, display):
    """Our ``glue`` stands in for ``myst_nb.glue`` (which is slow to import):
    the book reads the outputs back with myst-nb, so they must be the same."""
    import myst_nb.ext.glue as myst_glue

    from companion.book import glue as glue_module

    ours, theirs = [], []
    monkeypatch.setattr(glue_module, "show", lambda data, raw, metadata: ours.append((data, metadata, raw)))
    monkeypatch.setattr(myst_glue, "ipy_display", lambda data, raw, metadata: theirs.append((data, metadata, raw)))
    glue_module.glue("key", value, display=display)
    myst_glue.glue("key", value, display=display)
    assert ours == theirs and len(ours) == 1


def test_glueing_does_not_import_nbformat():
    """The reason for our own ``glue``: nbformat's jsonschema import costs
    about a second in every notebook's kernel."""
    import subprocess
    import sys

    code = ("import sys\nfrom companion.book.glue import glue_value\nglue_value('key', 1)\n"
            "print(sorted(m for m in ('nbformat', 'jsonschema', 'myst_nb') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo_root())
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("items, words", [
    ([12], "12"), ([12, 18], "12 and 18"), ([12, 18, 24], "12, 18 and 24"), ([2.5, 10.0], "2.5 and 10"),
])
def test_spoken_list(items, words):
    from companion.book.glue import spoken_list

    assert spoken_list(items) == words


def test_spoken_list_refuses_nothing():
    from companion.book.glue import spoken_list

    with pytest.raises(CompanionDataError):
        spoken_list([])


def test_the_opening_chart_title_names_the_years_it_draws():
    """Session I's chart follows the revision it is given (no stale 1990-2015)."""
    from companion.book.charts import opening_world_series_chart
    from companion.book.style import title_of
    from companion.data.tables import load_table

    stock = load_table("migrant_stock_by_area")
    chart = opening_world_series_chart(stock[(stock["area"] == "World") & (stock["revision"] == 2020)])
    assert "1990-2020" in title_of(chart.axes[0])
    xs = sorted(chart.axes[0].lines[0].get_xdata())
    assert xs[0] == 1990 and xs[-1] == 2020
