"""The claims register: complete across themes, and its numbers agree with the data."""

from __future__ import annotations

from helpers import PROJECT_ROOT
from sco_course.data import load, members_on


def test_register_covers_every_theme_with_at_least_fifteen_statements():
    claims = load("claims")
    assert len(claims) >= 15
    assert set(claims["theme"]) == {"security", "economy", "connectivity", "framing"}


def test_opinions_are_labelled_not_fact_checked():
    claims = load("claims")
    assert (claims.loc[claims["claim_type"] == "opinion", "verdict"] == "opinion").all()


def test_every_claim_points_to_a_page_of_the_book():
    for page in load("claims")["tested_in"]:
        assert (PROJECT_ROOT / page).is_file(), page


def members_sum(indicator: str, year: int, states: list[str]) -> float:
    table = load("indicators")
    rows = table[(table["indicator"] == indicator) & (table["year"] == year) & table["state"].isin(states)]
    assert len(rows) == len(states), f"{indicator} {year}: data missing for some of {states}"
    return rows["value"].sum()


def evidence(claim_id: str) -> str:
    claims = load("claims").set_index("id")
    return claims.loc[claim_id, "evidence"]


def test_gdp_figures_in_the_20_trillion_verdict_match_the_data():
    text = evidence("c22")
    for year in (2019, 2020, 2021):
        total = members_sum("gdp_current_usd", year, members_on(f"{year}-12-31"))
        assert f"{total / 1e12:.1f}" in text, (year, total)


def test_trade_growth_in_the_100_times_verdict_matches_the_data():
    text = evidence("c23")
    eight = members_on("2020-12-31")
    each_year = members_sum("trade_current_usd", 2020, eight) / members_sum("trade_current_usd", 2001, members_on("2001-12-31"))
    same_states = members_sum("trade_current_usd", 2020, eight) / members_sum("trade_current_usd", 2001, eight)
    assert f"{each_year:.1f} times" in text and f"{same_states:.1f} times" in text, (each_year, same_states)
