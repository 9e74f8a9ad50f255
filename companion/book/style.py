"""The house chart style: one look for every chart in the book.

Every chart has a title that states its finding, axis labels with units, a
source line under the plot (wrapped to the chart's width) and uses the
Okabe-Ito palette, which stays distinguishable for the common forms of colour
blindness. Meaning is never carried by colour alone: series also differ by
marker or line style, or are labelled directly. Charts are laid out by
matplotlib's constrained layout, so that every label stays inside the chart,
and rendered at ``CHART_DPI`` so that they stay crisp at twice the size they
are shown. Alt text and captions are given where the chart is placed
(``{glue:figure}`` with ``:alt:``), and ``check_chart`` refuses a chart that
lacks the parts or whose text overlaps or falls outside the chart.
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib
import matplotlib.colors
import matplotlib.pyplot as plt
from matplotlib.text import Text

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

# Charts are shown at most about 800 px wide in the content column; at 200
# dots per inch a 7.5-inch chart is 1500 px, sharp on a high-density screen
# and in print.
CHART_DPI = 200

# A chart's width over its height must lie in this range: wider and it shows
# as a thin strip on a page, taller and it does not fit a screen.
ASPECT_RANGE = (0.6, 2.8)

SOURCE_FONT_SIZE = 8

# Titles sit over the plot, left-aligned with it; this much of a panel's
# width is left of the plot (tick labels and the y-axis label).
TITLE_INDENT_INCHES = 0.8

HOUSE_RC = {
    "figure.figsize": (7.5, 4.2),
    "figure.dpi": CHART_DPI,
    "savefig.dpi": CHART_DPI,
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


def new_chart(title: str, xlabel: str, ylabel: str, source: str, size=None, title_indent=TITLE_INDENT_INCHES):
    """Create a chart (a matplotlib Figure) and its axes with title, axis labels and a source line.

    ``title`` states what the chart shows ("Later revisions raise the 2015
    estimate"), not what it is; ``xlabel`` and ``ylabel`` name their units
    ("Year", "Migrants (millions)"); ``source`` names where the data came
    from and is printed under the plot as "Source: ...". A long title wraps
    to the width of the plot, which starts ``title_indent`` inches from the
    chart's left edge (more when the y-axis has long labels).
    """
    chart, (axes,) = new_panels([title], [xlabel], [ylabel], source, size=size, title_indent=title_indent)
    return chart, axes


def new_panels(titles, xlabels, ylabels, source: str, size=None, width_ratios=None,
               title_indent=TITLE_INDENT_INCHES):
    """Like ``new_chart`` for a chart of panels side by side: one title and
    pair of axis labels per panel; returns the chart and the list of axes."""
    apply_house_style()
    chart, axes_row = plt.subplots(
        1, len(titles), figsize=size or HOUSE_RC["figure.figsize"], dpi=CHART_DPI,
        layout="constrained", width_ratios=width_ratios, squeeze=False,
    )
    panels = list(axes_row[0])
    ratios = width_ratios or [1] * len(titles)
    figure_width = chart.get_size_inches()[0]
    for axes, ratio, title, xlabel, ylabel in zip(panels, ratios, titles, xlabels, ylabels):
        # A long title wraps within its panel, less the room the y-axis takes.
        title_width = (figure_width * ratio / sum(ratios) - title_indent) * 72
        axes.set_title(wrap_to_width(title, title_width, plt.rcParams["axes.titlesize"], "bold"))
        axes.set_xlabel(xlabel)
        axes.set_ylabel(ylabel)
    add_source(chart, source)
    return chart, panels


def wrap_to_width(text: str, width_points: float, fontsize: float, weight: str = "normal") -> str:
    """Break ``text`` into lines no wider than ``width_points`` when set at
    ``fontsize`` and ``weight`` in the current font (measured by matplotlib,
    not guessed)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure = TextToPath()
    font = FontProperties(size=fontsize, weight=weight)

    def width_of(line: str) -> float:
        return measure.get_text_width_height_descent(line, font, ismath=False)[0]

    lines: list[str] = []
    for word in text.split():
        if lines and width_of(f"{lines[-1]} {word}") <= width_points:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def add_source(chart, source: str) -> None:
    """Print the source line at the bottom left of ``chart``, wrapped to the
    chart's width; constrained layout keeps the plot clear of it."""
    width_points = chart.get_size_inches()[0] * 72 * 0.97
    text = wrap_to_width(f"Source: {source}", width_points, SOURCE_FONT_SIZE)
    if chart.get_layout_engine() is None:
        chart.set_layout_engine("constrained")
    chart.supxlabel(text, x=0.01, ha="left", fontsize=SOURCE_FONT_SIZE, color="#444444",
                     fontweight="normal", linespacing=1.3)
    chart._companion_source = source


def mark_truncated_axis(axes, which: str = "y") -> None:
    """Mark an axis that does not start at zero: a break sign (two short
    slanted strokes) across the axis line at its low end, as print charts do.

    Call it whenever a quantity axis is cut above zero, so a reader does not
    take the bottom of the plot for nothing."""
    mark = {"marker": [(-1, -0.6), (1, 0.6)], "markersize": 9, "color": "#444444",
            "markeredgewidth": 1.1, "linestyle": "none", "clip_on": False, "zorder": 5}
    if which == "y":
        axes.plot([0, 0], [0.015, 0.045], transform=axes.transAxes, **mark)
    else:
        axes.plot([0.015, 0.045], [0, 0], transform=axes.transAxes, **mark)
    axes._companion_truncated = getattr(axes, "_companion_truncated", set()) | {which}


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


def _visible_texts(chart) -> list[Text]:
    """Every drawn, non-empty text of ``chart``: titles, labels, legend
    entries, annotations, the chart's own texts and the tick labels actually drawn."""
    tick_labels = set()
    for axes in chart.axes:
        for axis in (axes.xaxis, axes.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                tick_labels |= {id(tick.label1), id(tick.label2)}
    texts = [text for text in chart.findobj(Text)
             if id(text) not in tick_labels and _is_drawn(text)]
    for axes in chart.axes:
        for axis in (axes.xaxis, axes.yaxis):
            texts += _drawn_tick_labels(axis)
    return texts


def _is_drawn(text: Text) -> bool:
    """Visible, non-empty, and not inside an axes that is switched off."""
    if not (text.get_visible() and text.get_text().strip()):
        return False
    axes = text.axes
    return axes is None or axes.axison or text in axes.texts or text in (axes.title, axes._left_title, axes._right_title)


def texts_outside(chart, renderer) -> list[str]:
    """Texts that reach beyond the chart's edges (more than a pixel)."""
    frame = chart.bbox
    outside = []
    for text in _visible_texts(chart):
        box = text.get_window_extent(renderer)
        if box.x0 < frame.x0 - 1 or box.y0 < frame.y0 - 1 or box.x1 > frame.x1 + 1 or box.y1 > frame.y1 + 1:
            outside.append(text.get_text())
    return outside


def _overlapping(texts, renderer, limits=None) -> list[tuple[str, str]]:
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in texts]
    pairs = []
    for index, (first, first_box) in enumerate(boxes):
        for second, second_box in boxes[index + 1:]:
            # Overlapping by more than a pixel each way: touching is fine.
            if (min(first_box.x1, second_box.x1) - max(first_box.x0, second_box.x0) > 1
                    and min(first_box.y1, second_box.y1) - max(first_box.y0, second_box.y0) > 1):
                pairs.append((first, second))
    return pairs


def _drawn_tick_labels(axis) -> list[Text]:
    """The tick labels ``axis`` draws: visible, non-empty, ticks in view
    (matplotlib's own selection, made when the chart is drawn)."""
    if not (axis.axes.axison and axis.get_visible()):
        return []
    labels = []
    for tick in axis._update_ticks():
        for label in (tick.label1, tick.label2):
            if label.get_visible() and label.get_text().strip():
                labels.append(label)
    return labels


def overlapping_labels(chart, renderer) -> list[tuple[str, str]]:
    """Pairs of tick labels on one axis, or of texts placed in one axes
    (annotations, direct labels), whose drawn extents overlap."""
    pairs = []
    for axes in chart.axes:
        for axis in (axes.xaxis, axes.yaxis):
            pairs += _overlapping(_drawn_tick_labels(axis), renderer)
        pairs += _overlapping([text for text in axes.texts if text.get_visible() and text.get_text().strip()],
                              renderer)
    return pairs


def check_chart(chart, drawn: bool = False) -> list[str]:
    """Return what the chart lacks of the house style (empty when complete):
    a source line, a title and axis labels on each axes, colours from the
    colour-blind-safe palette only, a width-to-height ratio in
    ``ASPECT_RANGE``, every text inside the chart and no two tick labels
    (or two texts in one axes) drawn over each other. Text extents are
    measured by drawing the chart (layout included) without rendering it,
    unless ``drawn`` says it was just saved at its own dpi (its layout is
    done; ``glue_chart`` saves the image first, so the chart is drawn once)."""
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
    width, height = chart.get_size_inches()
    low, high = ASPECT_RANGE
    if not low <= width / height <= high:
        problems.append(f"aspect ratio {width / height:.2f} (width/height) outside {low}-{high}")
    if not drawn:
        chart.draw_without_rendering()
    renderer = chart._get_renderer()
    for text in texts_outside(chart, renderer):
        problems.append(f"text outside the figure: {_short(text)!r}")
    for first, second in overlapping_labels(chart, renderer):
        problems.append(f"labels overlap: {_short(first)!r} and {_short(second)!r}")
    return problems


def _short(text: str, length: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"
