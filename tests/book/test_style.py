"""The house chart style: palette, parts every chart must have."""

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt

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
    import pytest

    from companion.errors import CompanionDataError
    from companion.book.glue import glue_chart

    figure, axes = plt.subplots()
    axes.plot([1, 2], [1, 2])
    with pytest.raises(CompanionDataError, match="chart 'bare' breaks the house style: no source line"):
        glue_chart("bare", figure)
