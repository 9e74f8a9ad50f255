"""Curating the shared context facts into ``context_facts.csv``.

The shared ``context_facts.csv`` (compiled next to the workbooks, outside
the repository) is copied row for row; curation adds each fact's topic,
sourcing and bib key and splits its source title into title and place.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Mapping

from companion.derive.workbooks import ORIGIN_DESTINATION_2015, STOCK_WORKBOOKS
from companion.errors import DerivationError

FACTS_TABLE = "context_facts.csv"
FACT_FIELDS = [
    "id", "topic", "value", "value_number", "unit", "reference_year", "publisher", "title",
    "source_year", "url", "table_or_page", "excerpt", "confidence", "sourcing", "bib_key",
]
SOURCE_FACT_FIELDS = [
    "fact_id", "value", "unit", "reference_year", "source_title", "publisher",
    "source_year", "url", "excerpt", "confidence",
]

# Topic of each fact, by id pattern (first match wins).
FACT_TOPICS = [
    (r"F1\.", "migrant-stock"),
    (r"F2\.[^.]+\.intra_", "intra-regional"),
    (r"F2\.", "migrant-stock"),
    (r"F3\.", "ilo-migrant-workers"),
    (r"F4\.gcm\.", "gcm-adoption"),
    (r"F4\.gcr\.", "gcr-adoption"),
    (r"F5\.", "sdg-indicators"),
    (r"F6\.", "remittances"),
    (r"F7\.", "new-york-declaration"),
    (r"F8\.", "forced-displacement"),
    (r"F9\.", "world-population"),
]

# bib_key names the publication a value comes from; where it was read in
# another place, ``url`` says where and ``sourcing`` says so. News items
# and portals that are themselves the source get their own entry.
FACT_BIB_KEYS = [
    (r"F1\.\d{4}\.press$", "undesa2016press244m"),
    (r"F1\.\d{4}\.", "undesa2015stock"),
    (r"F1\.2017rev\.", "undesa2017stock"),
    (r"F1\.2019rev\.", "undesa2019stock"),
    (r"F1\.2020rev\.", "undesa2020stock"),
    (r"F1\.2024rev\.1990$", "dawn2025migrantstock"),
    (r"F1\.2024rev\.", "iomgmdac2025migrantstocks"),
    (r"F2\.[^.]+\.intra_", "undesa2015origin"),
    (r"F2\.", "undesa2015stock"),
    (r"F3\.2015ed", "ilo2015migrantworkers"),
    (r"F3\.2018ed\.denom$", "financialexpress2018ilo"),
    (r"F3\.2018ed", "ilo2018migrantworkers"),
    (r"F3\.2021ed", "ilo2021migrantworkers"),
    (r"F3\.2024ed", "ilo2024migrantworkers"),
    (r"F4\.gcm\.adopt$", "iisd2018gcmadopted"),
    (r"F4\.gcm\.vote$", "xinhua2018gcmvote"),
    (r"F4\.gcm\.", "unga2018res73195"),
    (r"F4\.gcr\.vote$", "un2018gcrendorsed"),
    (r"F5\.10\.7(\.1\.current)?$", "worldbank2022sdg1071"),
    (r"F5\.8\.8$", "ilo2021migrantworkers"),
    (r"F5\.10\.7\.1\.original$", "sib2019sdg1071"),
    (r"F5\.10\.7\.2\.original$", "usgov2017sdg1072"),
    (r"F5\.10\.7\.2\.current$", "undesa2020sdg1072"),
    (r"F6\.rem2016", "worldbank2017mdb27"),
    (r"F6\.cost\.", "worldbank2017rpw21"),
    (r"F6\.target10c$", "undp2015sdgbooklet"),
    (r"F7\.", "unga2016res711"),
    (r"F8\.", "unhcr2017globaltrends"),
    (r"F9\.", "undesa2015stock"),
]

# Sourcing, by judgement on each row's URL and publisher (see the README of
# the source: rows read in news reports say so). "official" is the
# publisher's own dataset, document or release (some seen through a stored
# copy of the document, which the url shows); "official-derived" is
# computed from official data (the source row's confidence says "derived");
# "secondary" is an official figure or text as relayed by another body or
# site; "news-report" is the press.
NEWS_REPORT_FACTS = {"F1.2024rev.1990", "F3.2018ed.denom", "F4.gcm.vote"}
SECONDARY_FACTS = {
    "F1.2024rev.n", "F1.2024rev.pct",  # Migration Data Portal citing UN DESA
    "F3.2015ed", "F3.2015ed.denom",  # ILO figures via UN News
    "F3.2018ed",  # via ISSA
    "F3.2021ed", "F3.2021ed.denom",  # via a UN country team site, Migration Data Portal
    "F3.2024ed",  # via a UN country team site
    "F4.gcm.adopt",  # the count of adopting States is IISD's
    "F5.8.8",  # target text as quoted in an ILO preface
    "F5.10.7.1.original", "F5.10.7.2.original",  # national SDG platforms
    "F6.target10c",  # target text via a UNDP booklet
}

# Titles and places that need judgement; everything else is split by rule
# (", Table N"). Resolution rows name a paragraph inside the source title
# (e.g. "A/RES/71/1 para. 21"): the paragraph moves to table_or_page and the
# title becomes the resolution's symbol and name, one spelling per
# resolution (F4.gcm.objectives drops "; SG report page", the page of the
# stored copy, which its url names). F9.check's source title says how it
# was computed, which stays as its place.
_GCM = "A/RES/73/195 Global Compact for Safe, Orderly and Regular Migration"
_NYD = "A/RES/71/1 New York Declaration for Refugees and Migrants"
FACT_PLACES = {
    "F4.gcm.objectives": (_GCM, "annex, para. 16"),
    "F7.nyd.annexes": (_NYD, "para. 21"),
    "F7.nyd.adopted": (_NYD, ""),
    "F7.nyd.para3": (_NYD, "para. 3"),
    "F9.check": (STOCK_WORKBOOKS[2015].title, "computed from F1.2015.n and F9.wpop2015"),
}

_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_WORKBOOK_BY_BIB_KEY = {book.bib_key: book for book in (*STOCK_WORKBOOKS.values(), ORIGIN_DESTINATION_2015)}


def _by_pattern(fact_id: str, rules: list[tuple[str, str]], what: str) -> str:
    """The value of the first rule whose pattern matches the start of ``fact_id``."""
    for pattern, value in rules:
        if re.match(pattern, fact_id):
            return value
    raise DerivationError(f"context facts: no {what} rule for fact {fact_id!r}; add one in companion/derive/facts.py")


def _sourcing(row: Mapping[str, str]) -> str:
    """official / official-derived / secondary / news-report (see NEWS_REPORT_FACTS)."""
    if "derived" in row["confidence"]:
        return "official-derived"
    if row["fact_id"] in NEWS_REPORT_FACTS:
        return "news-report"
    if row["fact_id"] in SECONDARY_FACTS:
        return "secondary"
    return "official"


def _title_and_place(row: Mapping[str, str], bib_key: str) -> tuple[str, str]:
    """The source title without its table or paragraph, and that table or paragraph.

    UN DESA workbook rows get the workbook's full title with its document
    symbol (the source rows abbreviate some), so that one workbook has one
    title throughout the project.
    """
    if row["fact_id"] in FACT_PLACES:
        return FACT_PLACES[row["fact_id"]]
    title, _, place = row["source_title"].partition(", Table ")
    place = f"Table {place}" if place else ""
    if bib_key in _WORKBOOK_BY_BIB_KEY:
        title = _WORKBOOK_BY_BIB_KEY[bib_key].title
    return title.strip(), place


def curate_context_facts(path: Path) -> list[dict]:
    """Curate the shared ``context_facts.csv`` into the project's table.

    What changes from the source rows: the id stays the source ``fact_id``;
    ``topic``, ``sourcing`` and ``bib_key`` are added by the rules above;
    ``source_title`` is split into ``title`` and ``table_or_page``;
    ``value_number`` repeats ``value`` when that is one plain number. The
    value, unit, years, publisher, url, excerpt and confidence note are
    copied unchanged, and no row is added or dropped.
    """
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            source_rows = list(reader)
            missing = set(SOURCE_FACT_FIELDS) - set(reader.fieldnames or [])
    except FileNotFoundError:
        raise DerivationError(f"{path}: context facts file not found; pass it with --facts") from None
    if missing:
        raise DerivationError(f"{path}: missing columns {', '.join(sorted(missing))}")
    facts = []
    for row in source_rows:
        bib_key = _by_pattern(row["fact_id"], FACT_BIB_KEYS, "bib_key")
        title, place = _title_and_place(row, bib_key)
        facts.append({
            "id": row["fact_id"],
            "topic": _by_pattern(row["fact_id"], FACT_TOPICS, "topic"),
            "value": row["value"],
            "value_number": row["value"] if _PLAIN_NUMBER.fullmatch(row["value"]) else None,
            "unit": row["unit"],
            "reference_year": row["reference_year"],
            "publisher": row["publisher"],
            "title": title,
            "source_year": row["source_year"],
            "url": row["url"],
            "table_or_page": place,
            "excerpt": row["excerpt"],
            "confidence": row["confidence"],
            "sourcing": _sourcing(row),
            "bib_key": bib_key,
        })
    ids = [fact["id"] for fact in facts]
    if len(ids) != len(set(ids)):
        raise DerivationError(f"{path}: duplicate fact ids {sorted({i for i in ids if ids.count(i) > 1})}")
    return facts  # kept in the source's order, which groups facts by topic

