"""The built book loads nothing from another host: it works offline and tells no third party who reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.offline import third_party_loads


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("cdn.html", '<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>', ["https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"]),
        ("font.html", '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Lato">', ["//fonts.googleapis.com/css?family=Lato"]),
        ("image.html", "<img alt='x' src='http://example.org/chart.png'>", ["http://example.org/chart.png"]),
        ("import.css", '@import url("https://fonts.example/x.css");', ["https://fonts.example/x.css"]),
        ("local.html", '<script src="_static/app.js"></script><a href="https://www.un.org">UN</a>', []),
    ],
)
def test_detector_on_fixtures(tmp_path: Path, name, text, expected):
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    assert third_party_loads(page) == expected


def test_built_book_loads_nothing_from_other_hosts(built_book):
    offences = {}
    for path in built_book.rglob("*"):
        if path.suffix in (".html", ".css", ".js"):
            loads = third_party_loads(path)
            if loads:
                offences[str(path.relative_to(built_book))] = loads
    assert not offences, f"third-party resources: {offences}"
