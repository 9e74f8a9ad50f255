"""The report's parts and the meeting's sessions, read from data/sessions.csv (companion.data.sessions)."""

from __future__ import annotations

from companion.data.sessions import meeting_sessions, report_parts


def test_the_meeting_has_nine_sessions_in_order():
    # Sessions I to IX as the contents list them (the closing is printed "XI" in the body).
    assert meeting_sessions() == ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")


def test_report_parts_run_from_the_front_matter_to_the_closing():
    parts = report_parts()
    assert [part_id for part_id, _ in parts][:5] == ["front-matter", "preface", "contents", "abbreviations", "intro"]
    assert parts[-1] == ("IX", "XI. CLOSING OF THE MEETING")
    assert dict(parts)["VIII"] == "VIII. TOUR-DE-TABLE"
