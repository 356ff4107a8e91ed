"""The course's own rules, applied on top of Frictionless to rows it has typed.

Each rule is named in ``data/datapackage.json``, never chosen in code:

* ``x-code-list`` on a field: the value must be an ISO 3166-1 alpha-3 code
  (``x-extra-codes`` lists permitted non-ISO codes such as ``WLD``;
  ``x-separator`` allows a list of codes in one cell).
* ``x-checks`` on a table's schema: rules across the fields of a row
  (:data:`ROW_CHECKS`) or across rows (``no_overlap``); ``x-checks`` on the
  package apply to every table.

A check yields ``(column, value, rule)`` for each problem of a row; it skips
cells that Frictionless could not type, as those are reported already.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import pycountry

from sco_course.quotes import QuoteNotFound, piece_spans
from sco_course.validation.problems import Problem

ISO_ALPHA3 = frozenset(country.alpha_3 for country in pycountry.countries)
NOT_A_CODE = "is not an ISO 3166-1 alpha-3 country code"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Finding = tuple[str, str, str]


@dataclass(frozen=True)
class Row:
    """One data row: its number in the file, its cells as written and as typed by Frictionless."""

    number: int
    text: dict[str, str]
    value: dict[str, object]  # None for an empty cell or one Frictionless could not type


def unknown_codes(field: dict, text: str) -> list[str]:
    """The codes in one cell of a field with an ``x-code-list`` that are not on the list."""
    if not field.get("x-code-list") or text == "":
        return []
    codes = text.split(field["x-separator"]) if field.get("x-separator") else [text]
    return [code for code in codes if code not in ISO_ALPHA3 and code not in field.get("x-extra-codes", [])]


def _check_no_surrounding_spaces(row: Row, fields, check, context) -> Iterator[Finding]:
    for name, text in row.text.items():
        if text != text.strip():
            yield name, text, "has leading or trailing spaces"


def _check_iso_dates(row: Row, fields, check, context) -> Iterator[Finding]:
    """Dates are written YYYY-MM-DD (Frictionless also accepts 2023-2-3)."""
    for name, field in fields.items():
        if field["type"] == "date" and row.value.get(name) is not None and not ISO_DATE.fullmatch(row.text[name]):
            yield name, row.text[name], "is not a date in the form YYYY-MM-DD"


def _check_end_not_before_start(row: Row, fields, check, context) -> Iterator[Finding]:
    start, end = row.value[check["start"]], row.value[check["end"]]
    if start is not None and end is not None and end < start:
        yield check["end"], row.text[check["end"]], f"is before {check['start']} ({row.text[check['start']]})"


def _check_precision_matches_date(row: Row, fields, check, context) -> Iterator[Finding]:
    date, precision = row.value[check["date"]], row.text[check["precision"]]
    if date is None:
        return
    if precision == "month" and date.day != 1:
        yield check["date"], row.text[check["date"]], "has month precision, so it must be the first day of the month"
    if precision == "year" and (date.month, date.day) != (1, 1):
        yield check["date"], row.text[check["date"]], "has year precision, so it must be 1 January"


def _check_both_or_neither(row: Row, fields, check, context) -> Iterator[Finding]:
    filled = [name for name in check["fields"] if row.text[name] != ""]
    if filled and len(filled) != len(check["fields"]):
        missing = [name for name in check["fields"] if name not in filled]
        yield missing[0], "", f"must be filled when {', '.join(filled)} is filled"


def _check_filled_requires(row: Row, fields, check, context) -> Iterator[Finding]:
    if row.text[check["field"]] != "" and row.text[check["requires"]] == "":
        yield check["requires"], "", f"must be filled when {check['field']} is filled"


def _check_verdict_fits_type(row: Row, fields, check, context) -> Iterator[Finding]:
    allowed = check["rules"].get(row.text[check["type"]])
    verdict = row.text[check["verdict"]]
    if allowed is not None and verdict and verdict not in allowed:
        yield (check["verdict"], verdict,
               f"does not fit {check['type']} {row.text[check['type']]!r} (allowed: {', '.join(allowed)})")


def _check_quote_anchor(row: Row, fields, check, context) -> Iterator[Finding]:
    """The quotation is in the named block of the text, exactly where start and end say."""
    blocks = context.get(check["text"], [])
    number = row.value[check["block"]]
    if number is None:
        return
    if not 1 <= number <= len(blocks):
        yield check["block"], row.text[check["block"]], f"is not a block of the text (1 to {len(blocks)})"
        return
    try:
        spans = piece_spans(row.text[check["quote"]], blocks[number - 1])
    except QuoteNotFound as error:
        yield check["quote"], row.text[check["quote"]][:80], f"is not verbatim in block {number} of the text: {error}"
        return
    if (row.value[check["start"]], row.value[check["end"]]) != (spans[0][0], spans[-1][1]):
        yield (check["start"], f"{row.text[check['start']]}-{row.text[check['end']]}",
               f"does not match the quotation's place in block {number} ({spans[0][0]}-{spans[-1][1]})")


def _check_row_references(row: Row, fields, check, context) -> Iterator[Finding]:
    """Each table:key names a row that exists; required for checkable claims."""
    text = row.text[check["field"]]
    required = check.get("required_for", {})
    needed = (row.text.get("claim_type") in required.get("claim_type", [])
              and row.text.get("verdict") not in required.get("except_verdict", []))
    if not text:
        if needed:
            yield check["field"], "", "must cite the rows the evidence rests on"
        return
    for reference in text.split(check["separator"]):
        table, _, key = reference.partition(":")
        if table not in check["tables"]:
            yield check["field"], reference, f"names no table that evidence can cite ({', '.join(check['tables'])})"
        elif key not in context.get("row_keys", {}).get(table, set()):
            yield check["field"], reference, f"cites no row of table {table} (no {check['tables'][table]} {key!r})"


ROW_CHECKS = {
    "no_surrounding_spaces": _check_no_surrounding_spaces,
    "iso_dates": _check_iso_dates,
    "end_not_before_start": _check_end_not_before_start,
    "precision_matches_date": _check_precision_matches_date,
    "both_or_neither": _check_both_or_neither,
    "filled_requires": _check_filled_requires,
    "verdict_fits_type": _check_verdict_fits_type,
    "quote_anchor": _check_quote_anchor,
    "row_references": _check_row_references,
}


def _check_no_overlap(file: str, rows: list[Row], check: dict) -> list[Problem]:
    """Periods [start, end) of one group (e.g. one state) must not overlap."""
    periods = defaultdict(list)
    for row in rows:
        start = row.value[check["start"]]
        if start is not None:
            periods[row.text[check["group"]]].append((start, row.value[check["end"]] or dt.date.max, row.number))
    problems = []
    for group, spans in periods.items():
        spans.sort()
        for (_, end_a, row_a), (start_b, _, row_b) in zip(spans, spans[1:]):
            if start_b < end_a:
                problems.append(Problem(file, row_b, check["start"], str(start_b),
                                        f"overlaps the period of {check['group']} {group} on row {row_a}"))
    return problems


def course_problems(file: str, rows: list[Row], schema: dict, checks: list[dict], context: dict) -> list[Problem]:
    """Problems of the course's rules: the fields' code lists and the ``checks`` named for this table.

    ``context`` carries what cross-table checks need: the texts of the
    commentary's blocks (under the check's ``text`` name) and, under
    ``row_keys``, the keys of every table that evidence may cite.
    """
    fields = {field["name"]: field for field in schema["fields"]}
    problems = [Problem(file, None, None, None, f"schema names an unknown check {check['check']!r}")
                for check in checks if check["check"] not in ROW_CHECKS and check["check"] != "no_overlap"]
    if problems:
        return problems
    for row in rows:
        for name, field in fields.items():
            if unknown := unknown_codes(field, row.text[name]):
                problems.append(Problem(file, row.number, name, row.text[name],
                                        f"{', '.join(unknown)} {NOT_A_CODE}"))
        for check in checks:
            if check["check"] in ROW_CHECKS:
                problems.extend(Problem(file, row.number, column, value, rule)
                                for column, value, rule in ROW_CHECKS[check["check"]](row, fields, check, context))
    for check in checks:
        if check["check"] == "no_overlap":
            problems.extend(_check_no_overlap(file, rows, check))
    return problems
