"""Markdown fragments generated from data (companion.book.pages)."""

from __future__ import annotations

from companion.book.pages import checks_table


def test_checks_table_marks_the_reading_of_each_row():
    lines = checks_table(["lac-intra-regional-share", "undaf-documents-share"]).data.splitlines()
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
