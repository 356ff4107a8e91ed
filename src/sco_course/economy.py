"""Chapter 2 (the economy): the computations that answer its questions.

The computations answer the chapter's questions from the ``indicators``
table: the members' total of an indicator in each year under a stated
membership rule, growth factors, shares of the members' and of the World's
total, a Herfindahl-Hirschman index, weighted means and changes in current
dollars. They return numbers and frames; :mod:`sco_course.economy_answers`
writes them as the sentences and tables the chapter shows, and
:mod:`sco_course.energy` computes the members' fossil-fuel production.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from sco_course.data import WORLD
from sco_course.membership import members_on


@dataclass(frozen=True)
class Membership:
    """A rule that says which states count as SCO members in a given year.

    With ``fixed_on`` (a date) the same states count in every year: the
    members on that day. Without it, each year counts the states that were
    members at the end of that year (31 December).
    """

    label: str
    fixed_on: str | None = None

    def states(self, year: int) -> list[str]:
        """ISO codes of the states this rule counts in ``year`` (sorted)."""
        return members_on(self.fixed_on or f"{int(year)}-12-31")


EACH_YEAR = Membership("Members at the end of each year")
FOUNDING_SIX = Membership("Founding six (members on 15 June 2001)", "2001-06-15")
EIGHT = Membership("The eight (members at the end of 2017)", "2017-12-31")
NINE = Membership("The nine (members at the end of 2023)", "2023-12-31")
TEN = Membership("The ten (members at the end of 2024)", "2024-12-31")
MEMBERSHIPS = (EACH_YEAR, FOUNDING_SIX, EIGHT, NINE, TEN)


def series(indicators: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """One indicator as a wide frame: one row per year, one column per state."""
    rows = indicators[indicators["indicator"] == indicator]
    if rows.empty:
        known = ", ".join(sorted(indicators["indicator"].unique()))
        raise KeyError(f"No indicator {indicator!r}; the indicators are: {known}")
    return rows.pivot(index="year", columns="state", values="value").astype(float).sort_index()


def members_total(wide: pd.DataFrame, rule: Membership, years: Iterable[int]) -> pd.DataFrame:
    """The members' total of one indicator in each year under ``rule``.

    ``wide`` is a frame from :func:`series`. One row per year with the
    number of states the rule counts (``members``), how many of them have a
    value (``with_data``), which have none (``missing``, ISO codes joined by
    ", ") and the sum of the values that exist (``total``; missing when no
    member has a value). A total with missing members is a lower bound.
    """
    records = []
    for year in years:
        states = rule.states(year)
        values = wide.reindex(index=[year], columns=states).iloc[0] if states else pd.Series(dtype=float)
        present = values.dropna()
        records.append({
            "year": int(year),
            "members": len(states),
            "with_data": len(present),
            "missing": ", ".join(sorted(set(states) - set(present.index))),
            "total": float(present.sum()) if len(present) else float("nan"),
        })
    return pd.DataFrame(records).set_index("year")


def growth_factor(totals: pd.Series, base: int, end: int) -> float:
    """How many times larger the value in ``end`` is than in ``base``."""
    if base not in totals.index or end not in totals.index:
        raise KeyError(f"need values for both {base} and {end}")
    if not totals[base] > 0:
        raise ValueError(f"the base value in {base} must be positive, not {totals[base]}")
    return float(totals[end] / totals[base])


def shares(values: pd.Series) -> pd.Series:
    """Each value's share of the total, in per cent (missing values left out)."""
    present = values.dropna()
    if present.empty or present.sum() <= 0:
        raise ValueError("shares need at least one positive value")
    return present / present.sum() * 100


def hhi(values: pd.Series) -> float:
    """Herfindahl-Hirschman index of the values' shares (0 to 10,000).

    10,000 means one state holds everything; n equal states give 10,000 / n.
    """
    return float((shares(values) ** 2).sum())


def weighted_mean(values: pd.Series, weights: pd.Series) -> float:
    """Mean of ``values`` weighted by ``weights``, over the states that have both."""
    both = pd.concat([values.rename("value"), weights.rename("weight")], axis=1).dropna()
    if both.empty or both["weight"].sum() <= 0:
        raise ValueError("a weighted mean needs at least one value with a positive weight")
    return float((both["value"] * both["weight"]).sum() / both["weight"].sum())


def members_growth(growth: pd.DataFrame, gdp: pd.DataFrame, rule: Membership, years: Iterable[int]) -> pd.DataFrame:
    """The members' real GDP growth in each year, averaged two ways.

    ``growth`` is the real GDP growth series (per cent) and ``gdp`` GDP in
    current US$, both from :func:`series`. ``weighted`` weights each member's
    growth by its GDP in current US$ in the previous year (so a large economy
    counts for more); ``unweighted`` is the plain mean. ``with_data`` counts
    the members with a growth figure.
    """
    records = []
    for year in years:
        states = rule.states(year)
        values = growth.reindex(index=[year], columns=states).iloc[0]
        weights = gdp.reindex(index=[year - 1], columns=states).iloc[0]
        present = values.dropna()
        records.append({
            "year": int(year),
            "members": len(states),
            "with_data": len(present),
            "weighted": weighted_mean(values, weights) if len(present) else float("nan"),
            "unweighted": float(present.mean()) if len(present) else float("nan"),
        })
    return pd.DataFrame(records).set_index("year")


def world_share(wide: pd.DataFrame, year: int, states: str | Iterable[str]) -> float:
    """Per cent of the World total held by ``states`` (one ISO code or several).

    States without a value add nothing to the sum.
    """
    codes = [states] if isinstance(states, str) else list(states)
    total = wide.reindex(columns=codes).loc[year].sum()
    return float(total / wide.loc[year, WORLD] * 100)


