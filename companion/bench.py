"""Benchmarks of the book's build and execution, printed, never asserted.

    python -m companion.bench [--runs 3] [--suite-runs 1] [--record BENCHMARKS.md]

Measures, on this machine, the median of several runs of:

- the execution floor: a kernel start plus the imports the notebooks use
  (an otherwise empty notebook run through nbclient);
- a clean build (execution cache emptied) and an unchanged rebuild;
- each notebook's execution;
- the test suite (``pytest``);

then prints the ratios the project watches: clean build / (notebooks x
floor), the unchanged rebuild in seconds, slowest notebook / floor.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from companion.book.notebooks import KERNEL, book_notebooks, execute_notebook
from companion.paths import repo_root

FLOOR_IMPORTS = """\
import pandas as pd
import matplotlib.pyplot as plt
from companion.book import charts, glue, pages, style
from companion.data import context, figures, tables
"""


def median_seconds(action, runs: int) -> float:
    """Median wall-clock seconds of ``runs`` calls of ``action``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def floor_run(folder: Path) -> None:
    """Start a kernel and run only the notebooks' imports."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_IMPORTS)])
    NotebookClient(notebook, kernel_name=KERNEL, resources={"metadata": {"path": str(folder)}}).execute()


def build(root: Path, clean: bool) -> None:
    """Build the book as ``make book`` does; ``clean`` empties _build first."""
    if clean:
        shutil.rmtree(root / "_build", ignore_errors=True)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    subprocess.run(
        [str(jupyter_book), "build", str(root), "-W", "-n", "--keep-going", "--builder", "html"],
        check=True, capture_output=True, cwd=root,
    )


def run_tests(root: Path) -> None:
    subprocess.run([sys.executable, "-m", "pytest", "-q"], check=True, capture_output=True, cwd=root)


def machine() -> str:
    return f"{platform.node() or 'unknown host'}, {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m companion.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (median reported)")
    parser.add_argument("--suite-runs", type=int, default=1, help="runs of the whole test suite")
    parser.add_argument("--record", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args(argv)
    root = repo_root()
    notebooks = book_notebooks(root)

    floor = median_seconds(lambda: floor_run(root / "book"), args.runs)
    clean = median_seconds(lambda: build(root, clean=True), args.runs)
    unchanged = median_seconds(lambda: build(root, clean=False), args.runs)
    per_notebook = {path.relative_to(root): median_seconds(lambda path=path: execute_notebook(path), args.runs)
                    for path in notebooks}
    suite = median_seconds(lambda: run_tests(root), args.suite_runs)
    slowest = max(per_notebook, key=per_notebook.get)

    lines = [
        f"## {datetime.date.today().isoformat()} - {machine()}",
        "",
        f"Median of {args.runs} runs (test suite: {args.suite_runs}).",
        "",
        "| measurement | seconds |",
        "| --- | --- |",
        f"| execution floor (kernel start + imports) | {floor:.2f} |",
        f"| clean build ({len(notebooks)} notebooks, cache emptied) | {clean:.1f} |",
        f"| unchanged rebuild | {unchanged:.1f} |",
        f"| test suite | {suite:.1f} |",
        *[f"| notebook {path} | {seconds:.2f} |" for path, seconds in sorted(per_notebook.items())],
        "",
        f"- clean build / (notebooks x floor): {clean / (len(notebooks) * floor):.2f}",
        f"- unchanged rebuild: {unchanged:.1f} s",
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
