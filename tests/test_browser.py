"""The built book in a real browser (headless Chromium driven by Playwright).

What axe-core (tests/test_screens.py) does not check: images that fail to
load, script errors, glue left unresolved, search and figure anchors.
Chromium and the local server come from tests/browser.py: without Chromium
the tests skip locally and fail in CI (COMPANION_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import pytest

from tests.browser import chromium, site  # noqa: F401 (fixtures)


@pytest.fixture
def page(chromium):  # noqa: F811
    context = chromium.new_context()
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()


def evaluated_on(page, url: str, script: str):
    """Load ``url`` in ``page`` and return what ``script`` (a JavaScript expression) evaluates to."""
    page.goto(url, wait_until="load")
    return page.evaluate(script)


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
    sizes = evaluated_on(page, f"{site}/book/sessions/07-agenda-2030.html",
                         "Array.from(document.querySelectorAll('figure img')).map(i => i.naturalWidth)")
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


def test_glued_numbers_are_set_like_the_text_around_them(site, page):
    # myst-nb sets them in bold; the book's CSS sets them as the surrounding
    # prose or caption is set.
    weights = evaluated_on(
        page, f"{site}/book/sessions/01-opening.html",
        "Array.from(document.querySelectorAll('span.pasted-text')).map(span =>"
        " [getComputedStyle(span).fontWeight, getComputedStyle(span.parentElement).fontWeight])"
    )
    assert weights, "no glued numbers on the page"
    assert all(own == surrounding for own, surrounding in weights), weights


def test_a_chart_opens_at_full_size(site, page):
    links = evaluated_on(
        page, f"{site}/book/sessions/01-opening.html",
        "Array.from(document.querySelectorAll('.bd-article figure img')).map(i =>"
        " [i.closest('a') ? i.closest('a').href : null, i.src, i.alt])"
    )
    assert links, "no chart on the page"
    for href, source, alt in links:
        assert href == source and href.endswith(".png"), (href, source)
        assert alt  # the link's name is the chart's alt text
    response = page.request.get(links[0][0])
    assert response.ok and response.headers["content-type"] == "image/png"
