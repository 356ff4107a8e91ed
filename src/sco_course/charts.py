"""Charts the chapters share. Each returns a matplotlib Figure; the notebook
that shows it gives it a caption and alt text."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from sco_course.membership import STATUS_STYLE, members_on, statuses_by_year
from sco_course.register import VERDICT_STYLE


def show_figures_as_svg() -> None:
    """Show the calling notebook's matplotlib figures as SVG instead of PNG.

    Vector figures stay sharp when zoomed or printed, and the course's charts
    take about half the bytes of the PNGs. The creation date and random ids
    are left out, so that a rebuild writes identical files.
    """
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    plt.rcParams["svg.hashsalt"] = "sco-course"
    set_matplotlib_formats("svg", metadata={"Date": None})


def status_counts_by_year(years) -> pd.DataFrame:
    """How many states held each status at the end of each year.

    One row per year, one column per status (in the order of the map legend),
    computed from the ``membership`` table.
    """
    statuses = statuses_by_year(years)
    counts = pd.DataFrame(
        [pd.Series(list(by_state.values()), dtype="string").value_counts() for by_state in statuses.values()],
        index=pd.Index(list(statuses), name="year"),
    )
    order = [status for status in STATUS_STYLE if status != "none"]
    return counts.reindex(columns=order).fillna(0).astype(int)


def status_counts_chart(counts: pd.DataFrame, title: str = "") -> plt.Figure:
    """Stacked bars of the number of states with each SCO status per year."""
    figure, axes = plt.subplots(figsize=(8, 3.6), layout="constrained")
    bottom = pd.Series(0, index=counts.index)
    for status in counts.columns:
        label, colour = STATUS_STYLE[status]
        axes.bar(counts.index, counts[status], bottom=bottom, color=colour, edgecolor="#333",
                 linewidth=0.4, label=label)
        bottom = bottom + counts[status]
    axes.set_xlabel("Year (status at the end of the year)")
    axes.set_ylabel("Number of states")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(ncols=3, frameon=False, fontsize="small", loc="upper left")
    if title:
        axes.set_title(title, loc="left", fontsize="medium")
    return figure


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Number of claims per theme (rows) and verdict (columns, in VERDICT_STYLE order)."""
    counts = pd.crosstab(claims["theme"], claims["verdict"])
    present = [verdict for verdict in VERDICT_STYLE if verdict in counts.columns]
    return counts.reindex(columns=present, fill_value=0)


def verdict_chart(counts: pd.DataFrame, title: str = "") -> plt.Figure:
    """Horizontal stacked bars: the verdicts on the commentary's claims, by theme."""
    figure, axes = plt.subplots(figsize=(8, 0.6 * len(counts) + 1.6), layout="constrained")
    left = pd.Series(0, index=counts.index)
    for verdict in counts.columns:
        label, colour, _ = VERDICT_STYLE[verdict]
        axes.barh(counts.index, counts[verdict], left=left, color=colour, edgecolor="#333",
                  linewidth=0.4, label=label)
        left = left + counts[verdict]
    axes.invert_yaxis()
    axes.set_xlabel("Number of statements")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(ncols=3, frameon=False, fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.25))
    if title:
        axes.set_title(title, loc="left", fontsize="medium")
    return figure


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
