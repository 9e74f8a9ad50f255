"""Shared fixtures: a throw-away data package for bad-input tests."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from companion.paths import repo_root

ROOT = repo_root()


@pytest.fixture
def tiny_package(tmp_path: Path):
    """A two-table data package in a temp folder; returns a writer for its files.

    ``write(name, text)`` replaces a file of the package, so a test can plant
    exactly one fault and check the error that names it.
    """
    descriptor = {
        "name": "tiny",
        "resources": [
            {
                "name": "people",
                "path": "people.csv",
                "schema": {
                    "fields": [
                        {"name": "id", "type": "string", "constraints": {"required": True, "pattern": "[a-z]+"}},
                        {"name": "age", "type": "integer"},
                        {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
                    ],
                    "primaryKey": ["id"],
                },
            },
            {
                "name": "quotes",
                "path": "quotes.csv",
                "schema": {
                    "fields": [
                        {"name": "id", "type": "string", "constraints": {"required": True}},
                        {"name": "person", "type": "string"},
                        {"name": "value", "type": "number", "constraints": {"required": True}},
                    ],
                    "primaryKey": ["id"],
                    "foreignKeys": [{"fields": ["person"], "reference": {"resource": "people", "fields": ["id"]}}],
                },
            },
        ],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (tmp_path / "people.csv").write_text("id,age,kind\nann,31,a\nbob,,b\n", encoding="utf-8")
    (tmp_path / "quotes.csv").write_text("id,person,value\nq1,ann,1.5\nq2,,2\n", encoding="utf-8")

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    write.folder = tmp_path
    return write


@pytest.fixture
def copied_data(tmp_path: Path) -> Path:
    """A copy of the real data/ folder that a test may damage."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book once per test session (through the execution cache), as `make book` does."""
    # Outdated notebooks run in parallel first (none after nbval: see tests/nbval_cache.py).
    cache_step = subprocess.run([sys.executable, "-m", "companion.book.notebooks", "cache"],
                                capture_output=True, text=True, cwd=ROOT)
    assert cache_step.returncode == 0, "executing the notebooks failed:\n" + cache_step.stderr[-6000:]
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going", "--builder", "html"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, (
        "jupyter-book build failed (warnings are errors):\n" + result.stdout[-6000:] + result.stderr[-4000:]
    )
    return ROOT / "_build" / "html"
