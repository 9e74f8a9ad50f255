"""The book's charts, one function per chart, all in the house style.

Each function takes the data it draws (so a reader can change the data in a
notebook and re-draw) and returns a chart (a matplotlib Figure) with title, labelled
axes, a source line and a palette that survives colour blindness; series are
told apart by marker and line style too, never by colour alone.
"""

from __future__ import annotations

import pandas as pd

from companion.book import style
from companion.data import context
from companion.data.figures import figure as report_figure

MILLION = 1e6


def _sources(frame: pd.DataFrame) -> str:
    return context.source_line(*sorted(set(frame["source_id"])))


def opening_world_series_chart(world: pd.DataFrame):
    """World migrant stock and its share of population, one revision, with the
    report's rounded figure marked at 2015."""
    chart, axes = style.new_chart(
        "The world's migrant stock, 1990-2015",
        "Year",
        "International migrants (millions)",
        _sources(world),
        size=(8.5, 4.2),
    )
    reported = report_figure("international-migrants-2015")
    axes.plot(world["year"], world["migrant_stock"] / MILLION, marker="o", color=style.PALETTE[0], label="UN DESA estimate")
    axes.plot([2015], [reported.value / MILLION], marker="*", markersize=13, linestyle="none",
              color=style.PALETTE[5], label=f"Report: {reported.prose}")
    axes.legend(loc="upper left")
    share_axes = chart.add_axes([0.70, 0.2, 0.28, 0.68])
    axes.set_position([0.08, 0.2, 0.55, 0.68])
    share_axes.plot(world["year"], world["share_of_population"], marker="s", linestyle="--", color=style.PALETTE[2])
    share_axes.set_title("Share of world population", fontsize=10)
    share_axes.set_xlabel("Year")
    share_axes.set_ylabel("Per cent")
    share_axes.grid(axis="y", color="#dddddd")
    return chart


def revisions_chart(series: pd.DataFrame):
    """The world's migrant stock as each revision estimates it, one line each."""
    chart, axes = style.new_chart(
        "Each revision rewrites the past",
        "Year",
        "International migrants (millions)",
        _sources(series),
    )
    for index, (revision, rows) in enumerate(series.groupby("revision")):
        axes.plot(
            rows["year"], rows["migrant_stock"] / MILLION,
            marker=style.MARKERS[index], linestyle=style.LINESTYLES[index],
            color=style.PALETTE[index], label=f"{revision} revision",
        )
    axes.legend(loc="upper left")
    return chart


def intra_regional_chart(shares: pd.DataFrame, matrix: pd.DataFrame):
    """Intra-regional shares of the six major areas under both definitions,
    as paired horizontal bars told apart by hatching as well as colour."""
    chart, axes = style.new_chart(
        "How regional is migration? Two ways to ask",
        "Per cent",
        "",
        _sources(matrix),
        size=(8, 4.6),
    )
    ordered = shares.sort_values("share_of_living")
    positions = range(len(ordered))
    height = 0.38
    axes.barh([p + height / 2 for p in positions], ordered["share_of_living"].astype(float), height,
              color=style.PALETTE[0], label="Of migrants living in the area: share born in it")
    axes.barh([p - height / 2 for p in positions], ordered["share_of_born"].astype(float), height,
              color=style.PALETTE[1], hatch="///", edgecolor="white",
              label="Of migrants born in the area: share living in it")
    axes.set_yticks(list(positions), ordered["area"])
    axes.axvline(50, color="#444444", linewidth=0.8, linestyle=":")
    axes.set_xlim(0, 100)
    axes.grid(axis="x", color="#dddddd")
    axes.grid(axis="y", visible=False)
    axes.legend(loc="lower right", fontsize=8.5)
    return chart


