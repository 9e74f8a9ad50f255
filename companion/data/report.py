"""The report's text, split into the sections and paragraphs it prints.

The Markdown conversion of the PDF keeps the PDF's headings and lets page
breaks split paragraphs in two. This module undoes the split, so that
"paragraph 3 of session II" means the third paragraph a reader of the printed
report would count, and it keeps footnotes apart from the body text.

The report's path comes from the environment variable ``COMPANION_REPORT``;
by default it is ``../shared/report/ESA-P-WP-249.md`` seen from the
repository root.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from companion.data.sessions import report_parts
from companion.errors import CompanionDataError
from companion.paths import repo_root

REPORT_ENV_VAR = "COMPANION_REPORT"

# A paragraph that ends with one of these closes a sentence; any other ending
# means a page break cut the paragraph and its rest follows.
_SENTENCE_END = re.compile(r"""[.:!?]["'”’)]*$|^\s*\S+\s*$""")
_FOOTNOTE_LINE = re.compile(r"^\s*(<sup>\d+</sup>|---\s*$)")


@dataclass(frozen=True)
class Section:
    """One part of the report: its id, heading as printed, paragraphs, footnotes."""

    id: str
    heading: str
    paragraphs: tuple[str, ...]
    footnotes: tuple[str, ...]

    @property
    def text(self) -> str:
        """The body text: paragraphs joined by blank lines (footnotes excluded)."""
        return "\n\n".join(self.paragraphs)


def report_path() -> Path:
    """Where the report's Markdown text is: ``$COMPANION_REPORT`` or the default."""
    configured = os.environ.get(REPORT_ENV_VAR)
    if configured:
        return Path(configured)
    return repo_root().parent / "shared" / "report" / "ESA-P-WP-249.md"


def read_report_text(path: Path | None = None) -> str:
    """Return the report's text, or raise CompanionDataError naming the path."""
    path = path or report_path()
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CompanionDataError(
            f"{path}: report text not found; set {REPORT_ENV_VAR} to the path of "
            "ESA-P-WP-249.md"
        ) from None


def normalize(text: str) -> str:
    """Fold white space and Markdown emphasis so quotes match across line breaks."""
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    return re.sub(r"\s+", " ", text).strip()


def _split_blocks(body: str) -> tuple[list[str], list[str]]:
    """Split a section body into raw paragraph blocks and footnote blocks."""
    paragraphs: list[str] = []
    footnotes: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or block == "---":
            continue
        if _FOOTNOTE_LINE.match(block):
            footnotes.append(normalize(re.sub(r"^<sup>\d+</sup>\s*", "", block)))
        else:
            paragraphs.append(normalize(block))
    return paragraphs, footnotes


def _join_page_breaks(blocks: list[str]) -> list[str]:
    """Rejoin paragraphs that a page break cut in two (no sentence end before it)."""
    joined: list[str] = []
    for block in blocks:
        if joined and not _SENTENCE_END.search(joined[-1]) and _looks_continued(joined[-1]):
            joined[-1] = f"{joined[-1]} {block}"
        else:
            joined.append(block)
    return joined


def _looks_continued(previous: str) -> bool:
    """A cut paragraph is long running text; short lines (titles, list rows) are not."""
    return len(previous.split()) > 8


def _heading_section_id(line: str) -> str | None:
    """The section id a heading line opens, or None when it opens no section."""
    if not line.startswith("#"):
        return None
    title = normalize(line.lstrip("#"))
    for section_id, heading in report_parts():
        if title == normalize(heading):
            return section_id
    return None


@lru_cache(maxsize=4)
def _parse(text: str) -> tuple[Section, ...]:
    lines = text.splitlines()
    starts: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        section_id = _heading_section_id(line)
        if section_id and section_id not in {sid for _, sid in starts}:
            starts.append((number, section_id))
    found = [sid for _, sid in starts]
    expected = [section_id for section_id, _ in report_parts()]
    if found != expected:
        raise CompanionDataError(
            f"{report_path()}: expected sections {expected} (data/sessions.csv, column "
            f"'heading_as_printed'), found {found}"
        )
    sections = []
    for index, (start, section_id) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        body_lines = lines[start + 1 : end] if section_id != "front-matter" else lines[:end]
        paragraphs, footnotes = _split_blocks("\n".join(body_lines))
        sections.append(
            Section(
                id=section_id,
                heading=normalize(lines[start].lstrip("#")),
                paragraphs=tuple(_join_page_breaks(paragraphs)),
                footnotes=tuple(footnotes),
            )
        )
    return tuple(sections)


