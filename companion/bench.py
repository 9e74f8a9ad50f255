"""Benchmarks of the book's build and execution, printed, never asserted.

    python -m companion.bench [--runs 3] [--suite-runs 1] [--no-serial] [--record BENCHMARKS.md]

Measures, on this machine, ``make book`` as a reader runs it:

- the execution floor: a kernel start plus the imports the notebooks use
  (an otherwise empty notebook run through nbclient), median of ``--runs``;
- each notebook's execution on its own, as the build runs it (in a kernel
  forked from the preloaded server of :mod:`companion.book.kernels`);
- a clean build (``_build`` removed), median of ``--runs``;
- an unchanged rebuild (``make book`` again), and the same without make's
  up-to-date check (the cache step and Sphinx finding nothing to do);
- one notebook edited: its code changed (it is re-executed, Sphinx rewrites
  its page) against its execution plus Sphinx's incremental write of it
  (measured by touching the file: re-read and re-written, not re-executed);
- a serial build (``jupyter-book build`` alone into a temporary folder, its
  own empty cache: the notebooks run one after another inside Sphinx), whose
  notebook pages are compared with the parallel build's;
- the test suite (``pytest``).

It prints the ratios issue 15 set as targets: clean build / (notebooks x
floor) at or below 0.9, unchanged rebuild at or below 2 s, an edited notebook
at about its execution plus the incremental write.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from companion.book.notebooks import KERNEL, book_notebooks, execute_notebook, workers
from companion.paths import repo_root

FLOOR_IMPORTS = """\
import pandas as pd
import matplotlib.pyplot as plt
from companion.book import charts, glue, pages, style
from companion.data import context, figures, tables
"""
BUILD_FLAGS = ["-W", "-n", "--keep-going", "--builder", "html"]
# myst-nb's execution-statistics table (book/reference/build-status) shows
# when each notebook ran and for how long: different in any two builds.
_EXECUTION_TABLE = re.compile(r'<table class="table">(?:(?!</table>).)*?Run Time \(s\)(?:(?!</table>).)*?</table>', re.S)
_TIMESTAMP = re.compile(r"<p>\d{4}-\d\d-\d\d \d\d:\d\d</p>")
_SECONDS = re.compile(r"<td><p>\d+(?:\.\d+)?</p>\s*</td>")


def seconds(action) -> float:
    """Wall-clock seconds of one call of ``action``."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median_seconds(action, runs: int) -> float:
    """Median wall-clock seconds of ``runs`` calls of ``action``."""
    return statistics.median(seconds(action) for _ in range(runs))


def floor_run(folder: Path) -> None:
    """Start a kernel the usual way (a new Python, not forked) and run only the notebooks' imports."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_IMPORTS)])
    NotebookClient(notebook, kernel_name=KERNEL, resources={"metadata": {"path": str(folder)}}).execute()


def make_book(root: Path) -> None:
    """``make book``, as a reader runs it."""
    subprocess.run([os.environ.get("MAKE", "make"), "book"], check=True, capture_output=True, cwd=root)


def clean_build(root: Path) -> None:
    shutil.rmtree(root / "_build", ignore_errors=True)
    make_book(root)


def build_without_make_check(root: Path) -> None:
    """What ``make book`` runs when its inputs changed: the cache step, then Sphinx."""
    subprocess.run([sys.executable, "-m", "companion.book.notebooks", "cache"], check=True, capture_output=True, cwd=root)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    subprocess.run([str(jupyter_book), "build", str(root), *BUILD_FLAGS], check=True, capture_output=True, cwd=root)


def serial_build(root: Path, output: Path) -> Path:
    """Jupyter Book alone, into ``output`` with its own empty cache: notebooks run one at a time."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    subprocess.run([str(jupyter_book), "build", str(root), "--path-output", str(output), *BUILD_FLAGS],
                   check=True, capture_output=True, cwd=root)
    return output / "_build" / "html"


def comparable_html(html: str) -> str:
    """A page's HTML with the execution table's times and timestamps masked."""
    def mask(table: re.Match) -> str:
        return _SECONDS.sub("<td><p>SECONDS</p></td>", _TIMESTAMP.sub("<p>TIME</p>", table.group(0)))

    return _EXECUTION_TABLE.sub(mask, html)


def differing_pages(first: Path, second: Path, pages: list[str]) -> list[str]:
    """The pages (paths relative to the HTML folders) whose comparable HTML differs."""
    def read(folder: Path, page: str) -> str | None:
        path = folder / page
        return comparable_html(path.read_text(encoding="utf-8")) if path.is_file() else None

    return [page for page in pages if read(first, page) is None or read(first, page) != read(second, page)]


def notebook_pages(root: Path) -> list[str]:
    return [str(path.relative_to(root).with_suffix(".html")) for path in book_notebooks(root)]


