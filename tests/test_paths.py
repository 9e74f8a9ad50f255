"""Finding the repository root and data/ from any folder inside it."""

import pytest

from companion.errors import CompanionDataError
from companion.paths import data_dir, repo_root


def test_root_found_from_a_notebook_folder():
    root = repo_root()
    assert (root / "_config.yml").is_file()
    assert repo_root(root / "book" / "sessions") == root
    assert data_dir(root / "book") == root / "data"


def test_outside_the_repository_is_a_clear_error(tmp_path):
    with pytest.raises(CompanionDataError, match="no folder at or above it holds _config.yml and _toc.yml"):
        repo_root(tmp_path)
