"""The report's parts and the meeting's sessions: the one list of them is
``data/sessions.csv`` (front matter, introduction and sessions I to IX, in
reading order, each with its heading as printed)."""

from __future__ import annotations

from companion.data.tables import load_table


def report_parts() -> tuple[tuple[str, str], ...]:
    """(id, heading as printed) of every part of the report, in reading order."""
    parts = load_table("sessions").sort_values("order")
    return tuple(zip(parts["id"], parts["heading_as_printed"]))


def meeting_sessions() -> tuple[str, ...]:
    """Ids of the meeting's sessions (kind "session"), in order: I to IX."""
    parts = load_table("sessions").sort_values("order")
    return tuple(parts.loc[parts["kind"] == "session", "id"])
