"""Attribution as printed: who said a figure is shown in the report's own words."""

from __future__ import annotations

import pytest

from companion.book import pages
from companion.data import report
from companion.data.figures import all_figures, figure
from companion.data.tables import load_table
from tests.requirements import require_report_text


@pytest.fixture(scope="module")
def report_text() -> str:
    return require_report_text()


def test_every_displayed_affiliation_is_printed_where_the_data_says(report_text):
    speakers = load_table("speakers").set_index("id")
    for item in all_figures():
        shown = pages.who_said(item)
        if item.speaker:
            row = speakers.loc[item.speaker]
            introduction = report.paragraph(row["session"], int(row["paragraph"]), report_text)
            name, *affiliation = pages.speaker_as_printed(item.speaker)
            assert shown.startswith(name)
            for part in affiliation:
                assert part in introduction, f"{item.id}: {part!r} is not printed in {row['session']} paragraph {row['paragraph']}"
        elif shown != "the report":
            paragraph = report.paragraph(item.session, item.paragraph, report_text)
            assert shown in paragraph, f"{item.id}: {shown!r} is not printed in its paragraph"


def test_functions_are_the_report_s_not_an_organisation_s_title():
    shown = pages.who_said(figure("thematic-sessions"))
    assert shown == ("Ms. Izumi Nakamitsu, Special Adviser ad interim on the follow-up to the Summit "
                     "on Addressing Large Movements of Refugees and Migrants")
    assert "Human Rights Council" not in pages.who_said(figure("plan-of-implementation-years"))
    assert "Special Rapporteur on the human rights of migrants" in pages.who_said(figure("plan-of-implementation-years"))
    assert pages.who_said(figure("governance-relationships")) == "Ms. Sarah Rosengaertner"


def test_figures_go_to_who_the_report_credits():
    assert "ICMPD" in pages.who_said(figure("eu-external-investment-plan"))
    assert figure("eu-external-investment-plan").organization == "icmpd"
    handbook = pages.who_said(figure("handbook-chapters"))
    assert "Ms. Jill Helke" in handbook and "Mr. Bela Hovy" in handbook
    assert pages.who_said(figure("unu-gcm-researchers")) == "The representative of UNU"
    assert figure("desa-data-workshops-years").organization == "un-desa-pd"


def test_a_figure_no_person_stated_is_credited_to_the_report():
    for figure_id in ("desa-work-areas", "population-change-components", "meeting-participants"):
        assert pages.who_said(figure(figure_id)) == "the report"
        assert figure(figure_id).organization is None


def test_someone_speaking_for_another_is_shown_so():
    assert pages.who_said(figure("ga-session-ordinal")) == (
        "Mr. Thomas Christensen, Chef-de-Cabinet, on behalf of the President of the General Assembly"
    )
