"""Chapter 2's explorers and timeline, operated in Chromium on the built book.

Each test moves a control with the keyboard or the mouse, checks that the
answer shown changes, and compares it with a value computed here from the
data tables (independently of ``sco_course.economy``).
"""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import expect

from sco_course.data import load
from sco_course.membership import members_on

CHAPTER = "chapters/2-economy/"
FOUNDING_SIX = "Founding six (members on 15 June 2001)"


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return load("indicators")


def value(indicators, indicator, state, year) -> float:
    rows = indicators[(indicators["indicator"] == indicator) & (indicators["state"] == state)
                      & (indicators["year"] == year)]
    return float(rows["value"].iloc[0]) if len(rows) else float("nan")


def members_sum(indicators, indicator, year, states) -> float:
    return sum(value(indicators, indicator, state, year) for state in states)


def end_of_year(year) -> list[str]:
    return members_on(f"{year}-12-31")


def open_page(watched_page, book_url, name):
    page, problems = watched_page
    page.goto(book_url + CHAPTER + name)
    expect(page.locator(".sco-ex").first).to_be_visible(timeout=20_000)
    return page, problems


def press(locator, key, times=1):
    locator.focus()
    for _ in range(times):
        locator.press(key)


def test_gdp_explorer_answers_change_with_year_and_membership(watched_page, book_url, indicators, artifacts):
    page, problems = open_page(watched_page, book_url, "how-big.html")
    explorer = page.locator(".sco-ex").first
    summary = explorer.locator(".sco-ex-summary")
    total_2021 = members_sum(indicators, "gdp_current_usd", 2021, end_of_year(2021))
    expect(summary).to_contain_text(f"2021, Members at the end of each year: combined GDP US$ {total_2021 / 1e12:.1f} trillion")

    press(explorer.get_by_label("Year"), "ArrowLeft", 2)
    total_2019 = members_sum(indicators, "gdp_current_usd", 2019, end_of_year(2019))
    expect(explorer.locator("output")).to_have_text("2019")
    expect(summary).to_contain_text(f"combined GDP US$ {total_2019 / 1e12:.1f} trillion (8 states)")
    expect(explorer.locator("tr", has_text="Within 10% of US$ 20 trillion?")).to_contain_text("yes")
    world_share = total_2019 / value(indicators, "gdp_current_usd", "WLD", 2019) * 100
    expect(explorer.locator("tr", has_text="Share of world GDP")).to_contain_text(f"{world_share:.1f}%")

    explorer.get_by_label("Membership").select_option(FOUNDING_SIX)
    six_2019 = members_sum(indicators, "gdp_current_usd", 2019, members_on("2001-06-15"))
    expect(summary).to_contain_text(f"combined GDP US$ {six_2019 / 1e12:.1f} trillion (6 states)")
    expect(explorer.locator("tr", has_text="Within 10% of US$ 20 trillion?")).to_contain_text("no")
    explorer.screenshot(path=artifacts / "ch2-gdp-explorer.png")
    problems.assert_clean()


def test_trade_explorer_growth_factor_follows_base_end_and_membership(watched_page, book_url, indicators, artifacts):
    page, problems = open_page(watched_page, book_url, "a-hundred-times.html")
    explorer = page.locator(".sco-ex").first
    summary = explorer.locator(".sco-ex-summary")

    def factor(base, end, base_states, end_states):
        return (members_sum(indicators, "trade_current_usd", end, end_states)
                / members_sum(indicators, "trade_current_usd", base, base_states))

    each = factor(2001, 2021, end_of_year(2001), end_of_year(2021))
    expect(summary).to_have_text(
        f"From 2001 to 2021 the members' trade grew {each:.1f} times. Membership: Members at the end of each year.")

    press(explorer.get_by_label("End year"), "ArrowLeft")
    each_2020 = factor(2001, 2020, end_of_year(2001), end_of_year(2020))
    expect(summary).to_contain_text(f"From 2001 to 2020 the members' trade grew {each_2020:.1f} times")

    explorer.get_by_label("Membership").select_option(FOUNDING_SIX)
    six = members_on("2001-06-15")
    expect(summary).to_have_text(f"From 2001 to 2020 the members' trade grew {factor(2001, 2020, six, six):.1f} times. "
                                 f"Membership: {FOUNDING_SIX}.")
    assert "100.0 times" not in summary.inner_text()

    end = explorer.get_by_label("End year")
    end.focus()
    end.press("Home")
    expect(explorer.locator(".sco-ex-empty")).to_have_text("Choose an end year after the base year.")
    explorer.screenshot(path=artifacts / "ch2-trade-explorer.png")
    problems.assert_clean()


