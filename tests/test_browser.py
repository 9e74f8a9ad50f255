"""The built book in a real browser (headless Chromium driven by Playwright).

Chromium comes from Debian (`.ci/run` installs it); Playwright's own browser
download does not work offline, so the tests point it at /usr/bin/chromium.
Locally, without Chromium, they skip and say why; CI sets
COMPANION_REQUIRE_BROWSER=1 so that they can never skip there.
"""

from __future__ import annotations

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


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        skip_or_fail("Chromium not found on PATH (apt-get install chromium); browser tests need it", BROWSER)
    return path


@pytest.fixture(scope="module")
def site(built_book: Path):
    """Serve the built book on a free localhost port for the module's tests."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_book))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()


def broken_images(page) -> list[str]:
    return page.evaluate(
        "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )


@pytest.mark.parametrize(
    "path, must_show",
    [
        ("book/intro.html", "244 million"),
        ("book/sessions/07-agenda-2030.html", "91 per cent"),
        ("book/reference/figures.html", "Cite this figure"),
    ],
)
def test_page_renders_glue_images_and_no_errors(site, page, path, must_show):
    page.goto(f"{site}/{path}", wait_until="load")
    text = page.inner_text("main")
    assert must_show in text
    assert "{glue" not in text and "glue:text" not in text
    assert broken_images(page) == []
    assert page.errors == []


def test_every_chart_on_a_session_page_has_loaded(site, page):
    page.goto(f"{site}/book/sessions/07-agenda-2030.html", wait_until="load")
    sizes = page.evaluate("Array.from(document.querySelectorAll('figure img')).map(i => i.naturalWidth)")
    assert len(sizes) >= 3 and all(width > 0 for width in sizes)


def test_search_finds_the_undaf_session(site, page):
    # As a reader does: open the search dialog from a page, type, press Enter.
    page.goto(f"{site}/book/intro.html", wait_until="load")
    page.locator("button.search-button__button:visible").first.click()
    box = page.locator("#pst-search-dialog input[type='search']")
    box.fill("UNDAF")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=UNDAF*")
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=15000)
    titles = " | ".join(results.all_inner_texts())
    assert "migration-related commitments of the 2030 Agenda" in titles


def test_figure_link_leads_to_its_anchor(site, page):
    page.goto(f"{site}/book/sessions/07-agenda-2030.html", wait_until="load")
    page.locator("a[href*='figures.html#undaf-documents-share']").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/book/reference/figures.html#undaf-documents-share")
    target = page.locator("[id='undaf-documents-share']")
    assert target.count() == 1
    assert target.evaluate("element => { const r = element.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }")
