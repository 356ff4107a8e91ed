"""Computations and the question explorer for chapter 2 (the economy).

The computations answer the chapter's questions from the ``indicators``
table: the members' total of an indicator in each year under a stated
membership rule, growth factors, shares, a Herfindahl-Hirschman index and
weighted means.

:class:`Explorer` is an `anywidget <https://anywidget.dev>`_ that lets a
reader change the question (a year, a membership definition, a base and an
end year, an indicator) and see the answer change. Every answer is computed
in Python when the book is built; the front end only looks it up, so the
widget works in the static book where no Python runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Callable, Iterable

import anywidget
import pandas as pd
import traitlets

from sco_course.data import WORLD, load
from sco_course.membership import members_on, state_names
from sco_course.web_assets import PACKAGE_WEB_DIR

KEY_SEPARATOR = "|"


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


@dataclass(frozen=True)
class Control:
    """One control of an :class:`Explorer`.

    ``kind`` is ``"slider"`` (ordered options such as years, moved with the
    arrow keys) or ``"select"`` (a drop-down list). ``initial`` is the
    option shown first (by default the first).
    """

    label: str
    options: tuple[str, ...]
    kind: str = "select"
    initial: str | None = None

    def __post_init__(self):
        if self.kind not in ("slider", "select"):
            raise ValueError(f"kind must be 'slider' or 'select', not {self.kind!r}")
        if not self.options:
            raise ValueError(f"control {self.label!r} has no options")
        if any(KEY_SEPARATOR in option for option in self.options):
            raise ValueError(f"options may not contain {KEY_SEPARATOR!r}")
        if self.initial is not None and self.initial not in self.options:
            raise ValueError(f"initial {self.initial!r} is not an option of {self.label!r}")


@dataclass(frozen=True)
class Answer:
    """What the explorer shows for one choice: a sentence and an optional table."""

    summary: str
    table: pd.DataFrame | None = None

    def payload(self) -> dict:
        table = self.table if self.table is not None else pd.DataFrame()
        return {
            "summary": self.summary,
            "columns": [str(column) for column in table.columns],
            "rows": [["" if pd.isna(value) else str(value) for value in row]
                     for row in table.itertuples(index=False)],
        }





class Explorer(anywidget.AnyWidget):
    """Controls that change the question and a panel that shows the answer.

    Build it with :meth:`build`. ``selection`` holds the option chosen on
    each control; set or observe it from Python when a kernel runs.
    """

    _esm = PACKAGE_WEB_DIR / "explorer.js"
    _css = PACKAGE_WEB_DIR / "explorer.css"

    controls = traitlets.List(traitlets.Dict()).tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    caption = traitlets.Unicode("").tag(sync=True)
    empty_text = traitlets.Unicode("No answer for this choice.").tag(sync=True)
    selection = traitlets.List(traitlets.Unicode()).tag(sync=True)

    @classmethod
    def build(cls, controls: list[Control], answer: Callable[..., Answer | None], *, caption: str = "",
              empty_text: str = "No answer for this choice.") -> "Explorer":
        """An explorer over every combination of the controls' options.

        ``answer`` is called with one option of each control, in order, and
        returns the :class:`Answer` to show, or None where the combination
        has no answer (the explorer then shows ``empty_text``).
        """
        if not controls:
            raise ValueError("an explorer needs at least one control")
        answers = {}
        for choice in product(*(control.options for control in controls)):
            result = answer(*choice)
            if result is not None:
                answers[KEY_SEPARATOR.join(choice)] = result.payload()
        selection = [control.initial or control.options[0] for control in controls]
        return cls(
            controls=[{"label": control.label, "kind": control.kind, "options": list(control.options)}
                      for control in controls],
            answers=answers, caption=caption, empty_text=empty_text, selection=selection,
        )

    @traitlets.validate("selection")
    def _check_selection(self, proposal):
        value = list(proposal["value"])
        if len(value) != len(self.controls):
            raise traitlets.TraitError(f"selection needs one option per control ({len(self.controls)})")
        for option, control in zip(value, self.controls):
            if option not in control["options"]:
                raise traitlets.TraitError(f"{option!r} is not an option of {control['label']!r}")
        return value

    def current(self) -> dict | None:
        """The answer shown for the current selection (None if it has none)."""
        return self.answers.get(KEY_SEPARATOR.join(self.selection))
