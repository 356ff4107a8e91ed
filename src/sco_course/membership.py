"""Who held which SCO status when, and what the states are called.

Every question about membership goes through :func:`status_on`, which reads
the ``membership`` table (periods with an inclusive start and an exclusive
end). :data:`STATUS_STYLE` is the one palette of statuses that the maps and
charts share.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import pycountry

from sco_course.data import WORLD, load

STATUS_STYLE = {
    # status: (label, fill colour). Okabe-Ito colours, distinguishable with
    # the common forms of colour blindness.
    "member": ("Member", "#0072B2"),
    "shanghai_five": ("Shanghai Five", "#56B4E9"),
    "observer": ("Observer", "#E69F00"),
    "dialogue_partner": ("Dialogue partner", "#F0E442"),
    "sco_partner": ("SCO partner", "#009E73"),
    "none": ("No status", "#d9d9d9"),
}


def _as_timestamp(date) -> pd.Timestamp:
    try:
        return pd.Timestamp(date)
    except (TypeError, ValueError):
        raise ValueError(f"{date!r} is not a date; use a date, a datetime or 'YYYY-MM-DD'") from None


def status_on(date) -> pd.DataFrame:
    """Each state's SCO status on ``date``: a frame of ``state`` and ``status``.

    States with no status on that day are left out.
    """
    day = _as_timestamp(date)
    table = load("membership")
    holds = (table["start_date"] <= day) & (table["end_date"].isna() | (table["end_date"] > day))
    return table.loc[holds, ["state", "status"]].sort_values("state").reset_index(drop=True)


def members_on(date) -> list[str]:
    """ISO codes of the SCO member states on ``date`` (sorted)."""
    statuses = status_on(date)
    return statuses.loc[statuses["status"] == "member", "state"].tolist()


def statuses_by_year(years) -> dict[int, dict[str, str]]:
    """For each year, each state's status at the end of that year (31 December).

    For the current year the status is taken today, so that the last step of
    a year control shows the present.
    """
    today = pd.Timestamp.today().normalize()
    result = {}
    for year in years:
        table = status_on(min(pd.Timestamp(year=year, month=12, day=31), today))
        result[int(year)] = dict(zip(table["state"], table["status"]))
    return result


def state_names() -> dict[str, str]:
    """ISO code -> English short name, from the ``countries`` table, plus the World aggregate."""
    names = {feature["properties"]["iso3"]: feature["properties"]["name"] for feature in load("countries")["features"]}
    return {**names, WORLD: "World"}


@lru_cache(maxsize=None)
def state_name(code: str) -> str:
    """A state's short English name: the course's country shapes first, then ISO 3166."""
    names = state_names()
    if code in names:
        return names[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def names_of(codes) -> str:
    """The states' names joined with commas, or "none"."""
    return ", ".join(state_name(code) for code in codes) or "none"
