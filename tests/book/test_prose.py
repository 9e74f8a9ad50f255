"""The book's prose: no hand-typed figures, and every session page has its parts."""

from __future__ import annotations

import nbformat
import pytest

from companion.book.prose import hand_typed_figures, markdown_sources
from companion.data.sessions import meeting_sessions
from companion.paths import repo_root

BOOK = repo_root() / "book"
SESSION_NOTEBOOKS = sorted((BOOK / "sessions").glob("*.ipynb"))
# The parts every session notebook has, in this order (level-2 headings after the title).
SESSION_PARTS = (
    "Learning objectives",
    "Figures quoted in this session",
    "What happened next",
    "Exercises",
    "Discussion",
    "Sources",
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("more than 300 participants attended", ["300 participants"]),
        ("the report's 91 per cent", ["91 per cent"]),
        ("as high as a 10-month salary", ["10-month"]),
        ("its nine chapters", ["nine chapters"]),
        ("{glue:text}`undaf-documents-share` of documents", []),
        ("adopted in 2018 by the Assembly", []),
        ("SDG target 10.7 and Session IV", []),
        ("```python\nshare = 91  # per cent\n```", []),
    ],
)
def test_detector_finds_quantities_and_spares_names(text, expected):
    assert hand_typed_figures(text) == expected


def test_no_hand_typed_figures_in_the_book():
    offences = []
    for place, markdown in markdown_sources(BOOK):
        for found in hand_typed_figures(markdown):
            offences.append(f"{place}: {found!r}")
    assert not offences, "quantities typed by hand (glue them from data/):\n" + "\n".join(offences)


def test_there_is_a_notebook_for_every_session():
    # One notebook per session of data/sessions.csv, numbered 01, 02 ... in session order.
    numbers = [path.name.split("-", 1)[0] for path in SESSION_NOTEBOOKS]
    assert numbers == [f"{number:02d}" for number in range(1, len(meeting_sessions()) + 1)], [
        path.name for path in SESSION_NOTEBOOKS
    ]


@pytest.mark.parametrize("path", SESSION_NOTEBOOKS, ids=lambda path: path.stem)
def test_session_notebook_has_every_part_in_order(path):
    notebook = nbformat.read(path, as_version=4)
    headings = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            headings += [line[3:].strip() for line in cell.source.splitlines() if line.startswith("## ")]
    title = next(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert title.startswith("# "), f"{path.name}: no title"
    positions = []
    for part in SESSION_PARTS:
        assert part in headings, f"{path.name}: no '## {part}' heading"
        positions.append(headings.index(part))
    assert positions == sorted(positions), f"{path.name}: parts out of order: {headings}"
    analyses = headings[headings.index("Figures quoted in this session") + 1 : headings.index("What happened next")]
    assert 1 <= len(analyses) <= 3, f"{path.name}: expected one to three analyses, found {analyses}"


@pytest.mark.parametrize("path", SESSION_NOTEBOOKS, ids=lambda path: path.stem)
def test_session_notebook_has_exercises_with_hidden_solutions(path):
    text = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown")
    exercises = text.count(":::{exercise}")
    solutions = text.count(":::{solution}")
    assert exercises >= 2, f"{path.name}: {exercises} exercises"
    assert solutions == exercises, f"{path.name}: {solutions} solutions for {exercises} exercises"
    assert text.count(":class: dropdown") >= solutions, f"{path.name}: a solution is not hidden"
    assert "re-run" in text.lower(), f"{path.name}: no change-and-re-run exercise"
