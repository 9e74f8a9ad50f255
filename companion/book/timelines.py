"""Timelines: the report's dated events placed in time, planned against actual.

The ``events`` table records every dated event the report mentions, with the
precision the text gives (a day, a month or a year) and its status relative
to the meeting of 16-17 February 2017 (past, ongoing or planned). This module
selects events by id, works out the stretch of time each one covers, adds
what actually happened from the ``context_facts`` table, measures delays,
and draws the house-style timeline used by the session page on the New York
Declaration (session II).

Rules the functions follow, so that a chart never claims more than the text:

- an event given to the month or the year covers that whole month or year;
  it is drawn as a marker at the middle of that period, with a thin line
  across the period showing how precise the date is;
- an event with an explicit end date more than a month after its start is a
  span and is drawn as a bar; so is an ongoing event without an end date,
  which runs up to the meeting;
- status is shown by colour *and* by marker shape or hatching, so the chart
  reads in grey scale too.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Mapping, Sequence

import pandas as pd

from companion.book import style
from companion.data.context import context_fact
from companion.errors import CompanionDataError
from companion.data.tables import load_table

MEETING_ID = "coordination-meeting-15"
"""Id of the event that is the meeting itself (16-17 February 2017)."""

# The road from the New York Declaration to the compact, as session II lays it
# out (ids of the ``events`` table, with the short labels the chart shows).
# All but the Declaration and the GFMD summit come from Ms. Nakamitsu's
# roadmap (II, paragraph 2) and Mr. Swing's deadline (II, paragraph 1).
ROAD_TO_COMPACT: dict[str, str] = {
    "new-york-declaration-adopted": "New York Declaration adopted",
    "thematic-sessions-2017": "Informal thematic sessions",
    "first-thematic-session-geneva": "First thematic session, Geneva",
    "multi-stakeholder-hearings": "Multi-stakeholder hearings (window)",
    "gfmd-summit-berlin-2017": "GFMD summit, Berlin",
    "stocktaking-meeting-mexico": "Stocktaking meeting, Mexico",
    "sg-report-global-compact": "Secretary-General's report",
    "compact-negotiations-start": "Intergovernmental negotiations begin",
    "global-compact-migration-adoption": "Compact adopted (deadline)",
}

# How each status is drawn: colour, marker, whether the marker is filled,
# hatching for bars, and the legend text. "actual" is for what happened later
# (context facts), which the report could not know.
STATUS_STYLES: dict[str, dict] = {
    "past": {"color": style.PALETTE[0], "marker": "o", "filled": True, "hatch": None,
             "legend": "Past at the meeting"},
    "ongoing": {"color": style.PALETTE[2], "marker": "s", "filled": True, "hatch": "..",
                "legend": "Ongoing at the meeting"},
    "planned": {"color": style.PALETTE[1], "marker": "D", "filled": False, "hatch": "///",
                "legend": "Planned at the meeting"},
    "actual": {"color": style.PALETTE[5], "marker": "*", "filled": True, "hatch": None,
               "legend": "What actually happened"},
}

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_DATE_IN_TEXT = re.compile(
    r"\b(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?\s+(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(\d{4})\b",
    re.IGNORECASE,
)


def select_events(ids: Mapping[str, str] | Sequence[str], events: pd.DataFrame | None = None,
                  with_session: bool = False) -> pd.DataFrame:
    """The events with the given ids, in date order, with a ``label`` column.

    ``ids`` is a list of event ids, or a mapping of id to the short label a
    chart should show (else the event's ``name`` is used). With
    ``with_session`` the label ends with the report's part that mentions the
    event, e.g. "ICPD, Cairo (V)". Events on the same start date keep the
    order in which they were given. Unknown ids raise CompanionDataError
    naming them and the closest known ids.
    """
    events = load_table("events") if events is None else events
    labels = dict(ids) if isinstance(ids, Mapping) else {event_id: None for event_id in ids}
    known = set(events["id"])
    unknown = [event_id for event_id in labels if event_id not in known]
    if unknown:
        hints = {u: difflib.get_close_matches(u, sorted(known), n=2, cutoff=0.5) for u in unknown}
        shown = "; ".join(f"{u!r}" + (f" (did you mean {', '.join(h)}?)" if h else "") for u, h in hints.items())
        raise CompanionDataError(f"data/events.csv: no event with id {shown}")
    order = {event_id: position for position, event_id in enumerate(labels)}
    chosen = events[events["id"].isin(order)].copy()
    chosen["given_order"] = chosen["id"].map(order)
    chosen["label"] = [labels[row.id] or row.name for row in chosen.itertuples()]
    if with_session:
        chosen["label"] = [f"{row.label} ({_part(row.session)})" for row in chosen.itertuples()]
    chosen = chosen.sort_values(["start_date", "given_order"]).drop(columns="given_order")
    return chosen.reset_index(drop=True)


def _part(session: str) -> str:
    """A session id as a label shows it: the numeral, or the front matter's title in lower case."""
    sessions = load_table("sessions").set_index("id")
    if sessions.loc[session, "kind"] == "session":
        return session
    return str(sessions.loc[session, "title"]).lower()


def period_end(start: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The last day of the day, month or year that starts on ``start``.

    ``period_end(2018-09-01, "month")`` is 30 September 2018: an event dated
    "September 2018" may fall on any day up to then.
    """
    start = pd.Timestamp(start)
    if precision == "day":
        return start
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    if precision == "year":
        return pd.Timestamp(year=start.year, month=12, day=31)
    raise CompanionDataError(f"unknown date precision {precision!r}; expected day, month or year")


def last_day(event) -> pd.Timestamp:
    """The last day an event can fall on: its end date at its precision, else
    the end of the period its start date names."""
    end = event["end_date"] if not pd.isna(event["end_date"]) else event["start_date"]
    return period_end(end, event["precision"])


def timeline_frame(events: pd.DataFrame, meeting: pd.Timestamp | None = None) -> pd.DataFrame:
    """What a timeline draws for each event: ``first`` and ``last`` day it can
    cover, ``middle`` (where a marker goes) and ``shape``.

    ``shape`` is "span" for an event with an end date more than a month after
    its start, and for an ongoing event without an end date, which then runs
    to ``meeting`` (default: the first day of the meeting); otherwise "marker".
    """
    meeting = meeting_date() if meeting is None else pd.Timestamp(meeting)
    rows = []
    for _, event in events.iterrows():
        first = pd.Timestamp(event["start_date"])
        last = last_day(event)
        open_ended = event["status"] == "ongoing" and pd.isna(event["end_date"]) and first < meeting
        if open_ended:
            last = meeting
        span = open_ended or (not pd.isna(event["end_date"]) and (last - first).days > 31)
        rows.append({
            "id": event["id"], "label": event.get("label", event["name"]), "status": event["status"],
            "first": first, "last": last, "middle": first + (last - first) / 2,
            "shape": "span" if span else "marker",
        })
    return pd.DataFrame(rows)


def meeting_date() -> pd.Timestamp:
    """The first day of the meeting, from the ``events`` table."""
    events = load_table("events").set_index("id")
    return pd.Timestamp(events.loc[MEETING_ID, "start_date"])


def dates_in(text: str) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Every date written as "19 Dec 2018" or a range "10-11 Dec 2018" in
    ``text``, as (first day, last day) pairs in the order they appear."""
    found = []
    for match in _DATE_IN_TEXT.finditer(text):
        first_day, last_day_, month, year = match.groups()
        month_number = _MONTHS[month.lower()[:3]]
        first = pd.Timestamp(year=int(year), month=month_number, day=int(first_day))
        last = pd.Timestamp(year=int(year), month=month_number, day=int(last_day_ or first_day))
        found.append((first, last))
    return found


def fact_event(fact_id: str, label: str) -> dict:
    """What a context fact says happened, as a timeline row with status
    "actual": the first date written in the fact's value, the place written
    before it (if any), and the fact's bibliography key."""
    fact = context_fact(fact_id)
    value = str(fact["value"])
    dates = dates_in(value)
    if not dates:
        raise CompanionDataError(f"data/context_facts.csv: fact {fact_id!r}, column 'value': no date in {value!r}")
    first, last = dates[0]
    before = value[: _DATE_IN_TEXT.search(value).start()].strip(" ,;")
    place = before if before and not re.search(r"\d", before) else None
    return {
        "id": fact_id, "label": label, "status": "actual", "first": first, "last": last,
        "middle": first + (last - first) / 2, "shape": "marker", "place": place, "bib_key": fact["bib_key"],
    }


def days_late(deadline: pd.Timestamp, actual: pd.Timestamp) -> int:
    """Whole days from a deadline's last day to what actually happened
    (negative if early)."""
    return int((pd.Timestamp(actual) - pd.Timestamp(deadline)).days)


def calendar_months_between(earlier: pd.Timestamp, later: pd.Timestamp) -> int:
    """Calendar months from the month of ``earlier`` to the month of ``later``
    (February 2017 to September 2018 is 19), ignoring the day."""
    earlier, later = pd.Timestamp(earlier), pd.Timestamp(later)
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _marker_style(look: dict) -> dict:
    return {
        "marker": look["marker"], "markersize": 13 if look["marker"] == "*" else 8,
        "markerfacecolor": look["color"] if look["filled"] else "white",
        "markeredgecolor": look["color"], "markeredgewidth": 1.6, "linestyle": "none",
    }


def _date_axis(axes, long_range: bool) -> None:
    """Ticks every ten years (minor: every year) over a long range, else
    every January and July (minor: every month)."""
    import matplotlib.dates as mdates

    if long_range:
        axes.xaxis.set_major_locator(mdates.YearLocator(10))
        axes.xaxis.set_minor_locator(mdates.YearLocator(1))
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    else:
        axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
        axes.xaxis.set_minor_locator(mdates.MonthLocator())
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))


