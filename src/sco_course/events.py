"""The dated events table, one event at a time."""

from __future__ import annotations

import pandas as pd

from sco_course.data import load


def event(event_id: str) -> pd.Series:
    """The row of the ``events`` table with the id ``event_id``."""
    events = load("events")
    found = events[events["id"] == event_id]
    if found.empty:
        raise KeyError(f"no event has the id {event_id!r} in data/events.csv")
    return found.iloc[0]
