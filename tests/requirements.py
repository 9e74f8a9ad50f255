"""What the tests need from outside the repository, and what to do without it.

Locally a test that lacks the report text, the UN DESA workbooks, a
browser or TeX is skipped and says why. CI sets ``COMPANION_REQUIRE_SOURCES=1``,
``COMPANION_REQUIRE_BROWSER=1`` and ``COMPANION_REQUIRE_PDF=1``, and there the
same test fails instead, so that nothing is skipped silently where it counts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from companion.data import report
from companion.paths import repo_root

SOURCES = "COMPANION_REQUIRE_SOURCES"
BROWSER = "COMPANION_REQUIRE_BROWSER"
PDF = "COMPANION_REQUIRE_PDF"
SOURCE_DATA_ENV = "COMPANION_SOURCE_DATA"


def skip_or_fail(message: str, requirement: str = SOURCES) -> NoReturn:
    """Skip the test with ``message``, or fail it when ``$requirement`` is 1."""
    if requirement not in (SOURCES, BROWSER, PDF):
        raise ValueError(f"unknown requirement {requirement!r}; use {SOURCES}, {BROWSER} or {PDF}")
    if os.environ.get(requirement) == "1":
        pytest.fail(f"{message} ({requirement}=1)")
    pytest.skip(message)


def source_data_folder() -> Path:
    """The folder of UN DESA workbooks: $COMPANION_SOURCE_DATA, else ../shared/data/un-desa."""
    default = repo_root().parent / "shared" / "data" / "un-desa"
    return Path(os.environ.get(SOURCE_DATA_ENV, default))


def require_source_data() -> Path:
    """The workbook folder; skip (or fail in CI) when it is absent."""
    folder = source_data_folder()
    if not folder.is_dir():
        skip_or_fail(f"UN DESA workbooks not found at {folder}; set {SOURCE_DATA_ENV} to the folder holding them")
    return folder


def require_shared_facts() -> Path:
    """The shared context_facts.csv next to the workbook folder; skip (or fail in CI) without it."""
    path = source_data_folder().parent / "context_facts.csv"
    if not path.is_file():
        skip_or_fail(f"shared context facts not found at {path}; set {SOURCE_DATA_ENV}")
    return path


def require_report_text() -> str:
    """The report's text; skip (or fail in CI) when it is absent."""
    path = report.report_path()
    if not path.is_file():
        skip_or_fail(
            f"report text not found at {path}; set {report.REPORT_ENV_VAR} to the path of "
            "ESA-P-WP-249.md to run the provenance checks"
        )
    return report.read_report_text(path)