def test_economy_timeline_shows_every_economy_event(watched_page, book_url):
    page, problems = watched_page
    page.goto(book_url + CHAPTER + "engine-of-recovery.html")
    timeline = page.locator(".sco-timeline")
    expect(timeline).to_be_visible(timeout=20_000)
    events = load("events")
    economy = events[events["theme"] == "economy"]
    expect(timeline.locator(".sco-tl-mark")).to_have_count(len(economy))
    timeline.locator(".sco-tl-mark").first.click()
    first = economy.sort_values(["date", "id"]).iloc[0]
    expect(timeline.locator(".sco-tl-title")).to_have_text(first["title"])
    problems.assert_clean()


def weighted_growth(indicators, year, states) -> float:
    growth = {state: value(indicators, "real_gdp_growth_pct", state, year) for state in states}
    weights = {state: value(indicators, "gdp_current_usd", state, year - 1) for state in states}
    present = [state for state in states if not pd.isna(growth[state])]
    return sum(growth[s] * weights[s] for s in present) / sum(weights[s] for s in present)


def test_growth_explorer_answers_change_with_the_year(watched_page, book_url, indicators, artifacts):
    page, problems = open_page(watched_page, book_url, "engine-of-recovery.html")
    explorer = page.locator(".sco-ex").nth(0)
    summary = explorer.locator(".sco-ex-summary")
    expect(summary).to_contain_text(f"GDP-weighted growth {weighted_growth(indicators, 2021, end_of_year(2021)):.1f}%")
    press(explorer.get_by_label("Year"), "ArrowLeft")
    members_2020 = end_of_year(2020)
    unweighted = sum(value(indicators, "real_gdp_growth_pct", s, 2020) for s in members_2020) / len(members_2020)
    expect(summary).to_contain_text(
        f"2020, Members at the end of each year: GDP-weighted growth {weighted_growth(indicators, 2020, members_2020):.1f}%, "
        f"unweighted {unweighted:.1f}% (8 of 8 members with data)")
    explorer.screenshot(path=artifacts / "ch2-growth-explorer.png")
    problems.assert_clean()


def test_energy_explorer_answers_change_with_fuel_and_year(watched_page, book_url, indicators, artifacts):
    page, problems = open_page(watched_page, book_url, "engine-of-recovery.html")
    explorer = page.locator(".sco-ex").nth(1)
    summary = explorer.locator(".sco-ex-summary")

    def share(fuel, year):
        states = end_of_year(year)
        produced = sum(v for v in (value(indicators, f"{fuel}_production_twh", s, year) for s in states) if not pd.isna(v))
        return produced / value(indicators, f"{fuel}_production_twh", "WLD", year) * 100

    expect(summary).to_contain_text(f"In 2021 the 8 members produced {share('coal', 2021):.1f}% of the world's coal")
    explorer.get_by_label("Fuel").select_option("gas")
    expect(summary).to_contain_text(f"produced {share('gas', 2021):.1f}% of the world's gas; the largest producer among them was Russia")
    press(explorer.get_by_label("Year"), "ArrowRight", 2)
    expect(summary).to_contain_text(f"In 2023 the 9 members produced {share('gas', 2023):.1f}% of the world's gas")
    explorer.screenshot(path=artifacts / "ch2-energy-explorer.png")
    problems.assert_clean()