def unit_chart(filled: int, total: int, title: str, source: str, columns: int = 17):
    """A unit (waffle) chart: ``total`` squares, ``filled`` of them solid and
    the rest outlined, so the proportion reads without relying on colour."""
    chart, axes = style.new_chart(title, "", "", source, size=(7.5, 3.6))
    rows = -(-total // columns)
    for index in range(total):
        row, column = divmod(index, columns)
        solid = index < filled
        axes.add_patch(
            matplotlib_rectangle(
                (column, rows - 1 - row), 0.85, 0.85,
                facecolor=style.PALETTE[0] if solid else "white",
                edgecolor=style.PALETTE[0], hatch=None if solid else "..", linewidth=0.8,
            )
        )
    axes.set_xlim(-0.2, columns)
    axes.set_ylim(-0.2, rows)
    axes.set_aspect("equal")
    axes.axis("off")
    return chart


def matplotlib_rectangle(*args, **kwargs):
    """A matplotlib Rectangle (imported late: keeps the module import light)."""
    from matplotlib.patches import Rectangle

    return Rectangle(*args, **kwargs)


def ilo_editions_chart(editions: pd.DataFrame, source: str):
    """ILO's global estimates of migrant workers by edition, beside the base
    population each estimate is drawn from (migrants of working age)."""
    chart, axes = style.new_chart(
        "Migrant workers and the population they are counted from",
        "ILO edition (reference year)",
        "Millions",
        source,
    )
    positions = range(len(editions))
    width = 0.38
    axes.bar([p - width / 2 for p in positions], editions["workers_millions"], width,
             color=style.PALETTE[0], label="Migrant workers")
    axes.bar([p + width / 2 for p in positions], editions["base_millions"], width,
             color=style.PALETTE[1], hatch="///", edgecolor="white", label="Migrants aged 15 and over")
    axes.set_xticks(list(positions), editions["edition"])
    axes.legend(loc="upper left")
    return chart


def fee_burden_chart(contracts: pd.DataFrame, fee_months: float, source: str):
    """Share of a contract's earnings that a recruitment fee of ``fee_months``
    monthly wages takes, by contract length."""
    chart, axes = style.new_chart(
        "What a recruitment fee takes from a contract's earnings",
        "Contract length (months)",
        "Fee as share of earnings (per cent)",
        source,
    )
    axes.plot(contracts["contract_months"], contracts["share_lost_pct"], marker="o", color=style.PALETTE[5])
    axes.set_ylim(0, 100)
    return chart


def area_stock_chart(series: pd.DataFrame):
    """Migrant stock by major area of destination over time, one line per area,
    each with its own marker and line style and labelled at its end."""
    chart, axes = style.new_chart(
        "Where the world's migrants live, by major area",
        "Year",
        "International migrants (millions)",
        _sources(series),
        size=(8.5, 4.6),
    )
    for index, (area, rows) in enumerate(series.groupby("area", sort=False)):
        axes.plot(rows["year"], rows["migrant_stock"] / MILLION, marker=style.MARKERS[index],
                  linestyle=style.LINESTYLES[index], color=style.PALETTE[index], label=area)
        axes.annotate(area, (rows["year"].iloc[-1], rows["migrant_stock"].iloc[-1] / MILLION),
                      xytext=(6, 0), textcoords="offset points", va="center", fontsize=8.5)
    axes.set_xlim(series["year"].min() - 1, series["year"].max() + 12)
    return chart


def scenarios_diagram(quadrants: dict[tuple[str, str], str], source: str):
    """A 2x2 diagram: economic convergence/divergence across, global
    cooperation/fragmentation up and down, with a text in each quadrant."""
    chart, axes = style.new_chart(
        "Four futures for international migration",
        "Economies: divergence  ←  →  convergence",
        "Global interaction: fragmentation  ←  →  cooperation",
        source,
        size=(7.5, 5.2),
    )
    positions = {("divergence", "cooperation"): (0, 1), ("convergence", "cooperation"): (1, 1),
                 ("divergence", "fragmentation"): (0, 0), ("convergence", "fragmentation"): (1, 0)}
    for key, (column, row) in positions.items():
        described = "not described" not in quadrants[key]
        axes.add_patch(matplotlib_rectangle((column, row), 1, 1, facecolor=style.PALETTE[4] if described else "white",
                                            alpha=0.25 if described else 1, edgecolor="#444444",
                                            hatch=None if described else "..", linewidth=1))
        axes.text(column + 0.5, row + 0.5, quadrants[key], ha="center", va="center", fontsize=10, wrap=True)
    axes.set_xlim(0, 2)
    axes.set_ylim(0, 2)
    axes.set_xticks([])
    axes.set_yticks([])
    axes.grid(False)
    return chart


def structure_chart(structures: pd.DataFrame, source: str):
    """Side-by-side counts of the parts of two documents (e.g. principles and
    chapters of the ICPD Programme of Action against the compact's guiding
    principles and objectives), each bar labelled with its count."""
    chart, axes = style.new_chart("A model and what was built", "", "Number of parts", source)
    for index, (document, rows) in enumerate(structures.groupby("document", sort=False)):
        bars = axes.bar([f"{document}\n{part}" for part in rows["part"]], rows["count"],
                        color=style.PALETTE[index], hatch=None if index == 0 else "///", edgecolor="white",
                        label=document)
        axes.bar_label(bars, padding=2)
    axes.legend(loc="upper left")
    return chart
