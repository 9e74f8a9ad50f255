"""The house chart style: palette, parts every chart must have."""

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import pytest

from companion.book import style


def test_palette_is_okabe_ito_and_distinct():
    assert style.PALETTE[:3] == ("#0072B2", "#E69F00", "#009E73")
    assert len(set(style.PALETTE)) == len(style.PALETTE)
    assert all(mcolors.is_color_like(colour) for colour in style.PALETTE)


def test_new_chart_has_title_labels_and_source():
    figure, axes = style.new_chart("Title", "Year", "Migrants (millions)", "UN DESA (2015)")
    try:
        assert style.title_of(axes) == "Title"
        assert axes.get_xlabel() == "Year" and axes.get_ylabel() == "Migrants (millions)"
        texts = [text.get_text() for text in figure.texts]
        assert "Source: UN DESA (2015)" in texts
        assert style.check_chart(figure) == []
        assert plt.rcParams["axes.prop_cycle"].by_key()["color"][0] == "#0072B2"
    finally:
        plt.close(figure)


def test_check_chart_reports_missing_parts():
    figure, axes = plt.subplots()
    try:
        problems = style.check_chart(figure)
        assert "no source line (use new_chart or add_source)" in problems
        assert "an axes has no title" in problems
        assert "an axes has no axis labels" in problems
    finally:
        plt.close(figure)


def test_colours_outside_the_palette_are_reported():
    figure, axes = style.new_chart("Title", "Year", "Count", "Source")
    try:
        axes.plot([1, 2], [1, 2], color="#ff0000")  # pure red: not in the palette
        axes.bar([1], [1], color=style.PALETTE[1], edgecolor="white")
        axes.plot([1, 2], [2, 1], color="#777777")  # a grey is allowed
        assert style.off_palette_colours(figure) == {"#ff0000"}
        assert "colours outside the house palette: #ff0000" in style.check_chart(figure)
    finally:
        plt.close(figure)


def test_glue_chart_refuses_a_chart_that_breaks_the_style():
    from companion.errors import CompanionDataError
    from companion.book.glue import glue_chart

    figure, axes = plt.subplots()
    axes.plot([1, 2], [1, 2])
    with pytest.raises(CompanionDataError, match="chart 'bare' breaks the house style: no source line"):
        glue_chart("bare", figure)


@pytest.fixture
def chart():
    """A house-style chart (figure, axes), closed after the test."""
    figure, axes = style.new_chart("Title", "Year", "Count", "UN DESA (2015)")
    yield figure, axes
    plt.close(figure)


def test_a_chart_in_the_house_style_passes_the_layout_checks(chart):
    figure, axes = chart
    axes.plot([1990, 2015], [1, 2])
    assert style.check_chart(figure) == []


@pytest.mark.parametrize("size, ratio", [((12, 2), "6.00"), ((3, 8), "0.38")])
def test_check_chart_refuses_a_strip_and_a_tower(chart, size, ratio):
    figure, axes = chart
    figure.set_size_inches(*size)
    axes.plot([1, 2], [1, 2])
    assert f"aspect ratio {ratio} (width/height) outside 0.6-2.8" in style.check_chart(figure)


def test_check_chart_refuses_text_outside_the_figure(chart):
    figure, axes = chart
    axes.plot([1, 2], [1, 2])
    axes.text(1.6, 0.5, "far right", transform=axes.transAxes)  # beyond the figure's right edge
    assert style.check_chart(figure) == ["text outside the figure: 'far right'"]


def test_check_chart_refuses_overlapping_tick_labels(chart):
    figure, axes = chart
    axes.bar(range(4), [1, 2, 3, 4], color=style.PALETTE[0])
    axes.set_xticks(range(4), [f"A long category name number {n}" for n in range(4)])
    problems = style.check_chart(figure)
    assert "labels overlap: 'A long category name number 0' and 'A long category name number 1'" in problems
    assert not any("number 0' and 'A long category name number 3" in problem for problem in problems)


def test_check_chart_refuses_labels_drawn_over_each_other(chart):
    figure, axes = chart
    axes.plot([1, 2], [1, 2])
    axes.annotate("Europe", (2, 1.50))
    axes.annotate("Asia", (2, 1.51))
    axes.annotate("Africa", (1, 1.9))  # far from both: no complaint
    assert style.check_chart(figure) == ["labels overlap: 'Europe' and 'Asia'"]


def test_glue_chart_measures_the_layout_it_saved(chart):
    """glue_chart checks the chart after saving its image, without drawing
    it again: overlaps found that way are the ones check_chart finds."""
    from companion.errors import CompanionDataError
    from companion.book.glue import glue_chart

    figure, axes = chart
    axes.bar(range(4), [1, 2, 3, 4], color=style.PALETTE[0])
    axes.set_xticks(range(4), [f"A long category name number {n}" for n in range(4)])
    expected = style.check_chart(figure)
    assert expected
    with pytest.raises(CompanionDataError) as refused:
        glue_chart("crowded", figure)
    assert str(refused.value) == f"chart 'crowded' breaks the house style: {'; '.join(expected)}"


def test_tick_labels_out_of_view_are_not_counted(chart):
    # matplotlib keeps tick objects beyond the view limits; they are not drawn.
    figure, axes = chart
    axes.plot([1990, 2015], [1, 2])
    axes.set_xlim(1989, 2016)
    assert style.check_chart(figure) == []


def test_a_long_source_wraps_inside_the_chart():
    long_source = "; ".join(["United Nations, Department of Economic and Social Affairs, Population Division"] * 4)
    figure, axes = style.new_chart("Title", "Year", "Count", long_source)
    try:
        axes.plot([1, 2], [1, 2])
        source = next(text for text in figure.texts if text.get_text().startswith("Source:"))
        assert source.get_text().count("\n") >= 2
        assert " ".join(source.get_text().split()) == f"Source: {long_source}"
        assert style.check_chart(figure) == []
    finally:
        plt.close(figure)


def test_wrap_to_width_measures_the_text():
    wrapped = style.wrap_to_width("one two three four five six seven eight", 60, 10)
    lines = wrapped.split("\n")
    assert len(lines) > 2 and " ".join(lines) == "one two three four five six seven eight"
    assert style.wrap_to_width("short", 600, 10) == "short"


def test_charts_are_rendered_at_twice_screen_density(chart):
    figure, _ = chart
    assert figure.dpi == style.CHART_DPI == 200


def test_a_truncated_axis_is_marked_on_the_axis_line(chart):
    figure, axes = chart
    axes.plot([1, 2], [150, 250])
    before = len(axes.lines)
    style.mark_truncated_axis(axes, "y")
    assert len(axes.lines) == before + 1
    mark = axes.lines[-1]
    assert mark.get_transform() == axes.transAxes and list(mark.get_xdata()) == [0, 0]
    assert style.check_chart(figure) == []
