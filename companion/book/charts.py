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
from companion.data.numbers import indefinite_article

MILLION = 1e6


def _sources(frame: pd.DataFrame) -> str:
    return context.source_line(*sorted(set(frame["source_id"])))


def opening_world_series_chart(world: pd.DataFrame):
    """World migrant stock and its share of population, one revision, with the
    report's rounded figure marked at 2015. The stock axis starts at zero;
    the share axis does not, and is marked as cut."""
    first, last = world.iloc[0], world.iloc[-1]
    growth = round(100 * (last["migrant_stock"] / first["migrant_stock"] - 1))
    chart, (axes, share_axes) = style.new_panels(
        [f"Migrants rose {growth}% in {first['year']}-{last['year']}",
         f"Their share of the world's people: {first['share_of_population']:.1f}% to {last['share_of_population']:.1f}%"],
        ["Year", "Year"],
        ["International migrants (millions)", "Share of world population (per cent)"],
        _sources(world),
        size=(8.5, 4.2),
        width_ratios=(1.35, 1),
    )
    reported = report_figure("international-migrants-2015")
    axes.plot(world["year"], world["migrant_stock"] / MILLION, marker="o", color=style.PALETTE[0], label="UN DESA estimate")
    axes.plot([2015], [reported.value / MILLION], marker="*", markersize=13, linestyle="none",
              color=style.PALETTE[5], label=f"Report: {reported.prose}")
    axes.set_ylim(0, world["migrant_stock"].max() / MILLION * 1.12)
    axes.legend(loc="lower right")
    share_axes.plot(world["year"], world["share_of_population"], marker="s", linestyle="--", color=style.PALETTE[2])
    share_axes.set_title(share_axes.get_title("left"), loc="left", fontsize=10.5)
    style.mark_truncated_axis(share_axes, "y")
    return chart


def revision_differences(series: pd.DataFrame) -> pd.DataFrame:
    """Each later revision's estimate minus the earliest revision's, for the
    years both cover: columns revision, year, difference (people)."""
    baseline_revision = series["revision"].min()
    baseline = series[series["revision"] == baseline_revision][["year", "migrant_stock"]]
    later = series[series["revision"] != baseline_revision]
    merged = later.merge(baseline, on="year", suffixes=("", "_baseline"))
    merged["difference"] = merged["migrant_stock"] - merged["migrant_stock_baseline"]
    return merged[["revision", "year", "difference"]].reset_index(drop=True)


def revisions_chart(series: pd.DataFrame):
    """What a revision changes: each later revision's estimate of the world's
    migrant stock minus the earliest revision's, year by year, on an axis
    scaled to the differences (a zero line stands for the earliest revision)."""
    baseline_revision = int(series["revision"].min())
    differences = revision_differences(series)
    last_year = int(differences["year"].max())
    at_last = differences[differences["year"] == last_year]["difference"] / MILLION
    low, high = float(at_last.min()), float(at_last.max())
    if low > 0:
        finding = f"Later revisions add {low:.1f}-{high:.1f} million migrants to {last_year}"
    elif high < 0:
        finding = f"Later revisions remove {-high:.1f}-{-low:.1f} million migrants from {last_year}"
    else:
        finding = f"Later revisions move {last_year} by {low:+.1f} to {high:+.1f} million migrants"
    chart, axes = style.new_chart(
        finding,
        "Year",
        f"Change from the {baseline_revision} revision (millions)",
        _sources(series),
    )
    axes.axhline(0, color="#444444", linewidth=1.2, label=f"{baseline_revision} revision (zero line)")
    for index, (revision, rows) in enumerate(differences.groupby("revision"), start=1):
        axes.plot(
            rows["year"], rows["difference"] / MILLION,
            marker=style.MARKERS[index], linestyle=style.LINESTYLES[index],
            color=style.PALETTE[index], label=f"{revision} revision",
        )
    axes.set_xticks(sorted(set(differences["year"])))
    axes.legend(loc="upper left")
    return chart


