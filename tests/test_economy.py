"""Chapter 2's computations (sco_course.economy): totals, growth factors, shares, weights."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sco_course import economy
from sco_course.data import load
from sco_course.membership import state_names


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


# --- shares, growth factors and changes in current dollars ----------------------

@pytest.fixture(scope="module")
def raw():
    """The sum of one indicator's values for some states in a year, read straight
    from the table (states without a value add nothing)."""
    table = load("indicators").set_index(["indicator", "state", "year"])["value"]

    def total(indicator, states, year):
        states = [states] if isinstance(states, str) else states
        return sum(float(table.get((indicator, state, year), 0.0)) for state in states)
    return total


@pytest.fixture(scope="module")
def gdp():
    return economy.series(load("indicators"), "gdp_current_usd")


@pytest.fixture(scope="module")
def population():
    return economy.series(load("indicators"), "population")


def test_world_share_of_one_state_and_of_several(wide):
    wide = wide.assign(WLD=[100.0, 200.0])
    assert economy.world_share(wide, 2016, "CHN") == pytest.approx(10.0)
    assert economy.world_share(wide, 2017, ["CHN", "IND"]) == pytest.approx(13.0)
    assert economy.world_share(wide, 2017, ["KAZ"]) == 0.0  # no value adds nothing
    assert economy.world_share(wide, 2016, ["CHN", "XXX"]) == pytest.approx(10.0)


def test_members_world_share_follows_the_members_of_each_year(raw, gdp):
    share = economy.members_world_share(gdp, economy.EACH_YEAR, [2016, 2017])
    for year in (2016, 2017):
        members = economy.EACH_YEAR.states(year)
        world = raw("gdp_current_usd", "WLD", year)
        expected = raw("gdp_current_usd", members, year) / world
        assert share[year] == pytest.approx(expected * 100)
    assert share[2017] > share[2016]  # India and Pakistan joined in 2017


def test_member_share_is_a_state_s_part_of_the_members_total(wide):
    share = economy.member_share(wide, "CHN", economy.EACH_YEAR, [2016, 2017])
    assert share.to_dict() == pytest.approx({2016: 10 / 11 * 100, 2017: 20 / 26 * 100})


def test_percent_change_and_years_close():
    assert economy.percent_change(100.0, 110.0) == pytest.approx(10.0)
    assert economy.percent_change(200.0, 100.0) == pytest.approx(-50.0)
    totals = {"A": pd.DataFrame({"total": [17.0, 18.5, 21.9, 22.5]},
                                index=[2018, 2019, 2020, 2021]),
              "B": pd.DataFrame({"total": [float("nan"), 30.0]}, index=[2018, 2019])}
    assert economy.years_close(totals, 20.0, 0.10) == {"A": [2019, 2020], "B": []}


def test_world_weight_in_2021_against_the_table(raw, gdp, population):
    members = economy.EACH_YEAR.states(2021)
    weight = economy.world_weight(gdp, population, members, 2021)
    member_gdp = {state: raw("gdp_current_usd", state, 2021) for state in members}
    total, world = sum(member_gdp.values()), raw("gdp_current_usd", "WLD", 2021)
    people = raw("population", members, 2021)
    world_people = raw("population", "WLD", 2021)
    assert weight["gdp"] == pytest.approx(total)
    assert weight["gdp_share"] == pytest.approx(total / world * 100)
    assert weight["population_share"] == pytest.approx(people / world_people * 100)
    assert weight["china_share"] == pytest.approx(member_gdp["CHN"] / total * 100)
    assert weight["hhi"] == pytest.approx(sum((value / total * 100) ** 2
                                              for value in member_gdp.values()))
    assert weight["hhi_if_equal"] == 1250
    ratio = weight["world_to_members_gdp_per_person"]
    assert ratio == pytest.approx((world / world_people) / (total / people))
    assert ratio > 1  # the members' GDP per person is below the world's


def test_world_weight_gdp_is_the_total_members_total_gives(gdp, population):
    years = [2001, 2016, 2017, 2021, 2023]
    for rule in economy.MEMBERSHIPS:
        totals = economy.members_total(gdp, rule, years)["total"]
        for year in years:
            weight = economy.world_weight(gdp, population, rule.states(year), year)
            assert weight["gdp"] == pytest.approx(totals[year], rel=1e-12)


@pytest.fixture
def totals():
    return {
        "rule A": pd.DataFrame({"total": [1.0, 2.0, 10.0]}, index=[2001, 2002, 2003]),
        "rule B": pd.DataFrame({"total": [2.0, 3.0, 4.0]}, index=[2001, 2002, 2003]),
    }


def test_growth_factors_from_one_base_to_several_ends(totals):
    factors = economy.growth_factors(totals, 2001, (2002, 2003))
    assert list(factors.index) == ["rule A", "rule B"]
    assert list(factors.columns) == ["2001 to 2002", "2001 to 2003"]
    assert factors.loc["rule A", "2001 to 2003"] == 10.0
    assert factors.loc["rule B", "2001 to 2002"] == 1.5


def test_every_growth_factor_covers_each_rule_base_and_later_end(totals):
    every = economy.every_growth_factor(totals)
    assert len(every) == 2 * 3  # three pairs of years for each of two rules
    assert (every["base"] < every["end"]).all()
    largest = every.loc[every["factor"].idxmax()]
    assert (largest["rule"], largest["base"], largest["end"], largest["factor"]) == (
        "rule A", 2001, 2003, 10.0)
    row = every[(every["rule"] == "rule A") & (every["base"] == 2002)].iloc[0]
    assert row["factor"] == 5.0


def test_trade_grew_about_ten_fold_never_a_hundred(raw):
    trade = economy.series(load("indicators"), "trade_current_usd")
    rules = (economy.EACH_YEAR, economy.FOUNDING_SIX, economy.EIGHT)
    totals = {rule.label: economy.members_total(trade, rule, range(2001, 2024))
              for rule in rules}
    assert 10 < economy.every_growth_factor(totals)["factor"].max() < 20
    expected = (raw("trade_current_usd", economy.EACH_YEAR.states(2020), 2020)
                / raw("trade_current_usd", economy.FOUNDING_SIX.states(2001), 2001))
    factors = economy.growth_factors(totals, 2001, [2020])
    factor = factors.loc[economy.EACH_YEAR.label, "2001 to 2020"]
    assert factor == pytest.approx(expected)


def test_nominal_change_against_the_table(raw, gdp):
    nominal = economy.nominal_change(gdp, economy.EACH_YEAR, [2021, 2023])
    members = economy.EACH_YEAR.states(2021)
    now, before = (raw("gdp_current_usd", members, year) for year in (2021, 2020))
    world_now, world_before = (raw("gdp_current_usd", "WLD", year)
                               for year in (2021, 2020))
    expected = [8, (now / before - 1) * 100, (world_now / world_before - 1) * 100,
                before / world_before * 100,
                (now - before) / (world_now - world_before) * 100]
    assert list(nominal.columns) == [
        "members", "members' GDP, change (%)", "World GDP, change (%)",
        "members' share of world GDP a year before (%)",
        "members' share of the world's change (%)"]
    assert nominal.loc[2021].tolist() == pytest.approx(expected)
    assert nominal.loc[2023, "members"] == 9  # Iran, counted in 2022 and 2023 alike
