"""The meeting as a whole: who took the floor, what they announced, and when.

Tables and charts for the last two parts of the report - the tour-de-table
(session VIII) and the closing (session IX) - and for the overview of all
nine sessions that the closing page gives.

Who spoke in the tour-de-table
    The report names only one person in session VIII; every other paragraph
    opens with "the representative of" an organisation. The report's text is
    therefore the source: ``data/tour_de_table.csv`` records, for each of the
    session's paragraphs, the organisation that took the floor and the words
    by which the report names it (its ``quote``, checked against the text by
    ``companion.data.provenance`` like every quoted table). The
    organisation's type comes from ``data/organizations.csv``; the dated
    plans it announced come from ``data/events.csv`` and its figures from
    ``data/figures.csv``, both joined on (session, paragraph).

Who spoke in each session
    Named speakers come from ``data/appearances.csv``, without people who
    are only mentioned (role "mentioned") or who wrote the report. The
    organisations of a session are those of its named speakers, plus, for
    the tour-de-table, the organisations of ``tour_de_table.csv`` whose
    representatives the report leaves unnamed. Participants who spoke from
    the floor in a discussion are not counted: the report rarely says whom
    they represented.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from companion.book import style
from companion.data.figures import figure as report_figure
from companion.data.figures import figures_in
from companion.data.sessions import meeting_sessions
from companion.book.pages import event_date_text, glossary_term, table_cell
from companion.data.tables import load_table

# Roles in appearances.csv that do not mean taking the floor in the session.
NOT_SPEAKING = ("mentioned", "report author")
ROLE_MARKS = {
    "opening speaker": "opening",
    "moderator": "moderator",
    "panellist": "panellist",
    "presenter": "presenter",
    "respondent": "respondent",
    "discussant": "discussant",
    "closing speaker": "closing",
}


def _term_link(row) -> str:
    """The organisation as MyST: a glossary link where it has an abbreviation."""
    if isinstance(row["abbreviation"], str) and row["abbreviation"]:
        return f"{{term}}`{row['abbreviation']}`"
    return row["name"]



def tour_de_table() -> pd.DataFrame:
    """The organisations that took the floor in the tour-de-table, one row per
    paragraph of session VIII (``data/tour_de_table.csv``): paragraph,
    organization (id), term, name, type, named_as (the report's words for the
    speaker) and announced (what it presented, in the book's words)."""
    statements = load_table("tour_de_table").sort_values("paragraph")
    organizations = load_table("organizations").set_index("id")
    rows = []
    for statement in statements.itertuples():
        row = organizations.loc[statement.organization]
        rows.append(
            {
                "paragraph": statement.paragraph,
                "organization": statement.organization,
                "term": glossary_term(row["abbreviation"], row["name"]),
                "name": row["name"],
                "type": row["type"],
                "named_as": statement.quote,
                "announced": statement.announced,
            }
        )
    return pd.DataFrame(rows)


def organizations_by_type(speakers: pd.DataFrame) -> pd.DataFrame:
    """Count distinct organisations per type: type, organizations (count),
    ids (their ids) and members (their short names, see ``short_name``), both
    in order of speaking. Largest type first, ties by type name."""
    unique = speakers.drop_duplicates("organization")
    grouped = unique.groupby("type", sort=False)
    table = pd.DataFrame(
        {
            "type": list(grouped.groups),
            "organizations": [len(rows) for _, rows in grouped],
            "ids": [list(rows["organization"]) for _, rows in grouped],
            "members": [", ".join(short_name(o) for o in rows["organization"]) for _, rows in grouped],
        }
    )
    return table.sort_values(["organizations", "type"], ascending=[False, True]).reset_index(drop=True)


def short_name(organization: str) -> str:
    """An organisation's label for charts and tables: its abbreviation, else
    its ``short_name`` in organizations.csv, else its full name."""
    row = load_table("organizations").set_index("id").loc[organization]
    for label in (row["abbreviation"], row["short_name"]):
        if isinstance(label, str) and label:
            return label
    return row["name"]


def organizations_by_type_chart(by_type: pd.DataFrame, source: str):
    """Horizontal bars: organisations per type, each bar labelled with its
    count and the organisations in it (so the chart needs no colour key)."""
    chart, axes = style.new_chart(
        "Who took the floor in the tour-de-table",
        "Organisations (count)",
        "",
        source,
        size=(9, 4.4),
    )
    ordered = by_type.iloc[::-1].reset_index(drop=True)
    positions = list(range(len(ordered)))
    axes.barh(positions, ordered["organizations"], height=0.6, color=style.PALETTE[0])
    for position, row in zip(positions, ordered.itertuples()):
        axes.text(row.organizations + 0.15, position, f"{row.organizations}: {row.members}", va="center", fontsize=8.5)
    labels = [label[0].upper() + label[1:] for label in ordered["type"]]
    axes.set_yticks(positions, [label.replace(", programme or", ",\nprogramme or") for label in labels])
    axes.set_xlim(0, ordered["organizations"].max() * 2.1)
    axes.set_axisbelow(True)
    axes.set_xticks(range(0, int(ordered["organizations"].max()) + 1, 2))
    axes.grid(axis="y", visible=False)
    axes.grid(axis="x", color="#dddddd")
    for side in ("left",):
        axes.spines[side].set_visible(False)
    return chart



def announcements(speakers: pd.DataFrame, session: str = "VIII") -> pd.DataFrame:
    """Per statement of ``speakers``: its planned events (from events.csv,
    status "planned", same session and paragraph, as "name (date)" text, in
    date order), how many there are, and how many figures (figures.csv) the
    paragraph quotes."""
    events = load_table("events")
    events = events[(events["session"] == session) & (events["status"] == "planned")]
    figures = load_table("figures")
    figures = figures[figures["session"] == session]
    rows = []
    for statement in speakers.itertuples():
        planned = events[events["paragraph"] == statement.paragraph].sort_values(["start_date", "id"])
        rows.append(
            {
                "paragraph": statement.paragraph,
                "planned_events": len(planned),
                "plans": "; ".join(f"{event.name} ({event_date_text(event)})" for event in planned.itertuples()),
                "figures": int((figures["paragraph"] == statement.paragraph).sum()),
            }
        )
    return speakers.merge(pd.DataFrame(rows), on="paragraph")


def announcements_table(announced: pd.DataFrame) -> Markdown:
    """The tour-de-table as a Markdown table: organisation (linked to the
    glossary), type, what it presented, its dated plans, and its figures."""
    organizations = load_table("organizations").set_index("id")
    lines = [
        "| ¶ | Organisation | Type | What it presented | Dated plans it announced | Figures |",
        "|---|---|---|---|---|---|",
    ]
    for row in announced.itertuples():
        who = _term_link(organizations.loc[row.organization])
        plans = table_cell(row.plans) or "none dated"
        lines.append(
            f"| {row.paragraph} | {who} | {table_cell(row.type)} | {table_cell(row.announced)} | {plans} | {row.figures} |"
        )
    return Markdown("\n".join(lines))


def planned_events(first: str = "2017-01-01", last: str = "2018-12-31") -> pd.DataFrame:
    """Events planned as of the meeting (status "planned") that start between
    ``first`` and ``last`` (inclusive), from every part of the report, in
    date order."""
    events = load_table("events")
    start = events["start_date"]
    chosen = events[(events["status"] == "planned") & (start >= pd.Timestamp(first)) & (start <= pd.Timestamp(last))]
    return chosen.sort_values(["start_date", "id"]).reset_index(drop=True)


def events_by_month(events: pd.DataFrame, first: str = "2017-01", last: str = "2018-12",
                    highlight: str = "VIII") -> pd.DataFrame:
    """Count events per month of their start date, for every month from
    ``first`` to ``last`` (months without events count zero): columns month
    (a pandas Period), label ("Jun 2017"), highlighted (events mentioned in
    session ``highlight``), elsewhere (in other parts) and total.

    Only events dated to the month or the day are counted: an event dated
    only to a year has no month (see ``year_only``). A span counts once, in
    the month it starts.
    """
    dated = events[events["precision"].isin(["day", "month"])]
    months = pd.period_range(first, last, freq="M")
    month_of = dated["start_date"].dt.to_period("M")
    in_session = dated["session"] == highlight
    table = pd.DataFrame(
        {
            "month": months,
            "label": [month.strftime("%b %Y") for month in months],
            "highlighted": [int(((month_of == month) & in_session).sum()) for month in months],
            "elsewhere": [int(((month_of == month) & ~in_session).sum()) for month in months],
        }
    )
    table["total"] = table["highlighted"] + table["elsewhere"]
    return table


def year_only(events: pd.DataFrame) -> pd.DataFrame:
    """The events dated only to a year (no month: not on the monthly calendar)."""
    return events[events["precision"] == "year"].reset_index(drop=True)


def events_calendar_chart(by_month: pd.DataFrame, source: str, highlight_label: str = "Announced in the tour-de-table",
                          meeting_month: str | None = "2017-02"):
    """Stacked monthly bars of planned events: solid for those announced in
    the highlighted session, hatched for the rest, totals written above; a
    dotted line marks ``meeting_month`` (the month of the meeting itself)."""
    chart, axes = style.new_chart(
        "The calendar the meeting announced, 2017-2018",
        "Month the event starts",
        "Planned events (count)",
        source,
        size=(9.5, 4.6),
    )
    positions = list(range(len(by_month)))
    axes.bar(positions, by_month["highlighted"], width=0.75, color=style.PALETTE[0], label=highlight_label)
    axes.bar(positions, by_month["elsewhere"], width=0.75, bottom=by_month["highlighted"],
             color=style.PALETTE[1], hatch="///", edgecolor="white", label="Announced in other sessions")
    for position, total in zip(positions, by_month["total"]):
        if total:
            axes.text(position, total + 0.1, str(total), ha="center", va="bottom", fontsize=8.5)
    labels = [label[:3] + ("\n" + label[4:] if label.startswith("Jan") or position == 0 else "")
              for position, label in enumerate(by_month["label"])]
    axes.set_xticks(positions, labels, fontsize=8.5)
    axes.set_xlim(-0.6, len(by_month) - 0.4)
    axes.set_ylim(0, by_month["total"].max() + 1.2)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_axisbelow(True)
    if meeting_month is not None:
        months = list(by_month["month"].astype(str))
        if meeting_month in months:
            where = months.index(meeting_month)
            axes.axvline(where, color="#444444", linewidth=0.9, linestyle=":")
            axes.text(where + 0.15, axes.get_ylim()[1] * 0.97, "This meeting", va="top", fontsize=8.5, color="#444444")
    axes.legend(loc="upper right")
    return chart


def return_figures() -> dict[str, float]:
    """IOM's return figures as the report gives them: migrants returned and
    reintegrated (VIII), their host countries and countries of origin, and
    the cases of return support Mr. Swing cited (II); with the averages per
    country they imply."""
    migrants = report_figure("iom-returns-migrants").value
    hosts = report_figure("iom-returns-host-countries").value
    origins = report_figure("iom-returns-origin-countries").value
    return {
        "migrants": migrants,
        "host_countries": hosts,
        "origin_countries": origins,
        "support_cases": report_figure("iom-return-support-cases-2016").value,
        "migrants_per_host_country": round(migrants / hosts),
        "migrants_per_origin_country": round(migrants / origins),
    }


def minimum_overlap(host_countries: int, origin_countries: int, countries_in_world: int) -> int:
    """The fewest countries that must be both a host and a country of origin
    when ``host_countries`` and ``origin_countries`` are drawn from
    ``countries_in_world`` (pigeonhole: any excess over the total)."""
    if min(host_countries, origin_countries, countries_in_world) < 0:
        raise ValueError("counts must not be negative")
    if max(host_countries, origin_countries) > countries_in_world:
        raise ValueError("a group cannot hold more countries than there are")
    return max(0, host_countries + origin_countries - countries_in_world)


def named_speakers(sessions: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Appearances of people who took the floor in ``sessions`` (not the
    mentioned, not the report's authors), with each person's name and
    organisation: speaker, session, role, paragraph, name, organization."""
    sessions = meeting_sessions() if sessions is None else sessions
    appearances = load_table("appearances")
    appearances = appearances[appearances["session"].isin(sessions) & ~appearances["role"].isin(NOT_SPEAKING)]
    people = load_table("speakers")[["id", "name", "organization"]].rename(columns={"id": "speaker"})
    return appearances.merge(people, on="speaker", how="left").reset_index(drop=True)


def organizations_by_session(sessions: tuple[str, ...] | None = None) -> dict[str, set[str]]:
    """Per session, the ids of the organisations that took the floor: those
    of its named speakers, plus, for VIII, the tour-de-table's (whose
    representatives the report leaves unnamed). See the module docstring."""
    sessions = meeting_sessions() if sessions is None else sessions
    speakers = named_speakers(sessions)
    unnamed = set(tour_de_table()["organization"])
    found = {}
    for session in sessions:
        organizations = set(speakers.loc[speakers["session"] == session, "organization"].dropna())
        found[session] = organizations | unnamed if session == "VIII" else organizations
    return found


def session_overview(sessions: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Per session: title, named speakers, organisations that took the floor
    (``organizations_by_session``) and figures quoted (figures.csv)."""
    sessions = meeting_sessions() if sessions is None else sessions
    titles = load_table("sessions").set_index("id")["title"]
    speakers = named_speakers(sessions)
    organizations = organizations_by_session(sessions)
    rows = []
    for session in sessions:
        rows.append(
            {
                "session": session,
                "title": titles[session],
                "speakers": speakers.loc[speakers["session"] == session, "speaker"].nunique(),
                "organizations": len(organizations[session]),
                "figures": len(figures_in(session)),
            }
        )
    return pd.DataFrame(rows)


def meeting_totals(sessions: tuple[str, ...] | None = None) -> dict[str, int]:
    """The whole meeting without double counting: distinct named speakers,
    distinct organisations taking the floor, figures quoted, and the named
    speakers who spoke in more than one session."""
    sessions = meeting_sessions() if sessions is None else sessions
    speakers = named_speakers(sessions)
    sessions_per_person = speakers.groupby("speaker")["session"].nunique()
    return {
        "speakers": speakers["speaker"].nunique(),
        "organizations": len(set().union(*organizations_by_session(sessions).values())),
        "figures": sum(len(figures_in(session)) for session in sessions),
        "repeat_speakers": int((sessions_per_person > 1).sum()),
    }


def overview_chart(overview: pd.DataFrame, source: str):
    """Grouped bars per session - named speakers, organisations, figures -
    told apart by hatching as well as colour, each bar labelled with its count."""
    chart, axes = style.new_chart(
        "The meeting at a glance, session by session",
        "Session",
        "Count",
        source,
        size=(9.5, 4.6),
    )
    series = (
        ("speakers", "Named speakers", None),
        ("organizations", "Organisations taking the floor", "///"),
        ("figures", "Figures quoted", ".."),
    )
    width = 0.27
    positions = list(range(len(overview)))
    for index, (column, label, hatch) in enumerate(series):
        offsets = [p + (index - 1) * width for p in positions]
        bars = axes.bar(offsets, overview[column], width, color=style.PALETTE[index], hatch=hatch,
                        edgecolor="white" if hatch else None, label=label)
        axes.bar_label(bars, padding=1.5, fontsize=8)
    axes.set_xticks(positions, overview["session"])
    axes.set_ylim(0, overview[["speakers", "organizations", "figures"]].to_numpy().max() * 1.15)
    axes.set_axisbelow(True)
    axes.legend(loc="upper left")
    return chart


def speakers_by_session(sessions: tuple[str, ...] | None = None) -> pd.DataFrame:
    """A speakers x sessions matrix: one row per named speaker (in order of
    first appearance), one column per session, the cell holding the role
    ("moderator", "panellist"...) or "" where the person did not speak;
    plus name and organization (short name) columns."""
    sessions = meeting_sessions() if sessions is None else sessions
    speakers = named_speakers(sessions)
    order = {session: index for index, session in enumerate(sessions)}
    speakers = speakers.assign(order=speakers["session"].map(order)).sort_values(["order", "paragraph", "speaker"])
    people = list(dict.fromkeys(speakers["speaker"]))
    rows = []
    for person in people:
        mine = speakers[speakers["speaker"] == person]
        first = mine.iloc[0]
        row = {
            "speaker": person,
            "name": first["name"],
            "organization": short_name(first["organization"]),
        }
        for session in sessions:
            roles = mine.loc[mine["session"] == session, "role"]
            row[session] = ROLE_MARKS.get(roles.iloc[0], roles.iloc[0]) if len(roles) else ""
        rows.append(row)
    return pd.DataFrame(rows, columns=["speaker", "name", "organization", *sessions])


def speakers_table(matrix: pd.DataFrame, sessions: tuple[str, ...] | None = None) -> Markdown:
    """The speakers x sessions matrix as a Markdown table; organisations with
    an abbreviation link to the glossary."""
    sessions = meeting_sessions() if sessions is None else sessions
    abbreviations = set(load_table("organizations")["abbreviation"].dropna())
    lines = ["| Speaker | Organisation | " + " | ".join(sessions) + " |",
             "|---|---|" + "---|" * len(sessions)]
    for values in matrix.to_dict("records"):
        body = values["organization"]
        who = f"{{term}}`{body}`" if body in abbreviations else table_cell(body)
        cells = " | ".join(table_cell(values[session]) for session in sessions)
        lines.append(f"| {table_cell(values['name'])} | {who} | {cells} |")
    return Markdown("\n".join(lines))


def speakers_chart(matrix: pd.DataFrame, source: str, sessions: tuple[str, ...] | None = None):
    """A dot matrix of the speakers x sessions table: one row per speaker, one
    column per session, the marker's shape giving the role (with a key), so
    that the pattern - and who spoke twice - reads without colour."""
    sessions = meeting_sessions() if sessions is None else sessions
    styles = {
        "opening": ("D", style.PALETTE[5]),
        "moderator": ("s", style.PALETTE[1]),
        "panellist": ("o", style.PALETTE[0]),
        "presenter": ("^", style.PALETTE[2]),
        "respondent": ("v", style.PALETTE[3]),
        "discussant": ("P", style.PALETTE[4]),
        "closing": ("*", style.PALETTE[7]),
    }
    chart, axes = style.new_chart(
        "Who spoke in which session",
        "Session",
        "",
        source,
        size=(8, 10),
    )
    rows = list(range(len(matrix)))[::-1]
    used = []
    for row, values in zip(rows, matrix.to_dict("records")):
        for column, session in enumerate(sessions):
            role = values[session]
            if role:
                marker, colour = styles.get(role, ("X", style.PALETTE[6]))
                axes.plot(column, row, marker=marker, color=colour, markersize=9 if marker != "*" else 13,
                          linestyle="none", label=role if role not in used else None)
                if role not in used:
                    used.append(role)
    axes.set_yticks(rows, [f"{values['name']} ({values['organization']})" for values in matrix.to_dict("records")],
                    fontsize=8.5)
    axes.set_xticks(range(len(sessions)), sessions)
    axes.set_xlim(-0.6, len(sessions) - 0.4)
    axes.set_ylim(-0.8, len(matrix) - 0.2)
    axes.grid(axis="x", color="#eeeeee")
    axes.grid(axis="y", color="#f2f2f2")
    axes.set_axisbelow(True)
    axes.xaxis.set_ticks_position("top")
    axes.xaxis.set_label_position("top")
    axes.set_title(style.title_of(axes), pad=28)
    axes.legend(title="Role", loc="lower left", fontsize=8.5, title_fontsize=9, ncol=1)
    return chart


def overlap_chart(host_countries: int, origin_countries: int, countries_in_world: int, source: str):
    """The counting argument behind ``minimum_overlap`` as a picture: the
    world's countries as a line, host countries filled from the left,
    countries of origin from the right, and the stretch where they must
    overlap bracketed and labelled."""
    overlap = minimum_overlap(host_countries, origin_countries, countries_in_world)
    chart, axes = style.new_chart(
        "Host countries and countries of origin cannot all be different",
        "Countries or areas (count)",
        "",
        source,
        size=(9, 3.6),
    )
    axes.barh(2, countries_in_world, height=0.5, color="white", edgecolor="#444444", hatch="..")
    axes.barh(1, host_countries, height=0.5, color=style.PALETTE[0])
    axes.barh(0, origin_countries, left=countries_in_world - origin_countries, height=0.5,
              color=style.PALETTE[1], hatch="///", edgecolor="white")
    axes.text(countries_in_world / 2, 2, f"All countries or areas: {countries_in_world}", ha="center", va="center",
              fontsize=9, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    axes.text(4, 1, f"Host countries: {host_countries}", ha="left", va="center", fontsize=9, color="white")
    axes.text(countries_in_world - 4, 0, f"Countries of origin: {origin_countries}", ha="right", va="center",
              fontsize=9, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    if overlap:
        start = countries_in_world - origin_countries
        axes.fill_betweenx([-0.4, 1.4], start, host_countries, color="#444444", alpha=0.15, linewidth=0)
        axes.annotate(f"at least {overlap} in both", xy=(host_countries, 0.5), xytext=(host_countries + 12, 0.5),
                      va="center", fontsize=9, arrowprops={"arrowstyle": "-", "color": "#444444"})
    axes.set_yticks([])
    axes.set_ylim(-0.5, 2.5)
    axes.set_xlim(0, countries_in_world * 1.02)
    axes.grid(axis="y", visible=False)
    axes.grid(axis="x", color="#dddddd")
    axes.set_axisbelow(True)
    axes.spines["left"].set_visible(False)
    return chart


def figures_or_note(session: str) -> Markdown:
    """The session's figures table, or - when the session quotes no figure -
    a sentence saying so, worded from the sessions table."""
    from companion.book.pages import figures_table

    if figures_in(session):
        return figures_table(session)
    title = load_table("sessions").set_index("id").loc[session, "title"]
    return Markdown(f"The report quotes no figures in session {session} ({title.lower()}).")
