"""tests/nbval_cache.py: nbval's passing runs land in the build cache, failing ones do not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat

from companion.book import notebooks
from companion.paths import repo_root
from tests.nbval_cache import NotebookRun, executed_notebook
from tests.test_notebooks import tiny_book

ROOT = repo_root()


def test_executed_notebook_takes_nbval_outputs_cell_by_cell(tmp_path):
    path = tiny_book(tmp_path, "print(1)")
    output = nbformat.v4.new_output("stream", name="stdout", text="1\n")
    notebook = executed_notebook(path, NotebookRun(outputs={0: [output]}))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code[0].outputs == [output]
    assert code[0].execution_count == 1
    assert notebook.cells[0].cell_type == "markdown"
    # A notebook whose code cells nbval did not all run is not assembled.
    assert executed_notebook(path, NotebookRun(outputs={})) is None


def test_nbval_run_fills_the_build_cache_only_with_passing_notebooks(tmp_path):
    passing = tiny_book(tmp_path, "print(6 * 7)")
    # A second notebook (other code: the cache keys on code) whose stored
    # output is wrong: nbval fails it.
    failing = passing.with_name("stale.ipynb")
    stale = nbformat.read(passing, as_version=4)
    stale.cells[1].source = "print(7 * 6)"
    stale.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="41\n")]
    stale.cells[1].execution_count = 1
    nbformat.write(stale, failing)
    fresh = nbformat.read(passing, as_version=4)
    fresh.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="42\n")]
    fresh.cells[1].execution_count = 1
    nbformat.write(fresh, passing)

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.nbval_cache",
         "--nbval", "--nbval-current-env", str(passing), str(failing)],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "1 failed, 1 passed" in result.stdout, result.stdout[-3000:] + result.stderr[-2000:]

    from jupyter_cache import get_cache

    cache = get_cache(str(notebooks.build_cache_path(tmp_path)))
    cached = cache.match_cache_notebook(nbformat.read(passing, as_version=4))
    # (the cache keeps code cells only)
    assert [cell.outputs[0].text for cell in cache.get_cache_bundle(cached.pk).nb.cells] == ["42\n"]
    assert [path.name for path in notebooks.fill_build_cache(tmp_path, [passing, failing])] == ["stale.ipynb"]
