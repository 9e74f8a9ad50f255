"""The book's charts, one function per chart, all in the house style.

Each function takes the data it draws (so a reader can change the data in a
notebook and re-draw) and returns a matplotlib figure with title, labelled
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
    figure, axes = style.new_chart(
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
    share_axes = figure.add_axes([0.70, 0.2, 0.28, 0.68])
    axes.set_position([0.08, 0.2, 0.55, 0.68])
    share_axes.plot(world["year"], world["share_of_population"], marker="s", linestyle="--", color=style.PALETTE[2])
    share_axes.set_title("Share of world population", fontsize=10)
    share_axes.set_xlabel("Year")
    share_axes.set_ylabel("Per cent")
    share_axes.grid(axis="y", color="#dddddd")
    return figure


def revisions_chart(series: pd.DataFrame):
    """The world's migrant stock as each revision estimates it, one line each."""
    figure, axes = style.new_chart(
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
    return figure


def intra_regional_chart(shares: pd.DataFrame, matrix: pd.DataFrame):
    """Intra-regional shares of the six major areas under both definitions,
    as paired horizontal bars told apart by hatching as well as colour."""
    figure, axes = style.new_chart(
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
    return figure


def unit_chart(filled: int, total: int, title: str, source: str, columns: int = 17):
    """A unit (waffle) chart: ``total`` squares, ``filled`` of them solid and
    the rest outlined, so the proportion reads without relying on colour."""
    figure, axes = style.new_chart(title, "", "", source, size=(7.5, 3.6))
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
    return figure


def matplotlib_rectangle(*args, **kwargs):
    """A matplotlib Rectangle (imported late: keeps the module import light)."""
    from matplotlib.patches import Rectangle

    return Rectangle(*args, **kwargs)


def ilo_editions_chart(editions: pd.DataFrame, source: str):
    """ILO's global estimates of migrant workers by edition, beside the base
    population each estimate is drawn from (migrants of working age)."""
    figure, axes = style.new_chart(
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
    return figure


def fee_burden_chart(contracts: pd.DataFrame, fee_months: float, source: str):
    """Share of a contract's earnings that a recruitment fee of ``fee_months``
    monthly wages takes, by contract length."""
    figure, axes = style.new_chart(
        "What a recruitment fee takes from a contract's earnings",
        "Contract length (months)",
        "Fee as share of earnings (per cent)",
        source,
    )
    axes.plot(contracts["contract_months"], contracts["share_lost_pct"], marker="o", color=style.PALETTE[5])
    axes.set_ylim(0, 100)
    return figure


def labelled_bars_chart(values: pd.Series, title: str, xlabel: str, source: str, highlight: str | None = None,
                        value_format: str = "{:.1f}"):
    """Horizontal bars, one per row of ``values`` (index = label), each
    labelled with its value in ``value_format``; the ``highlight`` row (e.g.
    the world, or a target) is hatched so it reads as the reference, not one
    more group."""
    figure, axes = style.new_chart(title, xlabel, "", source, size=(8.5, 0.45 * len(values) + 1.8))
    for position, (label, value) in enumerate(values.items()):
        reference = label == highlight
        bar = axes.barh(position, value, color=style.PALETTE[4 if reference else 0],
                        hatch="///" if reference else None, edgecolor="white")
        axes.bar_label(bar, labels=[value_format.format(value)], padding=3)
    axes.set_yticks(range(len(values)), values.index)
    axes.invert_yaxis()
    axes.grid(axis="x", color="#dddddd")
    axes.grid(axis="y", visible=False)
    axes.set_xlim(0, values.max() * 1.15)
    return figure


def emigrants_immigrants_chart(countries: pd.DataFrame, highlight: list[str], source: str):
    """Each country as a point: people born there living abroad (across)
    against migrants living there (up), both on log scales, with the line
    where the two are equal; the ``highlight`` countries are labelled."""
    figure, axes = style.new_chart(
        "Most countries are mainly places of origin or mainly destinations",
        "Emigrants living abroad, 2015 (persons, log scale)",
        "International migrants living in the country, 2015 (persons, log scale)",
        source,
        size=(8.5, 6),
    )
    shown = countries[(countries["emigrants_2015"] > 0) & (countries["migrant_stock_2015"] > 0)]
    axes.scatter(shown["emigrants_2015"], shown["migrant_stock_2015"], s=14, color=style.PALETTE[4],
                 alpha=0.7, label="Other countries or areas")
    chosen = shown[shown["country"].isin(highlight)]
    axes.scatter(chosen["emigrants_2015"], chosen["migrant_stock_2015"], s=60, marker="D",
                 color=style.PALETTE[5], label="Countries named in the session")
    for _, row in chosen.iterrows():
        axes.annotate(row["country"], (row["emigrants_2015"], row["migrant_stock_2015"]),
                      xytext=(6, -4), textcoords="offset points", fontsize=9)
    low = min(shown["emigrants_2015"].min(), shown["migrant_stock_2015"].min())
    high = max(shown["emigrants_2015"].max(), shown["migrant_stock_2015"].max())
    axes.plot([low, high], [low, high], linestyle="--", color=style.PALETTE[7], linewidth=1,
              label="As many immigrants as emigrants")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.grid(axis="both", color="#dddddd")
    axes.legend(loc="upper left")
    return figure


def stacked_shares_chart(shares: pd.DataFrame, title: str, xlabel: str, source: str):
    """One horizontal bar per row of ``shares`` (per cent, rows summing to
    100), stacked by column, each part with its own colour and hatch so the
    parts are told apart without colour."""
    figure, axes = style.new_chart(title, xlabel, "", source, size=(8.5, 0.5 * len(shares) + 2.2))
    left = pd.Series(0.0, index=shares.index)
    hatches = (None, "///", "...", "xx", "\\\\", "--")
    for index, column in enumerate(shares.columns):
        axes.barh(range(len(shares)), shares[column], left=left, color=style.PALETTE[index],
                  hatch=hatches[index % len(hatches)], edgecolor="white", label=column)
        left = left + shares[column]
    axes.set_yticks(range(len(shares)), shares.index)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.grid(axis="x", color="#dddddd")
    axes.grid(axis="y", visible=False)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(shares.columns), frameon=False)
    figure.subplots_adjust(bottom=0.3, left=0.3)
    return figure


def income_profile_chart(profile: pd.DataFrame, title: str, source: str):
    """Emigrants per 1,000 residents (up) by income group of origin (across,
    poorest first), one line per column of ``profile``, each with its own
    marker and line style."""
    figure, axes = style.new_chart(title, "World Bank income group of the country of origin",
                                   "Emigrants per 1,000 residents, 2015", source, size=(8.5, 4.8))
    positions = range(len(profile))
    for index, column in enumerate(profile.columns):
        axes.plot(positions, profile[column], marker=style.MARKERS[index], linestyle=style.LINESTYLES[index],
                  color=style.PALETTE[index], label=column)
        for position, value in zip(positions, profile[column]):
            # The first line's labels sit above its points, the others' below, so they cannot collide.
            axes.annotate(f"{value:.0f}", (position, value), xytext=(0, 7 if index == 0 else -14),
                          textcoords="offset points", ha="center", fontsize=8.5)
    axes.set_xticks(list(positions), [label.replace(" income", "\nincome") for label in profile.index])
    axes.set_ylim(0, profile.to_numpy().max() * 1.2)
    axes.legend(loc="upper left")
    return figure
