"""Kernels forked from a preloaded process: a notebook's floor paid once per build.

Every notebook of the book starts the same way: a kernel starts (Python,
then ipykernel), then the notebook imports pandas and matplotlib. On the
reference machine that is about 1.7 s before the notebook does anything of
its own, and most of it is imports. :class:`ForkedKernelManager` starts each
kernel by forking it from :mod:`companion.book.kernel_forkserver`, a process
that has made most of those imports once (ipykernel, numpy, matplotlib; not
pandas, which sets itself up differently outside a kernel); the kernel is still a new process that has
run no other notebook, in the notebook's folder, with the environment
jupyter_client gives any kernel.

Pass it to nbclient (``NotebookClient(..., kernel_manager_class=
ForkedKernelManager)``). It forks on Linux only (on macOS a process that has
loaded system frameworks cannot safely fork without exec; Windows has no
fork), and only this Python's ipykernel; any other kernel, or any other
system, starts the usual way.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psutil
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

_IPYKERNEL_MODULE = ["-m", "ipykernel_launcher"]
FORKING_SUPPORTED = sys.platform.startswith("linux")


class KernelForkserver:
    """The running :mod:`companion.book.kernel_forkserver` process, started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._replies = None

    def fork_kernel(self, argv: list[str], cwd: str, env: dict[str, str]) -> int:
        """Fork a kernel with ipykernel arguments ``argv`` in ``cwd``; its pid."""
        request = json.dumps({"argv": argv, "cwd": cwd, "env": env}) + "\n"
        with self._lock:  # threads share the server: one request and reply at a time
            if self._process is None or self._process.poll() is not None:
                self._start()
            try:
                self._process.stdin.write(request)
                self._process.stdin.flush()
                reply = self._replies.readline()
            except BrokenPipeError:
                reply = ""
        if not reply:
            # Its own error (an import that failed, say) is on standard error above.
            raise RuntimeError(f"the kernel fork server ({' '.join(self._process.args)}) stopped "
                               f"with exit status {self._process.wait()}")
        return json.loads(reply)["pid"]

    def _start(self) -> None:
        if self._replies is not None:
            self._replies.close()
        read_fd, write_fd = os.pipe()
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "companion.book.kernel_forkserver", str(write_fd)],
                stdin=subprocess.PIPE, text=True, pass_fds=[write_fd],
            )
        finally:
            os.close(write_fd)
        self._replies = os.fdopen(read_fd, "r", encoding="utf-8")


_FORKSERVER = KernelForkserver()


class ForkedKernelProcess:
    """A forked kernel, with the part of :class:`subprocess.Popen` that jupyter_client uses.

    The kernel is the fork server's child, not ours, so it is watched with
    psutil: gone once it has exited (or is a zombie nobody reaps, as when
    the fork server died first: waiting for it to vanish would never end),
    and never confused with a later process that got the same pid. Its exit
    status is not known here; it is reported as 0 once the kernel is gone.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._process = psutil.Process(pid)
        except psutil.NoSuchProcess:
            self.returncode = 0

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                gone = not self._process.is_running() or self._process.status() == psutil.STATUS_ZOMBIE
            except psutil.NoSuchProcess:
                gone = True
            if gone:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                self._process.send_signal(signum)
            except psutil.NoSuchProcess:
                pass

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def ipykernel_arguments(cmd: list[str]) -> list[str] | None:
    """ipykernel's arguments when ``cmd`` starts this Python's ipykernel, else None."""
    if len(cmd) >= 3 and cmd[1:3] == _IPYKERNEL_MODULE and Path(cmd[0]) == Path(sys.executable):
        return cmd[3:]
    return None


class ForkedKernelProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, launching by fork where it can."""

    async def launch_kernel(self, cmd: list[str], **kwargs):
        argv = ipykernel_arguments(cmd)
        if argv is None or not FORKING_SUPPORTED:
            return await super().launch_kernel(cmd, **kwargs)
        cwd = str(kwargs.get("cwd") or Path.cwd())
        env = dict(kwargs.get("env") or os.environ)
        pid = _FORKSERVER.fork_kernel(argv, cwd, env)
        self.process = ForkedKernelProcess(pid)
        # The kernel leads its own session: its process group is its pid.
        self.pid = self.pgid = pid
        self.cwd = cwd
        return self.connection_info


class ForkedKernelManager(AsyncKernelManager):
    """An async kernel manager whose kernels are forked from the preloaded server."""

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ForkedKernelProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self,
            )
        return await super()._async_pre_start_kernel(**kw)
