"""Timelines: selecting events, their date ranges, delays, gaps and the chart.

Expected values are worked out by hand from the report's wording and the
calendar (e.g. "From April to November 2017", "by September 2018"), not
taken from the module's output.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from companion.book import style, timelines  # noqa: E402
from companion.errors import CompanionDataError  # noqa: E402

T = pd.Timestamp


def frame_of(ids):
    rows = timelines.timeline_frame(timelines.select_events(ids))
    return rows.set_index("id")


# --- selecting events ------------------------------------------------------

def test_select_events_sorts_by_date_and_uses_short_labels():
    chosen = timelines.select_events({
        "global-compact-migration-adoption": "Deadline",
        "new-york-declaration-adopted": "Declaration",
        "stocktaking-meeting-mexico": "Stocktaking",
    })
    # September 2016, then December 2017, then September 2018.
    assert list(chosen["label"]) == ["Declaration", "Stocktaking", "Deadline"]


def test_select_events_without_labels_keeps_the_event_names():
    chosen = timelines.select_events(["icpd-cairo-1994"])
    assert chosen.loc[0, "label"] == "International Conference on Population and Development (ICPD)"


def test_select_events_can_name_the_part_of_the_report():
    chosen = timelines.select_events({"icpd-cairo-1994": "ICPD", "sutherland-report-published": "Report"},
                                     with_session=True)
    # Cairo 1994 is recalled by Mr. Wilmoth in session V; the Sutherland report in session III.
    assert list(chosen["label"]) == ["ICPD (V)", "Report (III)"]


def test_same_date_events_keep_the_order_given():
    # Both are dated February 2018 in session II, paragraph 2.
    first = timelines.select_events(["compact-negotiations-start", "sg-report-global-compact"])
    second = timelines.select_events(["sg-report-global-compact", "compact-negotiations-start"])
    assert list(first["id"]) == ["compact-negotiations-start", "sg-report-global-compact"]
    assert list(second["id"]) == ["sg-report-global-compact", "compact-negotiations-start"]


def test_unknown_event_id_is_named_with_a_suggestion():
    with pytest.raises(CompanionDataError) as error:
        timelines.select_events(["icpd-cairo-1995"])
    assert "icpd-cairo-1995" in str(error.value)
    assert "icpd-cairo-1994" in str(error.value)


def test_the_road_to_the_compact_exists_and_spans_the_right_years():
    road = timelines.select_events(timelines.ROAD_TO_COMPACT)
    assert len(road) == len(timelines.ROAD_TO_COMPACT)
    # The road runs from the Declaration (September 2016) to the deadline (September 2018).
    assert road["start_date"].min() == T("2016-09-01") and road["start_date"].max() == T("2018-09-01")


# --- dates -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("start", "precision", "end"),
    [
        ("2018-09-01", "month", "2018-09-30"),  # "by September 2018"
        ("2016-02-01", "month", "2016-02-29"),  # leap year
        ("2003-01-01", "year", "2003-12-31"),
        ("2017-06-28", "day", "2017-06-28"),
    ],
)
def test_period_end(start, precision, end):
    assert timelines.period_end(T(start), precision) == T(end)


def test_period_end_rejects_an_unknown_precision():
    with pytest.raises(CompanionDataError, match="week"):
        timelines.period_end(T("2017-01-01"), "week")


def test_month_span_covers_whole_months():
    # "From April to November 2017 ... six informal thematic sessions" (II 2).
    row = frame_of(["thematic-sessions-2017"]).loc["thematic-sessions-2017"]
    assert row["shape"] == "span"
    assert (row["first"], row["last"]) == (T("2017-04-01"), T("2017-11-30"))


def test_short_event_is_a_marker_in_its_middle():
    # "the annual GFMD summit, to be held in Berlin from 28 to 30 June 2017" (II 4).
    row = frame_of(["gfmd-summit-berlin-2017"]).loc["gfmd-summit-berlin-2017"]
    assert row["shape"] == "marker"
    assert row["middle"] == T("2017-06-29")


def test_month_precision_marker_sits_mid_month_and_spans_the_month():
    # "with the first to take place in Geneva in May 2017" (II 2): 1 to 31 May.
    row = frame_of(["first-thematic-session-geneva"]).loc["first-thematic-session-geneva"]
    assert (row["first"], row["last"]) == (T("2017-05-01"), T("2017-05-31"))
    assert row["middle"] == T("2017-05-16")


def test_ongoing_event_without_end_runs_to_the_meeting():
    # "Since 2007, the GFMD had provided a global platform" (III 2); the meeting opened 16 February 2017.
    row = frame_of(["gfmd-since-2007"]).loc["gfmd-since-2007"]
    assert row["shape"] == "span"
    assert (row["first"], row["last"]) == (T("2007-01-01"), T("2017-02-16"))


def test_meeting_date_is_the_first_day_of_the_meeting():
    assert timelines.meeting_date() == T("2017-02-16")


def test_dates_in_reads_single_days_and_ranges():
    assert timelines.dates_in("Marrakech, Morocco, 10-11 Dec 2018; adopted") == [(T("2018-12-10"), T("2018-12-11"))]
    assert timelines.dates_in("60th plenary meeting, 19 December 2018") == [(T("2018-12-19"), T("2018-12-19"))]
    assert timelines.dates_in("152 in favour, 5 against") == []


def test_fact_event_reads_the_adoption_conference():
    adopted = timelines.fact_event("F4.gcm.adopt", "Adopted")
    assert adopted["status"] == "actual"
    assert (adopted["first"], adopted["last"]) == (T("2018-12-10"), T("2018-12-11"))
    assert adopted["place"] == "Marrakech, Morocco"
    endorsed = timelines.fact_event("F4.gcm.res", "Endorsed")
    assert endorsed["first"] == T("2018-12-19")
    assert endorsed["place"] is None  # "A/RES/73/195, 60th plenary meeting" is not a place


def test_fact_event_without_a_date_is_refused():
    with pytest.raises(CompanionDataError, match="F4.gcm.vote"):
        timelines.fact_event("F4.gcm.vote", "Vote")


def test_days_late_counts_from_the_deadline_last_day():
    # End of September to 10 December 2018: 31 days of October + 30 of November + 10.
    assert timelines.days_late(T("2018-09-30"), T("2018-12-10")) == 31 + 30 + 10
    assert timelines.days_late(T("2018-09-30"), T("2018-09-20")) == -10


def test_calendar_months_between():
    # February 2017 to September 2018: twelve months to February 2018, then seven more.
    assert timelines.calendar_months_between(T("2017-02-16"), T("2018-09-01")) == 19
    assert timelines.calendar_months_between(T("2018-09-30"), T("2018-12-10")) == 3
    assert timelines.calendar_months_between(T("2017-05-31"), T("2017-05-01")) == 0


# --- the chart -------------------------------------------------------------

def _chart(ids, **kwargs):
    rows = timelines.timeline_frame(timelines.select_events(ids))
    return rows, timelines.timeline_chart(rows, "A title", "A source", **kwargs)


def _is_white(colour) -> bool:
    return mcolors.to_hex(colour) == "#ffffff"


def test_chart_has_the_house_parts_and_rows_top_to_bottom_in_date_order():
    rows, figure = _chart({"new-york-declaration-adopted": "Declaration", "thematic-sessions-2017": "Sessions",
                           "global-compact-migration-adoption": "Deadline"}, meeting=timelines.meeting_date())
    try:
        assert style.check_chart(figure) == []
        axes = figure.axes[0]
        ticks = sorted(zip(axes.get_yticks(), [label.get_text() for label in axes.get_yticklabels()]), reverse=True)
        assert [label for _, label in ticks] == ["Declaration", "Sessions", "Deadline"]
        assert "This meeting" in [text.get_text() for text in axes.texts]
        assert axes.get_xlabel() == "Date (month and year)"
    finally:
        plt.close(figure)


def test_chart_tells_planned_from_past_by_shape_not_only_colour():
    rows, figure = _chart(["new-york-declaration-adopted", "stocktaking-meeting-mexico", "thematic-sessions-2017"])
    try:
        axes = figure.axes[0]
        markers = {line.get_marker(): line for line in axes.lines if line.get_marker() not in ("None", None, "")}
        # The Declaration (past) is a filled circle; the stocktaking meeting (planned) a hollow diamond.
        assert not _is_white(markers["o"].get_markerfacecolor())
        assert _is_white(markers["D"].get_markerfacecolor())
        # The planned span (thematic sessions) is a hatched bar.
        assert [patch.get_hatch() for patch in axes.patches] == ["///"]
        legend = [text.get_text() for text in axes.get_legend().get_texts()]
        assert legend == ["Past at the meeting", "Planned at the meeting", "Planned at the meeting (span)"]
    finally:
        plt.close(figure)


def test_chart_over_decades_is_labelled_in_years_and_draws_actual_rows():
    rows = timelines.timeline_frame(timelines.select_events(["icpd-cairo-1994", "global-compact-migration-adoption"]))
    actual = pd.DataFrame([timelines.fact_event("F4.gcm.adopt", "Adopted")])[rows.columns]
    rows = pd.concat([rows, actual], ignore_index=True)
    figure = timelines.timeline_chart(rows, "A title", "A source",
                                      arrows=[("global-compact-migration-adoption", "F4.gcm.adopt", "late")])
    try:
        axes = figure.axes[0]
        assert axes.get_xlabel() == "Year"
        assert any(line.get_marker() == "*" for line in axes.lines)
        assert "late" in [text.get_text() for text in axes.texts]
    finally:
        plt.close(figure)
