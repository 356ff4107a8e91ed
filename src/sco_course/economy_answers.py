"""Chapter 2 (the economy): its answers in words, as its explorers and tables show them.

Each ``*_answer`` function returns what one choice of an explorer shows: a
sentence and a table of text, as plain data (the notebook wraps them in an
:class:`~sco_course.widgets.Answer`). The numbers come from
:mod:`sco_course.economy`; the dollar amounts, factors and percentages are
written with its :func:`~sco_course.economy.usd`,
:func:`~sco_course.economy.times` and :func:`~sco_course.economy.percent`.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from sco_course.data import WORLD
from sco_course.economy import (Membership, growth_factor, members_growth, percent,
                                shares, times, usd, within, world_share, world_weight)
from sco_course.membership import names_of, state_name

def rules_table(rules: Iterable[Membership], year: int) -> pd.DataFrame:
    """The rules and the states each counts in ``year`` (by name), one row per rule."""
    column = f"states counted (in {year} for the first rule)"
    return pd.DataFrame(
        [{"membership rule": rule.label, column: names_of(rule.states(year))}
         for rule in rules]
    ).set_index("membership rule")


def closeness(target: float, tolerance: float) -> str:
    """The test of a total in words: 'within 10% of US$ 20 trillion'."""
    return f"within {tolerance:.0%} of US$ {target / 1e12:g} trillion"


def years_close_table(close: dict[str, list[int]], target: float,
                      tolerance: float) -> pd.DataFrame:
    """:func:`~sco_course.economy.years_close` as a table: one row per rule, its
    years joined by ", "."""
    column = f"years {closeness(target, tolerance)}"
    return pd.DataFrame(
        [{"membership rule": label, column: ", ".join(str(year) for year in years)}
         for label, years in close.items()]
    ).set_index("membership rule")


def gdp_answer(gdp: pd.DataFrame, population: pd.DataFrame, rule: Membership, year: int,
               target: float, tolerance: float) -> tuple[str, pd.DataFrame]:
    """The members' GDP in ``year`` under ``rule``: a sentence and a table of measures.

    The table (``measure``, ``value``) gives the combined GDP, whether it is
    within ``tolerance`` of ``target``, the shares of world GDP and
    population, China's share, the HHI and the states counted.
    """
    states = rule.states(year)
    weight = world_weight(gdp, population, states, year)
    test = closeness(target, tolerance)
    table = pd.DataFrame({"measure": [
        "Combined GDP (current US$)",
        f"{test[:1].upper()}{test[1:]}?",
        "Share of world GDP",
        "Share of world population",
        "China's share of the members' GDP",
        "Herfindahl-Hirschman index of the members' GDP",
        "States counted",
    ], "value": [
        usd(weight["gdp"]),
        "yes" if within(weight["gdp"], target, tolerance) else "no",
        percent(weight["gdp_share"]),
        percent(weight["population_share"]),
        percent(weight["china_share"]),
        f"{weight['hhi']:,.0f}",
        names_of(states),
    ]})
    summary = (f"{year}, {rule.label}: combined GDP {usd(weight['gdp'])} "
               f"({len(states)} states).")
    return summary, table


def totals_with_coverage(totals: dict[str, pd.DataFrame],
                         unit: float = 1e9) -> pd.DataFrame:
    """Each rule's totals in ``unit`` with the states that have data, one row per
    year: '733 (6 of 6 states)'. ``totals``: rule label -> its frame from
    :func:`~sco_course.economy.members_total`."""
    def cells(frame: pd.DataFrame) -> pd.Series:
        counts = frame[["total", "with_data", "members"]].itertuples(index=False)
        return pd.Series([f"{total / unit:,.0f} ({with_data} of {members} states)"
                          for total, with_data, members in counts], index=frame.index)

    return pd.DataFrame({label: cells(frame) for label, frame in totals.items()}
                        ).rename_axis("year")


def trade_answer(totals: pd.DataFrame, rule_label: str, base: int,
                 end: int) -> tuple[str, pd.DataFrame]:
    """The growth factor of the members' trade from ``base`` to ``end``: a sentence,
    and the two totals it divides with the states that have no data.

    ``totals`` is one rule's :func:`~sco_course.economy.members_total`.
    """
    factor = growth_factor(totals["total"], base, end)
    rows = totals.loc[[base, end]]
    table = pd.DataFrame({
        "year": [str(year) for year in rows.index],
        "states counted": rows["members"].astype(str).tolist(),
        "trade (current US$)": [usd(total) for total in rows["total"]],
        "no data for": [names_of(missing.split(", ")) if missing else "-"
                        for missing in rows["missing"]],
    })
    summary = (f"From {base} to {end} the members' trade grew {times(factor)}. "
               f"Membership: {rule_label}.")
    if rows["missing"].any():
        summary += " Incomplete: some states have no data."
    return summary, table


def growth_answer(growth: pd.DataFrame, gdp: pd.DataFrame, rule: Membership,
                  year: int) -> tuple[str, pd.DataFrame]:
    """The members' real growth in ``year`` under ``rule``: both averages (see
    :func:`~sco_course.economy.members_growth`) in a sentence, and each member's
    growth with its weight in a table."""
    row = members_growth(growth, gdp, rule, [year]).loc[year]
    states = rule.states(year)
    weights = shares(gdp.loc[year - 1, states])
    table = pd.DataFrame({
        "member": [state_name(state) for state in states],
        "real GDP growth": [percent(growth.loc[year, state]) for state in states],
        f"weight (share of members' GDP in {year - 1})":
            [percent(weights[state], 2) for state in states],
    })
    summary = (f"{year}, {rule.label}: GDP-weighted growth {percent(row['weighted'])}, "
               f"unweighted {percent(row['unweighted'])} ({int(row['with_data'])} of "
               f"{int(row['members'])} members with data).")
    return summary, table


def energy_answer(production: pd.DataFrame, population: pd.DataFrame, rule: Membership,
                  year: int, fuel: str) -> tuple[str, pd.DataFrame]:
    """The members' production of one fuel in ``year``: their share of the world's
    and the largest producer in a sentence; each member's production, share of
    world production and production per person in a table.

    ``production`` is one fuel's series (see
    :func:`sco_course.energy.fuel_series`), ``fuel`` its name in the sentence
    ('coal, oil and gas').
    """
    states = rule.states(year)
    values = production.reindex(columns=states).loc[year]
    world = production.loc[year, WORLD]
    per_person = values * 1e6 / population.loc[year, states]
    def figures(numbers: pd.Series, style: str) -> list[str]:
        return ["no data" if pd.isna(numbers[state]) else f"{numbers[state]:{style}}"
                for state in states]

    table = pd.DataFrame({
        "member": [state_name(state) for state in states],
        "production (TWh)": figures(values, ",.0f"),
        "share of world": [percent(values[state] / world * 100) for state in states],
        "MWh per person": figures(per_person, ",.1f"),
    })
    share = percent(world_share(production, year, states))
    largest = state_name(values.idxmax())
    summary = (f"In {year} the {len(states)} members produced {share} of the world's "
               f"{fuel}; the largest producer among them was {largest}.")
    return summary, table
