"""Context series and facts from outside the report, with their sources.

Thin, named views on the derived UN DESA tables and the ``context_facts``
table, so that notebooks ask for "the world series of the 2015 revision"
rather than filtering frames by hand, and always get the source with it.
"""

from __future__ import annotations

import pandas as pd

from companion.errors import CompanionDataError
from companion.tables import load_table

WORLD = "World"
MAJOR_AREAS = (
    "Africa",
    "Asia",
    "Europe",
    "Latin America and the Caribbean",
    "Northern America",
    "Oceania",
)


def stock_series(area: str = WORLD, revision: int | None = None) -> pd.DataFrame:
    """Migrant stock of ``area`` by year: one revision, or all (column ``revision``)."""
    table = load_table("migrant_stock_by_area")
    if area not in set(table["area"]):
        raise CompanionDataError(
            f"data/migrant_stock_by_area.csv: no area {area!r}; areas are {', '.join(sorted(set(table['area'])))}"
        )
    rows = table[table["area"] == area]
    if revision is not None:
        if revision not in set(rows["revision"]):
            raise CompanionDataError(
                f"data/migrant_stock_by_area.csv: no revision {revision}; revisions are {sorted(set(rows['revision']))}"
            )
        rows = rows[rows["revision"] == revision]
    return rows.sort_values(["revision", "year"]).reset_index(drop=True)


def stock_value(year: int, revision: int, area: str = WORLD) -> int:
    """The migrant stock of ``area`` in ``year`` as estimated by ``revision``."""
    rows = stock_series(area, revision)
    match = rows[rows["year"] == year]
    if match.empty:
        raise CompanionDataError(
            f"data/migrant_stock_by_area.csv: revision {revision} has no year {year} for {area}"
        )
    return int(match["migrant_stock"].iloc[0])


def revisions() -> list[int]:
    """The UN DESA revisions in the derived tables, oldest first."""
    return sorted(set(load_table("migrant_stock_by_area")["revision"]))


def context_fact(fact_id: str) -> pd.Series:
    """One row of ``context_facts`` by id; unknown ids raise CompanionDataError."""
    facts = load_table("context_facts")
    match = facts[facts["id"] == fact_id]
    if match.empty:
        raise CompanionDataError(f"data/context_facts.csv: no fact with id {fact_id!r}")
    return match.iloc[0]


def source_of(source_id: str) -> pd.Series:
    """The ``derived_sources`` row of ``source_id`` (workbook, sheet, title, bib key)."""
    sources = load_table("derived_sources")
    match = sources[sources["source_id"] == source_id]
    if match.empty:
        raise CompanionDataError(f"data/derived_sources.csv: no source {source_id!r}")
    return match.iloc[0]


def source_line(*source_ids: str) -> str:
    """A chart's source line naming each source once: "UN DESA, Trends in ... (2015)"."""
    seen: list[str] = []
    for source_id in source_ids:
        row = source_of(source_id)
        text = f"{row['publisher']}, {row['title']} ({row['year']})"
        if text not in seen:
            seen.append(text)
    return "; ".join(seen)
