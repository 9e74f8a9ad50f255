"""Gluing values into a notebook's prose, safely.

myst-nb's ``glue`` stores a value's text representation; a numpy or pandas
scalar breaks format specs such as ``{glue:text}`key:,.0f``` and a Python
string would render with its quotes. These helpers convert values first, so
that prose only ever shows numbers that came from ``data/``.
"""

from __future__ import annotations

import numbers

import numpy as np

from companion.errors import CompanionDataError


class Text:
    """A piece of text to glue into prose.

    Its plain-text form is a Python string literal, because myst-nb's
    ``{glue:text}`` reads text/plain back with ``ast.literal_eval``: a bare
    "100,000" would come back as the tuple (100, 0). Its Markdown form is the
    text itself, for ``{glue:md}``.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return repr(self.text)

    def _repr_markdown_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and other.text == self.text


def plain(value):
    """Return ``value`` as a plain Python int, float, bool or Text.

    numpy and pandas scalars become Python numbers (an integral float stays a
    float: the caller chooses the format); strings become ``Text``. Missing
    values (None, NaN, pd.NA) raise CompanionDataError: glueing a gap into
    prose would print "nan" or "<NA>" to a reader.
    """
    if isinstance(value, str):
        return Text(value)
    if isinstance(value, Text):
        return value
    if value is None:
        raise CompanionDataError("cannot glue a missing value (None)")
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if number != number:  # NaN
            raise CompanionDataError("cannot glue a missing value (NaN)")
        return number
    if type(value).__name__ == "NAType":
        raise CompanionDataError("cannot glue a missing value (pd.NA)")
    raise CompanionDataError(f"cannot glue a {type(value).__name__}: give a number or a string")


def glue_value(key: str, value, display: bool = False):
    """Glue ``value`` under ``key`` after converting it with ``plain``; return it."""
    from myst_nb import glue  # imported here: the package works without myst-nb

    converted = plain(value)
    glue(key, converted, display=display)
    return converted


def glue_chart(key: str, chart) -> None:
    """Show a matplotlib chart in its cell and glue it under ``key`` (for
    ``{glue:figure}``), then close it.

    The chart is displayed where the code runs - a reader who re-runs the
    cell in Jupyter sees it, and so does the executed notebook - and glued
    for the book, which places it once, numbered and captioned, with
    ``{glue:figure}``. The cell that calls this is tagged ``remove-output``
    (so the book does not show the chart twice) and ``hide-input`` (so its
    code is a toggle, not removed); tests/test_exercises.py checks both.
    Closing the chart stops the inline backend from drawing it a second time.

    A chart that breaks the house style (no source line, title or axis
    labels; colours outside the palette) is refused, so the book cannot
    build with one."""
    import matplotlib.pyplot as plt
    from myst_nb import glue

    from companion.book.style import check_chart

    problems = check_chart(chart)
    if problems:
        plt.close(chart)
        raise CompanionDataError(f"chart {key!r} breaks the house style: {'; '.join(problems)}")
    glue(key, chart, display=True)
    plt.close(chart)


def spoken_list(items) -> str:
    """Items as prose: "12", "12 and 18", "12, 18 and 24" (numbers keep their
    plain form: an integral float prints without ".0")."""
    words = [f"{item:g}" if isinstance(item, float) else str(item) for item in items]
    if not words:
        raise CompanionDataError("cannot write an empty list as prose")
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