def members_world_share(wide: pd.DataFrame, rule: Membership,
                        years: Iterable[int]) -> pd.Series:
    """The members' share of the World total (per cent) in each year under ``rule``."""
    by_year = {int(year): world_share(wide, year, rule.states(year)) for year in years}
    series = pd.Series(by_year, name="share of world (%)", dtype=float)
    return series.rename_axis("year")


def member_share(wide: pd.DataFrame, state: str, rule: Membership,
                 years: Iterable[int]) -> pd.Series:
    """One state's share (per cent) of the members' total each year under ``rule``.

    Members without a value are left out of the total.
    """
    by_year = {}
    for year in years:
        members = wide.reindex(columns=rule.states(year)).loc[year]
        by_year[int(year)] = float(shares(members)[state])
    return pd.Series(by_year, dtype=float).rename_axis("year")


def percent_change(before: float, after: float) -> float:
    """Change from ``before`` to ``after`` in per cent."""
    return float((after / before - 1) * 100)


def years_close(totals: dict[str, pd.DataFrame], target: float,
                tolerance: float) -> dict[str, list[int]]:
    """The years whose total lies within ``tolerance`` of ``target`` (see
    :func:`within`), for each rule in ``totals`` (rule label -> its frame from
    :func:`members_total`)."""
    return {label: [int(year) for year, total in frame["total"].items()
                    if within(total, target, tolerance)]
            for label, frame in totals.items()}


def world_weight(gdp: pd.DataFrame, population: pd.DataFrame, states: list[str],
                 year: int) -> pd.Series:
    """What ``states`` weigh in the world in ``year``, and how their GDP is shared.

    ``gdp`` (current US$) and ``population`` come from :func:`series`. The
    result holds ``gdp`` (their combined GDP), ``gdp_share`` and
    ``population_share`` (per cent of the World), ``china_share`` (China's
    per cent of their GDP), ``hhi`` and ``hhi_if_equal`` (the index if all
    were equal) and ``world_to_members_gdp_per_person`` (the World's GDP per
    person divided by theirs).
    """
    member_gdp = gdp.loc[year, states]
    world_per_person = gdp.loc[year, WORLD] / population.loc[year, WORLD]
    members_per_person = member_gdp.sum() / population.loc[year, states].sum()
    return pd.Series({
        "gdp": float(member_gdp.sum(min_count=1)),
        "gdp_share": world_share(gdp, year, states),
        "population_share": world_share(population, year, states),
        "china_share": float(shares(member_gdp)["CHN"]),
        "hhi": hhi(member_gdp),
        "hhi_if_equal": 10_000 / len(states),
        "world_to_members_gdp_per_person": float(world_per_person / members_per_person),
    })


def growth_factors(totals: dict[str, pd.DataFrame], base: int,
                   ends: Iterable[int]) -> pd.DataFrame:
    """Growth factors from ``base`` to each of ``ends``: one row per rule in
    ``totals`` (rule label -> its frame from :func:`members_total`), one column
    per end year ('2001 to 2020')."""
    ends = list(ends)
    return pd.DataFrame(
        {label: {f"{base} to {end}": growth_factor(frame["total"], base, end)
                 for end in ends}
         for label, frame in totals.items()}
    ).T


def every_growth_factor(totals: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every growth factor the totals allow: one row per rule, base year and later
    end year, with the columns ``rule``, ``base``, ``end`` and ``factor``."""
    return pd.DataFrame(
        [{"rule": label, "base": int(base), "end": int(end),
          "factor": growth_factor(frame["total"], base, end)}
         for label, frame in totals.items()
         for base in frame.index for end in frame.index if base < end]
    )


def nominal_change(gdp: pd.DataFrame, rule: Membership,
                   years: Iterable[int]) -> pd.DataFrame:
    """The members' GDP in current US$ against the World's, year on year.

    The members of each year under ``rule``, the same states in both years.
    One row per year: the change of the members' and of World GDP, the
    members' share of world GDP a year before and their share of the World's
    change, all in per cent. Nominal: prices and exchange rates included.
    """
    records = []
    for year in years:
        states = rule.states(year)
        now, before = gdp.loc[year, states].sum(), gdp.loc[year - 1, states].sum()
        world_now, world_before = gdp.loc[year, WORLD], gdp.loc[year - 1, WORLD]
        records.append({
            "year": int(year),
            "members": len(states),
            "members' GDP, change (%)": percent_change(before, now),
            "World GDP, change (%)": percent_change(world_before, world_now),
            "members' share of world GDP a year before (%)":
                float(before / world_before * 100),
            "members' share of the world's change (%)":
                float((now - before) / (world_now - world_before) * 100),
        })
    return pd.DataFrame(records).set_index("year")


def within(value: float, target: float, tolerance: float) -> bool:
    """Whether ``value`` lies within ``tolerance`` (a fraction) of ``target``."""
    return abs(value - target) <= tolerance * abs(target)


def usd(value: float) -> str:
    """A dollar amount in words: 'US$ 19.4 trillion', 'US$ 733 billion'."""
    if pd.isna(value):
        return "no data"
    if abs(value) >= 1e12:
        return f"US$ {value / 1e12:.1f} trillion"
    return f"US$ {value / 1e9:,.0f} billion"


def times(value: float) -> str:
    """A growth factor: '12.7 times'."""
    return f"{value:.1f} times"


def percent(value: float, digits: int = 1) -> str:
    return "no data" if pd.isna(value) else f"{value:.{digits}f}%"
