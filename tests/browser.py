"""A real browser on the built book: Chromium, a local server, page measurements.

Shared by the browser tests (tests/test_browser.py, tests/test_screens.py)
and by ``make screenshots`` (``python -m tests.screenshots``). Chromium comes
from Debian (`.ci/run` installs it); Playwright's own browser download does
not work offline, so Playwright is pointed at the system executable.
Without Chromium the tests skip locally and fail in CI, where
COMPANION_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from tests.requirements import BROWSER, skip_or_fail

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# The two screens the book is measured on: a desktop window and a phone.
WIDTHS = {"desktop": 1280, "phone": 390}
HEIGHT = 900

# On a desktop a chart wider than this share of the content column must
# fill at least this share of it; narrower charts are shown at full size.
FILL_SHARE = 0.8


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_path() -> str:
    """The system Chromium; skip the test without it (fail in CI)."""
    path = find_chromium()
    if not path:
        skip_or_fail("Chromium not found on PATH (apt-get install chromium); browser tests need it",
                     BROWSER)
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # one line per request would drown the test output
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on a free localhost port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextlib.contextmanager
def launched_chromium(executable: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="module")
def site(built_book):
    """The built book served on a free localhost port, for a module's tests."""
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    """A headless system Chromium, for a module's tests."""
    with launched_chromium(chromium_path()) as instance:
        yield instance


# Resolves when every CSS transition and animation on the page has finished
# (the theme fades colours in when it switches to dark mode; measuring
# mid-fade reads colours no reader sees).
SETTLE = "() => Promise.all(document.getAnimations().map(animation => animation.finished)).then(() => true)"


def open_page(browser, url: str, width: int, colour_scheme: str = "light"):
    """A new browser context at ``width`` x HEIGHT px in ``colour_scheme``,
    with ``url`` loaded and settled; returns (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, color_scheme=colour_scheme)
    tab = context.new_page()
    go_to(tab, url)
    return context, tab


def go_to(tab, url: str) -> None:
    """Load ``url`` in ``tab`` and wait until it has settled."""
    tab.goto(url, wait_until="load")
    tab.evaluate(SETTLE)


def book_pages(html_root: Path) -> list[str]:
    """Every page of the book (relative URLs), in a stable order."""
    return sorted(str(path.relative_to(html_root)) for path in (html_root / "book").rglob("*.html"))


# Measures one page as laid out: the content column, the document's width
# against the window's, each chart's drawn width, each table and the box that
# scrolls it, and any element that reaches past the column without a box
# that scrolls it.
MEASURE_LAYOUT = """
() => {
  const article = document.querySelector('article.bd-article');
  const articleBox = article.getBoundingClientRect();
  const padding = getComputedStyle(article);
  const column = {
    left: articleBox.left + parseFloat(padding.paddingLeft),
    right: articleBox.right - parseFloat(padding.paddingRight),
  };
  column.width = column.right - column.left;
  const scrollerOf = (element) => {
    for (let box = element.parentElement; box && box !== article; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return box;
    }
    return null;
  };
  const describe = (element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
    + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
  const charts = Array.from(article.querySelectorAll('figure img')).map(image => ({
    src: image.getAttribute('src'), width: image.getBoundingClientRect().width, natural: image.naturalWidth,
  }));
  const tables = Array.from(article.querySelectorAll('table')).map(table => {
    const scroller = scrollerOf(table);
    return {
      name: describe(table), width: table.getBoundingClientRect().width,
      right: table.getBoundingClientRect().right,
      scroller: scroller ? {right: scroller.getBoundingClientRect().right, scrolls: scroller.scrollWidth > scroller.clientWidth} : null,
    };
  });
  const overflowing = [];
  for (const element of article.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= column.right + 1) continue;
    if (scrollerOf(element)) continue;
    const look = getComputedStyle(element);
    if (look.visibility === 'hidden' || look.opacity === '0') continue;  // e.g. a heading's link, shown on hover
    overflowing.push(describe(element) + ' right edge at ' + Math.round(box.right) + ' px');
    if (overflowing.length >= 5) break;
  }
  return {
    column: column.width, columnRight: column.right,
    documentWidth: document.documentElement.scrollWidth, windowWidth: window.innerWidth,
    charts, tables, overflowing,
  };
}
"""


def layout_problems(measured: dict, screen: str) -> list[str]:
    """What is wrong with a page's layout on ``screen`` ("desktop"/"phone"),
    from the measurements of MEASURE_LAYOUT (empty when all is well)."""
    problems = []
    if measured["documentWidth"] > measured["windowWidth"] + 1:
        problems.append(f"page scrolls sideways: {measured['documentWidth']} px in a {measured['windowWidth']} px window")
    column = measured["column"]
    for chart in measured["charts"]:
        if chart["width"] > column + 1:
            problems.append(f"chart {chart['src']} is {chart['width']:.0f} px wide in a {column:.0f} px column")
        wide = chart["natural"] >= FILL_SHARE * column
        if screen == "desktop" and wide and chart["width"] < FILL_SHARE * column:
            problems.append(f"chart {chart['src']} shown {chart['width']:.0f} px wide in a {column:.0f} px column")
    for table in measured["tables"]:
        if table["right"] > measured["columnRight"] + 1:
            scroller = table["scroller"]
            if scroller is None or scroller["right"] > measured["columnRight"] + 1:
                problems.append(f"table {table['name']} ({table['width']:.0f} px) is cut off: no box scrolls it")
    problems += [f"reaches past the column: {element}" for element in measured["overflowing"]]
    return problems
