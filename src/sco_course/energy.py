"""Chapter 2 (the economy): the members' production of coal, oil and gas.

The commentary calls the members complementary: energy and resource
countries on one side, processing and manufacturing countries on the other.
These computations read the production series of the ``indicators`` table
(terawatt-hours, so that the fuels can be added) as frames from
:func:`sco_course.economy.series`, passed in as ``production``: fuel name ->
frame. Production is not export; the data cannot show who supplies whom.
"""

from __future__ import annotations

import pandas as pd

from sco_course.data import WORLD

ALL_FUELS = "all three"


def fuel_series(production: dict[str, pd.DataFrame], fuel: str) -> pd.DataFrame:
    """One fuel's production, or, for :data:`ALL_FUELS`, the fuels added up
    (missing where none has a value)."""
    if fuel == ALL_FUELS:
        return pd.concat(production.values()).groupby(level=0).sum(min_count=1)
    return production[fuel]


def energy_production(production: dict[str, pd.DataFrame], population: pd.DataFrame,
                      states: list[str], year: int) -> pd.DataFrame:
    """Each state's production of each fuel in ``year`` (TWh), in all, and per person.

    One row per state (ISO code, in the order given), one column per fuel,
    then :data:`ALL_FUELS` (missing if the state has no figure for any fuel)
    and ``MWh per person``.
    """
    table = pd.DataFrame({fuel: wide.reindex(columns=states).loc[year]
                          for fuel, wide in production.items()}, index=list(states))
    table[ALL_FUELS] = table.sum(axis=1, min_count=1)
    table["MWh per person"] = table[ALL_FUELS] * 1e6 / population.loc[year, states]
    return table


def fuel_world_shares(production: dict[str, pd.DataFrame], states: list[str],
                      year: int) -> pd.DataFrame:
    """Each state's share (per cent) of world production of each fuel in ``year``.

    One row per state (ISO code), one column per fuel; missing where the
    state has no figure.
    """
    return pd.DataFrame({
        fuel: wide.reindex(columns=states).loc[year] / wide.loc[year, WORLD] * 100
        for fuel, wide in production.items()
    }, index=list(states))
