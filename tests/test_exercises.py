"""The session pages re-run as a student would re-run them.

- Every "Change and re-run" exercise names a parameter of the notebook's
  ``parameters`` cell and the value to give it (a code span such as
  `` `REVISION = 2020` ``). The test applies that change to a copy of the
  notebook, executes it, and checks that what depends on the parameter
  follows it: glued values (the numbers in the prose) and chart titles
  change, and for the pages below, the values the exercise's own solution
  states (glued from the unchanged run) are the ones the changed page shows.
- Hidden cells never assume a parameter's default: the changed copies
  above execute to the end.
- Solutions execute: their code is in cells of the notebook (tagged
  ``hide-cell``), so it runs whenever the page runs - here, and in nbval.
- ``{eval}`name``` shows the same number in JupyterLab (which evaluates
  ``name`` in the kernel) and in the book (which pastes the value glued
  under ``name``): the test compares the two in the executed notebook.
- Every chart of a session notebook is a visible image output in the
  executed notebook, and the cell that draws it is tagged ``remove-output``
  (the book shows the numbered figure once) and ``hide-input`` (its code is a
  toggle). This reads the notebooks the book build executed
  (``_build/jupyter_execute``), not the stored outputs, whose image bytes may
  be stripped.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from companion.paths import repo_root

ROOT = repo_root()
EXERCISE = re.compile(r"^:::\{exercise\}.*?^:::$", re.MULTILINE | re.DOTALL)
ASSIGNMENT = re.compile(r"`([A-Z][A-Z0-9_]*) = ([^`]+)`")
EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")
TIMEOUT_SECONDS = 600
# Executions run side by side: one per core of the 2-core machines the
# project targets (each is mostly one kernel's start and imports).
PARALLEL_RUNS = 2

# Run first in every executed copy: records the title and the y tick labels
# of each chart as it is glued (the chart itself is closed after glueing).
RECORD_CHARTS = '''
import companion.book.glue as _glue_module
_charts_drawn = {}
_glue_chart_unrecorded = _glue_module.glue_chart
def _glue_chart_recorded(key, chart):
    _charts_drawn[key] = {
        "titles": [" ".join(axes.get_title(loc) for loc in ("left", "center", "right")).strip()
                   for axes in chart.axes],
        "y_labels": [label.get_text() for axes in chart.axes for label in axes.get_yticklabels()],
    }
    _glue_chart_unrecorded(key, chart)
_glue_module.glue_chart = _glue_chart_recorded
'''
# Run last: the charts drawn and the kernel's value of every {eval} name.
REPORT = '''
import json as _json
print("REPORT" + _json.dumps({{"charts": _charts_drawn, "eval": {{name: str(eval(name)) for name in {names!r}}}}}))
'''


def session_notebooks() -> list[Path]:
    """The nine session notebooks, in the order of data/sessions.csv."""
    sessions = pd.read_csv(ROOT / "data" / "sessions.csv")
    count = int((sessions["kind"] == "session").sum())
    pages = []
    for number in range(1, count + 1):
        matches = sorted((ROOT / "book" / "sessions").glob(f"{number:02d}-*.ipynb"))
        assert len(matches) == 1, f"session {number}: expected one notebook, found {matches}"
        pages.append(matches[0])
    return pages


SESSIONS = session_notebooks()


def markdown_of(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def parameters_cell(notebook):
    cells = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
    return cells[0] if len(cells) == 1 else None


def parameter_names(notebook) -> set[str]:
    cell = parameters_cell(notebook)
    if cell is None:
        return set()
    return {target.id for node in ast.parse(cell.source).body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)}


def rerun_exercises(path: Path) -> list[tuple[str, str, str]]:
    """(exercise label, parameter, new value) of each "Change and re-run" exercise."""
    notebook = nbformat.read(path, as_version=4)
    found = []
    for block in EXERCISE.findall(markdown_of(notebook)):
        if "change and re-run" not in block.lower():
            continue
        label = re.search(r"^:label:\s*(\S+)", block, re.MULTILINE).group(1)
        changes = [(name, value) for name, value in ASSIGNMENT.findall(block)
                   if name in parameter_names(notebook)]
        found.append((label, *changes[0]) if changes else (label, None, None))
    return found


def glued_values(notebook) -> dict[str, str]:
    """Every glued value as the book pastes it: text/plain, string literals unquoted."""
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook")
            if not scrapbook:
                continue
            data = {key[len(scrapbook.get("mime_prefix", "")):]: value for key, value in output["data"].items()}
            text = data.get("text/plain", "")
            try:
                literal = ast.literal_eval(text)
                values[scrapbook["name"]] = literal if isinstance(literal, str) else text
            except (ValueError, SyntaxError):
                values[scrapbook["name"]] = text
    return values


def prepare_copy(path: Path, folder: Path, changes: dict[str, str] | None = None) -> Path:
    """Write a copy of the notebook into ``folder`` with ``changes`` applied to
    its parameters cell, a first cell that records the charts and a last cell
    that reports them with the kernel's value of every {eval} name."""
    notebook = nbformat.read(path, as_version=4)
    for name, value in (changes or {}).items():
        cell = parameters_cell(notebook)
        lines = cell.source.splitlines()
        matching = [index for index, line in enumerate(lines) if re.match(rf"{name}\s*=", line)]
        assert len(matching) == 1, f"{path.name}: parameter {name} is not assigned on one line"
        lines[matching[0]] = f"{name} = {value}"
        cell.source = "\n".join(lines)
    names = sorted(set(EVAL_ROLE.findall(markdown_of(notebook))))
    notebook.cells.insert(0, nbformat.v4.new_code_cell(RECORD_CHARTS))
    notebook.cells.append(nbformat.v4.new_code_cell(REPORT.format(names=names)))
    copy = folder / path.name
    nbformat.write(notebook, copy)
    return copy


