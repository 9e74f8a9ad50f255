"""Finding hand-typed figures in the book's prose.

The rule of the book: every quantity in prose comes from ``data/`` through
``{glue}``. This module finds the places that break it: a numeral or number
word next to a unit or quantity word ("300 participants", "nine chapters",
"91 per cent", "a 10-month salary") in Markdown text, outside code, glue
roles, links and citations. Years, dates, section numerals and SDG target
numbers are allowed, since they name rather than measure.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from companion.data.numbers import CARDINAL_WORDS, FRACTION_WORDS

# Numbers in words that may start a hand-typed quantity ("nine chapters",
# "two-thirds of"); scales such as "million" are quantity words below.
NUMBER_WORDS = CARDINAL_WORDS + ("thousand", "thousands") + FRACTION_WORDS
QUANTITY_WORDS = (
    "million millions billion billions thousand per cent percent % participants people persons "
    "migrants workers refugees countries states documents chapters principles objectives months "
    "month years sessions days researchers publications programmes cases euro dollars us$ "
    "organizations organisations areas scenarios workshops members member"
).split()

_NUMBER = r"(?:\d[\d.,]*|" + "|".join(re.escape(word) for word in NUMBER_WORDS) + r")"
_QUANTITY = r"(?:" + "|".join(re.escape(word) for word in QUANTITY_WORDS) + r")"
# A number, optionally hyphen-joined to its unit ("10-month"), then up to one
# word, then a quantity word.
HAND_TYPED = re.compile(
    rf"(?<![\w./-]){_NUMBER}(?:-{_QUANTITY}\b|\s*%|\s+(?:[\w-]+\s+)?{_QUANTITY}\b)",
    re.IGNORECASE,
)
_YEARISH = re.compile(r"^(?:1[89]\d\d|20\d\d)(?:-\d{2,4})?$")

# Spans that are not prose: code, roles (glue, cite, ref, term ...), links'
# targets, directive option lines, HTML comments.
_NOT_PROSE = [
    re.compile(r"```.*?```", re.S),
    re.compile(r"`[^`]*`"),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"^\s*:[\w-]+:.*$", re.M),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"https?://\S+"),
]


def prose_only(markdown: str) -> str:
    """The Markdown with code, roles, link targets and options blanked out."""
    for pattern in _NOT_PROSE:
        markdown = pattern.sub(" ", markdown)
    return markdown


def hand_typed_figures(markdown: str) -> list[str]:
    """Quantities typed by hand in ``markdown`` (years and the like excepted)."""
    found = []
    for match in HAND_TYPED.finditer(prose_only(markdown)):
        number = re.match(_NUMBER, match.group(0), re.IGNORECASE).group(0)
        if _YEARISH.match(number):
            continue
        found.append(match.group(0))
    return found


def markdown_sources(book_folder: Path) -> list[tuple[str, str]]:
    """Every prose source of the book: (place, Markdown text) for each .md page
    and each Markdown cell of each notebook."""
    sources = []
    for path in sorted(book_folder.rglob("*.md")):
        sources.append((str(path), path.read_text(encoding="utf-8")))
    for path in sorted(book_folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        notebook = nbformat.read(path, as_version=4)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "markdown":
                sources.append((f"{path} cell {index}", cell.source))
    return sources