def timeline_chart(rows: pd.DataFrame, title: str, source: str, meeting: pd.Timestamp | None = None,
                   arrows: Sequence[tuple[str, str, str]] = (), size=None):
    """A house-style timeline: one row per event, top to bottom in date order.

    ``rows`` comes from ``timeline_frame`` (plus any ``fact_event`` rows).
    Spans are bars (hatched when planned or ongoing), single dates are markers
    with a thin line across the month or year they may fall in; status is
    shown by colour and by marker shape, fill or hatching (``STATUS_STYLES``).
    ``meeting`` draws a dotted vertical line labelled "This meeting".
    ``arrows`` are (from id, to id, text) triples, e.g. from a deadline to the
    actual date, drawn as an arrow with the text to the left of its head.
    The date axis is labelled "Year" when the rows cover more than twelve
    years, else "Date (month and year)".
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import blended_transform_factory, offset_copy

    first, last = rows["first"].min(), rows["last"].max()
    long_range = (last - first).days / 365.25 > 12
    xlabel = "Year" if long_range else "Date (month and year)"
    chart, axes = style.new_chart(title, xlabel, "", source, size=size or (10, 0.42 * len(rows) + 2.4))
    positions = {row.id: len(rows) - 1 - index for index, row in enumerate(rows.itertuples())}
    for row in rows.itertuples():
        look = STATUS_STYLES[row.status]
        y = positions[row.id]
        if row.shape == "span":
            filled = look["hatch"] is None
            axes.barh(y, row.last - row.first, left=row.first, height=0.5,
                      color=look["color"] if filled else "white", edgecolor=look["color"],
                      hatch=look["hatch"], linewidth=1.2)
        else:
            axes.plot([row.first, row.last], [y, y], color=look["color"], linewidth=1.4, solid_capstyle="butt")
            axes.plot([row.middle], [y], **_marker_style(look))
    for start_id, end_id, text in arrows:
        start = rows.set_index("id").loc[start_id]
        end = rows.set_index("id").loc[end_id]
        axes.annotate("", xy=(end["middle"], positions[end_id]), xytext=(start["last"], positions[start_id]),
                      arrowprops={"arrowstyle": "->", "color": "#444444", "linewidth": 1})
        axes.annotate(text, xy=(end["middle"], positions[end_id]), xytext=(-12, 0), textcoords="offset points",
                      ha="right", va="center", fontsize=9, color="#222222")
    pad = (last - first) * 0.04
    axes.set_xlim(first - pad, last + pad)
    if meeting is not None:
        # The label goes on the side of the line with more room.
        right_side = (pd.Timestamp(meeting) - first) < (last - first) * 0.75
        axes.axvline(meeting, color="#444444", linestyle=":", linewidth=1)
        axes.annotate("This meeting", xy=(meeting, 1), xycoords=("data", "axes fraction"),
                      xytext=(3 if right_side else -3, -2), textcoords="offset points", fontsize=8.5,
                      ha="left" if right_side else "right", va="top", color="#444444")
    axes.set_yticks([positions[row.id] for row in rows.itertuples()], list(rows["label"]))
    axes.set_ylim(-0.7, len(rows) - 0.3 + (0.5 if meeting is not None else 0))
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.grid(axis="y", visible=False)
    axes.tick_params(axis="y", length=0)
    _date_axis(axes, long_range)
    handles = []
    for status in STATUS_STYLES:
        if status not in set(rows["status"]):
            continue
        look = STATUS_STYLES[status]
        shapes = set(rows.loc[rows["status"] == status, "shape"])
        if "marker" in shapes:
            handles.append(Line2D([], [], label=look["legend"], **_marker_style(look)))
        if "span" in shapes:
            filled = look["hatch"] is None
            handles.append(Patch(facecolor=look["color"] if filled else "white", edgecolor=look["color"],
                                 hatch=look["hatch"], label=f"{look['legend']} (span)"))
    # The legend sits under the chart, below the date axis and its label;
    # constrained layout makes room for it above the source line.
    below_axis_label = blended_transform_factory(
        chart.transFigure, offset_copy(axes.transAxes, chart, y=-42, units="points"))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.01, 0), bbox_transform=below_axis_label,
                ncol=min(len(handles), 4), fontsize=8.5, handlelength=1.6)
    return chart
