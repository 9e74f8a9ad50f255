"""The house chart style: one look for every chart in the book.

Every chart has a title, axis labels with units, a source line under the
plot, and uses the Okabe-Ito palette, which stays distinguishable for the
common forms of colour blindness. Meaning is never carried by colour alone:
series also differ by marker or line style, or are labelled directly.
Alt text and captions are given where the chart is placed (``{glue:figure}``
with ``:alt:``), and ``check_chart`` refuses a chart that lacks the parts.
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib
import matplotlib.colors
import matplotlib.pyplot as plt

# No backend is forced: in a Jupyter kernel matplotlib's inline backend
# renders glued figures as PNG; elsewhere (tests, CI) it falls back to Agg.

# Okabe & Ito (2008), "Color Universal Design": safe for deuteranopia,
# protanopia and tritanopia.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow (light: use for fills, not thin lines)
    "#000000",  # black
)
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1)), "-", "--")

HOUSE_RC = {
    "figure.figsize": (7.5, 4.2),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10.5,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "svg.hashsalt": "companion",  # deterministic SVG ids
}


def apply_house_style() -> None:
    """Set the house style for every chart drawn after this call."""
    plt.rcParams.update(HOUSE_RC)


@contextmanager
def house_style():
    """Context manager: draw charts in the house style, then restore settings."""
    with plt.rc_context(HOUSE_RC):
        yield


def new_chart(title: str, xlabel: str, ylabel: str, source: str, size=None):
    """Create a chart (a matplotlib Figure) and its axes with title, axis labels and a source line.

    ``xlabel`` and ``ylabel`` should name their units ("Year",
    "Migrants (millions)"); ``source`` names where the data came from and is
    printed under the plot as "Source: ...".
    """
    apply_house_style()
    chart, axes = plt.subplots(figsize=size or HOUSE_RC["figure.figsize"])
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    add_source(chart, source)
    return chart, axes


def add_source(chart, source: str) -> None:
    """Print the source line at the bottom left of ``chart``."""
    chart.text(0.01, 0.01, f"Source: {source}", fontsize=8, color="#444444", ha="left", va="bottom")
    chart.subplots_adjust(bottom=0.2)
    chart._companion_source = source


def title_of(axes) -> str:
    """The axes' title, wherever it is placed (left in the house style)."""
    return next((axes.get_title(loc) for loc in ("left", "center", "right") if axes.get_title(loc)), "")


def _is_neutral(colour) -> bool:
    """Greys, black, white and transparency carry no hue: always allowed."""
    red, green, blue, alpha = matplotlib.colors.to_rgba(colour)
    return alpha == 0 or (max(red, green, blue) - min(red, green, blue)) < 0.02


def off_palette_colours(chart) -> set[str]:
    """Colours drawn in ``chart`` (lines, bars, markers, areas) that are
    neither in the house palette nor neutral greys."""
    allowed = {matplotlib.colors.to_hex(colour) for colour in PALETTE}
    used = []
    for axes in chart.axes:
        for line in axes.get_lines():
            used += [line.get_color(), line.get_markerfacecolor(), line.get_markeredgecolor()]
        for patch in axes.patches:
            used += [patch.get_facecolor(), patch.get_edgecolor()]
        for collection in axes.collections:
            used += list(collection.get_facecolors()) + list(collection.get_edgecolors())
    found = set()
    for colour in used:
        if isinstance(colour, str) and colour in ("none", "auto"):
            continue
        if _is_neutral(colour):
            continue
        found.add(matplotlib.colors.to_hex(colour))
    return found - allowed


def check_chart(chart) -> list[str]:
    """Return what the chart lacks of the house style (empty when complete):
    a source line, a title and axis labels on each axes, and colours from the
    colour-blind-safe palette only."""
    problems = []
    if not getattr(chart, "_companion_source", ""):
        problems.append("no source line (use new_chart or add_source)")
    for axes in chart.axes:
        if not title_of(axes):
            problems.append("an axes has no title")
        if axes.axison and not (axes.get_xlabel() or axes.get_ylabel()):
            problems.append("an axes has no axis labels")
    outside = off_palette_colours(chart)
    if outside:
        problems.append(f"colours outside the house palette: {', '.join(sorted(outside))}")
    return problems
