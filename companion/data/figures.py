"""The report's figures: look one up, list them, word them for prose.

A figure is one number the report states, with its place in the report and
who said it (the ``figures`` table of the data package). Prose in the book
never types a figure: it asks this module for it and glues the result.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from companion.errors import CompanionDataError
from companion.data.tables import load_table

# How fractions are written in words, as the report writes them.
_FRACTION_WORDS = {
    Fraction(1, 2): "half",
    Fraction(1, 3): "one-third",
    Fraction(2, 3): "two-thirds",
    Fraction(1, 4): "one-quarter",
    Fraction(3, 4): "three-quarters",
}
_SMALL_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_SCALES = ((10**9, "billion"), (10**6, "million"))


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


def _row_to_figure(row: pd.Series) -> Figure:
    values = {name: _none_if_missing(row[name]) for name in Figure.__dataclass_fields__}
    values["paragraph"] = int(values["paragraph"])
    values["value"] = float(values["value"])
    return Figure(**values)


def all_figures() -> list[Figure]:
    """Every figure, in report order (section, then paragraph, then table order)."""
    return [_row_to_figure(row) for _, row in load_table("figures").iterrows()]


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


def format_number(value: float, unit: str) -> str:
    """Word a number as the report does: "244 million", "91 per cent",
    "two-thirds", "100,000", "six" (whole numbers below ten in words)."""
    if unit == "fraction":
        words = _FRACTION_WORDS.get(Fraction(value).limit_denominator(12))
        if words is None:
            raise CompanionDataError(f"no words for the fraction {value}")
        return words
    if unit == "percent":
        return f"{_plain_number(value)} per cent"
    for scale, word in _SCALES:
        if abs(value) >= scale and (value / scale) == round(value / scale, 1):
            return f"{_plain_number(value / scale)} {word}"
    if unit == "rank":
        return ordinal(int(value))
    if float(value).is_integer() and 0 <= value < 10:
        return _SMALL_WORDS[int(value)]
    return _plain_number(value)


def ordinal(number: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 71 -> "71st"."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _plain_number(value: float) -> str:
    """A number with a comma every three digits and no needless decimals."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def prose(value: float, unit: str, qualifier: str = "exact") -> str:
    """The number with its qualifier, as prose should show it ("more than 300")."""
    words = format_number(value, unit)
    return words if qualifier == "exact" else f"{qualifier} {words}"
