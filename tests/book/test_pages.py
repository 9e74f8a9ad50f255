"""Reference-page fragments (companion.book.pages): notes made for readers, dates,
quotes, the timeline's order, the paragraph page, the glossary and the checks table."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd

from companion.book import pages
from companion.data.figures import figure
from companion.data.tables import load_table


def test_a_note_gets_paragraph_references_and_links_to_figures_and_errata():
    note = "Same sessions as figure thematic-sessions; the sixth in October (VIII 13); see errata au-unused."
    text = pages.reader_note(note)
    assert "{ref}`thematic-sessions <thematic-sessions>`" in text
    assert "{para}`VIII.13`" in text
    assert "{ref}`erratum <erratum-au-unused>`" in text
    assert pages.reader_note("six informal thematic sessions") == "six informal thematic sessions"
    assert pages.reader_note(None) == "" and pages.reader_note(float("nan")) == ""


def test_a_figure_id_inside_a_longer_id_is_not_linked():
    # "thematic-sessions" is a figure; "gfmd-aligned-thematic-sessions" is another.
    text = pages.reader_note("Compare gfmd-aligned-thematic-sessions.")
    assert text == "Compare {ref}`gfmd-aligned-thematic-sessions <gfmd-aligned-thematic-sessions>`."


def test_a_footnote_is_named_in_words_not_referenced():
    assert pages.para_reference("IV", 0) == "IV, footnote"
    assert pages.para_reference("IV", 6) == "{para}`IV.6`"


def _event(start, end, precision):
    return SimpleNamespace(
        start_date=pd.Timestamp(start), end_date=pd.Timestamp(end) if end else pd.NaT, precision=precision
    )


def test_a_span_within_one_period_reads_as_that_period():
    assert pages.event_date_text(_event("2017-01-01", "2017-12-31", "year")) == "2017"
    assert pages.event_date_text(_event("2017-04-01", "2017-11-30", "month")) == "Apr 2017 to Nov 2017"
    assert pages.event_date_text(_event("2017-06-28", "2017-06-30", "day")) == "28 Jun 2017 to 30 Jun 2017"
    assert pages.event_date_text(_event("2016-09-01", None, "month")) == "Sep 2016"


def test_a_quote_that_is_a_title_in_quotation_marks_keeps_one_pair():
    assert pages.quoted('"Perspectives on Global Development 2017"') == "“Perspectives on Global Development 2017”"
    assert pages.quoted("IFAD’s report “Sending Money Home”, to be launched") == "“IFAD’s report “Sending Money Home”, to be launched”"


def test_events_dated_only_to_a_year_lead_their_year_in_the_timeline():
    events = pages.events_in_date_order()
    in_2018 = events[events["start_date"].dt.year == 2018]
    precisions = list(in_2018["precision"])
    first_dated_more_precisely = next(index for index, value in enumerate(precisions) if value != "year")
    assert "year" not in precisions[first_dated_more_precisely:], precisions


def test_the_timeline_names_the_meeting_and_words_every_status():
    timeline = pages.events_timeline().data
    meeting_row = next(line for line in timeline.splitlines() if "Fifteenth Coordination Meeting" in line)
    assert "| this meeting |" in meeting_row
    assert "| ongoing |" not in timeline and "| planned |" not in timeline
    assert "23 December 2003" in timeline  # the note on resolution 58/208
    assert "2017 to 2017" not in timeline and "““" not in timeline


def test_a_session_table_shows_the_figures_note():
    table = pages.figures_table("I").data
    assert "estimate for mid-2015" in table
    assert "{para}`I.1`" in table
    assert pages.what_it_measures(figure("ga-session-ordinal")) == figure("ga-session-ordinal").label


def test_the_paragraph_page_has_one_anchor_per_paragraph_and_lists_what_is_filed_there():
    page = pages.paragraph_entries().data
    paragraphs = load_table("paragraphs")
    anchors = re.findall(r"^\(para-([a-z-]+)-(\d+)\)=$", page, re.M)
    assert len(anchors) == len(paragraphs) == len(set(anchors))
    entry = page.split("(para-i-1)=", 1)[1].split("(para-i-2)=", 1)[0]
    assert "<international-migrants-2015>" in entry
    assert "Wu Hongbo (opening speaker)" in entry
    closing = page.split("(para-iii-2)=", 1)[1].split("(para-iii-3)=", 1)[0]
    assert "*Also named:* Kofi Annan, Peter Sutherland" in closing


def test_glossary_entries_start_with_a_capital_and_repeat_no_sentence():
    glossary = pages.glossary_of_organizations().data
    entries = re.findall(r"^(\S.*)\n  (.+)$", glossary, re.M)
    assert len(entries) == len(load_table("organizations"))
    for term, text in entries:
        assert text[0].isupper(), f"{term}: {text[:40]}"
        sentences = [sentence.strip() for sentence in re.split(r"(?<=\.)\s+", text) if sentence.strip()]
        assert len(sentences) == len(set(sentences)), f"{term}: a sentence is repeated"
    srsg = dict(entries)["SRSG"]
    assert srsg.count("SRSR") == 1


def test_checks_table_marks_the_reading_of_each_row():
    lines = pages.checks_table(["lac-intra-regional-share", "undaf-documents-share"]).data.splitlines()
    assert lines[0] == "| Figure | Reading | Definition | Arithmetic | Verdict |"
    rows = lines[2:]
    # Four LAC rows (three readings and the summary) and one UNDAF row.
    assert len(rows) == 5
    readings = [row.split(" | ")[1] for row in rows]
    assert sorted(readings[:4]) == ["all readings", "alternative", "alternative", "as worded"]
    assert readings[4] == ""  # one reading only: no reading named
    # The reading the sentence describes holds; the origin-based one does not (16.54 per cent).
    as_worded = next(row for row in rows if " | as worded | " in row)
    assert as_worded.endswith("| **consistent** |")
    origin = next(row for row in rows if "16.54 percent" in row)
    assert origin.endswith("| **inconsistent** |")
    assert rows[4].endswith("| **inference** |")
