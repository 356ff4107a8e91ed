"""Charts the chapters share. Each returns a matplotlib Figure; the notebook
that shows it gives it a caption and alt text."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from sco_course.commentary import PUBLISHED
from sco_course.membership import STATUS_STYLE, statuses_by_year
from sco_course.register import VERDICT_STYLE
from sco_course.wording import join


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


# --- chapter 2: the economy ------------------------------------------------------

RULE_LINE_STYLES = ("-", "--", ":", "-.", (0, (1, 3)))
"""Line styles of the membership rules, in order; the first rule's line is thicker."""


def _rule_lines(axes, totals: dict[str, pd.DataFrame], unit: float) -> None:
    """One line per rule (label -> frame with a ``total`` column), in ``unit``."""
    for index, (label, frame) in enumerate(totals.items()):
        style = RULE_LINE_STYLES[index % len(RULE_LINE_STYLES)]
        axes.plot(frame.index, frame["total"] / unit, linestyle=style,
                  linewidth=2 if index == 0 else 1.3, label=label)


def _finish(axes, xlabel: str, ylabel: str, title: str) -> None:
    """Axis labels, a title on the left and no top or right frame."""
    axes.set_xlabel(xlabel)
    if ylabel:
        axes.set_ylabel(ylabel)
    if title:
        axes.set_title(title, loc="left", fontsize="medium")
    axes.spines[["top", "right"]].set_visible(False)


def gdp_totals_chart(totals: dict[str, pd.DataFrame], target: float, tolerance: float,
                     *, marker: tuple[int, str] | None = None,
                     title: str = "") -> plt.Figure:
    """The members' combined GDP (trillion US$) under each rule, one line per rule.

    ``totals`` maps a rule's label to its frame of totals (as from
    ``economy.members_total``). A band marks ``target`` plus or minus
    ``tolerance`` (a fraction); ``marker`` (year, text) draws a labelled
    vertical line.
    """
    figure, axes = plt.subplots(figsize=(8, 4.2), layout="constrained")
    axes.axhspan(target * (1 - tolerance) / 1e12, target * (1 + tolerance) / 1e12,
                 color="#009E73", alpha=0.15,
                 label=f"within {tolerance:.0%} of {target / 1e12:g} trillion")
    _rule_lines(axes, totals, 1e12)
    if marker:
        year, text = marker
        axes.axvline(year, color="#555", linewidth=0.8)
        axes.annotate(text, (year, 1), xytext=(year - 6.5, 1), fontsize="small",
                      color="#333")
    _finish(axes, "Year", "Combined GDP (trillion current US$)", title)
    axes.legend(frameon=False, fontsize="small", loc="upper left")
    return figure


def trade_totals_chart(totals: dict[str, pd.DataFrame], base_value: float,
                       base_year: int, base_label: str, *, multiples=(10, 100),
                       title: str = "") -> plt.Figure:
    """The members' trade (billion US$, log scale) under each rule, one line per rule.

    Horizontal lines mark each of ``multiples`` of ``base_value`` (the total
    in ``base_year``, described by ``base_label``), labelled at ``base_year``.
    """
    figure, axes = plt.subplots(figsize=(8, 4.2), layout="constrained")
    _rule_lines(axes, totals, 1e9)
    for multiple, colour in zip(multiples, ("#009E73", "#D55E00", "#CC79A7")):
        axes.axhline(base_value * multiple / 1e9, color=colour, linewidth=1)
        axes.annotate(f"{multiple} times {base_label}",
                      (base_year, base_value * multiple / 1e9 * 1.12),
                      fontsize="small", color=colour)
    axes.set_yscale("log")
    ticks = [500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]
    axes.set_yticks(ticks, [f"{tick:,}" for tick in ticks])
    axes.minorticks_off()
    _finish(axes, "Year", "Trade (billion current US$, log scale)", title)
    axes.legend(frameon=False, fontsize="small", loc="lower right")
    return figure


def share_chart(shares: pd.Series, ylabel: str, *,
                event: tuple[int, str] | None = None, title: str = "") -> plt.Figure:
    """A share (per cent, 0 to 100) by year as a line; ``event`` (year, text) draws
    a labelled vertical line."""
    figure, axes = plt.subplots(figsize=(8, 3.4), layout="constrained")
    axes.plot(shares.index, shares.values, color="#D55E00", linewidth=2)
    if event:
        year, text = event
        axes.axvline(year, color="#555", linewidth=0.8)
        axes.annotate(text, (year, 40), xytext=(year + 0.3, 40), fontsize="small",
                      color="#333")
    axes.set_ylim(0, 100)
    _finish(axes, "Year", ylabel, title)
    return figure


def recovery_chart(recovery: pd.DataFrame, china: pd.Series,
                   nominal: pd.DataFrame) -> plt.Figure:
    """Two panels by year: real growth (the members' two averages and China's) on
    the left, the change in current-US$ GDP of the members and the World on the
    right.

    ``recovery`` has ``weighted`` and ``unweighted`` columns (as from
    ``economy.members_growth``), ``china`` is China's real growth, ``nominal``
    a frame as from ``economy.nominal_change``.
    """
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.8), layout="constrained")
    years = list(recovery.index)
    left.plot(years, recovery["weighted"], marker="o", label="members, GDP-weighted")
    left.plot(years, recovery["unweighted"], marker="s", linestyle="--",
              label="members, unweighted")
    left.plot(years, china.loc[years], marker="^", linestyle=":", color="#D55E00",
              label="China")
    right.plot(years, nominal.loc[years, "members' GDP, change (%)"], marker="o",
               label="members")
    right.plot(years, nominal.loc[years, "World GDP, change (%)"], marker="s",
               linestyle="--", color="#555", label="World")
    _finish(left, "Year", "Real GDP growth (% on previous year)",
            "Real GDP growth (IMF)")
    _finish(right, "Year", "Change in current-US$ GDP (%)",
            "GDP in current US$ (World Bank): context only")
    for axes in (left, right):
        axes.axhline(0, color="#555", linewidth=0.8)
        axes.legend(frameon=False, fontsize="small", loc="upper center",
                    bbox_to_anchor=(0.5, -0.18), ncols=2)
        axes.set_xticks(years)
    return figure


def fuel_shares_chart(shares: pd.DataFrame, year: int) -> plt.Figure:
    """Grouped horizontal bars: each state's share (per cent) of world production
    of each fuel in ``year``, states sorted by the sum of their shares.

    ``shares`` has one row per state (labelled as the bars should be) and one
    column per fuel; a missing share is drawn as zero.
    """
    shares = shares.fillna(0)
    shares = shares.loc[shares.sum(axis=1).sort_values().index]
    figure, axes = plt.subplots(figsize=(8, 3.8), layout="constrained")
    bar_height = 0.27
    centre = (len(shares.columns) - 1) / 2
    colours = ("#555555", "#0072B2", "#E69F00", "#009E73", "#CC79A7")
    for index, (fuel, colour) in enumerate(zip(shares.columns, colours)):
        offset = (index - centre) * bar_height
        positions = [position + offset for position in range(len(shares))]
        axes.barh(positions, shares[fuel], height=bar_height, color=colour, label=fuel)
    axes.set_yticks(range(len(shares)), shares.index)
    fuels = join(shares.columns)
    _finish(axes, f"Share of world production in {year} (%)", "",
            f"Members' shares of world {fuels} production, {year}")
    axes.legend(frameon=False, fontsize="small", loc="lower right")
    return figure
