"""Charts the chapters share. Each returns a matplotlib Figure; the notebook
that shows it gives it a caption and alt text."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from sco_course.commentary import PUBLISHED
from sco_course.membership import STATUS_STYLE, statuses_by_year
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


def milestone_chart(milestones: pd.DataFrame, *, marker_date=PUBLISHED, marker_label="Commentary",
                    targets: list[tuple[pd.Timestamp, str]] = (), since=None, title: str = ""):
    """Dated milestones as a dot chart, one row each, with a vertical line at ``marker_date``.

    ``milestones`` needs ``date``, ``title`` and ``certainty``; ``targets`` are
    announced future dates, drawn as hollow diamonds. Milestones before
    ``since`` are drawn at its edge as a left arrow, their year in the label.
    """
    rows = milestones.sort_values("date")
    start = rows["date"].min() if since is None else pd.Timestamp(since)
    labels = [title_ if date >= start else f"{title_} ({date.year}, off scale)"
              for title_, date in zip(rows["title"], rows["date"])] + [label for _, label in targets]
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(labels) + 1.4))
    positions = list(range(len(labels)))[::-1]
    for y, date, certainty in zip(positions, rows["date"], rows["certainty"]):
        color = "#0072B2" if date < pd.Timestamp(marker_date) else "#D55E00"
        ax.plot(max(date, start), y, "<" if date < start else "o", color=color, markersize=7,
                markerfacecolor="white" if certainty != "confirmed" else color)
    for y, (date, _) in zip(positions[len(rows):], targets):
        ax.plot(date, y, "D", color="#555555", markerfacecolor="white", markersize=7)
    ax.axvline(pd.Timestamp(marker_date), color="#444", linestyle="--", linewidth=1)
    ax.text(pd.Timestamp(marker_date), len(labels) - 0.4, f" {marker_label}", fontsize=9, va="bottom")
    ax.set_yticks(positions, labels, fontsize=8.5)
    ax.set_ylim(-0.8, len(labels) + 0.3)
    ax.set_xlabel("Date (year)")
    ax.set_ylabel("Milestone")
    ax.grid(axis="x", color="#ddd")
    last = max([*rows["date"], *(date for date, _ in targets)])
    ax.set_xlim(start - pd.Timedelta(days=120), last + pd.Timedelta(days=120))
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
