"""Citation formats, each a pure function of a figure's data."""

from __future__ import annotations

import json

from pybtex.database import parse_string

from companion import cite
from companion.data.figures import figure


def test_text_names_report_symbol_section_paragraph_and_quote():
    text = cite.as_text(figure("undaf-documents-share"))
    assert text.startswith("United Nations, Department of Economic and Social Affairs, Population Division (2017).")
    assert "ESA/P/WP/249" in text
    assert "Section VII (Implementing the migration-related commitments of the 2030 Agenda), paragraph 1" in text
    assert text.endswith('"91 per cent of all 119 current UNDAF documents contained some reference to migration or forced displacement"') or "91 per cent of all 119" in text


def test_markdown_links_the_title():
    text = cite.as_markdown(figure("undaf-documents-share"))
    assert "*[Fifteenth Coordination Meeting on International Migration](https://" in text


def test_bibtex_escapes_special_characters_and_parses():
    bib = cite.as_bibtex([figure("undaf-documents-share"), figure("ilo-migrant-workers")])
    entries = parse_string(bib, "bibtex").entries
    assert list(entries) == ["undesa2017coordination15:undaf-documents-share", "undesa2017coordination15:ilo-migrant-workers"]


def test_csl_json_round_trips():
    items = json.loads(cite.as_csl_json([figure("ilo-migrant-workers")]))
    assert items[0]["id"] == "undesa2017coordination15:ilo-migrant-workers"
    assert "Section VII" in items[0]["note"]


def test_book_citation_points_to_the_anchor():
    item = figure("ilo-migrant-workers")
    assert cite.anchor(item) == "book/reference/figures.html#ilo-migrant-workers"
    text = cite.book_as_text(item)
    assert "The Coordination Meeting Companion project (2026)" in text and "#ilo-migrant-workers" in text
    entry = parse_string(cite.book_as_bibtex(item), "bibtex").entries["companion:ilo-migrant-workers"]
    assert entry.type == "misc"
