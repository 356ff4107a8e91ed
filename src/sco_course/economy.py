"""Chapter 2 (the economy): the computations that answer its questions.

The computations answer the chapter's questions from the ``indicators``
table: the members' total of an indicator in each year under a stated
membership rule, growth factors, shares, a Herfindahl-Hirschman index and
weighted means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from sco_course.data import WORLD, load
from sco_course.membership import members_on, state_names



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
