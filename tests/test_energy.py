"""Unit tests for sco_course.energy: the members' production of coal, oil and gas."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sco_course import economy, energy
from sco_course.data import load

FUELS = {"coal": "coal_production_twh", "oil": "oil_production_twh",
         "gas": "gas_production_twh"}


@pytest.fixture(scope="module")
def raw():
    """One value read straight from the ``indicators`` table (NaN if it has none)."""
    table = load("indicators").set_index(["indicator", "state", "year"])["value"]
    return lambda indicator, state, year: float(table.get((indicator, state, year),
                                                          math.nan))


@pytest.fixture(scope="module")
def production():
    indicators = load("indicators")
    return {fuel: economy.series(indicators, name) for fuel, name in FUELS.items()}


def test_fuel_series_adds_the_fuels_and_keeps_a_state_with_none_missing():
    production = {
        "coal": pd.DataFrame({"A": [1.0, None], "B": [None, None]}, index=[2020, 2021]),
        "oil": pd.DataFrame({"A": [2.0, 3.0]}, index=[2020, 2021]),
    }
    assert energy.fuel_series(production, "oil") is production["oil"]
    total = energy.fuel_series(production, energy.ALL_FUELS)
    assert total["A"].tolist() == [3.0, 3.0]
    assert total["B"].isna().all()


def test_energy_production_in_2021_against_the_table(raw, production):
    population = economy.series(load("indicators"), "population")
    members = economy.EACH_YEAR.states(2021)
    table = energy.energy_production(production, population, members, 2021)
    assert list(table.index) == members
    assert list(table.columns) == [*FUELS, energy.ALL_FUELS, "MWh per person"]
    russia = [raw(name, "RUS", 2021) for name in FUELS.values()]
    assert table.loc["RUS", ["coal", "oil", "gas"]].tolist() == pytest.approx(russia)
    assert table.loc["RUS", energy.ALL_FUELS] == pytest.approx(sum(russia))
    assert table.loc["RUS", "MWh per person"] == pytest.approx(
        sum(russia) * 1e6 / raw("population", "RUS", 2021))
    # Pakistan has no oil figure: its total is coal and gas only.
    assert math.isnan(table.loc["PAK", "oil"])
    coal_and_gas = raw(FUELS["coal"], "PAK", 2021) + raw(FUELS["gas"], "PAK", 2021)
    assert table.loc["PAK", energy.ALL_FUELS] == pytest.approx(coal_and_gas)
    # Kyrgyzstan and Tajikistan have no figure at all: unknown, not zero.
    assert table.loc[["KGZ", "TJK"]].isna().all().all()


def test_fuel_world_shares_in_2021_against_the_table(raw, production):
    members = economy.EACH_YEAR.states(2021)
    shares = energy.fuel_world_shares(production, members, 2021)
    assert list(shares.index) == members and list(shares.columns) == list(FUELS)
    for fuel, name in FUELS.items():
        for state in ("CHN", "RUS"):
            expected = raw(name, state, 2021) / raw(name, "WLD", 2021) * 100
            assert shares.loc[state, fuel] == pytest.approx(expected)
    assert shares.loc["CHN", "coal"] > 50  # half the world's coal
    assert shares.loc["KGZ"].isna().all()
