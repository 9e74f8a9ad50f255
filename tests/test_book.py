"""The book builds with warnings as errors, and its pages hold what they promise."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from companion.paths import repo_root

ROOT = repo_root()
HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book once per test session (through the execution cache), as `make book` does."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going", "--builder", "html"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, (
        "jupyter-book build failed (warnings are errors):\n" + result.stdout[-6000:] + result.stderr[-4000:]
    )
    return HTML


def page(built: Path, name: str) -> str:
    return (built / name).read_text(encoding="utf-8")


def visible_text(html: str) -> str:
    """Text of the page's main content, tags removed, white space folded."""
    main = re.search(r"<main.*?</main>", html, re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", main.group(0) if main else html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text)


def test_index_and_intro_are_built(built_book):
    assert (built_book / "index.html").is_file()
    intro = visible_text(page(built_book, "book/intro.html"))
    assert "ESA/P/WP/249" in intro


def test_session_one_shows_the_glued_244_million(built_book):
    text = visible_text(page(built_book, "book/sessions/01-opening.html"))
    assert "244 million" in text
    assert "international-migrants-2015" not in text.replace("#international-migrants-2015", "")  # no raw glue key


def test_no_page_shows_an_unresolved_glue_key_or_error(built_book):
    for html_file in built_book.rglob("*.html"):
        text = visible_text(html_file.read_text(encoding="utf-8"))
        assert "{glue" not in text, html_file
        assert "Traceback (most recent call last)" not in text, html_file
