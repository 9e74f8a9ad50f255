"""The process the book's kernels are forked from: it imports, once, what every notebook imports.

Started by :mod:`companion.book.kernels` as::

    python -m companion.book.kernel_forkserver REPLY_FD

It reads one JSON request a line on standard input, ``{"argv": [...], "cwd":
"...", "env": {...}}``, where ``argv`` are ipykernel's arguments (``-f
CONNECTION_FILE``); for each it forks a kernel, running in ``cwd`` with
exactly the environment ``env``, and writes ``{"pid": N}`` as a line to the
file descriptor ``REPLY_FD``. It exits at the end of its input; its kernels
then see their parent gone and exit too (ipykernel's parent poller).

A kernel forked from here is a new process that has run no other notebook:
it starts with the modules of :data:`PRELOADED_MODULES` already imported, as
a fresh kernel would have them after its first import cell, and nothing
else. Only the standard library is imported at the top of this module, so
the process holds nothing but what it preloads.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
import traceback

# The modules a kernel imports at start (ipykernel and its debugger) and that
# every notebook imports first (matplotlib's pyplot, and numpy under it and
# pandas): most of a notebook's 1.7 s floor on the reference machine, paid
# once per build instead of once per notebook. Not pandas: it decides at
# import whether it runs in a terminal or in a Jupyter kernel (and sizes its
# printed tables for one or the other), and in this process there is no
# kernel yet; a notebook imports it in its own kernel, as it would anyway.
# A module added here must not set itself up by where it is imported:
# tests/test_kernels.py compares a forked and a fresh kernel's settings.
PRELOADED_MODULES = ("ipykernel.kernelapp", "ipykernel.debugger", "numpy", "matplotlib.pyplot")
# The backend ipykernel gives matplotlib in a fresh kernel (it sets MPLBACKEND
# before any notebook code runs). matplotlib reads MPLBACKEND when it is
# imported, so it has to be set here, before the preload.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def preload() -> dict[str, str]:
    """Import :data:`PRELOADED_MODULES` with the inline backend chosen; the
    environment variables the imports set (the debugger sets one), which a
    kernel that made the imports itself would have."""
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    # jupyter_client sets this for every kernel; without it the debugger's
    # import warns about frozen modules.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    before = dict(os.environ)
    for name in PRELOADED_MODULES:
        importlib.import_module(name)
    return {name: value for name, value in os.environ.items() if before.get(name) != value}


def run_kernel(argv: list[str], cwd: str, env: dict[str, str], set_by_imports: dict[str, str],
               parent_pid: int) -> None:
    """In the forked child: become the kernel ``argv`` describes, then exit (never returns)."""
    status = 1
    try:
        # As jupyter_client launches a kernel: its own session (an interrupt
        # reaches the kernel's whole process group), no standard input, the
        # default handling of child processes (the server ignores them).
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        os.environ.update(set_by_imports)
        # jupyter_client names the kernel's parent here; this server is that parent.
        os.environ["JPY_PARENT_PID"] = str(parent_pid)
        sys.argv = ["ipykernel_launcher", *argv]
        from ipykernel.kernelapp import IPKernelApp

        # The kernel watches this server, its parent, and exits when it goes.
        IPKernelApp.launch_instance(argv=[*argv, f"--IPKernelApp.parent_handle={parent_pid}"])
        status = 0
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def serve(requests, reply_fd: int, set_by_imports: dict[str, str]) -> None:
    """Fork a kernel for each request line read from ``requests``; reply with its pid."""
    # Kernels are reaped by the system as they exit, so none lingers as a
    # zombie that would still look alive to the kernel manager.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    with os.fdopen(reply_fd, "w", encoding="utf-8") as replies:
        for line in requests:
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                os.close(reply_fd)
                run_kernel(request["argv"], request["cwd"], request["env"], set_by_imports, os.getppid())
            replies.write(json.dumps({"pid": pid}) + "\n")
            replies.flush()


def main(argv: list[str] | None = None) -> None:
    reply_fd = int((argv if argv is not None else sys.argv[1:])[0])
    # As ipykernel_launcher does: the folder the server started in is not on
    # the kernels' import path (each kernel adds its own working folder).
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]
    serve(sys.stdin, reply_fd, preload())


if __name__ == "__main__":
    main()
