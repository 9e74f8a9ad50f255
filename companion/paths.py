"""Where the project's files are: the data package and, inside a clone, the
repository root.

The data package (``data/`` in the repository) travels with the package:
a wheel carries a copy as ``companion/datapackage/``; in a clone (and an
editable install) it is the ``data/`` folder beside ``companion/``. Notebooks
therefore find their data from any folder, inside the clone or not.
``COMPANION_DATA`` points at another copy (the tests use it to plant
errors in one).
"""

from __future__ import annotations

import os
from pathlib import Path

from companion.errors import CompanionDataError

# Files that only the repository root holds.
_ROOT_MARKERS = ("_config.yml", "_toc.yml")
DATA_ENVIRONMENT_VARIABLE = "COMPANION_DATA"
# This package's folder: a wheel installs the data package inside it
# (pyproject.toml maps data/ to companion/datapackage); in a clone, or an
# editable install, data/ sits beside it.
_PACKAGE = Path(__file__).resolve().parent


def repo_root(start: Path | None = None) -> Path:
    """Return the repository root: the nearest folder at or above ``start``
    (default: the current folder, then this package's folder) that holds
    ``_config.yml`` and ``_toc.yml``.
    """
    starts = [start] if start is not None else [Path.cwd(), Path(__file__)]
    for first in starts:
        first = first.resolve()
        for folder in (first, *first.parents):
            if all((folder / marker).is_file() for marker in _ROOT_MARKERS):
                return folder
    raise CompanionDataError(
        f"{starts[0]}: no folder at or above it holds {' and '.join(_ROOT_MARKERS)}; "
        "run from inside the repository"
    )


def data_dir(start: Path | None = None) -> Path:
    """Return the folder of the data package.

    With ``start``, the ``data/`` folder of the repository that holds
    ``start``. Without it: ``$COMPANION_DATA`` if set, else the data package
    installed with ``companion``.
    """
    if start is not None:
        return repo_root(start) / "data"
    override = os.environ.get(DATA_ENVIRONMENT_VARIABLE)
    if override:
        folder = Path(override)
        if not (folder / "datapackage.json").is_file():
            raise CompanionDataError(
                f"{folder / 'datapackage.json'}: not found (${DATA_ENVIRONMENT_VARIABLE} points at {folder})"
            )
        return folder
    for folder in (_PACKAGE / "datapackage", _PACKAGE.parent / "data"):
        if (folder / "datapackage.json").is_file():
            return folder
    raise CompanionDataError(
        f"{_PACKAGE / 'datapackage' / 'datapackage.json'}: data package not found, nor "
        f"{_PACKAGE.parent / 'data' / 'datapackage.json'}; install the project from its "
        f"clone (pip install -e .) or its wheel, or set ${DATA_ENVIRONMENT_VARIABLE}"
    )
