"""Running the book's notebooks: stored outputs that diff, and a build cache filled in parallel.

Three commands (``python -m companion.book.notebooks COMMAND``):

``execute`` (``make execute``)
    Re-runs notebooks in place (all under ``book/`` by default, several at
    a time: :func:`workers`), strips them (below) and writes back those that
    changed, so the outputs that nbval compares stay current. ``--check`` writes nothing and exits
    non-zero when a notebook's stored text outputs differ from a fresh run.

``strip``
    Strips notebooks without running them; ``--check`` writes nothing and
    lists the notebooks that still hold image bytes or timings (a test
    checks the committed notebooks the same way).

``cache`` (the first step of ``make book``)
    Executes the notebooks whose code is not yet in the jupyter-cache that
    ``jupyter-book build`` reads (``execute_notebooks: cache``), several at
    a time (:func:`workers`). Sphinx, which would run them one after
    another, then finds every notebook in the cache.

Both run each notebook in its own kernel, forked from a process that has
already imported ipykernel, numpy and matplotlib
(:mod:`companion.book.kernels`), so those imports are paid once per run
instead of once per notebook.

Stripping keeps what nbval compares and drops what nothing compares: every
PNG in a stored output becomes :data:`PNG_PLACEHOLDER` (nbval skips plain
``image/png`` outputs, and ``tests/nbval_sanitize.cfg`` maps glued PNG bytes
and the placeholder to one token), and the per-cell execution timings are
removed. A prose edit is then a small diff, and re-running an unchanged
notebook changes nothing (the timings are in the metadata jupyter-cache
hashes, so they would also invalidate the build cache on every run).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from companion.book.kernels import ForkedKernelManager
from companion.paths import repo_root

KERNEL = "python3"
TIMEOUT_SECONDS = 180

# A 1 x 1 transparent PNG. It stands in for the chart images of stored
# outputs: short, and still a valid PNG, so anything that decodes the stored
# outputs (a notebook viewer, nbconvert) shows nothing instead of failing.
PNG_PLACEHOLDER = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
# Mime types whose bytes are stripped: a plain image and a glued one
# (myst-nb's glue stores it under application/papermill.record/image/png).
_STRIPPED_MIME_SUFFIX = "image/png"
# Cell metadata that nbclient writes on every run (start and end times).
_TIMING_METADATA = "execution"


def book_notebooks(root: Path | None = None) -> list[Path]:
    """Every notebook under ``book/``, sorted, checkpoints excluded."""
    root = root or repo_root()
    return sorted(
        path for path in (root / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts
    )


# jupyter_client picks a kernel's TCP ports before the kernel binds them;
# with several kernels starting at once another one may take a port first,
# and the kernel dies at start ("Address already in use"). Starting again
# picks new ports.
KERNEL_START_ATTEMPTS = 3


def execute_notebook(path: Path) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` in its own folder and return it (unstripped)."""
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook,
            timeout=TIMEOUT_SECONDS,
            kernel_name=KERNEL,
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
            kernel_manager_class=ForkedKernelManager,
        )
        try:
            client.execute()
        except RuntimeError as error:
            if "Kernel died before replying to kernel_info" not in str(error) or attempt == KERNEL_START_ATTEMPTS:
                raise
            continue
        return notebook


def strip_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Replace every stored PNG by :data:`PNG_PLACEHOLDER` and drop cell timings, in place."""
    for cell in notebook.cells:
        cell.metadata.pop(_TIMING_METADATA, None)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in data:
                if mime.endswith(_STRIPPED_MIME_SUFFIX):
                    data[mime] = PNG_PLACEHOLDER
    return notebook


def unstripped_parts(notebook: nbformat.NotebookNode) -> list[str]:
    """What stripping would still remove from ``notebook``: one line per cell and part."""
    found = []
    for index, cell in enumerate(notebook.cells):
        if _TIMING_METADATA in cell.metadata:
            found.append(f"cell {index}: execution timings in its metadata")
        for output in cell.get("outputs", []):
            for mime, value in output.get("data", {}).items():
                if mime.endswith(_STRIPPED_MIME_SUFFIX) and value != PNG_PLACEHOLDER:
                    found.append(f"cell {index}: {mime} bytes")
    return found


def _text_outputs(notebook: nbformat.NotebookNode) -> list:
    """The notebook's outputs without images and execution counts, for comparison."""
    kept = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = {k: v for k, v in output.get("data", {}).items() if not k.endswith(_STRIPPED_MIME_SUFFIX)}
            kept.append((output.get("output_type"), output.get("text"), data))
    return kept