def sections(text: str | None = None) -> dict[str, Section]:
    """The report's sections by id, in reading order (data/sessions.csv)."""
    text = read_report_text() if text is None else text
    return {section.id: section for section in _parse(text)}


def paragraph(section_id: str, number: int, text: str | None = None) -> str:
    """Paragraph ``number`` (1-based, as printed) of section ``section_id``."""
    found = sections(text)
    if section_id not in found:
        raise CompanionDataError(f"report: no section {section_id!r}; sections are {list(found)}")
    paragraphs = found[section_id].paragraphs
    if not 1 <= number <= len(paragraphs):
        raise CompanionDataError(
            f"report: section {section_id} has {len(paragraphs)} paragraphs, not {number}"
        )
    return paragraphs[number - 1]


def locate(quote: str, text: str | None = None) -> list[tuple[str, int]]:
    """Every (section id, paragraph number) whose paragraph contains ``quote``.

    Footnotes are searched too; a footnote is reported as paragraph 0.
    """
    needle = normalize(quote)
    places = []
    for section in sections(text).values():
        for number, body in enumerate(section.paragraphs, start=1):
            if needle in body:
                places.append((section.id, number))
        if any(needle in note for note in section.footnotes):
            places.append((section.id, 0))
    return places


def abbreviation_list(text: str | None = None) -> dict[str, str]:
    """The report's own list of abbreviations: abbreviation -> expansion,
    exactly as printed: the ``ABBR<tab>Expansion`` lines of the part
    "abbreviations" (the explanatory notes, data/sessions.csv)."""
    text = read_report_text() if text is None else text
    lines = text.splitlines()
    start = next((number for number, line in enumerate(lines) if _heading_section_id(line) == "abbreviations"), None)
    if start is None:
        raise CompanionDataError(f"{report_path()}: no heading of the explanatory notes, where the list of abbreviations is")
    listed: dict[str, str] = {}
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        abbreviation, tab, expansion = line.partition("\t")
        if tab:
            listed[abbreviation.strip()] = normalize(expansion)
    return listed


def printed_position(section_id: str, number: int, text: str | None = None) -> tuple[str | None, int]:
    """Where paragraph ``number`` of a section sits as a reader counts it:
    the sub-heading it falls under (None where the section has none before
    it) and its number under that sub-heading.

    The front matter's paragraphs are counted from its first line, title
    lines included (paragraph 10 is the first paragraph under "DESA");
    a citation should name the sub-heading and count from it instead.
    """
    paragraphs = sections(text)[section_id].paragraphs
    if not 1 <= number <= len(paragraphs):
        raise CompanionDataError(f"report: section {section_id} has {len(paragraphs)} paragraphs, not {number}")
    heading, counted = None, 0
    for block in paragraphs[:number]:
        if block.startswith("#"):
            heading, counted = normalize(block.lstrip("#")), 0
        else:
            counted += 1
    return (heading, counted) if heading else (None, number)


def contents_lines(text: str | None = None) -> list[tuple[str, str]]:
    """The report's table of contents as printed: (entry, page) per line,
    the entry without its leader dots ("II. IMPLEMENTING THE NEW YORK ...", "2")."""
    text = read_report_text() if text is None else text
    lines = text.splitlines()
    starts = [number for number, line in enumerate(lines) if _heading_section_id(line) == "contents"]
    if not starts:
        raise CompanionDataError(f"{report_path()}: the contents heading not found")
    entries = []
    for line in lines[starts[0] + 1 :]:
        if line.startswith("#"):
            break
        match = re.match(r"^(.*?)\s*\.{3,}\s*(\S+)\s*$", line)
        if match:
            entries.append((normalize(match.group(1)), match.group(2)))
    return entries