def intra_regional_chart(shares: pd.DataFrame, matrix: pd.DataFrame):
    """Intra-regional shares of the six major areas under both definitions,
    as paired horizontal bars told apart by hatching as well as colour; the
    title names the area where the two definitions disagree most."""
    gaps = (shares["share_of_living"].astype(float) - shares["share_of_born"].astype(float)).abs()
    widest = shares.loc[gaps.idxmax()]
    chart, axes = style.new_chart(
        f"Two definitions, two answers: {widest['area']} is "
        f"{float(widest['share_of_living']):.0f}% or {float(widest['share_of_born']):.0f}% intra-regional",
        "Per cent",
        "",
        _sources(matrix),
        size=(8, 4.6),
        title_indent=2.4,  # the area names are long
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
    # The square grid is shorter than its slot: sit it at the bottom, so the
    # title above it never rises past the chart's top edge.
    axes.set_anchor("S")
    axes.axis("off")
    return chart


def matplotlib_rectangle(*args, **kwargs):
    """A matplotlib Rectangle (imported late: keeps the module import light)."""
    from matplotlib.patches import Rectangle

    return Rectangle(*args, **kwargs)


def ilo_editions_chart(editions: pd.DataFrame, source: str):
    """ILO's global estimates of migrant workers by edition, beside the base
    population each estimate is drawn from (migrants of working age)."""
    shares = (100 * editions["workers_millions"] / editions["base_millions"]).round()
    chart, axes = style.new_chart(
        f"Migrant workers are {shares.min():.0f}-{shares.max():.0f}% of working-age migrants in each edition",
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
    shortest, longest = contracts.iloc[0], contracts.iloc[-1]
    if len(contracts) == 1:
        # One contract length (a student's re-run): no trend to claim.
        contract = shortest["contract_months"]
        title = (f"{indefinite_article(fee_months).capitalize()} {fee_months:g}-month fee takes "
                 f"{shortest['share_lost_pct']:.0f}% of {indefinite_article(contract)} "
                 f"{contract:.0f}-month contract's earnings")
    else:
        title = (f"The shorter the contract, the more a fee takes: {shortest['share_lost_pct']:.0f}% at "
                 f"{shortest['contract_months']:.0f} months, {longest['share_lost_pct']:.0f}% at {longest['contract_months']:.0f}")
    chart, axes = style.new_chart(
        title,
        "Contract length (months)",
        "Fee as share of earnings (per cent)",
        source,
    )
    axes.plot(contracts["contract_months"], contracts["share_lost_pct"], marker="o", color=style.PALETTE[5])
    axes.set_xticks(list(contracts["contract_months"]))
    axes.set_ylim(0, 100)
    return chart


def _label_indent(labels) -> float:
    """Inches from the chart's left edge to the plot of a horizontal bar
    chart with these category labels (about 0.075 inch a character at the
    house font size), so that its title wraps within the plot."""
    return max(style.TITLE_INDENT_INCHES, 0.3 + 0.075 * max(len(str(label)) for label in labels))


def labelled_bars_chart(values: pd.Series, title: str, xlabel: str, source: str, highlight: str | None = None,
                        value_format: str = "{:.1f}"):
    """Horizontal bars, one per row of ``values`` (index = label), each
    labelled with its value in ``value_format``; the ``highlight`` row (e.g.
    the world, or a target) is hatched so it reads as the reference, not one
    more group."""
    chart, axes = style.new_chart(title, xlabel, "", source, size=(8.5, max(3.4, 0.45 * len(values) + 1.8)),
                                   title_indent=_label_indent(values.index))
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
    return chart


def emigrants_immigrants_chart(countries: pd.DataFrame, highlight: list[str], source: str):
    """Each country as a point: people born there living abroad (across)
    against migrants living there (up), both on log scales, with the line
    where the two are equal; the ``highlight`` countries are labelled."""
    chart, axes = style.new_chart(
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
    return chart


def stacked_shares_chart(shares: pd.DataFrame, title: str, xlabel: str, source: str):
    """One horizontal bar per row of ``shares`` (per cent, rows summing to
    100), stacked by column, each part with its own colour and hatch so the
    parts are told apart without colour."""
    chart, axes = style.new_chart(title, xlabel, "", source, size=(8.5, max(3.4, 0.5 * len(shares) + 2.4)),
                                   title_indent=_label_indent(shares.index))
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
    # Below the plot, in two columns: four parts in one row would run off the chart.
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False)
    return chart


def income_profile_chart(profile: pd.DataFrame, title: str, source: str):
    """Emigrants per 1,000 residents (up) by income group of origin (across,
    poorest first), one line per column of ``profile``, each with its own
    marker and line style."""
    chart, axes = style.new_chart(title, "World Bank income group of the country of origin",
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
    return chart
