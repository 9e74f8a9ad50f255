"""A pytest plugin: nbval's fresh runs go into the build's execution cache, so
``make test`` executes each notebook once.

nbval re-runs every notebook under ``book/`` and compares its outputs with
the stored ones. The book build that the page tests read (``built_book`` in
``tests/conftest.py``) needs the same fresh outputs; rather than run every
notebook a second time, this plugin stores each notebook that nbval ran
without an error, with nbval's outputs, in the jupyter-cache the build reads
(:func:`companion.book.notebooks.build_cache_path`). ``pytest.ini`` lists
``book`` before ``tests``, so nbval runs first. A notebook with a failing or
skipped cell is not stored: the build then executes it itself.

Registered in ``pytest.ini`` (``-p tests.nbval_cache``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest
from nbval.plugin import IPyNbCell

from companion.paths import repo_root


@dataclass
class NotebookRun:
    """What nbval saw of one notebook: each code cell's outputs, by code-cell number."""

    outputs: dict[int, list] = field(default_factory=dict)
    seconds: float = 0.0
    complete: bool = True


_runs: dict[Path, NotebookRun] = {}


@lru_cache(maxsize=1)
def _cache():
    from jupyter_cache import get_cache

    from companion.book.notebooks import build_cache_path, forget_outdated_runs

    # Runs cached before the data or the package changed are dropped first,
    # so the build does not drop nbval's fresh runs.
    forget_outdated_runs(repo_root(), build_cache_path(repo_root()))
    return get_cache(str(build_cache_path(repo_root())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    started = time.perf_counter()
    outcome = yield
    if not isinstance(item, IPyNbCell):
        return
    run = _runs.setdefault(Path(item.parent.path), NotebookRun())
    run.seconds += time.perf_counter() - started
    if outcome.excinfo is not None or item.test_outputs is None:
        run.complete = False
    else:
        run.outputs[item.cell_num] = item.test_outputs


def pytest_runtest_teardown(item, nextitem):
    if not isinstance(item, IPyNbCell) or (nextitem is not None and nextitem.parent is item.parent):
        return
    path = Path(item.parent.path)
    run = _runs.pop(path, None)
    if run is not None and run.complete:
        store_run(path, run)


def executed_notebook(path: Path, run: NotebookRun) -> nbformat.NotebookNode | None:
    """The notebook at ``path`` with nbval's outputs in its code cells (None if a cell is missing)."""
    notebook = nbformat.read(path, as_version=4)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    if sorted(run.outputs) != list(range(len(code_cells))):
        return None
    for number, cell in enumerate(code_cells):
        cell.outputs = [nbformat.from_dict(dict(output)) for output in run.outputs[number]]
        # nbval keeps no execution count; a fresh kernel running each code
        # cell once, in order, gives this one.
        cell.execution_count = number + 1
    return notebook


def store_run(path: Path, run: NotebookRun) -> None:
    from jupyter_cache.base import CacheBundleIn

    notebook = executed_notebook(path, run)
    if notebook is None:
        return
    _cache().cache_notebook_bundle(
        CacheBundleIn(notebook, str(path.resolve()), data={"execution_seconds": run.seconds}),
        check_validity=False, overwrite=True,
    )
