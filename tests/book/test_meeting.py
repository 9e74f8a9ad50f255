"""Who took the floor in the tour-de-table, and the figures note (companion.book.meeting).

Expected values are counted by hand from the report's text (sections I to
IX) and listed here, not copied from the code under test.
"""

from __future__ import annotations

from companion.book import meeting

# Session VIII, read paragraph by paragraph: who took the floor.
TOUR_BY_HAND = {
    1: "ifad", 2: "ola-doalos", 3: "suny-albany", 4: "undp", 5: "jmdi", 6: "iussp",
    7: "fao", 8: "unhcr", 9: "iom", 10: "oecd-development-centre", 11: "unsd",
    12: "ohchr", 13: "ilo", 14: "unu", 15: "center-for-migration-studies",
    16: "ifrc", 17: "gcm",
}


# ------------------------------------------------------------ tour-de-table


def test_one_organisation_per_paragraph_as_read_by_hand():
    speakers = meeting.tour_de_table()
    assert dict(zip(speakers["paragraph"], speakers["organization"])) == TOUR_BY_HAND


def test_short_names_come_from_the_organisations_table():
    # An abbreviation wins; else the book's short name; else the full name.
    assert meeting.short_name("iom") == "IOM"
    assert meeting.short_name("suny-albany") == "SUNY Albany"
    assert meeting.short_name("center-for-migration-studies") == "Center for Migration Studies"


# ------------------------------------------------------------ figures note


def test_figures_or_note():
    assert "meeting-days" in meeting.figures_or_note("IX").data
    assert meeting.figures_or_note("contents").data == "The report quotes no figures in session contents (contents)."
