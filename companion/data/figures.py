"""The report's figures: look one up, list them, word them for prose.

A figure is one number the report states, with its place in the report and
who said it (the ``figures`` table of the data package). Prose in the book
never types a figure: it asks this module for it and glues the result.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

from companion.data.numbers import format_number
from companion.data.tables import load_table
from companion.errors import CompanionDataError

@dataclass(frozen=True)
class Figure:
    """One figure of the report, with its provenance."""

    id: str
    session: str
    paragraph: int
    value: float
    value_text: str
    unit: str
    qualifier: str
    label: str
    reference_period: str | None
    speaker: str | None
    organization: str | None
    attribution: str | None
    source_named: str | None
    quote: str
    note: str | None

    @property
    def prose(self) -> str:
        """The figure as prose words it: qualifier, then the number, e.g. "more than 300"."""
        return prose(self.value, self.unit, self.qualifier)


def _none_if_missing(value):
    return None if pd.isna(value) else value


def _row_to_figure(row) -> Figure:
    """A figure from a table row (a Series or a dict of column values)."""
    values = {name: _none_if_missing(row[name]) for name in Figure.__dataclass_fields__}
    values["paragraph"] = int(values["paragraph"])
    values["value"] = float(values["value"])
    return Figure(**values)


def all_figures() -> list[Figure]:
    """Every figure, in report order (section, then paragraph, then table order)."""
    # to_dict, not iterrows: building a Series for every row made this the
    # slowest step of the pages that list every figure.
    return [_row_to_figure(row) for row in load_table("figures").to_dict("records")]


def figure_ids() -> list[str]:
    """Ids of all figures."""
    return list(load_table("figures")["id"])


def closest_ids(unknown: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` figure ids that look like ``unknown`` (difflib)."""
    return difflib.get_close_matches(unknown, figure_ids(), n=limit, cutoff=0.4)


def figure(figure_id: str) -> Figure:
    """The figure with id ``figure_id``; an unknown id raises CompanionDataError
    naming the id and the closest known ids."""
    table = load_table("figures")
    match = table[table["id"] == figure_id]
    if match.empty:
        suggestions = closest_ids(figure_id)
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        raise CompanionDataError(f"data/figures.csv: no figure with id {figure_id!r}{hint}")
    return _row_to_figure(match.iloc[0])


def figures_in(session: str) -> list[Figure]:
    """The figures quoted in part ``session`` (e.g. "I", "VII", "intro"), in order."""
    known = set(load_table("sessions")["id"])
    if session not in known:
        raise CompanionDataError(
            f"data/sessions.csv: no session {session!r}; sessions are {', '.join(sorted(known))}"
        )
    return [item for item in all_figures() if item.session == session]


def prose(value: float, unit: str, qualifier: str = "exact") -> str:
    """The number with its qualifier, as prose should show it ("more than 300")."""
    words = format_number(value, unit)
    return words if qualifier == "exact" else f"{qualifier} {words}"
