"""Gluing values into a notebook's prose, safely.

myst-nb's ``glue`` stores a value's text representation; a numpy or pandas
scalar breaks format specs such as ``{glue:text}`key:,.0f``` and a Python
string would render with its quotes. These helpers convert values first, so
that prose only ever shows numbers that came from ``data/``.
"""

from __future__ import annotations

import numbers
from io import BytesIO

import numpy as np
from IPython.core.formatters import format_display_data
from IPython.display import display as show

from companion.errors import CompanionDataError

# myst-nb finds glued values in a notebook's display outputs by this
# metadata (the "scrapbook" format of its ``glue``); values glued without
# being shown carry this prefix on their MIME types.
GLUE_ONLY_PREFIX = "application/papermill.record/"


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


def glue(key: str, value, display: bool) -> None:
    """Store ``value``'s display forms in the cell's outputs under ``key``,
    exactly as ``myst_nb.glue`` does (tests/book/test_glue.py compares them).

    Why not call ``myst_nb.glue``: importing it loads myst-nb, nbformat and
    jsonschema into every notebook's kernel (over a second with the
    jsonschema that pulled in rfc3987-syntax; see requirements.txt), while
    the glued outputs need only IPython's formatters.
    ``display=False`` stores the value without showing it."""
    bundle, metadata = format_display_data(value)
    _store(key, bundle, metadata, display)


def _store(key: str, bundle: dict, metadata: dict, display: bool) -> None:
    """Display ``bundle`` (MIME type -> data) as glued under ``key``."""
    prefix = "" if display else GLUE_ONLY_PREFIX
    metadata["scrapbook"] = {"name": key, "mime_prefix": prefix}
    show({prefix + mime: data for mime, data in bundle.items()}, raw=True, metadata=metadata)


def glue_value(key: str, value, display: bool = False):
    """Glue ``value`` under ``key`` after converting it with ``plain``; return it."""
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

    The PNG is the chart saved at its own size and dpi (constrained layout,
    no "tight" cropping, which would draw it twice more): what the reader
    sees in Jupyter is the image the book shows.

    A chart that breaks the house style (no source line, title or axis
    labels; colours outside the palette) is refused, so the book cannot
    build with one."""
    import matplotlib.pyplot as plt

    from companion.book.style import check_chart

    png = BytesIO()
    chart.savefig(png, format="png")
    problems = check_chart(chart, drawn=True)
    plt.close(chart)
    if problems:
        raise CompanionDataError(f"chart {key!r} breaks the house style: {'; '.join(problems)}")
    _store(key, {"image/png": png.getvalue(), "text/plain": repr(chart)}, {}, display=True)


def spoken_list(items) -> str:
    """Items as prose: "12", "12 and 18", "12, 18 and 24" (numbers keep their
    plain form: an integral float prints without ".0")."""
    words = [f"{item:g}" if isinstance(item, float) else str(item) for item in items]
    if not words:
        raise CompanionDataError("cannot write an empty list as prose")
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
