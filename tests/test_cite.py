"""Citations: one entry per document, the figure as its locator, APA and
Chicago rendered by a real CSL processor (citeproc-py), BibTeX that parses."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from pybtex.database import parse_string

from companion import cite
from companion.__main__ import main
from companion.data.figures import figure
from companion.paths import repo_root

THREE = ["international-migrants-2015", "undaf-documents-share", "ilo-migrant-workers"]


def test_text_names_report_symbol_place_and_quote():
    text = cite.as_text(figure("undaf-documents-share"))
    assert text.startswith("United Nations, Department of Economic and Social Affairs, Population Division (2017).")
    assert "ESA/P/WP/249" in text
    assert "Section VII (Implementing the migration-related commitments of the 2030 Agenda), pp. 12–13, paragraph 1" in text
    assert text.endswith("“91 per cent of all 119 current UNDAF documents contained some reference to migration or forced displacement”")


def test_pages_come_from_the_contents():
    assert cite.pages("I") == "1"
    assert cite.pages("II") == "2–3"
    assert cite.pages("VIII") == "14–17"
    assert cite.pages("IX") == "18"
    assert cite.pages("front-matter") is None


def test_front_matter_is_located_under_its_heading_not_by_title_lines():
    where = cite.place(figure("desa-work-areas"))
    assert (where.heading, where.paragraph) == ("DESA", 1)
    assert "paragraph 10" not in cite.location(figure("desa-work-areas"))


def test_markdown_links_the_title():
    assert "*[Fifteenth Coordination Meeting on International Migration](https://" in cite.as_markdown(figure("undaf-documents-share"))


def test_bibtex_has_one_entry_for_three_figures_and_a_cite_for_each():
    bib = cite.as_bibtex([figure(f) for f in THREE])
    entries = parse_string(bib, "bibtex").entries
    assert list(entries) == ["undesa2017coordination15"]
    assert entries["undesa2017coordination15"].type == "techreport"
    assert entries["undesa2017coordination15"].fields["number"] == "ESA/P/WP/249"
    cites = re.findall(r"\\cite\[([^\]]*)\]\{undesa2017coordination15\}", bib)
    assert cites == ["p.~1, section I, para. 1", "pp.~12--13, section VII, para. 1", "pp.~12--13, section VII, para. 3"]


def test_csl_json_is_one_item_for_three_figures():
    items = json.loads(cite.as_csl_json([figure(f) for f in THREE]))
    assert [item["id"] for item in items] == ["undesa2017coordination15"]
    assert items[0]["number"] == "ESA/P/WP/249" and items[0]["issued"] == {"date-parts": [[2017]]}


def test_a_csl_processor_renders_three_figures_as_one_reference():
    in_text, entries = cite.render("chicago", json.loads(cite.as_csl_json([])), [("undesa2017coordination15", cite.locator(figure(f))) for f in THREE])
    assert len(entries) == 1
    assert len(set(in_text)) == 3 and all("2017," in citation for citation in in_text)
    assert "2017a" not in " ".join(in_text + entries)


@pytest.mark.parametrize("style, year_part, locator_part", [
    ("apa", "(2017).", "p. 1, section I, para. 1"),
    ("chicago", "Population Division. 2017.", "2017, 1, section I, para. 1"),
])
def test_apa_and_chicago_for_a_figure(style, year_part, locator_part):
    output = cite.in_style(style, [figure("international-migrants-2015")])
    reference, _, citations = output.partition("\n\n")
    assert reference.startswith("United Nations, Department of Economic and Social Affairs, Population Division")
    assert year_part in reference
    assert "Fifteenth Coordination Meeting on International Migration" in reference
    assert "ESA/P/WP/249" in reference
    assert locator_part in citations
    assert "today's 244 million international migrants" in citations


def test_apa_for_the_book_uses_its_published_address():
    output = cite.book_in_style("apa", [figure("ilo-migrant-workers")])
    meta = cite.book_metadata()
    assert f"({meta['year']})." in output and f"(Version {meta['version']})" in output
    assert meta["url"].startswith("https://")
    assert f"{meta['url']}book/reference/figures.html#ilo-migrant-workers" in output


@pytest.mark.parametrize("style", ["apa", "chicago"])
def test_citations_rendered_together_equal_each_rendered_alone(style):
    """The figures index renders every figure's block in one citeproc pass;
    each block must read as if that figure were cited on its own (no
    "ibid.", no shortened repeat)."""
    from companion.data.figures import all_figures

    # The first figure of each part: locators with and without pages.
    firsts = list({item.session: item for item in reversed(all_figures())}.values())
    assert len(firsts) > 5
    assert cite.in_style_each(style, firsts) == [cite.in_style(style, [item]) for item in firsts]
    assert cite.book_in_style_each(style, firsts) == [cite.book_in_style(style, [item]) for item in firsts]


def test_metadata_is_read_from_citation_cff():
    cff = yaml.safe_load((repo_root() / "CITATION.cff").read_text(encoding="utf-8"))
    assert cite.book_metadata()["title"] == cff["title"]
    assert cite.book_metadata()["version"] == cff["version"]
    assert cite.book_metadata()["url"] == cff["url"]


def test_the_book_address_is_one_setting():
    config = yaml.safe_load((repo_root() / "_config.yml").read_text(encoding="utf-8"))
    assert config["html"]["baseurl"] == cite.book_metadata()["url"]


def test_book_citation_points_to_the_published_anchor():
    item = figure("ilo-migrant-workers")
    assert cite.anchor(item) == cite.book_metadata()["url"] + "book/reference/figures.html#ilo-migrant-workers"
    entries = parse_string(cite.book_as_bibtex([item, figure("undaf-documents-share")]), "bibtex").entries
    assert list(entries) == ["companion"]


def test_command_line_apa_and_chicago(capsys):
    for style in ("apa", "chicago"):
        assert main(["cite", *THREE, "--format", style]) == 0
        output = capsys.readouterr().out
        assert output.count("ESA/P/WP/249") == 1
        assert all(f"{figure_id}: (" in output for figure_id in THREE)
