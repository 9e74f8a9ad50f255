"""The meeting as a whole: tour-de-table, calendar, overview (companion.book.meeting).

Expected values are counted by hand from the report's text (sections I to
IX) and listed here, not copied from the code under test.
"""

from __future__ import annotations

import pandas as pd
import pytest

from companion.book import meeting, style

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


def test_types_of_the_organisations_in_the_tour_de_table():
    # Eight UN funds/agencies (IFAD, UNDP, JMDI, FAO, UNHCR, IOM, ILO, UNU),
    # three Secretariat offices (OLA, UNSD, OHCHR), three research bodies
    # (SUNY Albany, IUSSP, CMS), two civil society (IFRC, GCM), one
    # intergovernmental (OECD Development Centre).
    by_type = meeting.organizations_by_type(meeting.tour_de_table())
    assert list(zip(by_type["type"], by_type["organizations"])) == [
        ("UN fund, programme or agency", 8),
        ("UN Secretariat", 3),
        ("academia and research", 3),
        ("civil society", 2),
        ("intergovernmental", 1),
    ]
    assert by_type.loc[0, "members"] == "IFAD, UNDP, JMIDI, FAO, UNHCR, IOM, ILO, UNU"


def test_types_count_each_organisation_once_and_break_ties_by_name():
    speakers = pd.DataFrame({
        "organization": ["iom", "ilo", "iom", "unu"],
        "type": ["zeta", "alpha", "zeta", "zeta"],
    })
    by_type = meeting.organizations_by_type(speakers)
    assert list(by_type["type"]) == ["zeta", "alpha"]
    assert list(by_type["organizations"]) == [2, 1]
    assert list(by_type["members"]) == ["IOM, UNU", "ILO"]
    tied = meeting.organizations_by_type(pd.DataFrame({
        "organization": ["iom", "ilo"], "type": ["zeta", "alpha"],
    }))
    assert list(tied["type"]) == ["alpha", "zeta"]


def test_plans_announced_in_the_tour_de_table():
    announced = meeting.announcements(meeting.tour_de_table()).set_index("organization")
    # IFAD: the forum (15-16 June 2017), the Day of Family Remittances, the
    # launch of "Sending Money Home". UNSD: the expert group meeting (June
    # 2017), the forum in Paris (January 2018), refugee statistics guidelines.
    # IOM reported on the past year only.
    assert announced.loc["ifad", "planned_events"] == 3
    assert announced.loc["unsd", "planned_events"] == 3
    assert announced.loc["iom", "planned_events"] == 0
    assert announced.loc["ifad", "plans"].startswith("Launch of IFAD's report")
    # IOM's paragraph has seven numbers: 65th, two, two, 34, 100.000, 92, 150.
    assert announced.loc["iom", "figures"] == 7


def test_announcements_table_links_abbreviations_and_marks_gaps():
    text = meeting.announcements_table(meeting.announcements(meeting.tour_de_table())).data
    lines = text.splitlines()
    assert len(lines) == 2 + 17
    assert "| 1 | {term}`IFAD` |" in lines[2]
    assert "| 3 | State University of New York at Albany |" in lines[4]
    unhcr = next(line for line in lines if "{term}`UNHCR`" in line)
    assert "none dated" in unhcr


# ------------------------------------------------------------ calendar

# Planned events of 2017-2018 with a month, read off the report (24), and
# those with only a year (11).
DATED_BY_HAND = {
    "sdg-indicators-final-list", "hrc-34th-session", "thematic-sessions-2017", "multi-stakeholder-hearings",
    "first-thematic-session-geneva", "crepeau-report-hrc-2017", "gfmd-summit-berlin-2017",
    "ilc-2017-labour-migration", "global-forum-remittances-2017", "family-remittances-day-2017",
    "sending-money-home-launch", "fourth-global-mayoral-forum-2017", "expert-group-meeting-migration-data-2017",
    "global-rcp-meeting-2017", "iussp-conference-cape-town-2017", "world-food-day-2017",
    "sixth-thematic-session-2017", "stocktaking-meeting-mexico", "refugee-compact-stocktaking",
    "international-forum-migration-statistics-2018", "sg-report-global-compact", "compact-negotiations-start",
    "refugee-compact-consultations", "global-compact-migration-adoption",
}
YEAR_ONLY_BY_HAND = {
    "intergovernmental-conference-2018", "gfmd-civil-society-days-2017", "unesco-global-convention-2018",
    "unesco-gem-report-2018", "additional-sdg-indicators-2018", "statistical-commission-2017-resolution",
    "undp-strategic-plan-2018-2021", "iussp-refugee-panel-results-2017", "refugee-statistics-guidelines-2018",
    "unu-seminars-2017", "gcm-capacity-building-2017",
}


