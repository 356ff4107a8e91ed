"""Tables for readers: a DataFrame shown the way a person would print it.

:func:`reader_table` is how every table in the book is shown. Notebooks keep
the DataFrame (students can look at it, change it and compute with it) and
pass it here only to show it:

* no positional index (a meaningful index, such as years or states, becomes
  the first column);
* human column labels (``start_date`` -> "Start date", or the labels given);
* values as a person writes them: thousands separators and no scientific
  notation, dates in words (cut to their ``<name>_precision`` column where
  the frame has one: a date known to the month never shows a day), lists as text ("China and Kyrgyzstan", or "none"),
  missing values as a dash, yes/no for booleans;
* links for web addresses and for book pages (``chapters/….ipynb``);
* a caption, and a box that scrolls by itself when the table is wider or
  longer than the page, so the page never scrolls sideways;
* every text escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html import escape

import pandas as pd

from sco_course.pages import page_link, page_title
from sco_course.wording import join, short_date

MISSING = "—"
"""How a missing value is shown (a screen reader reads the cell's title, "no value")."""
NONE_LISTED = "none"
LONG_TABLE_ROWS = 15
"""Tables with more rows than this get a box of limited height that scrolls."""
WEB_PREFIX = re.compile(r"^https?://(www\.)?")
NUMBER_CLASS = ' class="sco-num"'
NOT_MATH = "mathjax_ignore"
"""A class for HTML a notebook shows: JupyterLab's MathJax reads $…$ in outputs as TeX, and
"US$19.4 trillion … US$23.5 trillion" is money (MathJax 3 skips elements of this class)."""
BOOK_PAGE = re.compile(r"^chapters/[\w./-]+\.(ipynb|md)(#[\w-]+)?$")

Formatter = Callable[[object], str]


class ReaderTable:
    """An HTML table for readers; shown by Jupyter and the book through ``_repr_html_``."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def column_label(name) -> str:
    """A machine column name as a heading: "start_date" -> "Start date"; tuples joined by ", "."""
    if isinstance(name, tuple):
        return ", ".join(column_label(part) for part in name if str(part))
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def number_text(value: float) -> str:
    """A number as a person writes it: 23,178; 1,274,732,000,000; 12.7; 1.7; 0.53."""
    if float(value).is_integer():
        return f"{int(value):,}"
    size = abs(value)
    digits = 0 if size >= 1000 else 1 if size >= 10 else 2
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def cell_text(value) -> str:
    """The text a cell shows for ``value`` when no formatter is given."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return join(sorted(map(str, value)) if isinstance(value, (set, frozenset)) else value) or NONE_LISTED
    if is_missing(value):
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return short_date(value)
    if isinstance(value, (int, float)):
        return number_text(value)
    return str(value)


def host_of(url: str) -> str:
    """The site a web address points to, as a link's text: "rferl.org"."""
    return WEB_PREFIX.sub("", url).split("/")[0]


def cell_html(value, formatter: Formatter | None, page: str) -> str:
    """One ``<td>``'s content: the formatted text, escaped, linked where it is a web address or a book page."""
    if is_missing(value) and not isinstance(value, (list, tuple, set, frozenset)):
        return f'<span title="no value">{MISSING}</span>'
    text = formatter(value) if formatter else cell_text(value)
    if is_web_address(value) and formatter is None:
        return _linked(value, host_of(value))
    if isinstance(value, str) and BOOK_PAGE.match(value):
        title = page_title(value.partition("#")[0]) or value
        return f'<a href="{escape(page_link(value, page))}">{escape(title)}</a>'
    return escape(text)


def table_date(date, precision: str = "day") -> str:
    """A date cut to what is known, short: "15 Sep 2022", "Aug 2021", "2021"."""
    day = pd.Timestamp(date)
    return {"day": short_date(day), "month": f"{day:%b %Y}", "year": str(day.year)}[precision]


def precision_column(frame: pd.DataFrame, column) -> str | None:
    """The column saying how precisely ``column``'s dates are known: 'date' -> 'date_precision',
    'end_date' -> 'end_precision'."""
    stem = str(column).removesuffix("_date")
    for candidate in (f"{column}_precision", f"{stem}_precision"):
        if candidate in frame.columns and candidate != column:
            return candidate
    return None


def with_dates_in_words(frame: pd.DataFrame) -> tuple[pd.DataFrame, set]:
    """Dates that have a precision column written to that precision; the precision columns used."""
    frame, used = frame.copy(), set()
    for column in frame.columns:
        precision = precision_column(frame, column)
        if precision and pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = [None if is_missing(date) else table_date(date, known or "day")
                             for date, known in zip(frame[column], frame[precision].fillna("day"))]
            used.add(precision)
    return frame, used


def is_year(column) -> bool:
    """Whether a column holds years, which are written without a thousands separator."""
    return "year" in column_label(column).lower()


def is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def with_meaningful_index(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a meaningful index turned into its first column(s), and a positional one dropped."""
    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        return frame.reset_index(drop=True)
    if frame.index.name is None and pd.api.types.is_integer_dtype(frame.index):
        return frame.reset_index(drop=True)
    return frame.reset_index()


def reader_table(frame: pd.DataFrame, caption: str, *, labels: Mapping[str, str] | None = None,
                 formats: Mapping[str, Formatter] | None = None, page: str = "",
                 link_text: Mapping[str, str] | None = None) -> ReaderTable:
    """``frame`` as a table for readers, with ``caption``.

    ``labels`` renames columns (others get :func:`column_label`); ``formats``
    gives a column a function from value to text (for units, such as
    ``economy.usd``); ``link_text`` names, for a column of web addresses, the
    column whose text the link shows (that column is then not shown on its
    own); ``page`` is the book page the table is on ('chapters/….ipynb'), so
    that links to other pages are relative to it.
    """
    if not caption:
        raise ValueError("a table for readers needs a caption")
    frame, precisions = with_dates_in_words(with_meaningful_index(frame))
    labels, formats, link_text = dict(labels or {}), dict(formats or {}), dict(link_text or {})
    shown = [column for column in frame.columns if column not in {*link_text.values(), *precisions}]
    numeric = {column for column in shown if is_numeric(frame[column])}
    for column in shown:
        if column in numeric and is_year(column):
            formats.setdefault(column, lambda year: str(int(year)))
    head = "".join(
        f'<th scope="col"{NUMBER_CLASS if column in numeric else ""}>'
        f"{escape(labels.get(column, column_label(column)))}</th>"
        for column in shown
    )
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for column in shown:
            if column in link_text:
                cells.append(f"<td>{_linked(row[column], row[link_text[column]])}</td>")
                continue
            css = NUMBER_CLASS if column in numeric else ""
            cells.append(f"<td{css}>{cell_html(row[column], formats.get(column), page)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    size = " sco-table-long" if len(frame) > LONG_TABLE_ROWS else ""
    empty = "" if rows else f'<tr><td colspan="{len(shown)}">No rows.</td></tr>'
    return ReaderTable(
        f'<div class="sco-table-scroll{size} {NOT_MATH}" role="region" aria-label="{escape(caption)}" tabindex="0">'
        f'<table class="sco-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}{empty}</tbody></table></div>"
    )


def is_web_address(value) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def _linked(url, text) -> str:
    label = MISSING if is_missing(text) else str(text)
    if is_web_address(url):
        return f'<a href="{escape(url)}">{escape(label)}</a>'
    return escape(label)