def read_result(copy: Path) -> dict:
    """Glued values, charts drawn and {eval} values of an executed copy."""
    notebook = nbformat.read(copy, as_version=4)
    report = next(output["text"] for output in notebook.cells[-1].outputs if output.get("name") == "stdout")
    result = json.loads(report[report.index("REPORT") + len("REPORT"):])
    result["glued"] = glued_values(notebook)
    return result


def run_key(path: Path, changes: dict[str, str] | None = None) -> tuple:
    return (path.name, tuple(sorted((changes or {}).items())))


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple, dict | str]:
    """Every execution the tests below need, done once, two at a time (each
    in its own process, with the book's own executor): the unchanged page of
    each notebook that has {eval} names or re-run exercises, and each change.
    A failed run is stored as its error text."""
    wanted = {run_key(path): (path, None) for path in EVAL_PAGES}
    for path, _, name, value in CASES:
        if name is not None:
            wanted[run_key(path)] = (path, None)
            wanted[run_key(path, {name: value})] = (path, {name: value})
    copies = {key: prepare_copy(path, tmp_path_factory.mktemp(path.stem), changes)
              for key, (path, changes) in wanted.items()}

    def execute(copy: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "companion.book.notebooks", "execute", str(copy)],
                              capture_output=True, text=True, timeout=TIMEOUT_SECONDS)

    with ThreadPoolExecutor(max_workers=PARALLEL_RUNS) as pool:
        done = dict(zip(copies, pool.map(execute, copies.values())))
    return {key: read_result(copies[key]) if done[key].returncode == 0 else done[key].stderr[-6000:]
            for key in copies}


def run(runs: dict, path: Path, changes: dict[str, str] | None = None) -> dict:
    result = runs[run_key(path, changes)]
    assert isinstance(result, dict), f"{path.name} with {changes or 'no change'} failed to execute:\n{result}"
    return result


# What must follow each change, beyond "it runs and the page changes": the
# numbers the exercise's solution states (from the unchanged run) are the ones
# the changed page shows, and no stale text remains.
def _follows_revision_2020(default, changed):
    glued = changed["glued"]
    assert glued["revision"] == "2020" and glued["last_year"] == "2020"
    assert "1990-2020" in changed["charts"]["chart-world-series"]["titles"][0]
    assert not any("1990-2015" in title for chart in changed["charts"].values() for title in chart["titles"])
    assert "rounds to the message's" not in glued["rounding_phrase"]
    assert glued["world_stock_2015"] == default["glued"]["world_2015_in_2020_revision"]
    assert glued["migrants_growth_pct"] == default["glued"]["rev2020_migrants_growth_pct"]
    assert glued["population_growth_pct"] == default["glued"]["rev2020_population_growth_pct"]
    assert glued["share_last"] == default["glued"]["rev2020_share_last"]


