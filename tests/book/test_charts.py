"""One test per chart of companion.book.charts: the chart passes the house-style
check, and what it draws is exactly the data it was given.

The data are small frames made up here, so that every plotted value can be
compared with its input.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from companion.book import charts, style
from companion.data.figures import figure as report_figure

SOURCE_ID = "undesa-2015-table1"  # a real row of derived_sources.csv, for the source line


@pytest.fixture
def drawn():
    """Collect charts and close them after the test."""
    made = []
    yield made.append
    for chart in made:
        plt.close(chart)


def _lines(axes) -> dict[str, tuple[list, list]]:
    """Each labelled line of ``axes`` as (x data, y data)."""
    return {
        line.get_label(): (list(line.get_xdata()), list(line.get_ydata()))
        for line in axes.get_lines()
        if not line.get_label().startswith("_")
    }


def _bars(axes) -> list[Rectangle]:
    return [patch for patch in axes.patches if isinstance(patch, Rectangle)]


def _in_style(chart, drawn) -> None:
    drawn(chart)
    assert style.check_chart(chart) == []


def test_opening_world_series_chart(drawn):
    world = pd.DataFrame({
        "year": [1990, 2000, 2015],
        "migrant_stock": [150_000_000, 175_000_000, 243_700_000],
        "share_of_population": [2.9, 2.8, 3.3],
        "source_id": SOURCE_ID,
    })
    chart = charts.opening_world_series_chart(world)
    _in_style(chart, drawn)
    stock_axes, share_axes = chart.axes[:2]
    lines = _lines(stock_axes)
    assert lines["UN DESA estimate"] == ([1990, 2000, 2015], [150.0, 175.0, 243.7])
    reported = report_figure("international-migrants-2015")
    assert lines[f"Report: {reported.prose}"] == ([2015], [reported.value / 1e6])
    (share_line,) = [line for line in share_axes.get_lines() if line.get_marker() == "s"]
    assert list(share_line.get_xdata()) == [1990, 2000, 2015]
    assert list(share_line.get_ydata()) == [2.9, 2.8, 3.3]
    # The title states the finding, computed from the data given: 243.7 / 150 - 1 = 62 per cent.
    assert style.title_of(stock_axes).startswith("Migrants rose 62% in 1990-2015")


def test_revisions_chart(drawn):
    series = pd.DataFrame({
        "revision": [2015, 2015, 2020, 2020],
        "year": [2000, 2015, 2000, 2015],
        "migrant_stock": [100e6, 200e6, 110e6, 210e6],
        "source_id": SOURCE_ID,
    })
    chart = charts.revisions_chart(series)
    _in_style(chart, drawn)
    lines = _lines(chart.axes[0])
    # Each later revision is drawn as its difference from the earliest: 110 - 100 and 210 - 200 million.
    assert lines["2020 revision"] == ([2000, 2015], [10.0, 10.0])
    assert set(lines) == {"2015 revision (zero line)", "2020 revision"}
    assert list(lines["2015 revision (zero line)"][1]) == [0, 0]
    assert style.title_of(chart.axes[0]) == "Later revisions add 10.0-10.0 million migrants to 2015"


def test_intra_regional_chart(drawn):
    shares = pd.DataFrame({"area": ["A", "B"], "share_of_living": [80.0, 40.0], "share_of_born": [30.0, 60.0]})
    matrix = pd.DataFrame({"source_id": [SOURCE_ID]})
    chart = charts.intra_regional_chart(shares, matrix)
    _in_style(chart, drawn)
    axes = chart.axes[0]
    bars = _bars(axes)
    # Sorted by share_of_living: B (40) first, then A (80); living bars drawn first, then born bars.
    assert [bar.get_width() for bar in bars] == [40.0, 80.0, 60.0, 30.0]
    assert [label.get_text() for label in axes.get_yticklabels()] == ["B", "A"]
    assert {bar.get_hatch() for bar in bars} == {None, "///"}


def test_unit_chart(drawn):
    chart = charts.unit_chart(108, 119, "108 of 119 documents", "test source")
    drawn(chart)
    squares = _bars(chart.axes[0])
    assert len(squares) == 119
    assert sum(square.get_hatch() is None for square in squares) == 108
    assert style.title_of(chart.axes[0]) == "108 of 119 documents"
    assert not style.off_palette_colours(chart)
    # The axes are hidden (a unit chart has no scale), so only title and source are checked.
    assert style.check_chart(chart) == []


def test_ilo_editions_chart(drawn):
    editions = pd.DataFrame({"edition": ["1st", "2nd"], "workers_millions": [150.3, 164.0], "base_millions": [206.6, 234.0]})
    chart = charts.ilo_editions_chart(editions, "test source")
    _in_style(chart, drawn)
    heights = [bar.get_height() for bar in _bars(chart.axes[0])]
    assert heights == [150.3, 164.0, 206.6, 234.0]
    assert [label.get_text() for label in chart.axes[0].get_xticklabels()] == ["1st", "2nd"]


def test_fee_burden_chart(drawn):
    contracts = pd.DataFrame({"contract_months": [12, 24, 36], "share_lost_pct": [83.3, 41.7, 27.8]})
    chart = charts.fee_burden_chart(contracts, 10, "test source")
    _in_style(chart, drawn)
    (line,) = chart.axes[0].get_lines()
    assert list(line.get_xdata()) == [12, 24, 36]
    assert list(line.get_ydata()) == [83.3, 41.7, 27.8]


def test_labelled_bars_chart(drawn):
    values = pd.Series({"World": 3.3, "Africa": 1.7, "Europe": 10.3})
    chart = charts.labelled_bars_chart(values, "Shares", "Per cent", "test source", highlight="World")
    _in_style(chart, drawn)
    axes = chart.axes[0]
    bars = _bars(axes)
    assert [bar.get_width() for bar in bars] == [3.3, 1.7, 10.3]
    assert [bar.get_hatch() for bar in bars] == ["///", None, None]  # the reference row is hatched
    assert [text.get_text() for text in axes.texts] == ["3.3", "1.7", "10.3"]
    assert [label.get_text() for label in axes.get_yticklabels()] == ["World", "Africa", "Europe"]


def test_emigrants_immigrants_chart(drawn):
    countries = pd.DataFrame({
        "country": ["Aland", "Bland", "Cland", "Nowhere"],
        "emigrants_2015": [1_000, 50_000, 2_000_000, 0],
        "migrant_stock_2015": [20_000, 40_000, 300_000, 5],
    })
    chart = charts.emigrants_immigrants_chart(countries, ["Cland"], "test source")
    _in_style(chart, drawn)
    axes = chart.axes[0]
    everyone, named = axes.collections
    # A country without emigrants cannot sit on a log scale and is left out.
    assert everyone.get_offsets().tolist() == [[1_000, 20_000], [50_000, 40_000], [2_000_000, 300_000]]
    assert named.get_offsets().tolist() == [[2_000_000, 300_000]]
    assert [text.get_text() for text in axes.texts] == ["Cland"]
    (equal,) = axes.get_lines()
    assert list(equal.get_xdata()) == list(equal.get_ydata()) == [1_000, 2_000_000]


def test_stacked_shares_chart(drawn):
    shares = pd.DataFrame({"Census": [60.0, 10.0], "Register": [40.0, 90.0]}, index=["Africa", "Europe"])
    chart = charts.stacked_shares_chart(shares, "What the estimates rest on", "Per cent", "test source")
    _in_style(chart, drawn)
    bars = _bars(chart.axes[0])
    assert [(bar.get_x(), bar.get_width()) for bar in bars] == [(0.0, 60.0), (0.0, 10.0), (60.0, 40.0), (10.0, 90.0)]
    assert [text.get_text() for text in chart.axes[0].get_legend().get_texts()] == ["Census", "Register"]


def test_income_profile_chart(drawn):
    profile = pd.DataFrame({"All": [20.0, 45.0, 60.0]}, index=["Low income", "Middle income", "High income"])
    chart = charts.income_profile_chart(profile, "Emigration by income", "test source")
    _in_style(chart, drawn)
    axes = chart.axes[0]
    assert _lines(axes) == {"All": ([0, 1, 2], [20.0, 45.0, 60.0])}
    assert [text.get_text() for text in axes.texts] == ["20", "45", "60"]


def test_fee_burden_chart_with_one_contract_claims_no_trend(drawn):
    # A student's re-run with CONTRACT_MONTHS = [18]: one point, so the title
    # states that point instead of "the shorter the contract, ...".
    contracts = pd.DataFrame({"contract_months": [18], "share_lost_pct": [55.6]})
    chart = charts.fee_burden_chart(contracts, 10, "test source")
    _in_style(chart, drawn)
    title = style.title_of(chart.axes[0])
    assert "shorter" not in title
    assert "A 10-month fee takes 56% of an 18-month contract" in title
