"""Paragraph references: the table of paragraphs, the {para} role, and the
session summaries that must carry references and keep judgements in boxes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from companion.book.paragraphs import parse_reference, paragraph_anchor, reference_text
from companion.data import report
from companion.data.tables import load_table
from companion.errors import CompanionDataError
from companion.paths import repo_root
from tests.requirements import require_report_text

ROOT = repo_root()
SESSION_PAGES = sorted((ROOT / "book" / "sessions").glob("*.ipynb"))
KNOWN = {"II": {1, 2, 3, 4, 5, 6}, "preface": {1, 2, 3, 4}}


# --- the table of paragraphs -------------------------------------------------

def test_every_report_paragraph_has_exactly_one_row():
    text = require_report_text()
    in_report = {
        (section.id, number)
        for section in report.sections(text).values()
        for number in range(1, len(section.paragraphs) + 1)
    }
    table = load_table("paragraphs")
    rows = list(zip(table["section"], table["paragraph"].astype(int)))
    assert len(rows) == len(set(rows)), "a paragraph has more than one row"
    assert set(rows) - in_report == set(), "rows for paragraphs the report does not have"
    assert in_report - set(rows) == set(), "report paragraphs without a row"


def test_summaries_are_our_words_not_the_reports():
    # A summary that copies a run of ten words from its paragraph is a quote,
    # and quotes belong in the figure data, attributed.
    text = require_report_text()
    for row in load_table("paragraphs").itertuples():
        words = report.normalize(row.summary).split()
        body = report.paragraph(row.section, int(row.paragraph), text)
        for start in range(len(words) - 9):
            run = " ".join(words[start:start + 10])
            assert run not in body, f"{row.section}.{row.paragraph}: summary copies “{run}”"


# --- parsing a reference ------------------------------------------------------

def test_a_single_paragraph_and_a_range_parse_and_read_as_short_links():
    single = parse_reference("II.4", KNOWN)
    assert (single.section, single.first, single.last) == ("II", 4, 4)
    assert reference_text(single, {"II": "II"}) == "II ¶4"
    span = parse_reference("II.4-6", KNOWN)
    assert (span.first, span.last) == (4, 6)
    assert reference_text(span, {"II": "II"}) == "II ¶4–6"
    assert span.anchor == "para-ii-4"
    assert paragraph_anchor("front-matter", 11) == "para-front-matter-11"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("II.7", "has no paragraph 7"),
        ("II.5-8", "has no paragraph 7"),
        ("X.1", "no part 'X'"),
        ("II.6-4", "runs backwards"),
        ("II 4", "write PART.N"),
        ("preface.0", "has no paragraph 0"),
    ],
)
def test_a_reference_to_a_paragraph_that_does_not_exist_is_refused(text, message):
    with pytest.raises(CompanionDataError, match=re.escape(message)):
        parse_reference(text, KNOWN)


def test_references_are_checked_against_the_real_table():
    # Session VIII (tour-de-table) has 17 paragraphs; the closing session one.
    assert parse_reference("VIII.17").last == 17
    assert parse_reference("IX.1").first == 1
    with pytest.raises(CompanionDataError):
        parse_reference("IX.2")


# --- the role in a Sphinx build -----------------------------------------------

def _build(tmp_path: Path, body: str) -> subprocess.CompletedProcess:
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        'extensions = ["myst_parser", "companion.book.paragraphs"]\n', encoding="utf-8"
    )
    (source / "index.md").write_text(
        "# Test\n\n(para-ii-4)=\n## Paragraph II.4\n\nText.\n\n" + body + "\n", encoding="utf-8"
    )
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(source), str(tmp_path / "out")],
        capture_output=True, text=True,
    )


def test_the_role_renders_a_short_link_to_the_paragraph(tmp_path):
    result = _build(tmp_path, "Swing spoke first {para}`II.4`.")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'\(<a class="reference internal" href="#para-ii-4">.*?</a>\)', html, re.S)
    assert link, "no link to #para-ii-4 in parentheses"
    assert "II ¶4" in link.group(0)


def test_a_dangling_reference_fails_the_build(tmp_path):
    result = _build(tmp_path, "No such paragraph {para}`II.40`.")
    assert result.returncode != 0
    assert "II.40" in result.stderr and "has no paragraph 40" in result.stderr


# --- the session summaries -----------------------------------------------------

def summary_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a session page's summary: the first cell, from after
    the "*Session N of the report.*" line to the first level-2 heading."""
    first = nbformat.read(path, as_version=4).cells[0].source
    body = first.split("\n## ", 1)[0]
    body = body.split("of the report.*", 1)[1]
    return [block.strip() for block in re.split(r"\n\s*\n", body) if block.strip()]


def what_happened_next(path: Path) -> str:
    """The text of the page's "What happened next" section (Markdown cells only)."""
    markdown = "\n\n".join(
        cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"
    )
    section = markdown.split("## What happened next", 1)[1]
    return re.split(r"\n## ", section, maxsplit=1)[0]


def without_our_reading(text: str) -> str:
    """The text with every "Our reading" admonition removed."""
    return re.sub(r":::+\{admonition\} Our reading\n.*?\n:::+", "", text, flags=re.S)


def test_there_are_nine_session_pages_with_summaries():
    assert len(SESSION_PAGES) == 9
    for path in SESSION_PAGES:
        assert summary_paragraphs(path), path.name


@pytest.mark.parametrize("path", SESSION_PAGES, ids=lambda path: path.stem)
def test_every_summary_paragraph_carries_a_paragraph_reference(path):
    for block in summary_paragraphs(path):
        if re.fullmatch(r":::+(\{admonition\}.*)?(\n:class:.*)?", block):
            continue  # the fence lines of a box
        assert "{para}`" in block, f"{path.name}: summary paragraph without a reference: {block[:80]}"


JUDGEMENT_WORDS = re.compile(
    r"\b(late|later than|disagree\w*|consensus|smooth\w* over|the one real)\b", re.I
)


@pytest.mark.parametrize("path", SESSION_PAGES, ids=lambda path: path.stem)
def test_judgements_stay_inside_our_reading_boxes(path):
    for name, text in (("summary", "\n\n".join(summary_paragraphs(path))), ("what happened next", what_happened_next(path))):
        found = JUDGEMENT_WORDS.findall(without_our_reading(text))
        assert not found, f"{path.name}, {name}: judgement words outside an 'Our reading' box: {found}"


def test_the_judgement_check_finds_a_judgement_outside_a_box():
    text = "The compact came late {para}`II.1`.\n\n:::{admonition} Our reading\nIt was late.\n:::"
    assert JUDGEMENT_WORDS.findall(without_our_reading(text)) == ["late"]
    assert JUDGEMENT_WORDS.findall(without_our_reading(text.replace("came late", "came"))) == []
