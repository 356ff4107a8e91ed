"""Unit tests for sco_course.economy: totals, growth factors, shares, the explorer."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import traitlets

from sco_course import economy
from sco_course.membership import state_names
from sco_course.widgets import Answer, Control, Explorer
from sco_course.data import load


@pytest.fixture(scope="module")
def membership():
    return load("membership")


@pytest.fixture
def wide():
    return pd.DataFrame(
        {"CHN": [10.0, 20.0], "KAZ": [1.0, None], "IND": [5.0, 6.0]},
        index=pd.Index([2016, 2017], name="year"),
    )


def test_membership_rules_follow_the_membership_table(membership):
    assert len(economy.EACH_YEAR.states(2016)) == 6
    assert len(economy.EACH_YEAR.states(2017)) == 8
    assert len(economy.EACH_YEAR.states(2023)) == 9
    assert len(economy.EACH_YEAR.states(2024)) == 10
    assert economy.FOUNDING_SIX.states(2023) == ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert economy.EIGHT.states(2001) == economy.EACH_YEAR.states(2017)


def test_members_total_adds_the_states_a_rule_counts_and_reports_gaps(wide):
    six_then_eight = economy.members_total(wide, economy.EACH_YEAR, [2016, 2017])
    assert six_then_eight.loc[2016, "members"] == 6
    assert six_then_eight.loc[2016, "with_data"] == 2
    assert six_then_eight.loc[2016, "total"] == 11.0
    assert six_then_eight.loc[2017, "total"] == 26.0
    assert "KAZ" in six_then_eight.loc[2017, "missing"].split(", ")
    assert "IND" not in six_then_eight.loc[2016, "missing"]


def test_members_total_of_a_year_with_no_data_is_missing(membership):
    empty = pd.DataFrame({"CHN": [None]}, index=[2020], dtype=float)
    assert math.isnan(economy.members_total(empty, economy.EACH_YEAR, [2020]).loc[2020, "total"])


def test_members_total_matches_the_data_for_2021(membership):
    indicators = load("indicators")
    gdp = economy.series(indicators, "gdp_current_usd")
    total = economy.members_total(gdp, economy.EACH_YEAR, [2021]).loc[2021, "total"]
    rows = indicators[(indicators["indicator"] == "gdp_current_usd") & (indicators["year"] == 2021)
                      & indicators["state"].isin(economy.EACH_YEAR.states(2021))]
    assert total == pytest.approx(rows["value"].sum())


def test_series_names_the_known_indicators_when_asked_for_an_unknown_one():
    with pytest.raises(KeyError, match="gdp_current_usd"):
        economy.series(load("indicators"), "gdp_in_yuan")


def test_growth_factor():
    totals = pd.Series({2001: 2.0, 2021: 25.0})
    assert economy.growth_factor(totals, 2001, 2021) == 12.5
    with pytest.raises(KeyError):
        economy.growth_factor(totals, 2000, 2021)
    with pytest.raises(ValueError):
        economy.growth_factor(pd.Series({2001: 0.0, 2021: 1.0}), 2001, 2021)


def test_shares_and_hhi():
    values = pd.Series({"A": 3.0, "B": 1.0, "C": None})
    assert economy.shares(values).to_dict() == {"A": 75.0, "B": 25.0}
    assert economy.hhi(values) == pytest.approx(75 ** 2 + 25 ** 2)
    assert economy.hhi(pd.Series([1.0] * 4)) == pytest.approx(2500)
    assert economy.hhi(pd.Series([5.0])) == pytest.approx(10_000)
    with pytest.raises(ValueError):
        economy.shares(pd.Series([None], dtype=float))


def test_weighted_mean_skips_states_without_a_value():
    values = pd.Series({"A": 10.0, "B": 0.0, "C": None})
    weights = pd.Series({"A": 1.0, "B": 3.0, "C": 100.0})
    assert economy.weighted_mean(values, weights) == pytest.approx(2.5)
    with pytest.raises(ValueError):
        economy.weighted_mean(pd.Series({"A": None}, dtype=float), pd.Series({"A": 1.0}))


def test_members_growth_weights_by_previous_year_gdp(membership):
    states = economy.FOUNDING_SIX.states(2020)
    growth = pd.DataFrame({state: [1.0] for state in states}, index=[2020])
    growth["CHN"] = 10.0
    gdp = pd.DataFrame({state: [1.0] for state in states}, index=[2019])
    gdp["CHN"] = 5.0
    result = economy.members_growth(growth, gdp, economy.FOUNDING_SIX, [2020]).loc[2020]
    assert result["weighted"] == pytest.approx((10 * 5 + 5 * 1) / 10)
    assert result["unweighted"] == pytest.approx((10 + 5) / 6)
    assert result["with_data"] == 6


def test_within_and_formatting():
    assert economy.within(19.4e12, 20e12, 0.1)
    assert not economy.within(23.5e12, 20e12, 0.1)
    assert economy.usd(19.39e12) == "US$ 19.4 trillion"
    assert economy.usd(733.2e9) == "US$ 733 billion"
    assert economy.usd(float("nan")) == "no data"
    assert economy.times(12.66) == "12.7 times"
    assert economy.percent(24.06) == "24.1%"


def test_state_names_cover_members_and_the_world():
    names = state_names()
    assert names["CHN"] == "China"
    assert names["WLD"] == "World"


def test_controls_reject_bad_definitions():
    with pytest.raises(ValueError):
        Control("Year", ())
    with pytest.raises(ValueError):
        Control("Year", ("2001",), kind="knob")
    with pytest.raises(ValueError):
        Control("Year", ("2001|2002",))
    with pytest.raises(ValueError):
        Control("Year", ("2001",), initial="1999")


def test_explorer_precomputes_every_answer_and_skips_none():
    def answer(base, end):
        if base >= end:
            return None
        return Answer(f"{base}-{end}", pd.DataFrame({"x": [1.5, None]}))

    explorer = Explorer.build(
        [Control("Base", ("1", "2", "3"), "slider"), Control("End", ("1", "2", "3"), initial="3")],
        answer, caption="test", empty_text="nothing",
    )
    assert sorted(explorer.answers) == ["1|2", "1|3", "2|3"]
    assert explorer.selection == ["1", "3"]
    assert explorer.current() == {"summary": "1-3", "columns": ["x"], "rows": [["1.5"], [""]]}
    assert explorer.controls[0] == {"label": "Base", "kind": "slider", "options": ["1", "2", "3"]}
    explorer.selection = ["3", "1"]
    assert explorer.current() is None
    with pytest.raises(traitlets.TraitError):
        explorer.selection = ["4", "1"]
    with pytest.raises(traitlets.TraitError):
        explorer.selection = ["1"]


def test_explorer_needs_a_control():
    with pytest.raises(ValueError):
        Explorer.build([], lambda: Answer("x"))
