"""`make lab` starts JupyterLab with jupyterlab-myst, at the first session.

The test runs the Makefile's own target (so the flags a user gets are the
ones tested, --allow-root included when the tests run as root) on a free
local port without a browser, waits for the server, and checks that /lab
answers, that the server opens the first session, that jupyterlab-myst is
installed and compatible with this JupyterLab, and that the server stops.
It needs no network: JupyterLab comes from the lock (requirements.txt).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from companion.paths import repo_root

ROOT = repo_root()
TOKEN = "companion-lab-test"
START_TIMEOUT_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str, str]:
    """(status, final URL, body) of a GET that follows redirects."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.geturl(), response.read().decode("utf-8", "replace")


@pytest.fixture
def lab_server(tmp_path):
    """`make lab` on a free port; yields its base URL; stops it afterwards."""
    if shutil.which("make") is None:
        pytest.fail("make is not installed: `make lab` cannot run")
    port = free_port()
    log = (tmp_path / "lab.log").open("w")
    # The environment is the one running the tests: make must not rebuild it.
    environment = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    process = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_PORT={port}",
         f"LAB_FLAGS=--no-browser --IdentityProvider.token={TOKEN}",
         f"BIN={Path(sys.executable).parent}", "STAMP="],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=environment, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            try:
                get(f"{base}/api/status?token={TOKEN}")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("make lab did not start:\n" + (tmp_path / "lab.log").read_text()[-4000:])
                time.sleep(0.5)
        yield base, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log.close()


def test_make_lab_serves_jupyterlab_with_myst_at_the_first_session(lab_server):
    base, process = lab_server
    status, _, page = get(f"{base}/lab?token={TOKEN}")
    assert status == 200
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                  page, re.DOTALL).group(1))
    extensions = {extension["name"] for extension in config.get("federated_extensions", [])}
    assert "jupyterlab-myst" in extensions, sorted(extensions)

    status, url, _ = get(f"{base}/?token={TOKEN}")
    assert status == 200 and url.split("?")[0].endswith("/lab/tree/sessions/01-opening.ipynb"), url
    status, _, body = get(f"{base}/api/contents/sessions/01-opening.ipynb?content=0&token={TOKEN}")
    assert status == 200 and json.loads(body)["type"] == "notebook"

    listing = subprocess.run([str(Path(sys.executable).with_name("jupyter")), "labextension", "list"],
                             capture_output=True, text=True, cwd=ROOT)
    text = re.sub(r"\x1b\[[0-9;]*m", "", listing.stdout + listing.stderr)
    assert re.search(r"jupyterlab-myst v[\d.]+ enabled OK", text), text
    assert "not compatible" not in text, text

    os.killpg(process.pid, signal.SIGTERM)
    assert process.wait(timeout=30) is not None
    with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
        get(f"{base}/api/status?token={TOKEN}")
