"""Every session page teaches: visible pandas on data/, graded exercises,
solutions that state what they find, a header and a data box.

The conventions these tests hold the pages to (issue 13):

- Session pages are listed by ``data/sessions.csv`` (rows of kind
  "session", in order); the n-th session is ``book/sessions/NN-*.ipynb``.
- *Visible code* is every code cell not tagged ``remove-input``,
  ``remove-cell`` or ``hide-input`` (a toggle is for chart plumbing, not the
  lesson). Its non-blank, non-comment lines count; a page needs at least
  ``MIN_VISIBLE_LINES``. It computes on ``data/`` with pandas: it loads a
  table with ``load_table(...)`` and uses at least ``MIN_PANDAS_METHODS``
  different pandas operations from ``PANDAS_METHODS``.
- The *header* is an admonition with ``:class: page-header`` naming the
  prerequisites, the time to read and what you will do; the *data box* is an
  admonition with ``:class: data-notes`` titled "What to know about this
  data".
- Each ``{exercise}`` starts its text with a difficulty mark: ★ (one step),
  ★★ (several steps) or ★★★ (open-ended). Each page has one mini-project:
  an exercise with ``:class: mini-project``.
- Each ``{solution}`` that computes (has a Python code block) states the
  numbers it finds with ``{glue:text}`` (glued from the page's own run).
- No exercise or solution asks to assign to a module-level setting
  (``module.SETTING = ...``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from companion.paths import repo_root

ROOT = repo_root()
MIN_VISIBLE_LINES = 20
MIN_PANDAS_METHODS = 3
HIDDEN_TAGS = {"remove-input", "remove-cell", "hide-input"}
PANDAS_METHODS = (
    "groupby", "merge", "join", "concat", "pivot_table", "pivot", "melt", "agg", "sum", "mean", "median",
    "assign", "sort_values", "set_index", "reset_index", "loc", "query", "isin", "rename", "div", "mul",
    "sub", "round", "cumsum", "pct_change", "nlargest", "nsmallest", "value_counts", "idxmax", "where",
    "clip", "shift", "diff", "rank", "cut", "map", "fillna", "dropna", "unstack", "stack",
)
DIFFICULTY = re.compile(r"^★{1,3}(?!★)")
EXERCISE = re.compile(r"^:::\{exercise\}.*?^:::$", re.MULTILINE | re.DOTALL)
SOLUTION = re.compile(r"^:::\{solution\}.*?^:::$", re.MULTILINE | re.DOTALL)
MODULE_SETTING = re.compile(r"\b[a-z_][a-z0-9_]*\.[A-Z][A-Z0-9_]+\s*(?:\|=|\+=|=(?!=))")


def session_pages() -> list[Path]:
    sessions = pd.read_csv(ROOT / "data" / "sessions.csv")
    sessions = sessions[sessions["kind"] == "session"].sort_values("order")
    pages = []
    for number, _ in enumerate(sessions["numeral"], start=1):
        matches = sorted((ROOT / "book" / "sessions").glob(f"{number:02d}-*.ipynb"))
        assert len(matches) == 1, f"session {number}: expected one notebook, found {matches}"
        pages.append(matches[0])
    return pages


PAGES = session_pages()


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def markdown(path: Path) -> str:
    return "\n".join(source(cell) for cell in cells(path) if cell["cell_type"] == "markdown")


def visible_code(path: Path) -> str:
    return "\n".join(
        source(cell) for cell in cells(path)
        if cell["cell_type"] == "code" and not HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", []))
    )


def code_lines(code: str) -> list[str]:
    return [line for line in code.splitlines() if line.strip() and not line.strip().startswith("#")]


def pandas_methods(code: str) -> set[str]:
    return {name for name in PANDAS_METHODS if re.search(rf"\.{name}\b", code)}


def admonition(text: str, css_class: str) -> str | None:
    """The body of the first admonition with ``:class: css_class``, or None."""
    match = re.search(rf"^:::+\{{admonition\}}([^\n]*)\n:class: [^\n]*\b{css_class}\b[^\n]*\n(.*?)^:::+$",
                      text, re.MULTILINE | re.DOTALL)
    return None if match is None else match.group(1).strip() + "\n" + match.group(2)


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.stem)
def test_page_shows_at_least_twenty_lines_of_pandas_on_data(path):
    code = visible_code(path)
    lines = code_lines(code)
    assert len(lines) >= MIN_VISIBLE_LINES, f"{path.name}: {len(lines)} visible code lines"
    assert "load_table(" in code, f"{path.name}: no visible load_table(...) of a data/ table"
    methods = pandas_methods(code)
    assert len(methods) >= MIN_PANDAS_METHODS, f"{path.name}: visible pandas operations {sorted(methods)}"


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.stem)
def test_page_has_header_and_data_box(path):
    text = markdown(path)
    header = admonition(text, "page-header")
    assert header is not None, f"{path.name}: no admonition with :class: page-header"
    for part in ("Prerequisites", "Time to read", "What you will do"):
        assert part in header, f"{path.name}: the header does not say {part!r}"
    notes = admonition(text, "data-notes")
    assert notes is not None, f"{path.name}: no admonition with :class: data-notes"
    assert notes.startswith("What to know about this data"), f"{path.name}: data box title is {notes.splitlines()[0]!r}"


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.stem)
def test_every_exercise_is_graded_and_one_is_a_mini_project(path):
    exercises = EXERCISE.findall(markdown(path))
    assert exercises, f"{path.name}: no exercises"
    for block in exercises:
        body = [line for line in block.splitlines()[1:] if line.strip() and not line.startswith(":")]
        assert body and DIFFICULTY.match(body[0]), f"{path.name}: exercise without a difficulty mark: {block[:80]!r}"
    projects = [block for block in exercises if re.search(r"^:class:.*\bmini-project\b", block, re.MULTILINE)]
    assert len(projects) == 1, f"{path.name}: {len(projects)} mini-projects"


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.stem)
def test_solutions_that_compute_state_their_numbers(path):
    for block in SOLUTION.findall(markdown(path)):
        if "```python" in block or "{code-cell}" in block:
            assert "{glue:text}" in block, f"{path.name}: a computing solution states no glued result: {block[:80]!r}"


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.stem)
def test_no_exercise_asks_to_change_a_module_setting(path):
    text = markdown(path)
    for block in EXERCISE.findall(text) + SOLUTION.findall(text):
        assert not MODULE_SETTING.search(block), f"{path.name}: {MODULE_SETTING.search(block).group(0)!r}"


def test_the_conventions_catch_what_they_should():
    """The checks above fail on pages that break the conventions."""
    assert not DIFFICULTY.match("Change and re-run: ...")
    assert DIFFICULTY.match("★★ Compute ...") and not DIFFICULTY.match("★★★★ ...")
    assert MODULE_SETTING.search("meeting.NOT_SPEAKING = ('report author',)")
    assert not MODULE_SETTING.search("frame.loc[0] = 1")
    assert pandas_methods("table.groupby('a').sum()") == {"groupby", "sum"}
    assert code_lines("# a comment\n\nx = 1\n") == ["x = 1"]
    box = ":::{admonition} Before you start\n:class: page-header\n\n**Prerequisites:** none\n:::\n"
    assert admonition(box, "page-header").startswith("Before you start")
    assert admonition(box, "data-notes") is None


def toc_files() -> set[str]:
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    return set(re.findall(r"file:\s*(\S+)", toc))


def test_definitions_chapter_and_teachers_guide_are_in_the_toc():
    files = toc_files()
    for page in ("book/reading-migration-figures", "book/teachers-guide"):
        assert page in files, f"{page} is not in _toc.yml"
        assert list(ROOT.glob(page + ".*")), f"{page} is in the toc but has no file"


def test_every_definition_cites_a_source_in_the_bibliography():
    from companion.data.tables import load_table

    bibliography = (ROOT / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"^@\w+\{([^,]+),", bibliography, re.MULTILINE))
    definitions = load_table("definitions")
    missing = sorted(set(definitions["source"]) - keys)
    assert not missing, f"data/definitions.csv cites keys not in references.bib: {missing}"
