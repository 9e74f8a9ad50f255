"""companion.bench: the page comparison masks only what differs between any two builds."""

from __future__ import annotations

from pathlib import Path

from companion.bench import comparable_html, differing_pages

EXECUTION_TABLE = """<table class="table"><thead><tr><th><p>Document</p></th><th><p>Modified</p></th>
<th><p>Method</p></th><th><p>Run Time (s)</p></th><th><p>Status</p></th></tr></thead><tbody>
<tr><td><p>book/x</p></td><td><p>{when}</p></td><td><p>{method}</p></td><td><p>{seconds}</p></td><td><p>✅</p></td></tr>
</tbody></table>"""
VERSIONS_TABLE = '<table class="table"><tr><td><p>pandas</p></td><td><p>{version}</p></td></tr></table>'


def page(when="2026-11-28 09:01", method="cache", seconds="1.21", version="3.1.1") -> str:
    return ("<main>" + EXECUTION_TABLE.format(when=when, method=method, seconds=seconds)
            + VERSIONS_TABLE.format(version=version) + "</main>")


def test_execution_times_and_timestamps_are_masked():
    assert comparable_html(page()) == comparable_html(page(when="2026-11-29 10:00", seconds="3.5"))


def test_everything_else_still_compares():
    assert comparable_html(page()) != comparable_html(page(method="execute"))
    assert comparable_html(page()) != comparable_html(page(version="3.1.2"))
    # A number outside the execution table is not masked.
    assert comparable_html("<td><p>1.21</p></td>") == "<td><p>1.21</p></td>"


def test_differing_pages_names_changed_and_missing_pages(tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        (folder / "book").mkdir(parents=True)
    (first / "book" / "same.html").write_text(page(), encoding="utf-8")
    (second / "book" / "same.html").write_text(page(seconds="9.9"), encoding="utf-8")
    (first / "book" / "changed.html").write_text(page(), encoding="utf-8")
    (second / "book" / "changed.html").write_text(page(version="0"), encoding="utf-8")
    (first / "book" / "missing.html").write_text(page(), encoding="utf-8")
    pages = ["book/same.html", "book/changed.html", "book/missing.html"]
    assert differing_pages(first, second, pages) == ["book/changed.html", "book/missing.html"]
