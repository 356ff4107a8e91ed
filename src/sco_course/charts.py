"""Charts the chapters share. Each returns a matplotlib Figure; the notebook
that shows it gives it a caption and alt text."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from sco_course.maps import STATUS_STYLE, statuses_by_year


def status_counts_by_year(membership: pd.DataFrame, years) -> pd.DataFrame:
    """How many states held each status at the end of each year.

    One row per year, one column per status (in the order of the map legend),
    computed from the ``membership`` table.
    """
    statuses = statuses_by_year(membership, years)
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
