"""Numbers and dates in prose, written as a person would write them.

The chapters compute the numbers their sentences quote: a code cell sets
``prose.name = ...`` and the text says ``{eval}`prose.name` ``, which shows
the value in the built book and, run live, in JupyterLab (jupyterlab-myst).
These helpers turn a count or a change into words, so that a sentence reads
"all nine", "none of them" or "fell by 0.5 per cent", never "9 of the 9",
"in 0 of them" or "changed by -0.5 per cent".
"""

from __future__ import annotations

import math

import pandas as pd

class Phrase(str):
    """Text a sentence quotes. Its ``repr`` is the text itself, with no quotes, because
    an ``{eval}`` role shows the ``repr`` (``text/plain``) of what it evaluates."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


class Prose:
    """The values a page's text quotes, by name: ``prose.n_members = spell(9)`` in code,
    ``{eval}`prose.n_members` `` in the text. Every value is kept as the :class:`Phrase`
    it reads as (``12`` as "12"); ``prose["name"] = value`` sets a name made in a loop."""

    def __setattr__(self, name: str, value) -> None:
        if not name.isidentifier():
            raise ValueError(f"{name!r} is not a name a sentence can quote as prose.{name}")
        super().__setattr__(name, Phrase(value))

    def __setitem__(self, name: str, value) -> None:
        setattr(self, name, value)

    def __getitem__(self, name: str) -> Phrase:
        return getattr(self, name)

    def __repr__(self) -> str:
        return f"Prose({', '.join(sorted(vars(self)))})"


WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth")


def _whole(number) -> int:
    if isinstance(number, bool) or not float(number).is_integer() or number < 0:
        raise ValueError(f"a count must be a whole number of at least zero, not {number!r}")
    return int(number)


def spell(number) -> str:
    """A count in words up to ten, in figures (with thousands separators) above: 3 -> "three", 27 -> "27"."""
    number = _whole(number)
    return WORDS[number] if number < len(WORDS) else f"{number:,}"


def ordinal(number) -> str:
    """An ordinal in words up to tenth, in figures above: 3 -> "third", 12 -> "12th"."""
    number = _whole(number)
    if number < len(ORDINALS):
        return ORDINALS[number]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number:,}{suffix}"


def count_of(part, whole, noun: str = "") -> str:
    """``part`` of ``whole`` things, as prose: "all nine", "none of the eight", "six of the eight members".

    ``noun`` (plural) follows the numbers when given: ``count_of(6, 8, "members")``
    gives "six of the eight members", ``count_of(8, 8, "members")`` "all eight
    members", ``count_of(0, 8, "members")`` "none of the eight members".
    Raises ``ValueError`` if ``part`` is more than ``whole``.
    """
    part, whole = _whole(part), _whole(whole)
    if part > whole:
        raise ValueError(f"{part} of {whole}: the part is larger than the whole")
    tail = f" {noun}" if noun else ""
    if whole == 0:
        return f"no{tail}" if noun else "none"
    if part == whole:
        return "both" + tail if whole == 2 else f"all {spell(whole)}{tail}"
    if part == 0:
        return f"neither of the two{tail}" if whole == 2 else f"none of the {spell(whole)}{tail}"
    return f"{spell(part)} of the {spell(whole)}{tail}"


def change(percent: float, digits: int = 1, unit: str = " per cent") -> str:
    """A signed change as a verb phrase: 4.2 -> "rose by 4.2 per cent", -0.5 -> "fell by 0.5 per cent".

    A change that rounds to zero at ``digits`` decimals is "was unchanged".
    """
    if percent is None or (isinstance(percent, float) and math.isnan(percent)):
        raise ValueError("a change needs a number")
    rounded = round(float(percent), digits)
    if rounded == 0:
        return "was unchanged"
    verb = "rose" if rounded > 0 else "fell"
    return f"{verb} by {abs(rounded):.{digits}f}{unit}"


def growth(percent: float, digits: int = 1) -> str:
    """Real growth as a verb phrase: 2.3 -> "grew by 2.3 per cent", -1.4 -> "shrank by 1.4 per cent"."""
    text = change(percent, digits)
    return text.replace("rose", "grew", 1).replace("fell", "shrank", 1)


def signed(number: float, digits: int = 1) -> str:
    """A number with a true minus sign for negatives (−1.4), as typeset text; no plus sign."""
    rounded = round(float(number), digits)
    text = f"{abs(rounded):.{digits}f}"
    return f"\N{MINUS SIGN}{text}" if rounded < 0 else text


def days_from(days: int) -> str:
    """A signed number of days as words: 834 -> "834 days after", -1567 -> "1,567 days before", 0 -> "the same day"."""
    days = int(days)
    if days == 0:
        return "the same day"
    unit = "day" if abs(days) == 1 else "days"
    return f"{abs(days):,} {unit} {'after' if days > 0 else 'before'}"


def join(items) -> str:
    """A list in prose: ["a"] -> "a", ["a", "b"] -> "a and b", ["a", "b", "c"] -> "a, b and c"."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


ISO_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def iso_date(date, precision: str = "day") -> str:
    """A date in ISO 8601 cut to what is known: "2025-11-24", "2021-08", "2021".

    A date known only to the month is never shown with an invented day.
    """
    return pd.Timestamp(date).strftime(ISO_FORMATS[precision])


def date_words(date, precision: str = "day") -> str:
    """A date as a person writes it: "24 November 2025", "August 2021", "2021"."""
    day = pd.Timestamp(date)
    return {"day": f"{day.day} {day:%B %Y}", "month": f"{day:%B %Y}", "year": str(day.year)}[precision]


def short_date(date) -> str:
    """A day with the month abbreviated, for tables and popups: "15 Sep 2022"."""
    day = pd.Timestamp(date)
    return f"{day.day} {day:%b %Y}"
