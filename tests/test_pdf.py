"""The PDF edition, built as `make pdf` builds it and read back with poppler.

The book goes through Sphinx's LaTeX builder and XeLaTeX (Debian's TeX,
installed by .ci/run); pdfinfo, pdftotext and pdfimages (poppler-utils)
read the result. Without TeX or poppler the tests skip locally; CI sets
COMPANION_REQUIRE_PDF=1 so that they fail there instead.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from companion.paths import repo_root
from tests.requirements import PDF, skip_or_fail

ROOT = repo_root()
TOOLS = ("xelatex", "latexmk", "pdfinfo", "pdftotext", "pdfimages")

# The whole book is some 245 A4 pages (with the lessons, the definitions
# chapter and the teacher's guide); far fewer means chapters went missing,
# far more that something (a table, a listing) ran away.
PAGE_RANGE = (180, 360)


PDF_NAME = "migration-counted.pdf"


@pytest.fixture(scope="session")
def pdf() -> Path:
    """The PDF edition, built by `make pdf` as a reader would build it."""
    missing = [tool for tool in TOOLS + ("make",) if not shutil.which(tool)]
    if missing:
        skip_or_fail(f"{', '.join(missing)} not found: the PDF edition needs TeX and poppler-utils (see .ci/run)",
                     PDF)
    result = subprocess.run(["make", "pdf"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, "make pdf failed:\n" + result.stdout[-6000:] + result.stderr[-4000:]
    return ROOT / "_build" / "pdf" / PDF_NAME


@pytest.fixture(scope="session")
def pages_text(pdf) -> list[str]:
    """The text of each page (pdftotext keeps pages apart with form feeds)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    """One line of single spaces, with words hyphenated across lines joined."""
    return " ".join(re.sub(r"-\n\s*", "-", text).split())


def glued_figures() -> dict[str, int]:
    """Charts placed with {glue:figure}, counted per session notebook (01..09)."""
    counts = {}
    for notebook in sorted((ROOT / "book" / "sessions").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        markdown = "".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
        counts[notebook.name[:2]] = markdown.count("```{glue:figure}")
    return counts


def test_the_pdf_has_a_sane_number_of_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    low, high = PAGE_RANGE
    assert low <= pages <= high


def test_title_page_contents_and_parts(pages_text):
    assert flat(pages_text[0]).startswith("Migration, counted: a companion to the Fifteenth Coordination Meeting")
    assert any("CONTENTS" in page for page in pages_text[1:4])
    whole = flat("\n".join(pages_text))
    for part in ("Part I Getting started", "Part II Sessions", "Part III Reference"):
        assert part in whole


def test_report_figures_and_every_figure_id_are_in_the_text(pages_text):
    whole = flat("\n".join(pages_text))
    assert "244 million" in whole and "91 per cent" in whole
    with open(ROOT / "data" / "figures.csv", encoding="utf-8", newline="") as table:
        ids = [row["id"] for row in csv.DictReader(table)]
    assert len(ids) > 50
    assert [figure_id for figure_id in ids if figure_id not in whole] == []


def test_every_chart_is_numbered_and_embedded(pdf, pages_text):
    whole = flat("\n".join(pages_text))
    expected = [f"Fig. {int(session)}.{number}" for session, count in glued_figures().items()
                for number in range(1, count + 1)]
    assert len(expected) >= 10
    assert [label for label in expected if f"{label}:" not in whole] == []
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = [line.split() for line in listing.splitlines()[2:]]
    charts = [row for row in images if row[2] == "image" and int(row[3]) >= 1000]  # 200 dpi charts
    assert len(charts) >= len(expected)


def test_body_pages_are_numbered_in_sequence(pages_text):
    def footer_number(page: str) -> int | None:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if not lines:
            return None
        # Odd pages end "<section title>   <number>", even pages "<number>   <chapter>".
        found = re.search(r"\s(\d+)$", " " + lines[-1]) or re.match(r"^(\d+)\s", lines[-1])
        return int(found.group(1)) if found else None

    first_session = next(index for index, page in enumerate(pages_text) if "CHAPTER" in page and "ONE" in page)
    numbers = [footer_number(page) for page in pages_text[first_session + 1:]]
    numbered = [(offset, number) for offset, number in enumerate(numbers) if number is not None]
    assert len(numbered) > 0.9 * len(numbers)
    start_offset, start_number = numbered[0]
    assert all(number - start_number == offset - start_offset for offset, number in numbered)


def test_the_html_book_links_to_the_pdf_beside_it(pdf, built_book):
    intro = (built_book / "book" / "intro.html").read_text(encoding="utf-8")
    assert f'href="../{PDF_NAME}"' in intro
    assert (built_book / PDF_NAME).read_bytes() == pdf.read_bytes()
