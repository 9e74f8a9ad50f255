"""Re-executing the book's notebooks in place, so stored outputs stay current.

nbval compares each notebook's stored outputs with a fresh run, so after a
change to data or code the stored outputs must be refreshed:
``python -m companion.book.notebooks execute`` (``make execute``) re-runs every
notebook under ``book/`` with nbclient, each in its own folder, and writes it
back. Run with ``--check`` it writes nothing and exits non-zero when a
notebook's stored text outputs differ from a fresh run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from companion.paths import repo_root

KERNEL = "python3"
TIMEOUT_SECONDS = 180


def book_notebooks(root: Path | None = None) -> list[Path]:
    """Every notebook under ``book/``, sorted, checkpoints excluded."""
    root = root or repo_root()
    return sorted(
        path for path in (root / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts
    )


def execute_notebook(path: Path) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` in its own folder and return it."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_SECONDS,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


def _text_outputs(notebook: nbformat.NotebookNode) -> list:
    """The notebook's outputs without images and execution counts, for comparison."""
    kept = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = {k: v for k, v in output.get("data", {}).items() if not k.startswith("image/")}
            kept.append((output.get("output_type"), output.get("text"), data))
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m companion.book.notebooks", description=__doc__)
    parser.add_argument("command", choices=["execute"])
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all under book/)")
    args = parser.parse_args(argv)
    changed, failed = [], []
    for path in args.paths or book_notebooks():
        started = time.perf_counter()
        before = nbformat.read(path, as_version=4)
        try:
            after = execute_notebook(path)
        except CellExecutionError as error:
            failed.append(path)
            print(f"{path}: FAILED\n{error}", file=sys.stderr)
            continue
        if _text_outputs(before) != _text_outputs(after):
            changed.append(path)
        if not args.check:
            nbformat.write(after, path)
        print(f"{path}: executed in {time.perf_counter() - started:.1f} s")
    if failed:
        print("notebooks that failed:", *failed, sep="\n  ", file=sys.stderr)
        return 1
    if args.check and changed:
        print("stored outputs differ from a fresh run:", *changed, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
