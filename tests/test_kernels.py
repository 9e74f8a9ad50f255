"""companion.book.kernels: kernels forked from the preloaded server behave as fresh kernels."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from companion.book import kernels

# What a notebook can see of the process it runs in.
REPORT = """\
import contextlib, io, json, os, sys
preloaded = 'matplotlib' in sys.modules
import matplotlib, matplotlib.pyplot, pandas
with contextlib.redirect_stdout(io.StringIO()) as pandas_options:
    pandas.describe_option()  # every option with its current value
print(json.dumps({"cwd": os.getcwd(), "env": dict(os.environ), "path": sys.path,
                  "backend": matplotlib.get_backend(), "pid": os.getpid(), "parent": os.getppid(),
                  "preloaded": preloaded, "marker": "marker_module" in sys.modules,
                  "rc": {key: repr(value) for key, value in matplotlib.rcParams.items()},
                  "pandas": pandas_options.getvalue()}))
"""
CHART = "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()"


def run(folder: Path, *cells: str, forked: bool = True) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in cells])
    options = {"kernel_manager_class": kernels.ForkedKernelManager} if forked else {}
    NotebookClient(notebook, kernel_name="python3", resources={"metadata": {"path": str(folder)}}, **options).execute()
    return notebook


def report(notebook: nbformat.NotebookNode) -> dict:
    return json.loads(notebook.cells[0].outputs[0].text.splitlines()[0])


def test_a_forked_kernel_sees_what_a_fresh_kernel_sees(tmp_path):
    forked, fresh = report(run(tmp_path, REPORT)), report(run(tmp_path, REPORT, forked=False))
    # It was forked: its parent is the fork server, and matplotlib was there before any notebook code.
    assert forked["parent"] not in (os.getpid(), 1) and forked["preloaded"] is True
    assert fresh["preloaded"] is False
    # Otherwise the same: folder, import path, matplotlib backend, environment
    # (jupyter_client's JPY_PARENT_PID names each kernel's own parent).
    assert forked["cwd"] == fresh["cwd"] == str(tmp_path)
    assert forked["path"] == fresh["path"]
    assert forked["backend"] == fresh["backend"] == "module://matplotlib_inline.backend_inline"
    # Libraries that set themselves up at import (pandas sizes its tables for
    # a terminal or a kernel) are set up as in a fresh kernel.
    assert forked["rc"] == fresh["rc"]
    assert forked["pandas"] == fresh["pandas"]
    assert forked["env"].pop("JPY_PARENT_PID") == str(forked["parent"])
    fresh["env"].pop("JPY_PARENT_PID")
    assert forked["env"] == fresh["env"]


def test_charts_display_inline_in_a_forked_kernel(tmp_path):
    outputs = run(tmp_path, CHART).cells[0].outputs
    assert [output.output_type for output in outputs] == ["display_data"]
    assert "image/png" in outputs[0].data


def test_each_notebook_gets_a_new_process_with_nothing_from_the_last(tmp_path):
    (tmp_path / "marker_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    first = run(tmp_path, "import marker_module\nleft_behind = 1\n" + REPORT)
    second = run(tmp_path, REPORT + "\nprint('left_behind' in globals())")
    assert report(first)["marker"] is True
    assert report(second)["marker"] is False
    assert second.cells[0].outputs[0].text.rstrip().endswith("False")
    assert report(first)["pid"] != report(second)["pid"]
    assert report(first)["parent"] == report(second)["parent"]  # one fork server for both


def test_a_cell_error_in_a_forked_kernel_is_raised(tmp_path):
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError, match="ZeroDivisionError"):
        run(tmp_path, "1 / 0")


def test_a_killed_kernel_is_seen_as_gone(tmp_path):
    import asyncio

    async def start_and_kill():
        manager = kernels.ForkedKernelManager(kernel_name="python3")
        await manager.start_kernel(cwd=str(tmp_path))
        alive = await manager.is_alive()
        await manager.shutdown_kernel(now=True)
        return alive, await manager.is_alive(), manager.provisioner

    alive, still_alive, provisioner = asyncio.run(start_and_kill())
    assert alive is True and still_alive is False
    assert isinstance(provisioner, kernels.ForkedKernelProvisioner)


def test_only_this_pythons_ipykernel_is_forked():
    python = sys.executable
    assert kernels.ipykernel_arguments([python, "-m", "ipykernel_launcher", "-f", "k.json"]) == ["-f", "k.json"]
    assert kernels.ipykernel_arguments(["/usr/bin/python2", "-m", "ipykernel_launcher", "-f", "k.json"]) is None
    assert kernels.ipykernel_arguments([python, "-m", "other_kernel", "-f", "k.json"]) is None
    assert kernels.ipykernel_arguments(["R", "--slave"]) is None


def test_a_gone_process_polls_as_finished_and_ignores_signals():
    import subprocess

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: the pid no longer names a process
    process = kernels.ForkedKernelProcess(child.pid)
    assert process.poll() == 0
    assert process.wait(timeout=1) == 0
    process.kill()  # no error for a process that has gone


def test_a_fork_server_that_cannot_start_is_named_in_the_error(tmp_path, monkeypatch):
    # A first preloaded package that fails to import, ahead of the real one on the server's import path.
    from companion.book.kernel_forkserver import PRELOADED_MODULES

    package = tmp_path / PRELOADED_MODULES[0].split(".")[0]
    package.mkdir()
    (package / "__init__.py").write_text("raise ImportError('broken')\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    server = kernels.KernelForkserver()
    with pytest.raises(RuntimeError, match=r"kernel fork server .*kernel_forkserver.* stopped with exit status 1"):
        server.fork_kernel(["-f", str(tmp_path / "kernel.json")], str(tmp_path), dict(os.environ))


def test_a_forked_kernel_gives_the_stored_outputs_nbval_compares():
    """The session with the widest tables, run as the build runs it, against its committed outputs."""
    from companion.book.notebooks import _text_outputs, execute_notebook
    from companion.paths import repo_root

    path = repo_root() / "book" / "sessions" / "05-towards-2018.ipynb"
    assert _text_outputs(execute_notebook(path)) == _text_outputs(nbformat.read(path, as_version=4))
