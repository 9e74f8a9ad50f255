"""Finding the repository root and its data folder from anywhere inside it.

Notebooks run with their own folder as the working directory (``book/``,
``book/sessions/`` ...); these helpers let them find ``data/`` without
hard-coded relative paths.
"""

from __future__ import annotations

from pathlib import Path

from companion.errors import CompanionDataError

# Files that only the repository root holds.
_ROOT_MARKERS = ("_config.yml", "_toc.yml")


def repo_root(start: Path | None = None) -> Path:
    """Return the repository root: the nearest folder at or above ``start``
    (default: this package's folder) that holds ``_config.yml`` and ``_toc.yml``.
    """
    start = (start or Path(__file__)).resolve()
    for folder in (start, *start.parents):
        if all((folder / marker).is_file() for marker in _ROOT_MARKERS):
            return folder
    raise CompanionDataError(
        f"{start}: no folder at or above it holds {' and '.join(_ROOT_MARKERS)}; "
        "run from inside the repository"
    )


def data_dir(start: Path | None = None) -> Path:
    """Return the repository's ``data/`` folder."""
    return repo_root(start) / "data"
