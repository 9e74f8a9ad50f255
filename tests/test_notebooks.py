"""companion.book.notebooks: stored outputs stripped as nbval expects, and the build cache filled in parallel."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.image
import matplotlib.pyplot as plt
import nbformat
import pytest
import yaml
from nbval.plugin import get_sanitize_patterns

from companion.book import notebooks
from companion.paths import repo_root

ROOT = repo_root()
SANITIZE_CONFIG = ROOT / "tests" / "nbval_sanitize.cfg"
GLUED_PNG = "application/papermill.record/image/png"


def sanitize(text: str) -> str:
    """``text`` as nbval sees it with the project's sanitizer (same parser, same order)."""
    for regex, replacement in get_sanitize_patterns(SANITIZE_CONFIG.read_text(encoding="utf-8")):
        text = re.sub(regex, replacement, text)
    return text


def chart_png_base64() -> str:
    """A real chart as Jupyter stores it in an output: base64 PNG with a final newline."""
    figure, axes = plt.subplots(figsize=(3, 2))
    axes.bar(["a", "b"], [1, 2])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii") + "\n"


def executed_notebook(png: str) -> nbformat.NotebookNode:
    """A notebook as nbclient leaves it: timings, a text result, a shown and a glued chart."""
    cell = nbformat.v4.new_code_cell("chart()", execution_count=1)
    cell.metadata = {"tags": ["remove-input"], "execution": {"iopub.status.idle": "2026-11-27T00:19:11Z"}}
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="drawn\n"),
        nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": "<Figure size 300x200 with 1 Axes>"}),
        nbformat.v4.new_output(
            "display_data",
            data={GLUED_PNG: png, "application/papermill.record/text/plain": "<Figure size 300x200 with 1 Axes>"},
            metadata={"scrapbook": {"name": "fig-x", "mime_prefix": "application/papermill.record/"}},
        ),
        nbformat.v4.new_output("execute_result", data={"text/plain": "42"}, execution_count=1),
    ]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title"), cell])


def test_placeholder_is_a_valid_tiny_png():
    image = matplotlib.image.imread(io.BytesIO(base64.b64decode(notebooks.PNG_PLACEHOLDER)), format="png")
    assert image.shape[:2] == (1, 1)
    assert len(notebooks.PNG_PLACEHOLDER) < 120


def test_sanitizer_maps_a_fresh_png_and_the_placeholder_to_one_token():
    fresh = chart_png_base64()
    assert fresh.rstrip() != notebooks.PNG_PLACEHOLDER
    assert sanitize(fresh) == sanitize(notebooks.PNG_PLACEHOLDER)
    # The token stands for an image and nothing else: other text still compares.
    assert sanitize("not an image") == "not an image"
    assert sanitize("not an image") != sanitize(notebooks.PNG_PLACEHOLDER)
    assert sanitize("<Figure size 300x200 with 1 Axes>") == "<Figure>"


def test_strip_replaces_image_bytes_and_timings_and_keeps_the_rest():
    png = chart_png_base64()
    notebook = executed_notebook(png)
    assert notebooks.unstripped_parts(notebook) == [
        "cell 1: execution timings in its metadata",
        "cell 1: image/png bytes",
        f"cell 1: {GLUED_PNG} bytes",
    ]
    stripped = notebooks.strip_notebook(nbformat.from_dict(notebook))
    cell = stripped.cells[1]
    assert cell.metadata == {"tags": ["remove-input"]}
    assert [output.output_type for output in cell.outputs] == ["stream", "display_data", "display_data", "execute_result"]
    assert cell.outputs[1].data == {"image/png": notebooks.PNG_PLACEHOLDER, "text/plain": "<Figure size 300x200 with 1 Axes>"}
    assert cell.outputs[2].data[GLUED_PNG] == notebooks.PNG_PLACEHOLDER
    assert cell.outputs[2].metadata["scrapbook"]["name"] == "fig-x"
    assert cell.outputs[3].data == {"text/plain": "42"}
    assert cell.outputs[0].text == "drawn\n"
    assert notebooks.unstripped_parts(stripped) == []
    nbformat.validate(stripped)


