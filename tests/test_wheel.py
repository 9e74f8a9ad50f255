"""The package installs from its wheel, and a session notebook runs anywhere.

The test builds the wheel of the project, installs it into a fresh virtual
environment, copies a session notebook into an empty folder outside the
clone and executes it there with that environment's Python.

To stay fast and offline, the fresh environment does not download the
project's dependencies again: a ``.pth`` file gives it the site-packages of
the environment running the tests (the exact lock of requirements.txt), and
the wheel is built without build isolation, with the setuptools pinned in
that lock. A path added by a ``.pth`` file does not process that folder's own
``.pth`` files, so the editable install of ``companion`` there stays
invisible: the test checks that ``companion`` cannot be imported before the
wheel is installed, and that the kernel that ran the notebook imported it
from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import nbformat
import pytest

from companion.paths import repo_root

ROOT = repo_root()
NOTEBOOK = ROOT / "book" / "sessions" / "01-opening.ipynb"
# What the wheel is not built from: environments, builds, caches, the book.
NOT_SOURCE = {".git", ".venv", "_build", "build", ".jupyter_cache", "migration_counted.egg-info", "book", "tests"}


def _python(environment: Path) -> Path:
    return environment / "bin" / "python"


def _run(*command, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def wheel_environment(tmp_path_factory) -> tuple[Path, dict]:
    """A fresh virtual environment with the project's wheel installed, and the
    environment variables to run it with (no COMPANION_DATA, outside the clone)."""
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy: an in-tree build would leave build/ in the clone.
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=lambda folder, names: [
        name for name in names if name in NOT_SOURCE and Path(folder) == ROOT or name == "__pycache__"])
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "--wheel-dir", work / "dist", source, cwd=work)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheels = list((work / "dist").glob("migration_counted-*.whl"))
    assert len(wheels) == 1, wheels

    environment = work / "venv"
    venv.EnvBuilder(with_pip=False).create(environment)
    site = Path(_run(_python(environment), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     cwd=work).stdout.strip())
    (site / "lock.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in ("COMPANION_DATA", "PYTHONPATH")}
    env["PATH"] = f"{environment / 'bin'}{os.pathsep}{env.get('PATH', '')}"

    before = _run(_python(environment), "-c", "import companion", cwd=work, env=env)
    assert before.returncode != 0, "companion is importable before the wheel is installed: the test would prove nothing"
    installed = _run(_python(environment), "-m", "pip", "install", "--no-deps", "--no-index", wheels[0],
                     cwd=work, env=env)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    return environment, env


def test_a_session_notebook_runs_outside_the_clone_from_the_wheel(wheel_environment, tmp_path):
    environment, env = wheel_environment
    folder = tmp_path / "anywhere"
    folder.mkdir()
    assert not any(parent == ROOT for parent in folder.parents)
    copy = folder / NOTEBOOK.name
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # Last cell: where the kernel found companion and its data.
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import json, sys, companion\nfrom companion.paths import data_dir\n"
        "print('WHERE' + json.dumps({'prefix': sys.prefix, 'companion': companion.__file__, 'data': str(data_dir())}))"))
    nbformat.write(notebook, copy)

    executed = _run(_python(environment), "-m", "companion.book.notebooks", "execute", copy, cwd=folder, env=env)
    assert executed.returncode == 0, executed.stdout[-3000:] + executed.stderr[-6000:]
    outputs = nbformat.read(copy, as_version=4).cells[-1].outputs
    text = next(output["text"] for output in outputs if output.get("name") == "stdout")
    where = json.loads(text[text.index("WHERE") + len("WHERE"):])
    assert Path(where["prefix"]).resolve() == environment.resolve()
    assert Path(where["companion"]).resolve().is_relative_to(environment.resolve())
    assert Path(where["data"]).resolve().is_relative_to(environment.resolve())
    assert not Path(where["companion"]).resolve().is_relative_to(ROOT)


def test_a_missing_data_file_in_the_installed_package_is_named(wheel_environment, tmp_path):
    """Remove one CSV from the installed data package: the error names it."""
    environment, env = wheel_environment
    located = _run(_python(environment), "-c", "from companion.paths import data_dir; print(data_dir())",
                   cwd=tmp_path, env=env)
    data = Path(located.stdout.strip())
    assert data.resolve().is_relative_to(environment.resolve()), data
    missing = data / "figures.csv"
    kept = tmp_path / "figures.csv"
    shutil.move(missing, kept)
    try:
        loaded = _run(_python(environment), "-c",
                      "from companion.data.figures import figure; figure('international-migrants-2015')",
                      cwd=tmp_path, env=env)
    finally:
        shutil.move(kept, missing)
    assert loaded.returncode != 0
    last_line = loaded.stderr.strip().splitlines()[-1]
    assert last_line.startswith("companion.errors.CompanionDataError"), loaded.stderr[-2000:]
    assert str(missing) in last_line, last_line
