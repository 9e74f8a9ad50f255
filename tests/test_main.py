"""The command line: list, show, cite; user errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pybtex.database import parse_string

from companion.__main__ import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "companion", *args], capture_output=True, text=True)


def test_cite_bibtex_parses_back_with_section_and_quote():
    result = run("cite", "international-migrants-2015", "--format", "bibtex")
    assert result.returncode == 0, result.stderr
    entries = parse_string(result.stdout, "bibtex").entries
    (entry,) = entries.values()
    assert entry.type == "techreport"
    assert entry.fields["number"] == "ESA/P/WP/249"
    assert "\\cite[p.~1, section I, para. 1]{undesa2017coordination15}" in result.stdout
    assert "today's 244 million international migrants" in result.stdout


def test_cite_csl_json_has_the_required_fields():
    result = run("cite", "international-migrants-2015", "undaf-documents-share", "--format", "csl-json")
    assert result.returncode == 0, result.stderr
    (item,) = json.loads(result.stdout)  # one document, one item
    assert item["type"] == "report"
    assert item["title"] == "Fifteenth Coordination Meeting on International Migration"
    assert item["author"][0]["literal"].startswith("United Nations")
    assert item["publisher"] == "United Nations"
    assert item["issued"] == {"date-parts": [[2017]]}


def test_unknown_id_exits_nonzero_with_suggestion_and_no_traceback():
    result = run("cite", "international-migrant-2015")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no figure with id 'international-migrant-2015'" in result.stderr
    assert "did you mean international-migrants-2015" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_option_gets_usage():
    result = run("cite", "international-migrants-2015", "--format", "docx")
    assert result.returncode == 2
    assert "usage:" in result.stderr and "invalid choice: 'docx'" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_filters_by_session_search_and_unit(capsys):
    assert main(["list", "--session", "VII", "--search", "undaf"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    ids = [line.split()[0] for line in lines[1:]]
    assert ids == ["undaf-documents-share", "undaf-documents-total"]
    assert main(["list", "--unit", "percent"]) == 0
    listed = capsys.readouterr().out
    assert "undaf-documents-share" in listed and "undaf-documents-total" not in listed


def test_unknown_session_is_a_one_line_error(capsys):
    assert main(["list", "--session", "XII"]) == 2
    assert "no session 'XII'" in capsys.readouterr().err


def test_show_includes_checks_against_official_series(capsys):
    assert main(["show", "international-migrants-2015"]) == 0
    out = capsys.readouterr().out
    assert "Section I (Opening), p. 1, paragraph 1" in out
    assert "243,700,236" in out
    assert "consistent-after-rounding" in out