def test_stripped_and_fresh_outputs_agree_under_the_sanitizer():
    fresh = executed_notebook(chart_png_base64())
    stored = notebooks.strip_notebook(nbformat.from_dict(fresh))

    def as_nbval_compares(notebook):
        return [
            {mime: sanitize(value) for mime, value in output.get("data", {}).items()}
            for cell in notebook.cells for output in cell.get("outputs", [])
        ]

    assert as_nbval_compares(stored) == as_nbval_compares(fresh)
    # ... and a changed text output would still be caught.
    fresh.cells[1].outputs[3].data["text/plain"] = "43"
    assert as_nbval_compares(stored) != as_nbval_compares(fresh)


def test_every_committed_notebook_is_stripped():
    unstripped = {
        str(path.relative_to(ROOT)): parts
        for path in notebooks.book_notebooks(ROOT)
        if (parts := notebooks.unstripped_parts(nbformat.read(path, as_version=4)))
    }
    assert not unstripped, f"run `python -m companion.book.notebooks strip` (or make execute): {unstripped}"


def test_strip_command_checks_then_strips(tmp_path, capsys):
    path = tmp_path / "chart.ipynb"
    nbformat.write(executed_notebook(chart_png_base64()), path)
    original = path.read_text(encoding="utf-8")
    assert notebooks.main(["strip", "--check", str(path)]) == 1
    assert "image/png bytes" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == original
    assert notebooks.main(["strip", str(path)]) == 0
    assert notebooks.main(["strip", "--check", str(path)]) == 0
    assert notebooks.unstripped_parts(nbformat.read(path, as_version=4)) == []


# --- Configuration -----------------------------------------------------------

def test_extension_list_is_jupyter_books_defaults_without_thebe():
    from jupyter_book.config import get_default_sphinx_config

    listed = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]["extensions"]
    defaults = get_default_sphinx_config()["extensions"]
    # If this fails after a Jupyter Book upgrade, update the list in
    # _config.yml (and its comment) to the new defaults, still without sphinx_thebe.
    # The project's own extensions (companion.book.*) come on top.
    third_party = {name for name in listed if not name.startswith("companion.")}
    assert third_party == (set(defaults) - {"sphinx_thebe"}) | {"sphinx_exercise", "sphinxcontrib.bibtex"}
    assert len(listed) == len(set(listed))


def test_final_build_configuration_loads_no_thebe():
    from jupyter_book.config import get_final_config

    config, _ = get_final_config(user_yaml=ROOT / "_config.yml", cli_config={"latex_individualpages": False}, sourcedir=ROOT)
    assert "sphinx_thebe" not in config["extensions"]
    assert "myst_nb" in config["extensions"]


def test_every_plain_exclude_pattern_names_something_that_exists():
    patterns = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["exclude_patterns"]
    plain = [pattern for pattern in patterns if not any(char in pattern for char in "*?[")]
    # _build is made by the build itself.
    dead = [pattern for pattern in plain if pattern != "_build" and not (ROOT / pattern).exists()]
    assert not dead, f"exclude_patterns name nothing: {dead}"


# --- The build cache, on a one-page book ----------------------------------------

def tiny_book(folder: Path, code: str) -> Path:
    """A one-notebook Jupyter Book in ``folder`` whose notebook runs ``code``."""
    (folder / "_config.yml").write_text(
        "title: Tiny\nexecute:\n  execute_notebooks: cache\n  timeout: 60\n", encoding="utf-8"
    )
    (folder / "_toc.yml").write_text("format: jb-book\nroot: book/index\n", encoding="utf-8")
    (folder / "book").mkdir()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Tiny"), nbformat.v4.new_code_cell(code)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "book" / "index.ipynb"
    nbformat.write(notebook, path)
    return path


