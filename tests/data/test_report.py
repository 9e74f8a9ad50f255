"""Splitting the report into sections and paragraphs as printed."""

import pytest

from companion.data import report
from companion.errors import CompanionDataError

SAMPLE = """# **FIFTEENTH COORDINATION MEETING ON INTERNATIONAL MIGRATION**

Title page

## PREFACE

Preface text.

## CONTENTS

I. OPENING ..... 1

## EXPLANATORY NOTES

AU	African Union

## **REPORT OF THE ANNUAL COORDINATION MEETING ON INTERNATIONAL MIGRATION**

Intro paragraph one.

### **I. OPENING**

A first paragraph that a page break cuts in the middle of a long sentence and

continues here after the break.

A second paragraph.

## II. IMPLEMENTING THE NEW YORK DECLARATION FOR REFUGEES AND MIGRANTS

Text with a footnote.<sup>1</sup>

---

<sup>1</sup> The footnote, 2016.

### III. INTERNATIONAL COOPERATION AND GOVERNANCE OF MIGRATION

x.

#### IV. THE GLOBAL COMPACT ON MIGRATION: REGIONAL AND HUMAN RIGHTS DIMENSIONS

x.

## V. TOWARDS 2018: NEXT STEPS

x.

## VI. CONTRIBUTING TO THE WORKPLAN FOR MEMBER STATES

x.

## VII. IMPLEMENTING THE MIGRATION-RELATED COMMITMENTS OF THE 2030 AGENDA

x.

#### VIII. TOUR-DE-TABLE

x.

## XI. CLOSING OF THE MEETING

Closing.
"""


def test_sections_in_order_with_closing_as_ix():
    found = report.sections(SAMPLE)
    # The fourteen parts of data/sessions.csv, written out by hand.
    assert list(found) == [
        "front-matter", "preface", "contents", "abbreviations", "intro",
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    ]
    assert found["IX"].heading == "XI. CLOSING OF THE MEETING"


def test_page_break_split_is_rejoined():
    paragraphs = report.sections(SAMPLE)["I"].paragraphs
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("middle of a long sentence and continues here after the break.")
    assert report.paragraph("I", 2, SAMPLE) == "A second paragraph."


def test_footnotes_kept_apart():
    section = report.sections(SAMPLE)["II"]
    assert section.paragraphs == ("Text with a footnote.<sup>1</sup>",)
    assert section.footnotes == ("The footnote, 2016.",)
    assert report.locate("The footnote", SAMPLE) == [("II", 0)]


def test_locate_finds_quotes_across_line_breaks():
    assert report.locate("long sentence and continues", SAMPLE) == [("I", 1)]


def test_missing_paragraph_is_a_clear_error():
    with pytest.raises(CompanionDataError, match="section I has 2 paragraphs, not 5"):
        report.paragraph("I", 5, SAMPLE)


def test_missing_section_heading_is_a_clear_error():
    with pytest.raises(CompanionDataError, match="expected sections"):
        report.sections(SAMPLE.replace("## V. TOWARDS 2018", "## V. ELSEWHERE"))


def test_missing_report_file_names_the_path(tmp_path, monkeypatch):
    monkeypatch.setenv(report.REPORT_ENV_VAR, str(tmp_path / "absent.md"))
    with pytest.raises(CompanionDataError, match="absent.md: report text not found"):
        report.read_report_text()