def _execute_and_compare(path: Path, write: bool) -> tuple[Path, float, bool, str | None]:
    """Run one notebook; return (path, seconds, outputs changed, error text or None)."""
    started = time.perf_counter()
    before = nbformat.read(path, as_version=4)
    try:
        after = strip_notebook(execute_notebook(path))
    except CellExecutionError as error:
        return path, time.perf_counter() - started, False, str(error)
    # Written only when its bytes change: an unchanged notebook keeps its
    # file time, so the next `make book` finds nothing to rebuild.
    if write and nbformat.writes(after) + "\n" != path.read_text(encoding="utf-8"):
        nbformat.write(after, path)
    return path, time.perf_counter() - started, _text_outputs(before) != _text_outputs(after), None


def workers() -> int:
    """Two notebooks at a time per core.

    A kernel does not keep its core busy all the time: it waits for the
    client at start (the start handshake, a 0.2 s quiet spell on its output
    channel) and at shutdown. On the reference machine (2 cores), three runs
    each of the cache step were fastest with four workers, slower with three
    and slowest with two (see BENCHMARKS.md)."""
    return 2 * (os.cpu_count() or 1)


def execute_in_place(paths: list[Path], check: bool) -> int:
    """Re-run ``paths`` in parallel, writing them back stripped unless ``check``; the exit status."""
    changed, failed = [], []
    with ThreadPoolExecutor(max_workers=min(workers(), len(paths) or 1)) as pool:
        for path, seconds, differs, error in pool.map(_execute_and_compare, paths, [not check] * len(paths)):
            if error is not None:
                failed.append(path)
                print(f"{path}: FAILED\n{error}", file=sys.stderr)
                continue
            if differs:
                changed.append(path)
            print(f"{path}: executed in {seconds:.1f} s")
    if failed:
        print("notebooks that failed:", *failed, sep="\n  ", file=sys.stderr)
        return 1
    if check and changed:
        print("stored outputs differ from a fresh run:", *changed, sep="\n  ")
        return 1
    return 0


def strip_in_place(paths: list[Path], check: bool) -> int:
    """Strip ``paths`` (or, with ``check``, list those not stripped); the exit status."""
    unstripped = {}
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        parts = unstripped_parts(notebook)
        if not parts:
            continue
        unstripped[path] = parts
        if not check:
            nbformat.write(strip_notebook(notebook), path)
            print(f"{path}: stripped")
    if check and unstripped:
        for path, parts in unstripped.items():
            print(f"{path}: not stripped:", *parts, sep="\n  ")
        print("run: python -m companion.book.notebooks strip (or make execute)")
        return 1
    return 0


# --- The build's execution cache -------------------------------------------

def build_execution_config(root: Path) -> dict:
    """The notebook-execution settings ``jupyter-book build`` gives myst-nb, read as it reads them."""
    from jupyter_book.config import get_final_config

    sphinx_config, _ = get_final_config(
        user_yaml=root / "_config.yml", cli_config={"latex_individualpages": False}, sourcedir=root,
    )
    return {key: value for key, value in sphinx_config.items() if key.startswith("nb_execution_")}


def build_cache_path(root: Path, config: dict | None = None) -> Path:
    """The jupyter-cache the build reads: ``execute.cache`` of ``_config.yml`` or, when
    that is empty, myst-nb's default, ``.jupyter_cache`` beside the HTML output folder."""
    config = config if config is not None else build_execution_config(root)
    configured = config.get("nb_execution_cache_path") or ""
    return (root / configured) if configured else root / "_build" / ".jupyter_cache"


# What the notebooks read besides their own code: jupyter-cache keys a
# notebook on its code only, and Sphinx re-reads only changed sources, so
# without this a change to the data or the package would leave stale pages.
NOTEBOOK_INPUTS = ("data", "companion", "requirements.txt", "pyproject.toml")
_FINGERPRINT_FILE = "inputs.sha256"


def inputs_fingerprint(root: Path) -> str:
    """sha256 over the files (name and bytes) the notebooks read besides their code."""
    digest = hashlib.sha256()
    for name in NOTEBOOK_INPUTS:
        top = root / name
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def forget_outdated_runs(root: Path, cache_path: Path) -> bool:
    """Empty the build cache and Sphinx's saved environment when the data or the
    package changed since the cache was filled; record the current fingerprint.

    Returns True when it emptied them, so every notebook runs again and every
    page is read again."""
    current = inputs_fingerprint(root)
    stamp = cache_path / _FINGERPRINT_FILE
    recorded = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None
    emptied = recorded != current and cache_path.exists()
    if emptied:
        shutil.rmtree(cache_path)
        shutil.rmtree(root / "_build" / ".doctrees", ignore_errors=True)
    cache_path.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current + "\n", encoding="utf-8")
    return emptied