def test_build_reads_the_notebooks_the_cache_step_executed(tmp_path):
    tiny_book(tmp_path, "print(6 * 7)")
    executed = notebooks.fill_build_cache(tmp_path)
    assert [path.name for path in executed] == ["index.ipynb"]
    assert notebooks.fill_build_cache(tmp_path) == []  # nothing outdated the second time
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(jupyter_book), "build", str(tmp_path), "--builder", "html"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"Using jupyter-cache at: {notebooks.build_cache_path(tmp_path)}" in result.stdout
    assert "Using cached notebook" in result.stdout
    assert "Executing notebook" not in result.stdout
    assert "42" in (tmp_path / "_build" / "html" / "book" / "index.html").read_text(encoding="utf-8")


def test_a_failing_notebook_is_named_with_its_traceback(tmp_path):
    path = tiny_book(tmp_path, "1 / 0")
    with pytest.raises(notebooks.NotebookExecutionFailed) as caught:
        notebooks.fill_build_cache(tmp_path)
    assert list(caught.value.tracebacks) == [str(path.resolve())]
    assert "ZeroDivisionError" in str(caught.value)


def test_notebooks_that_ran_longest_start_first(tmp_path):
    from types import SimpleNamespace

    paths = {}
    for name, size in [("short", 10), ("long", 20), ("new-big", 5000), ("new-small", 1)]:
        paths[name] = tmp_path / f"{name}.ipynb"
        paths[name].write_text("x" * size, encoding="utf-8")
    history = [SimpleNamespace(uri=str(paths["short"]), data={"execution_seconds": 1.0}),
               SimpleNamespace(uri=str(paths["long"]), data={"execution_seconds": 9.0})]
    cache = SimpleNamespace(list_cache_records=lambda: history)
    records = [SimpleNamespace(uri=str(path)) for path in paths.values()]
    ordered = [Path(record.uri).stem for record in notebooks._longest_first(cache, records)]
    assert ordered == ["long", "short", "new-big", "new-small"]


def test_the_cache_step_runs_exactly_the_notebooks_the_book_reads():
    def files(entries):
        for entry in entries or []:
            if "file" in entry:
                yield entry["file"]
            yield from files(entry.get("chapters"))
            yield from files(entry.get("sections"))

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    in_toc = {toc["root"], *files(toc.get("parts")), *files(toc.get("chapters"))}
    notebook_docs = {str(path.relative_to(ROOT).with_suffix("")) for path in notebooks.book_notebooks(ROOT)}
    assert notebook_docs <= in_toc, f"notebooks the book does not read: {sorted(notebook_docs - in_toc)}"
    assert {doc for doc in in_toc if (ROOT / f"{doc}.ipynb").is_file()} == notebook_docs


def test_a_change_to_the_data_empties_the_build_cache_and_the_sphinx_environment(tmp_path):
    """jupyter-cache keys a notebook on its code alone: after a data edit the
    cached outputs (and Sphinx's saved pages) must go, or the book is stale."""
    from companion.book.notebooks import forget_outdated_runs

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "figures.csv").write_text("id,value\na,1\n", encoding="utf-8")
    cache = tmp_path / "_build" / ".jupyter_cache"
    doctrees = tmp_path / "_build" / ".doctrees"

    assert forget_outdated_runs(tmp_path, cache) is False  # first run: nothing to forget
    (cache / "cached-run").write_text("outputs", encoding="utf-8")
    doctrees.mkdir()
    assert forget_outdated_runs(tmp_path, cache) is False  # nothing changed: the runs stay
    assert (cache / "cached-run").exists()

    (tmp_path / "data" / "figures.csv").write_text("id,value\na,2\n", encoding="utf-8")
    assert forget_outdated_runs(tmp_path, cache) is True
    assert not (cache / "cached-run").exists()
    assert not doctrees.exists()
    assert forget_outdated_runs(tmp_path, cache) is False  # the new state is recorded


def test_executing_an_unchanged_notebook_leaves_its_file_alone(tmp_path):
    # Its file time stays, so `make book` after `make execute` has nothing to rebuild.
    path = tiny_book(tmp_path, "print(6 * 7)")
    assert notebooks.execute_in_place([path], check=False) == 0
    written = path.stat().st_mtime_ns
    assert notebooks.execute_in_place([path], check=False) == 0
    assert path.stat().st_mtime_ns == written
    assert "42" in path.read_text(encoding="utf-8")
