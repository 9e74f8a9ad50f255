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


def all_pages(built: Path) -> list[Path]:
    return [
        path for path in built.rglob("*.html")
        if "_static" not in path.parts and path.parent != built  # root index.html is a redirect; genindex/search are generated
    ]


def test_every_image_has_meaningful_alt_text(built_book):
    images = 0
    for html_file in all_pages(built_book):
        html = html_file.read_text(encoding="utf-8")
        for tag in re.findall(r"<img\b[^>]*>", html):
            images += 1
            alt = re.search(r'alt="([^"]*)"', tag)
            assert alt and alt.group(1).strip(), f"{html_file.name}: image without alt text: {tag[:120]}"
            text = alt.group(1).strip()
            assert not re.fullmatch(r"[\w./-]+\.(png|svg|jpe?g)", text), f"{html_file.name}: alt text is a file name: {text}"
            assert len(text.split()) >= 4, f"{html_file.name}: alt text too short to describe a chart: {text}"
    assert images >= len(list((built_book / "book" / "sessions").glob("*.html"))), "fewer images than session pages"


def test_every_page_has_exactly_one_h1(built_book):
    # The theme repeats the title in a print-only header (hidden on screen and
    # from screen readers); the page's article must hold exactly one h1.
    for html_file in all_pages(built_book):
        article = re.search(r"<article.*?</article>", html_file.read_text(encoding="utf-8"), re.S)
        assert article, f"{html_file.name}: no article element"
        assert len(re.findall(r"<h1\b", article.group(0))) == 1, html_file.name


def test_session_pages_have_charts_and_hidden_solutions(built_book):
    for html_file in sorted((built_book / "book" / "sessions").glob("*.html")):
        html = html_file.read_text(encoding="utf-8")
        assert re.search(r'<figure[^>]*id="fig-', html), f"{html_file.name}: no numbered chart"
        assert len(re.findall(r'class="[^"]*solution[^"]*dropdown', html)) >= 2, f"{html_file.name}: fewer than two hidden solutions"


def test_session_seven_shows_the_glued_91_per_cent(built_book):
    text = visible_text(page(built_book, "book/sessions/07-agenda-2030.html"))
    assert "91 per cent" in text


def test_figures_index_has_an_anchor_and_cite_block_per_figure(built_book):
    from companion.data.tables import load_table

    html = page(built_book, "book/reference/figures.html")
    ids = list(load_table("figures")["id"])
    for figure_id in ids:
        assert f'id="{figure_id}"' in html, f"no anchor for {figure_id}"
    assert len(re.findall(r'<details class="[^"]*sd-dropdown[^"]*">\s*<summary[^>]*>\s*<span class="sd-summary-text">Cite this figure', html)) == len(ids)


def test_data_page_offers_every_table_for_download(built_book):
    from companion.data.tables import package

    html = page(built_book, "book/reference/data.html")
    for entry in package()["resources"]:
        assert re.search(rf'href="[^"]*/{re.escape(entry["path"])}"', html), entry["path"]
        assert any(built_book.joinpath("_downloads").rglob(entry["path"])), f"{entry['path']} not copied"
    assert any(built_book.joinpath("_downloads").rglob("datapackage.json"))


GLUE_TEXT_ROLE = re.compile(r"\{(?:glue:text|eval)\}`[^`]+`")  # {eval} pastes glued text too (inline_values)
PASTED_TEXT = re.compile(r'<span class="pasted-text">(.*?)</span>')


def glue_roles_by_page() -> dict[str, int]:
    """Per page (its path under the book, .html), how many {glue:text} roles its source holds."""
    import nbformat

    counts = {}
    for source in sorted((ROOT / "book").rglob("*")):
        if source.suffix == ".ipynb":
            cells = nbformat.read(source, as_version=4).cells
            text = "\n".join(cell.source for cell in cells if cell.cell_type == "markdown")
        elif source.suffix == ".md":
            text = source.read_text(encoding="utf-8")
        else:
            continue
        counts[source.relative_to(ROOT).with_suffix(".html").as_posix()] = len(GLUE_TEXT_ROLE.findall(text))
    return counts


def test_every_glue_role_is_rendered_as_pasted_text(built_book):
    # If the theme or myst-nb renamed the span's class, this finds no spans and fails,
    # rather than letting the check below pass with nothing to check.
    roles = glue_roles_by_page()
    assert sum(roles.values()) > 0, "no {glue:text} roles found in the book's sources"
    for page_path, expected in roles.items():
        found = len(PASTED_TEXT.findall(page(built_book, page_path)))
        assert found == expected, f"{page_path}: {expected} glue:text roles in the source, {found} pasted-text spans"


def test_glued_values_read_as_prose_not_python(built_book):
    # A glued value must not surface as a Python repr: quotes, tuples, nan.
    bad = re.compile(r"^(?:'.*'|\".*\"|\(\d+(?:, \d+)+\)|nan|<NA>|None|np\.\w+\(.*\))$")
    values = [
        (html_file.name, value)
        for html_file in all_pages(built_book)
        for value in PASTED_TEXT.findall(html_file.read_text(encoding="utf-8"))
    ]
    assert len(values) == sum(glue_roles_by_page().values()), "pasted-text spans and glue roles disagree"
    for name, value in values:
        assert not bad.match(value), f"{name}: glued value shows as Python: {value}"
