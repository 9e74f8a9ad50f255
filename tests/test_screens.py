"""Every page of the built book on a desktop and a phone screen, in Chromium.

Measured, not assumed: each chart's drawn width against the content column,
the document's width against the window (no sideways scroll), and wide
tables scrolling inside their own box. Accessibility is checked by axe-core
(bundled by axe-playwright-python) against WCAG 2.1 A and AA, in light and
dark mode; the hand-written checks in test_browser.py cover only what axe
does not (images that fail to load, console errors, search, anchors).
"""

from __future__ import annotations

import pytest

from tests.browser import (  # noqa: F401 (chromium and site are fixtures)
    MEASURE_LAYOUT, WIDTHS, book_pages, chromium, go_to, layout_problems, open_page, site,
)

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Deliberately over-wide content, placed into a page as the book's own
# content would be: a chart image 4000 px wide in a figure, and a table in a
# notebook output whose cells cannot wrap.
OVER_WIDE_CHART_AND_TABLE = """
() => {
  const article = document.querySelector('article.bd-article');
  const svg = "<svg xmlns='http://www.w3.org/2000/svg' width='4000' height='400'><rect width='4000' height='400' fill='%230072B2'/></svg>";
  const cells = Array.from({length: 12}, (_, i) => '<td>' + 'wide_cell_value_'.repeat(3) + i + '</td>').join('');
  article.insertAdjacentHTML('beforeend',
    '<figure class="align-default" id="planted-figure"><img alt="A planted over-wide chart" src="data:image/svg+xml,' + svg + '"></figure>'
    + '<div class="cell docutils container"><div class="cell_output docutils container"><div class="output text_html">'
    + '<table class="dataframe" id="planted-table"><thead><tr>' + cells.replaceAll('td>', 'th>') + '</tr></thead><tbody><tr>' + cells + '</tr></tbody></table>'
    + '</div></div></div>');
  return new Promise(resolve => { const image = document.querySelector('#planted-figure img'); image.complete ? resolve() : image.onload = resolve; });
}
"""

# A block with a fixed width and no scrolling box of its own: the layout
# checks must report it.
OVER_WIDE_BLOCK = """
() => document.querySelector('article.bd-article').insertAdjacentHTML('beforeend',
  '<div id="planted-block" style="width: 2000px">A block wider than any screen</div>')
"""


@pytest.fixture(scope="module")
def pages(built_book):
    found = book_pages(built_book)
    assert len(found) >= 15, found
    return found


@pytest.mark.parametrize("screen", list(WIDTHS))
def test_every_page_fits_the_screen(site, pages, chromium, screen):
    problems = {}
    context, tab = open_page(chromium, f"{site}/{pages[0]}", WIDTHS[screen])
    try:
        for path in pages:
            go_to(tab, f"{site}/{path}")
            found = layout_problems(tab.evaluate(MEASURE_LAYOUT), screen)
            if found:
                problems[path] = found
    finally:
        context.close()
    assert problems == {}


def test_the_charts_fill_the_column_on_a_desktop_and_fit_it_on_a_phone(site, chromium):
    widths = {}
    for screen, width in WIDTHS.items():
        context, tab = open_page(chromium, f"{site}/book/sessions/01-opening.html", width)
        try:
            measured = tab.evaluate(MEASURE_LAYOUT)
        finally:
            context.close()
        widths[screen] = [chart["width"] / measured["column"] for chart in measured["charts"]]
    assert len(widths["desktop"]) == 2
    assert all(0.8 <= share <= 1.0 for share in widths["desktop"])
    assert all(0.95 <= share <= 1.0 for share in widths["phone"])


@pytest.mark.parametrize("screen", list(WIDTHS))
def test_an_over_wide_chart_and_table_are_contained(site, chromium, screen):
    context, tab = open_page(chromium, f"{site}/book/sessions/07-agenda-2030.html", WIDTHS[screen])
    try:
        tab.evaluate(OVER_WIDE_CHART_AND_TABLE)
        measured = tab.evaluate(MEASURE_LAYOUT)
    finally:
        context.close()
    planted_chart = next(chart for chart in measured["charts"] if chart["src"].startswith("data:"))
    planted_table = next(table for table in measured["tables"] if table["name"].startswith("table#planted-table"))
    assert planted_chart["natural"] == 4000 and planted_chart["width"] <= measured["column"] + 1
    assert planted_table["width"] > measured["column"]  # wider than the column...
    assert planted_table["scroller"]["scrolls"]          # ...so its own box scrolls
    assert layout_problems(measured, screen) == []


def test_the_layout_checks_catch_an_over_wide_block(site, chromium):
    context, tab = open_page(chromium, f"{site}/book/intro.html", WIDTHS["phone"])
    try:
        tab.evaluate(OVER_WIDE_BLOCK)
        problems = layout_problems(tab.evaluate(MEASURE_LAYOUT), "phone")
    finally:
        context.close()
    assert any(problem.startswith("page scrolls sideways") for problem in problems), problems
    assert any("div#planted-block" in problem for problem in problems), problems


@pytest.mark.parametrize("colour_scheme", ["light", "dark"])
def test_axe_finds_no_wcag_21_aa_violation_on_any_page(site, pages, chromium, colour_scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    violations = {}
    context, tab = open_page(chromium, f"{site}/{pages[0]}", WIDTHS["desktop"], colour_scheme)
    try:
        for path in pages:
            go_to(tab, f"{site}/{path}")
            assert tab.evaluate("document.documentElement.dataset.theme") == colour_scheme
            results = axe.run(tab, options=options)
            if results.violations_count:
                violations[path] = sorted(
                    f"{violation['id']}: {len(violation['nodes'])} node(s)" for violation in results.response["violations"]
                )
    finally:
        context.close()
    assert violations == {}