def test_planned_events_of_2017_and_2018():
    planned = meeting.planned_events("2017-01-01", "2018-12-31")
    assert set(planned["id"]) == DATED_BY_HAND | YEAR_ONLY_BY_HAND
    assert set(meeting.year_only(planned)["id"]) == YEAR_ONLY_BY_HAND
    assert list(planned["start_date"]) == sorted(planned["start_date"])


def test_june_2017_is_the_busiest_month():
    by_month = meeting.events_by_month(meeting.planned_events(), highlight="VIII").set_index("label")
    assert len(by_month) == 24
    assert by_month["total"].sum() == len(DATED_BY_HAND)
    # June 2017: GFMD summit, ILC, remittances forum, Day of Family Remittances,
    # "Sending Money Home", mayoral forum, expert group meeting; the last five
    # are announced in the tour-de-table.
    assert by_month.loc["Jun 2017", "total"] == 7
    assert by_month.loc["Jun 2017", "highlighted"] == 5
    assert by_month["total"].idxmax() == "Jun 2017"
    assert by_month.loc["Feb 2017", "total"] == 0


def test_monthly_counts_on_a_small_example():
    events = pd.DataFrame({
        "start_date": pd.to_datetime(["2017-03-15", "2017-03-01", "2017-01-01", "2017-05-01", "2016-12-01"]),
        "precision": ["day", "month", "year", "month", "month"],
        "session": ["VIII", "II", "VIII", "VIII", "VIII"],
    })
    table = meeting.events_by_month(events, "2017-01", "2017-05", highlight="VIII")
    assert list(table["label"]) == ["Jan 2017", "Feb 2017", "Mar 2017", "Apr 2017", "May 2017"]
    assert list(table["highlighted"]) == [0, 0, 1, 0, 1]  # the year-only event is not on the calendar
    assert list(table["elsewhere"]) == [0, 0, 1, 0, 0]
    assert list(table["total"]) == [0, 0, 2, 0, 1]


# ------------------------------------------------------------ IOM returns


def test_return_figures_and_their_averages():
    returns = meeting.return_figures()
    # "100.000 migrants from 92 host countries to 150 countries of origin" (VIII 9);
    # "more than 100,000 cases" (II 6). 100000/92 = 1086.96, 100000/150 = 666.67.
    assert (returns["migrants"], returns["host_countries"], returns["origin_countries"]) == (100_000, 92, 150)
    assert returns["support_cases"] == 100_000
    assert returns["migrants_per_host_country"] == 1087
    assert returns["migrants_per_origin_country"] == 667


@pytest.mark.parametrize(
    ("hosts", "origins", "world", "overlap"),
    [(92, 150, 232, 10), (92, 150, 242, 0), (10, 20, 100, 0), (100, 100, 100, 100), (0, 0, 5, 0)],
)
def test_minimum_overlap(hosts, origins, world, overlap):
    assert meeting.minimum_overlap(hosts, origins, world) == overlap


def test_minimum_overlap_refuses_impossible_counts():
    with pytest.raises(ValueError, match="more countries than there are"):
        meeting.minimum_overlap(300, 10, 232)
    with pytest.raises(ValueError, match="negative"):
        meeting.minimum_overlap(-1, 10, 232)


# ------------------------------------------------------------ overview


