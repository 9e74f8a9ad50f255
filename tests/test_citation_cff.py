"""CITATION.cff validates against the Citation File Format 1.2.0 schema."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from companion import __version__
from companion.paths import repo_root


@pytest.fixture(scope="module")
def schema() -> dict:
    # The schema as the cffconvert package ships it (installed without its
    # dependencies, see the Makefile: its pinned jsonschema<4 would clash).
    # find_spec locates the package without importing its code.
    (folder,) = importlib.util.find_spec("cffconvert").submodule_search_locations
    return json.loads((Path(folder) / "schemas" / "1.2.0" / "schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def citation() -> dict:
    return yaml.safe_load((repo_root() / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_valid(schema, citation):
    jsonschema.validate(citation, schema, format_checker=jsonschema.FormatChecker())


def test_an_invalid_file_is_rejected(schema, citation):
    broken = dict(citation, authors="nobody")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_version_matches_the_package_and_report_is_referenced(citation):
    assert citation["version"] == __version__
    (report,) = citation["references"]
    assert report["number"] == "ESA/P/WP/249" and report["year"] == 2017