def _follows_contract_18(default, changed):
    sentence = changed["glued"]["fee_contract_sentence"]
    share = default["glued"]["fee_share_18"]
    assert sentence == f"On a contract of 18 months the fee would take {share} per cent of everything earned"
    assert changed["glued"]["fee_months"] == default["glued"]["fee_months"]


def _follows_quarter_fee(default, changed):
    assert float(changed["glued"]["fee_months"]) == float(default["glued"]["fee_months"]) / 4
    # the shortest default contract: 12 months
    assert f"would take {100 * float(changed['glued']['fee_months']) / 12:.0f} per cent" in (
        changed["glued"]["fee_contract_sentence"])


def _follows_known_origin(default, changed):
    assert changed["glued"]["lac_share_of_living"] == default["glued"]["lac_share_known"]
    assert changed["glued"]["lac_share_of_born"] == default["glued"]["lac_share_of_born"]


def _follows_strict_deadline(default, changed):
    assert changed["glued"]["days_after_deadline"] == default["glued"]["days_strict"]
    assert changed["glued"]["deadline_date"] == "1 September 2018"


def _follows_refugee_steps(default, changed):
    drawn = changed["charts"]["chart-road-to-compact"]["y_labels"]
    assert len(drawn) == len(default["charts"]["chart-road-to-compact"]["y_labels"]) + 2, drawn


def _follows_per_migrant_worker(default, changed):
    assert changed["glued"]["per_whom"] == "migrant worker"
    assert changed["glued"]["per_person_month"] == default["glued"]["per_worker_month"]


def _follows_income_groups_2019(default, changed):
    low, _, upper, high = default["glued"]["medians_by_2019_groups"].split(", ")
    assert (changed["glued"]["vi-median-low"], changed["glued"]["vi-median-upper"],
            changed["glued"]["vi-median-high"]) == (low, upper, high)


def _follows_net_destinations(default, changed):
    sentence = changed["glued"]["positions_sentence"]
    net = default["glued"]["net_destinations"]
    assert re.search(rf"; and {net} \([0-9.]+ billion people\) in “Net destination”$", sentence), sentence
    assert "Both" not in sentence


def _follows_refugees_per_inhabitant(default, changed):
    chart = changed["charts"]["chart-towards-refugee-share"]
    glued = default["glued"]
    assert chart["y_labels"][:2] == [glued["rate_first"], glued["rate_second"]], chart["y_labels"]
    assert chart["y_labels"][-2:] == [glued["rate_last"], "World"], chart["y_labels"]
    assert "migrant in five" not in chart["titles"][0]
    assert changed["glued"]["refugee_chart_measure"] == "Refugees per 1,000 inhabitants"


def _follows_refugees_added(default, changed):
    assert changed["glued"]["top_area"] == default["glued"]["refugee_area"]
    assert changed["glued"]["top_area_share"] == default["glued"]["refugee_area_share"]
    assert changed["glued"]["followed_as"] == "in estimates with refugees added"
    title = changed["charts"]["chart-closing-definitions"]["titles"][0]
    assert title.startswith(f"{default['glued']['refugee_area']}: {default['glued']['refugee_area_share']}%"), title


FOLLOWS = {
    ("01-opening", "REVISION"): _follows_revision_2020,
    ("07-agenda-2030", "CONTRACT_MONTHS"): _follows_contract_18,
    ("07-agenda-2030", "FEE_MONTHS"): _follows_quarter_fee,
    ("04-regional-human-rights", "COUNT_UNKNOWN_ORIGIN"): _follows_known_origin,
    ("02-new-york-declaration", "DEADLINE_READING"): _follows_strict_deadline,
    ("02-new-york-declaration", "EXTRA_EVENTS"): _follows_refugee_steps,
    ("03-cooperation-governance", "POSITION_CLASSES"): _follows_net_destinations,
    ("05-towards-2018", "RANK_AREAS_BY"): _follows_refugees_per_inhabitant,
    ("06-workplan", "INCOME_GROUPS_REVISION"): _follows_income_groups_2019,
    ("08-tour-de-table", "PER_WHOM"): _follows_per_migrant_worker,
    ("09-closing", "SPLIT_BY"): _follows_refugees_added,
}

