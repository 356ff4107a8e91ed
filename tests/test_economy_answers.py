"""Unit tests for sco_course.economy_answers: what chapter 2's explorers and tables say.

Expected numbers are read straight from the ``indicators`` table, not through
``sco_course.economy``.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sco_course import economy, economy_answers as answers
from sco_course.data import load
from sco_course.energy import fuel_series

TARGET, TOLERANCE = 20e12, 0.10


@pytest.fixture(scope="module")
def raw():
    """The sum of an indicator over some states in a year, straight from the table."""
    table = load("indicators").set_index(["indicator", "state", "year"])["value"]

    def total(indicator, states, year):
        states = [states] if isinstance(states, str) else states
        values = [table.get((indicator, state, year), math.nan) for state in states]
        return sum(float(value) for value in values if not math.isnan(value))
    return total


@pytest.fixture(scope="module")
def series():
    indicators = load("indicators")
    return lambda name: economy.series(indicators, name)


def rows(table: pd.DataFrame) -> dict:
    """A two-column table as a dict from the first column to the second."""
    return dict(zip(table.iloc[:, 0], table.iloc[:, 1]))


def test_rules_table_names_the_states_each_rule_counts():
    table = answers.rules_table(economy.MEMBERSHIPS, 2021)
    assert list(table.index) == [rule.label for rule in economy.MEMBERSHIPS]
    assert list(table.columns) == ["states counted (in 2021 for the first rule)"]
    counted = table.iloc[:, 0]
    assert "India" in counted[economy.EACH_YEAR.label].split(", ")
    assert "India" not in counted[economy.FOUNDING_SIX.label]
    assert len(counted[economy.TEN.label].split(", ")) == 10


def test_closeness_and_the_table_of_close_years():
    assert answers.closeness(TARGET, TOLERANCE) == "within 10% of US$ 20 trillion"
    assert answers.closeness(19.5e12, 0.05) == "within 5% of US$ 19.5 trillion"
    table = answers.years_close_table({"A": [2019, 2020], "B": []}, TARGET, TOLERANCE)
    assert table.index.name == "membership rule"
    assert table["years within 10% of US$ 20 trillion"].to_dict() == {
        "A": "2019, 2020", "B": ""}


def test_gdp_answer_in_2019_against_the_table(raw, series):
    gdp, population = series("gdp_current_usd"), series("population")
    members = economy.EACH_YEAR.states(2019)
    summary, table = answers.gdp_answer(gdp, population, economy.EACH_YEAR, 2019,
                                        TARGET, TOLERANCE)
    total = raw("gdp_current_usd", members, 2019)
    assert summary == (f"2019, Members at the end of each year: combined GDP "
                       f"US$ {total / 1e12:.1f} trillion (8 states).")
    shown = rows(table)
    assert shown["Within 10% of US$ 20 trillion?"] == "yes"
    world = raw("gdp_current_usd", "WLD", 2019)
    assert shown["Share of world GDP"] == f"{total / world * 100:.1f}%"
    china = raw("gdp_current_usd", "CHN", 2019) / total * 100
    assert shown["China's share of the members' GDP"] == f"{china:.1f}%"
    assert len(shown["States counted"].split(", ")) == 8
    six = answers.gdp_answer(gdp, population, economy.FOUNDING_SIX, 2019,
                             TARGET, TOLERANCE)
    assert rows(six[1])["Within 10% of US$ 20 trillion?"] == "no"
    assert six[0].endswith("(6 states).")


def test_totals_with_coverage_writes_each_total_with_its_states():
    totals = {"rule": pd.DataFrame({"total": [733e9, 7.0e12], "with_data": [6, 7],
                                    "members": [6, 8]},
                                   index=pd.Index([2001, 2020], name="year"))}
    table = answers.totals_with_coverage(totals)
    assert table.index.name == "year"
    assert table["rule"].tolist() == ["733 (6 of 6 states)", "7,000 (7 of 8 states)"]


def test_trade_answer_names_the_factor_and_the_states_without_data():
    totals = pd.DataFrame({"members": [6, 8], "with_data": [6, 7],
                           "missing": ["", "KAZ"], "total": [1e12, 2.5e12]},
                          index=[2001, 2020])
    summary, table = answers.trade_answer(totals, "Some rule", 2001, 2020)
    assert summary == ("From 2001 to 2020 the members' trade grew 2.5 times. "
                       "Membership: Some rule. Incomplete: some states have no data.")
    assert table["no data for"].tolist() == ["-", "Kazakhstan"]
    assert table["trade (current US$)"].tolist() == ["US$ 1.0 trillion",
                                                     "US$ 2.5 trillion"]
    complete, _ = answers.trade_answer(totals.assign(missing=""), "Some rule",
                                       2001, 2020)
    assert "Incomplete" not in complete


def test_growth_answer_in_2020_against_the_table(raw, series):
    growth, gdp = series("real_gdp_growth_pct"), series("gdp_current_usd")
    members = economy.EACH_YEAR.states(2020)
    summary, table = answers.growth_answer(growth, gdp, economy.EACH_YEAR, 2020)
    rates = {state: raw("real_gdp_growth_pct", state, 2020) for state in members}
    weights = {state: raw("gdp_current_usd", state, 2019) for state in members}
    weighted = sum(rates[s] * weights[s] for s in members) / sum(weights.values())
    unweighted = sum(rates.values()) / len(members)
    assert summary == (f"2020, Members at the end of each year: GDP-weighted growth "
                       f"{weighted:.1f}%, unweighted {unweighted:.1f}% "
                       f"(8 of 8 members with data).")
    assert len(table) == 8
    weights_shown = table["weight (share of members' GDP in 2019)"]
    weights_sum = weights_shown.str.rstrip("%").astype(float).sum()
    assert weights_sum == pytest.approx(100, abs=0.05)


def test_energy_answer_in_2021_against_the_table(raw, series):
    production = {fuel: series(f"{fuel}_production_twh")
                  for fuel in ("coal", "oil", "gas")}
    members = economy.EACH_YEAR.states(2021)
    summary, table = answers.energy_answer(fuel_series(production, "coal"),
                                           series("population"), economy.EACH_YEAR,
                                           2021, "coal")
    share = (raw("coal_production_twh", members, 2021)
             / raw("coal_production_twh", "WLD", 2021) * 100)
    assert summary == (f"In 2021 the 8 members produced {share:.1f}% of the world's "
                       "coal; the largest producer among them was China.")
    kyrgyzstan = table.set_index("member").loc["Kyrgyzstan"]
    assert kyrgyzstan.tolist() == ["no data", "no data", "no data"]
    russia = table.set_index("member").loc["Russia"]
    coal = raw("coal_production_twh", "RUS", 2021)
    assert russia["production (TWh)"] == f"{coal:,.0f}"
    per_person = coal * 1e6 / raw("population", "RUS", 2021)
    assert russia["MWh per person"] == f"{per_person:,.1f}"