def test_speakers_and_organisations_per_session():
    overview = meeting.session_overview().set_index("session")
    # Named speakers, counted in the report (people only mentioned left out):
    # I Wu, Christensen; II Swing, Nakamitsu, Malone, Schmidt-Bremme, Rajah;
    # III Gomez Camacho, Doyle, Westbratt, Nadir, Rosengaertner; IV Lauber,
    # Crepeau, Gallach, Nour, Helke; V Seth, Wilmoth, Bin Momen, Kelley,
    # Mokhiber; VI Menozzi, Hovy, Pezzini, Tararas, Gehrke, Abou-Raad;
    # VII Busatti, Mebbed, Perucci, Leighton, Helke, Hovy; VIII Koslowski;
    # IX Bravo.
    assert list(overview["speakers"]) == [2, 5, 5, 5, 5, 6, 6, 1, 1]
    # Organisations: II has two GFMD speakers, VI two from the Population
    # Division, VII two from IOM; VIII has the seventeen of the tour-de-table.
    assert list(overview["organizations"]) == [2, 4, 5, 5, 5, 5, 5, 17, 1]
    # The closing quotes one number ("the two days"); the opening two
    # ("244 million", "71st session").
    assert overview.loc["IX", "figures"] == 1
    assert overview.loc["I", "figures"] == 2


def test_totals_count_people_and_organisations_once():
    totals = meeting.meeting_totals()
    assert totals["speakers"] == 34  # 36 appearances, Helke and Hovy twice
    assert totals["repeat_speakers"] == 2
    # 27 organisations in sessions I-VII, nine new ones in VIII, none in IX.
    assert totals["organizations"] == 36


def test_speakers_by_session_matrix():
    matrix = meeting.speakers_by_session().set_index("speaker")
    assert len(matrix) == 34
    assert matrix.index[0] == "wu-hongbo" and matrix.index[-1] == "jorge-bravo"
    assert "kofi-annan" not in matrix.index and "barbara-kobler" not in matrix.index
    assert (matrix.loc["jill-helke", "IV"], matrix.loc["jill-helke", "VII"]) == ("panellist", "presenter")
    assert matrix.loc["jorge-bravo", "IX"] == "closing"
    assert matrix.loc["jorge-bravo", "organization"] == "UN DESA Population Division"
    assert (matrix[["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]] != "").sum(axis=1).sum() == 36


def test_speakers_table_has_a_row_per_speaker():
    matrix = meeting.speakers_by_session()
    lines = meeting.speakers_table(matrix).data.splitlines()
    assert lines[0] == "| Speaker | Organisation | I | II | III | IV | V | VI | VII | VIII | IX |"
    assert len(lines) == 2 + 34
    assert lines[2] == "| Wu Hongbo | {term}`UN DESA` | opening |  |  |  |  |  |  |  |  |"


def test_figures_or_note():
    assert "meeting-days" in meeting.figures_or_note("IX").data
    assert meeting.figures_or_note("contents").data == "The report quotes no figures in session contents (contents)."


# ------------------------------------------------------------ charts


def test_charts_follow_the_house_style():
    speakers = meeting.tour_de_table()
    overview = meeting.session_overview()
    figures = [
        meeting.organizations_by_type_chart(meeting.organizations_by_type(speakers), "test"),
        meeting.events_calendar_chart(meeting.events_by_month(meeting.planned_events()), "test"),
        meeting.overview_chart(overview, "test"),
        meeting.speakers_chart(meeting.speakers_by_session(), "test"),
        meeting.overlap_chart(92, 150, 232, "test"),
    ]
    import matplotlib.pyplot as plt

    for figure in figures:
        assert style.check_chart(figure) == []
        plt.close(figure)


def test_overview_bars_are_told_apart_without_colour():
    figure = meeting.overview_chart(meeting.session_overview(), "test")
    axes = figure.axes[0]
    hatches = {patch.get_hatch() for patch in axes.patches}
    assert hatches == {None, "///", ".."}
    assert len(axes.patches) == 3 * 9
    assert [text.get_text() for text in axes.get_legend().get_texts()] == [
        "Named speakers", "Organisations taking the floor", "Figures quoted"]
    import matplotlib.pyplot as plt

    plt.close(figure)