def edited_notebook_rebuild(root: Path, notebook: Path) -> tuple[float, float]:
    """(seconds to rebuild after touching ``notebook``, after changing its code); the file is restored."""
    original = notebook.read_bytes()
    try:
        notebook.touch()
        touched = seconds(lambda: make_book(root))
        edited = nbformat.read(notebook, as_version=4)
        first_code = next(cell for cell in edited.cells if cell.cell_type == "code")
        first_code.source += "\n# edited by companion.bench"
        nbformat.write(edited, notebook)
        changed = seconds(lambda: make_book(root))
    finally:
        notebook.write_bytes(original)
        make_book(root)
    return touched, changed


def run_tests(root: Path) -> None:
    subprocess.run([sys.executable, "-m", "pytest", "-q"], check=True, capture_output=True, cwd=root)


def machine() -> str:
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    return (f"{platform.node() or 'unknown host'}, {os.cpu_count()} cores, {platform.machine()}, "
            f"Python {platform.python_version()}, load average at start {load}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m companion.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs of the floor and the clean build (median reported)")
    parser.add_argument("--suite-runs", type=int, default=1, help="runs of the whole test suite (0: skip it)")
    parser.add_argument("--no-serial", action="store_true", help="skip the serial build and the page comparison")
    parser.add_argument("--record", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args(argv)
    root = repo_root()
    notebooks = book_notebooks(root)
    started_at = machine()

    floor = median_seconds(lambda: floor_run(root / "book"), args.runs)
    per_notebook = {path.relative_to(root): seconds(lambda path=path: execute_notebook(path)) for path in notebooks}
    clean = median_seconds(lambda: clean_build(root), args.runs)
    serial = None
    if not args.no_serial:
        # Compared with the clean build just made: a page that Sphinx rewrites
        # in an incremental build differs from a clean build's (its CSS links
        # gain ?v= checksums), whoever executed the notebooks.
        with tempfile.TemporaryDirectory(prefix="companion-serial-") as folder:
            serial_html = {}
            serial = seconds(lambda: serial_html.setdefault("path", serial_build(root, Path(folder))))
            differ = differing_pages(serial_html["path"], root / "_build" / "html", notebook_pages(root))
    unchanged = seconds(lambda: make_book(root))
    unchanged_unchecked = seconds(lambda: build_without_make_check(root))
    edited_path = root / max(per_notebook, key=per_notebook.get)
    touched, edited = edited_notebook_rebuild(root, edited_path)
    edited_execution = per_notebook[edited_path.relative_to(root)]
    suite = median_seconds(lambda: run_tests(root), args.suite_runs) if args.suite_runs else None
    slowest = max(per_notebook, key=per_notebook.get)
    target = len(notebooks) * floor

    lines = [
        f"## {datetime.date.today().isoformat()} - {started_at}",
        "",
        f"`make bench`: floor and clean build median of {args.runs} runs, the rest one run each; "
        f"{workers()} execution workers.",
        "",
        "| measurement | seconds |",
        "| --- | --- |",
        f"| execution floor (kernel start + imports) | {floor:.2f} |",
        f"| clean build, `make book` ({len(notebooks)} notebooks in parallel, then Sphinx) | {clean:.1f} |",
        *([f"| clean build, serial (`jupyter-book build` alone) | {serial:.1f} |"] if serial is not None else []),
        f"| unchanged rebuild, `make book` | {unchanged:.2f} |",
        f"| unchanged rebuild past make's check (cache step + Sphinx) | {unchanged_unchecked:.2f} |",
        f"| {edited_path.relative_to(root)} touched (Sphinx re-reads and rewrites it) | {touched:.1f} |",
        f"| {edited_path.relative_to(root)} code edited (re-executed too) | {edited:.1f} |",
        *([f"| test suite | {suite:.1f} |"] if suite is not None else []),
        *[f"| notebook {path} (forked kernel) | {value:.2f} |" for path, value in sorted(per_notebook.items())],
        "",
        f"- clean build / (notebooks x floor): {clean / target:.2f} (target 0.9 or below)",
        f"- unchanged rebuild: {unchanged:.2f} s (target 2 s or below)",
        f"- edited notebook / (its execution + incremental write): "
        f"{edited / (edited_execution + touched):.2f} (target about 1)",
        *([f"- serial clean build / parallel clean build: {serial / clean:.2f}",
           "- notebook pages identical to the serial build (execution-table times masked): "
           + ("yes" if not differ else f"NO: {', '.join(differ)}")] if serial is not None else []),
        f"- slowest notebook / floor: {per_notebook[slowest] / floor:.2f} ({slowest})",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.record:
        with args.record.open("a", encoding="utf-8") as handle:
            handle.write(report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
