"""Where the tests find material outside the repository, and what to do without it."""

from __future__ import annotations

import os

import pytest

from companion.data import report


def require_report_text() -> str:
    """The report's text; skip (locally) or fail (CI) when it is absent.

    CI sets COMPANION_REQUIRE_SOURCES=1 so that these checks can never be
    skipped there.
    """
    path = report.report_path()
    if not path.is_file():
        message = (
            f"report text not found at {path}; set {report.REPORT_ENV_VAR} to the path of "
            "ESA-P-WP-249.md to run the provenance checks"
        )
        if os.environ.get("COMPANION_REQUIRE_SOURCES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return report.read_report_text(path)


def skip_or_fail(message: str, require_env_var: str):
    """Skip the test with ``message`` locally; fail it when ``require_env_var``
    is "1" (CI sets it, so that a missing tool can never pass as a skip)."""
    if os.environ.get(require_env_var) == "1":
        pytest.fail(message)
    pytest.skip(message)
