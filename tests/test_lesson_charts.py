"""The chart functions of the lessons of sessions III, V, VI, VIII and IX:
each keeps the house style and draws what its docstring promises, on small
hand-made frames."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from companion.book import charts, style  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_labelled_bars_label_each_value_and_hatch_the_reference():
    values = pd.Series({"Africa": 19.5, "Europe": 1.9, "World": 8.0})
    figure = charts.labelled_bars_chart(values, "A title", "Per cent", "A source", highlight="World",
                                        value_format="{:.1f} %")
    axes = figure.axes[0]
    assert style.check_chart(figure) == []
    labels = [text.get_text() for text in axes.texts]
    assert labels == ["19.5 %", "1.9 %", "8.0 %"]
    hatches = [patch.get_hatch() for patch in axes.patches]
    assert hatches == [None, None, "///"]
    assert [tick.get_text() for tick in axes.get_yticklabels()] == ["Africa", "Europe", "World"]


def test_emigrants_immigrants_chart_is_log_log_and_labels_only_the_chosen():
    countries = pd.DataFrame({
        "country": ["A", "B", "C", "D"],
        "emigrants_2015": [1_000, 50_000, 2_000_000, 0],
        "migrant_stock_2015": [20_000, 40_000, 100_000, 5_000],
    })
    figure = charts.emigrants_immigrants_chart(countries, ["B"], "A source")
    axes = figure.axes[0]
    assert style.check_chart(figure) == []
    assert axes.get_xscale() == "log" and axes.get_yscale() == "log"
    assert [text.get_text() for text in axes.texts] == ["B"]
    # D has no emigrants and cannot sit on a log scale: it is left out, not drawn at zero.
    assert len(axes.collections[0].get_offsets()) == 3


def test_stacked_shares_run_to_one_hundred_with_a_hatch_per_part():
    shares = pd.DataFrame({"Birth": [50.0, 97.6], "Citizenship": [49.9, 2.4], "Imputed": [0.1, 0.0]},
                          index=["Asia", "Europe"])
    figure = charts.stacked_shares_chart(shares, "A title", "Per cent", "A source")
    axes = figure.axes[0]
    assert style.check_chart(figure) == []
    ends = {}
    for patch in axes.patches:
        row = round(patch.get_y() + patch.get_height() / 2)
        ends[row] = max(ends.get(row, 0), patch.get_x() + patch.get_width())
    assert ends == pytest.approx({0: 100.0, 1: 100.0})
    assert len({patch.get_hatch() for patch in axes.patches}) == 3


def test_income_profile_keeps_the_group_order_and_separates_the_labels():
    profile = pd.DataFrame({"Median country": [45.0, 56.0, 122.0, 79.0], "Pooled": [36.0, 30.0, 29.0, 40.0]},
                           index=["Low income", "Lower-middle income", "Upper-middle income", "High income"])
    figure = charts.income_profile_chart(profile, "A title", "A source")
    axes = figure.axes[0]
    assert style.check_chart(figure) == []
    assert [tick.get_text() for tick in axes.get_xticklabels()][0] == "Low\nincome"
    above = [text for text in axes.texts if text.xyann[1] > 0]
    below = [text for text in axes.texts if text.xyann[1] < 0]
    assert [text.get_text() for text in above] == ["45", "56", "122", "79"]
    assert [text.get_text() for text in below] == ["36", "30", "29", "40"]
