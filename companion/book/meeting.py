"""Who took the floor in the tour-de-table, and the figures note of a session.

The report names only one person in session VIII; every other paragraph
opens with "the representative of" an organisation. ``data/tour_de_table.csv``
records, for each of the session's paragraphs, the organisation that took the
floor and the words by which the report names it (its ``quote``, checked
against the text by ``companion.data.provenance`` like every quoted table);
the organisation's type comes from ``data/organizations.csv``.

(The speaker counts, calendars and return-figure arithmetic that the pages
of sessions VIII and IX once drew from here were replaced by lessons on
migration data that compute on ``data/`` in the notebooks themselves.)
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from companion.book.pages import glossary_term
from companion.data.figures import figures_in
from companion.data.tables import load_table


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


def short_name(organization: str) -> str:
    """An organisation's label for charts and tables: its abbreviation, else
    its ``short_name`` in organizations.csv, else its full name."""
    row = load_table("organizations").set_index("id").loc[organization]
    for label in (row["abbreviation"], row["short_name"]):
        if isinstance(label, str) and label:
            return label
    return row["name"]


def figures_or_note(session: str) -> Markdown:
    """The session's figures table, or - when the session quotes no figure -
    a sentence saying so, worded from the sessions table."""
    from companion.book.pages import figures_table

    if figures_in(session):
        return figures_table(session)
    title = load_table("sessions").set_index("id").loc[session, "title"]
    return Markdown(f"The report quotes no figures in session {session} ({title.lower()}).")
