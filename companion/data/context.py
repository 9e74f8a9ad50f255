"""Context series and facts from outside the report, with their sources.

Thin, named views on the derived UN DESA tables and the ``context_facts``
table, so that notebooks ask for "the world series of the 2015 revision"
rather than filtering frames by hand, and always get the source with it.
"""

from __future__ import annotations

import pandas as pd

from companion.errors import CompanionDataError
from companion.data.tables import load_table

WORLD = "World"


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


def _row_by_key(table: str, column: str, key: str) -> pd.Series:
    """The one row of ``table`` whose ``column`` is ``key``; an unknown key
    raises CompanionDataError naming the file, the column and the key."""
    rows = load_table(table)
    match = rows[rows[column] == key]
    if match.empty:
        raise CompanionDataError(f"data/{table}.csv: no row with {column} {key!r}")
    return match.iloc[0]


def revisions() -> list[int]:
    """The UN DESA revisions in the derived tables, oldest first."""
    return sorted(set(load_table("migrant_stock_by_area")["revision"]))


def context_fact(fact_id: str) -> pd.Series:
    """One row of ``context_facts`` by id; unknown ids raise CompanionDataError."""
    return _row_by_key("context_facts", "id", fact_id)


def source_of(source_id: str) -> pd.Series:
    """The ``derived_sources`` row of ``source_id`` (workbook, sheet, title, bib key)."""
    return _row_by_key("derived_sources", "source_id", source_id)


def source_line(*source_ids: str) -> str:
    """A chart's source line naming each source once: "UN DESA, Trends in ... (2015)"."""
    seen: list[str] = []
    for source_id in source_ids:
        row = source_of(source_id)
        text = f"{row['publisher']}, {row['title']} ({row['year']})"
        if text not in seen:
            seen.append(text)
    return "; ".join(seen)


# ILO editions of the global estimates of migrant workers, by context fact id:
# (edition label, fact id of the workers estimate, fact id of its base).
ILO_EDITIONS = (
    ("1st (2015)", "F3.2015ed", "F3.2015ed.denom"),
    ("2nd (2018)", "F3.2018ed", "F3.2018ed.denom"),
    ("3rd (2021)", "F3.2021ed", "F3.2021ed.denom"),
    ("4th (2024)", "F3.2024ed", None),
)


def ilo_editions() -> pd.DataFrame:
    """ILO's global estimates of migrant workers, one row per edition: reference
    year, workers and the base population (migrants aged 15+) in millions,
    the workers' share of that base, and the bibliography key."""
    rows = []
    for edition, workers_id, base_id in ILO_EDITIONS:
        workers = context_fact(workers_id)
        base = context_fact(base_id)["value_number"] if base_id else float("nan")
        rows.append(
            {
                "edition": f"{edition}, ref. {workers['reference_year']}",
                "reference_year": int(workers["reference_year"]),
                "workers_millions": float(workers["value_number"]),
                "base_millions": float(base),
                "workers_share_of_base_pct": round(100 * float(workers["value_number"]) / float(base), 1),
                "bib_key": workers["bib_key"],
            }
        )
    return pd.DataFrame(rows)


def gcm_structure() -> dict[str, int]:
    """The adopted Global Compact for Migration's objectives and guiding principles.

    Both numbers come from one context fact (``F4.gcm.objectives``): its value
    is the count of objectives and its unit reads "objectives (plus N guiding
    principles)", as the source row records them.
    """
    import re

    fact = context_fact("F4.gcm.objectives")
    match = re.search(r"plus (\d+) guiding principles", fact["unit"])
    if not match:
        raise CompanionDataError(f"data/context_facts.csv: fact F4.gcm.objectives, column 'unit': no guiding principles count in {fact['unit']!r}")
    return {"objectives": int(fact["value_number"]), "guiding principles": int(match.group(1))}
