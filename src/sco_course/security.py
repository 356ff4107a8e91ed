"""Chapter 1 (security): who took part in the joint exercises, counted against membership on the day."""

from __future__ import annotations

import pandas as pd

from sco_course.membership import members_on


def exercise_participation(exercises: pd.DataFrame) -> pd.DataFrame:
    """Who took part in each exercise, split by SCO membership on the day it began.

    One row per exercise with participants: ``members`` and ``non_members``
    (lists of ISO codes), ``members_taking_part`` (the number of members
    only) and ``members_that_day``. A state that took part before it joined
    (Belarus in 2021) is counted as a non-member, never as a member.
    """
    rows = []
    for row in exercises.dropna(subset=["participants"]).itertuples(index=False):
        states = [code for code in str(row.participants).split(";") if code]
        members = set(members_on(row.start_date))
        rows.append({
            "name": row.name,
            "year": row.year,
            "members": [code for code in states if code in members],
            "non_members": [code for code in states if code not in members],
            "members_taking_part": sum(code in members for code in states),
            "members_that_day": len(members),
        })
    return pd.DataFrame(rows)
