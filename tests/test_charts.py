"""Unit tests for chapter 2's figures in sco_course.charts: what each draws."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from sco_course import charts

YEARS = pd.Index(range(2001, 2006), name="year")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def rule_totals(*labels, scale=1e12):
    return {label: pd.DataFrame({"total": [(index + 1) * scale * year / 2000
                                           for year in YEARS]}, index=YEARS)
            for index, label in enumerate(labels)}


def legend_labels(axes) -> list[str]:
    return [text.get_text() for text in axes.get_legend().get_texts()]


def test_gdp_totals_chart_draws_a_line_per_rule_and_the_band():
    totals = rule_totals("Each year", "Six", "Eight")
    figure = charts.gdp_totals_chart(totals, 20e12, 0.10, marker=(2003, "2003: marker"),
                                     title="Combined GDP")
    assert isinstance(figure, Figure)
    axes, = figure.axes
    lines = [line for line in axes.get_lines() if line.get_label() in totals]
    assert [line.get_label() for line in lines] == list(totals)
    assert [line.get_linewidth() for line in lines] == [2, 1.3, 1.3]
    assert lines[1].get_ydata().tolist() == pytest.approx(
        (totals["Six"]["total"] / 1e12).tolist())
    assert legend_labels(axes) == ["within 10% of 20 trillion", *totals]
    band = [patch for patch in [*axes.patches, *axes.collections]
            if patch.get_label() == "within 10% of 20 trillion"]
    assert len(band) == 1
    y_min, y_max = band[0].get_path().get_extents(band[0].get_transform()).transformed(
        axes.transData.inverted()).intervaly
    assert (y_min, y_max) == pytest.approx((18, 22))
    assert [text.get_text() for text in axes.texts] == ["2003: marker"]
    assert axes.get_title(loc="left") == "Combined GDP"
    assert axes.get_ylabel() == "Combined GDP (trillion current US$)"


def test_trade_totals_chart_marks_the_multiples_on_a_log_scale():
    totals = rule_totals("Each year", "Six", scale=1e11)
    figure = charts.trade_totals_chart(totals, 7e11, 2001, "the six's trade in 2001",
                                       multiples=(10, 100))
    axes, = figure.axes
    assert axes.get_yscale() == "log"
    assert legend_labels(axes) == list(totals)
    levels = sorted(line.get_ydata()[0] for line in axes.get_lines()
                    if line.get_label() not in totals)
    assert levels == pytest.approx([7_000, 70_000])  # billion US$
    assert [text.get_text() for text in axes.texts] == [
        "10 times the six's trade in 2001", "100 times the six's trade in 2001"]


def test_share_chart_draws_one_line_from_0_to_100_with_the_event():
    shares = pd.Series([80.0, 75.0, 72.0], index=[2016, 2017, 2018])
    figure = charts.share_chart(shares, "Share (%)", event=(2017, "Two join"))
    axes, = figure.axes
    data_lines = [line for line in axes.get_lines() if len(line.get_xdata()) == 3]
    assert len(data_lines) == 1
    assert data_lines[0].get_ydata().tolist() == [80.0, 75.0, 72.0]
    assert axes.get_ylim() == (0, 100)
    assert [text.get_text() for text in axes.texts] == ["Two join"]
    assert axes.get_ylabel() == "Share (%)"


def test_recovery_chart_has_real_growth_left_and_current_dollars_right():
    years = [2019, 2020, 2021]
    recovery = pd.DataFrame({"weighted": [5.0, 0.6, 8.4],
                             "unweighted": [4.8, -1.4, 7.1]}, index=years)
    china = pd.Series([6.0, 2.2, 8.5, 3.0], index=[2019, 2020, 2021, 2022])
    nominal = pd.DataFrame({"members' GDP, change (%)": [2.8, 0.1, 20.9],
                            "World GDP, change (%)": [1.5, -2.6, 14.0]}, index=years)
    figure = charts.recovery_chart(recovery, china, nominal)
    left, right = figure.axes
    assert legend_labels(left) == ["members, GDP-weighted", "members, unweighted",
                                   "China"]
    assert legend_labels(right) == ["members", "World"]
    china_line = next(line for line in left.get_lines() if line.get_label() == "China")
    assert china_line.get_ydata().tolist() == [6.0, 2.2, 8.5]  # only the years shown
    world = next(line for line in right.get_lines() if line.get_label() == "World")
    assert world.get_ydata().tolist() == [1.5, -2.6, 14.0]
    for axes in (left, right):
        assert axes.get_xticks().tolist() == years
    assert "context only" in right.get_title(loc="left")


def test_fuel_shares_chart_draws_a_bar_per_state_and_fuel_sorted_by_size():
    shares = pd.DataFrame({"coal": [51.0, 5.7, None], "oil": [4.7, 12.7, None],
                           "gas": [5.2, 17.4, None]},
                          index=["China", "Russia", "Tajikistan"])
    figure = charts.fuel_shares_chart(shares, 2021)
    axes, = figure.axes
    bars = [patch for patch in axes.patches if isinstance(patch, Rectangle)]
    assert len(bars) == 3 * 3
    assert [label.get_text() for label in axes.get_yticklabels()] == [
        "Tajikistan", "Russia", "China"]  # from the bottom: largest total on top
    assert legend_labels(axes) == ["coal", "oil", "gas"]
    assert sorted(bar.get_width() for bar in bars)[:3] == [0, 0, 0]  # no figure: zero
    assert axes.get_title(loc="left") == (
        "Members' shares of world coal, oil and gas production, 2021")
    assert axes.get_xlabel() == "Share of world production in 2021 (%)"