def fill_build_cache(root: Path | None = None, paths: list[Path] | None = None) -> list[Path]:
    """Execute, :func:`workers` at a time, the notebooks whose code the build cache does not hold.

    Each notebook runs as myst-nb would run it (in its own folder, with the
    build's timeout, errors not allowed) and is stored in the cache the build
    reads, so ``jupyter-book build`` then executes nothing. Returns the
    notebooks it executed; raises :class:`NotebookExecutionFailed` naming
    every notebook that failed, with its traceback.
    """
    from jupyter_cache import get_cache

    root = root or repo_root()
    config = build_execution_config(root)
    if config.get("nb_execution_mode") != "cache" or config.get("nb_execution_in_temp"):
        raise ValueError(
            f"{root / '_config.yml'}: execute.execute_notebooks must be 'cache' and run_in_temp false "
            "for the build to read notebooks executed in their own folder"
        )
    paths = [path.resolve() for path in (paths if paths is not None else book_notebooks(root))]
    forget_outdated_runs(root, build_cache_path(root, config))
    cache = get_cache(str(build_cache_path(root, config)))
    uris = [str(path) for path in paths]
    # Project records of notebooks that no longer exist would make jupyter-cache fail.
    for record in cache.list_project_records():
        if not Path(record.uri).exists():
            cache.remove_nb_from_project(record.pk)
    for path in paths:
        cache.add_nb_to_project(str(path))
    outdated = cache.list_unexecuted(filter_uris=uris)
    if not outdated:
        return []
    failed = _execute_into_cache(cache, _longest_first(cache, outdated), config)
    if failed:
        raise NotebookExecutionFailed(
            {uri: cache.get_project_record(uri).traceback or "(no traceback recorded)" for uri in failed}
        )
    return [Path(record.uri) for record in outdated]


def _longest_first(cache, records: list) -> list:
    """``records`` ordered so the notebooks that ran longest last time (the
    largest files, when never run) start first and no worker is left running
    a long notebook alone at the end."""
    last_seconds = {record.uri: (record.data or {}).get("execution_seconds", 0.0)
                    for record in cache.list_cache_records()}
    return sorted(records, key=lambda record: (last_seconds.get(record.uri, 0.0), Path(record.uri).stat().st_size),
                  reverse=True)


def _execute_into_cache(cache, records: list, config: dict) -> list[str]:
    """Run ``records`` on :func:`workers` threads and cache each; the uris that failed.

    Each notebook runs as jupyter-cache's own executors run it (its
    ``single_nb_execution``, in the notebook's folder) in a kernel forked
    from the preloaded server (:mod:`companion.book.kernels`). The threads
    only wait on their kernels; this thread writes the cache. One notebook
    at a time per worker, longest first, so the pool finishes sooner than
    jupyter-cache's "local-parallel" executor, which hands them out two at a
    time in file order.
    """
    from jupyter_cache.cache.db import NbProjectRecord
    from jupyter_cache.executors.utils import create_cache_bundle, single_nb_execution

    NbProjectRecord.remove_tracebacks([record.pk for record in records], cache.db)
    project_notebooks = [cache.get_project_notebook(record.pk) for record in records]

    def execute(project_nb):
        return single_nb_execution(
            project_nb.nb, cwd=str(Path(project_nb.uri).parent), timeout=config.get("nb_execution_timeout"),
            allow_errors=bool(config.get("nb_execution_allow_errors")), kernel_manager_class=ForkedKernelManager,
        )

    failed = []
    with ThreadPoolExecutor(max_workers=min(workers(), len(project_notebooks))) as pool:
        runs = {pool.submit(execute, project_nb): project_nb for project_nb in project_notebooks}
        for run in as_completed(runs):
            project_nb = runs[run]
            try:
                result = run.result()
                error_text = result.exc_string if result.err else None
            except Exception:  # the kernel died, or never started: no cell error to report
                result, error_text = None, traceback.format_exc()
            print(f"{project_nb.uri}: {'FAILED' if error_text else 'executed'}", flush=True)
            if error_text:
                NbProjectRecord.set_traceback(project_nb.uri, error_text, cache.db)
                failed.append(project_nb.uri)
                continue
            cache.cache_notebook_bundle(create_cache_bundle(project_nb, result.cwd, None, result.time, None),
                                        check_validity=False, overwrite=True)
    return failed


class NotebookExecutionFailed(RuntimeError):
    """One or more notebooks raised while filling the build cache."""

    def __init__(self, tracebacks: dict[str, str]):
        self.tracebacks = tracebacks
        super().__init__(
            "notebooks that failed:\n" + "\n".join(f"{uri}:\n{text}" for uri, text in tracebacks.items())
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m companion.book.notebooks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["execute", "strip", "cache"])
    parser.add_argument("--check", action="store_true", help="execute, strip: compare only, write nothing")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all under book/)")
    args = parser.parse_intermixed_args(argv)
    paths = args.paths or book_notebooks()
    if args.command == "execute":
        return execute_in_place(paths, args.check)
    if args.command == "strip":
        return strip_in_place(paths, args.check)
    started = time.perf_counter()
    try:
        executed = fill_build_cache(paths=paths)
    except NotebookExecutionFailed as error:
        print(error, file=sys.stderr)
        return 1
    print(f"build cache: {len(executed)} of {len(paths)} notebooks executed "
          f"({workers()} workers) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
