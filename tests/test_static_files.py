"""companion.book.static_files: an edit to the book's static files rebuilds every page."""

from __future__ import annotations

from types import SimpleNamespace

from companion.book import static_files


def fake_app(confdir):
    return SimpleNamespace(confdir=str(confdir), config=SimpleNamespace(html_static_path=["_static"]))


def test_the_digest_follows_the_files_bytes_and_names(tmp_path):
    (tmp_path / "_static").mkdir()
    css = tmp_path / "_static" / "book.css"
    css.write_text("p { color: black; }", encoding="utf-8")
    first = static_files.static_digest(tmp_path, ["_static"])
    assert static_files.static_digest(tmp_path, ["_static"]) == first
    css.write_text("p { color: navy; }", encoding="utf-8")
    edited = static_files.static_digest(tmp_path, ["_static"])
    assert edited != first
    css.rename(tmp_path / "_static" / "renamed.css")
    assert static_files.static_digest(tmp_path, ["_static"]) not in (first, edited)


def test_every_page_is_outdated_after_a_static_edit_and_only_then(tmp_path):
    (tmp_path / "_static").mkdir()
    css = tmp_path / "_static" / "book.css"
    css.write_text("p { color: black; }", encoding="utf-8")
    app, env = fake_app(tmp_path), SimpleNamespace(found_docs={"intro", "sessions/01", "sessions/02"})
    outdated = static_files._outdated_when_static_changed
    assert outdated(app, env, set(), set(), set()) == []  # first build: every page is written anyway
    assert outdated(app, env, set(), set(), set()) == []  # nothing changed
    css.write_text("p { color: navy; }", encoding="utf-8")
    assert outdated(app, env, set(), {"sessions/01"}, set()) == ["intro", "sessions/02"]
    assert outdated(app, env, set(), set(), set()) == []  # recorded: the next build has nothing to do
