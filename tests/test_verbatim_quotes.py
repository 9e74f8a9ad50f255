"""Quotes are verbatim on the page: every quote of the report, as the built
HTML renders it, occurs in the report (no curly apostrophes or dashes put in
by smart quotes)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from companion.data import report
from tests.requirements import require_report_text

# Pages that show the report's words in “...”: in table cells and block quotes.
QUOTING_PAGES = ["book/reference/figures.html", "book/reference/errata.html", "book/reference/timeline.html",
                 *[f"book/sessions/{path.stem}.html" for path in sorted(Path("book/sessions").glob("*.ipynb"))]]


def rendered_quotes(page: str) -> list[str]:
    """The text inside “...” of every table cell and block quote of a page."""
    blocks = re.findall(r"<(td|blockquote)\b[^>]*>(.*?)</\1>", page, re.S)
    quotes = []
    for _, block in blocks:
        text = html.unescape(re.sub(r"<[^>]+>", "", block))
        quotes += re.findall(r"“([^“”]+)”", text)
    return [re.sub(r"\s+", " ", quote).strip() for quote in quotes]


def test_every_rendered_quote_is_in_the_report(built_book):
    text = report.normalize(require_report_text())
    checked, missing = 0, []
    for name in QUOTING_PAGES:
        for quote in rendered_quotes((built_book / name).read_text(encoding="utf-8")):
            checked += 1
            if quote not in text:
                missing.append(f"{name}: {quote!r}")
    assert checked > 100, f"only {checked} quotes found: the pages' markup changed?"
    assert not missing, "rendered quotes not in the report:\n" + "\n".join(missing)


def test_straight_apostrophes_stay_straight(built_book):
    figures = (built_book / "book/reference/figures.html").read_text(encoding="utf-8")
    assert "today's 244 million international migrants" in html.unescape(figures)
    assert "today’s 244 million" not in html.unescape(figures)