CASES = [(path, *exercise) for path in SESSIONS for exercise in rerun_exercises(path)]


@pytest.mark.parametrize("path, label, name, value", CASES,
                         ids=[f"{path.stem}-{label}" for path, label, *_ in CASES])
def test_a_change_and_rerun_exercise_runs_and_the_page_follows(path, label, name, value, runs):
    assert name is not None, (
        f"{path.name}, {label}: the exercise names no assignment to a variable of the notebook's "
        f"`parameters` cell (write the change as a code span such as `NAME = value`)")
    default = run(runs, path)
    changed = run(runs, path, {name: value})
    differs = [key for key, text in changed["glued"].items() if default["glued"].get(key) != text]
    differs += [key for key, chart in changed["charts"].items() if default["charts"].get(key) != chart]
    assert differs, f"{path.name}, {label}: `{name} = {value}` changes nothing on the page"
    check = FOLLOWS.get((path.stem, name))
    if check is not None:
        check(default, changed)


def test_session_i_and_vii_have_the_rerun_exercises_the_issue_names():
    """The two changes issue 12 names are among the exercises found above."""
    found = {(path.stem, name, value) for path, _, name, value in CASES}
    assert ("01-opening", "REVISION", "2020") in found
    assert ("07-agenda-2030", "CONTRACT_MONTHS", "[18]") in found


EVAL_PAGES = [path for path in SESSIONS if EVAL_ROLE.search(markdown_of(nbformat.read(path, as_version=4)))]


@pytest.mark.parametrize("path", EVAL_PAGES, ids=lambda path: path.stem)
def test_eval_names_show_the_same_value_in_jupyterlab_and_the_book(path, runs):
    result = run(runs, path)
    assert result["eval"], f"{path.name}: no {{eval}} names evaluated"
    for name, kernel_value in result["eval"].items():
        assert name in result["glued"], f"{path.name}: {{eval}}`{name}` is not glued, the book cannot show it"
        assert result["glued"][name] == kernel_value, (
            f"{path.name}: {{eval}}`{name}` is {kernel_value!r} in the kernel but glued as {result['glued'][name]!r}")


@pytest.mark.parametrize("path", SESSIONS, ids=lambda path: path.stem)
def test_every_chart_is_a_visible_image_in_the_executed_notebook(path, built_book):
    # The executed notebook is the build's execution cache matched to the
    # source: myst-nb's jupyter_execute copy holds the source's own (stripped)
    # outputs in cache mode, the rendered page the cached ones.
    from jupyter_cache import get_cache

    from companion.book.notebooks import build_cache_path

    executed_path = ROOT / "_build" / "jupyter_execute" / path.relative_to(ROOT)
    cache = get_cache(str(build_cache_path(ROOT)))
    _, executed = cache.merge_match_into_notebook(nbformat.read(path, as_version=4))
    glue_file = executed_path.with_suffix(".glue.json")
    glued = json.loads(glue_file.read_text(encoding="utf-8")) if glue_file.is_file() else {}
    charts = [key for key, output in glued.items()
              if any(mime.endswith("image/png") for mime in output.get("data", {}))]
    assert charts, f"{path.name}: no chart glued"
    for key in charts:
        cells = [cell for cell in executed.cells if cell.cell_type == "code" and any(
            output.get("metadata", {}).get("scrapbook", {}).get("name") == key for output in cell.outputs)]
        assert cells, f"{path.name}: no cell shows chart {key!r}: it is only glued, so re-running the cell draws nothing"
        cell = cells[0]
        shown = [output for output in cell.outputs
                 if output.get("metadata", {}).get("scrapbook", {}).get("name") == key
                 and output.get("metadata", {}).get("scrapbook", {}).get("mime_prefix") == ""
                 and len(output.get("data", {}).get("image/png", "")) > 1000]
        assert shown, f"{path.name}: chart {key!r} is glued but not displayed as an image in its cell"
        tags = set(cell.metadata.get("tags", []))
        assert {"remove-output", "hide-input"} <= tags, (
            f"{path.name}: the cell of chart {key!r} is tagged {sorted(tags)}: it needs remove-output "
            "(the book shows the figure once) and hide-input (its code is a toggle)")
