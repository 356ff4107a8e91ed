"""Validate CSV tables against their schema in ``data/datapackage.json``.

The schema follows the Frictionless Table Schema (field types ``string``,
``integer``, ``number``, ``date``, ``boolean``; constraints ``required``,
``unique``, ``enum``, ``pattern``, ``minimum``, ``maximum``; ``primaryKey``;
``foreignKeys``) plus two project extensions, both declared in the package
file rather than in code:

* ``x-code-list`` on a field: the value must be an ISO 3166-1 alpha-3 code
  (``x-extra-codes`` lists permitted non-ISO codes such as ``WLD``;
  ``x-separator`` allows a list of codes in one cell).
* ``x-checks`` on a schema: rules across fields of a row or across rows
  (see :data:`ROW_CHECKS` and :func:`_check_no_overlap`).

Every problem is reported with the file, the row as numbered in the file
(the header is row 1), the column, the value and the rule broken.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pycountry

from sco_course.quotes import QuoteNotFound, piece_spans

ISO_ALPHA3 = frozenset(country.alpha_3 for country in pycountry.countries)
MAX_REPORTED = 20


@dataclass(frozen=True)
class Problem:
    """One broken rule in one cell (or row) of a table."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        value = "" if self.value is None else f"value {self.value!r}: "
        return f"{', '.join(where)}: {value}{self.rule}"


class DataValidationError(ValueError):
    """A table does not match its schema. ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {problem}" for problem in problems[:MAX_REPORTED])
        more = f"\n  ... and {len(problems) - MAX_REPORTED} more" if len(problems) > MAX_REPORTED else ""
        super().__init__(f"{len(problems)} data problem(s):\n{shown}{more}")


def parse_value(field: dict, text: str):
    """Convert one non-empty CSV cell to the field's type; raise ValueError if it cannot be."""
    kind = field["type"]
    if kind == "string":
        return text
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError("is not a whole number")
        return int(text)
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            raise ValueError("is not a number") from None
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError("is not a date in the form YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError("is not a real calendar date") from None
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ValueError("is not 'true' or 'false'")
        return text == "true"
    raise ValueError(f"has unsupported schema type {kind!r}")


def _field_problems(field: dict, text: str) -> list[str]:
    constraints = field.get("constraints", {})
    if text == "":
        return ["is required but empty"] if constraints.get("required") else []
    if text != text.strip():
        return ["has leading or trailing spaces"]
    try:
        value = parse_value(field, text)
    except ValueError as error:
        return [str(error)]
    rules = []
    if "enum" in constraints and value not in constraints["enum"]:
        rules.append(f"is not one of {', '.join(map(str, constraints['enum']))}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        rules.append(f"does not match the pattern {constraints['pattern']}")
    if "minimum" in constraints and value < constraints["minimum"]:
        rules.append(f"is below the minimum {constraints['minimum']}")
    if "maximum" in constraints and value > constraints["maximum"]:
        rules.append(f"is above the maximum {constraints['maximum']}")
    if field.get("x-code-list"):
        codes = text.split(field["x-separator"]) if field.get("x-separator") else [text]
        unknown = [code for code in codes if code not in ISO_ALPHA3 and code not in field.get("x-extra-codes", [])]
        if unknown:
            rules.append(f"{', '.join(unknown)} is not an ISO 3166-1 alpha-3 country code")
    return rules


def _parsed(row: dict, fields: dict, name: str):
    text = row.get(name, "")
    if text == "":
        return None
    try:
        return parse_value(fields[name], text)
    except ValueError:
        return None  # already reported as a field problem


def _check_end_not_before_start(row, fields, check, context):
    start, end = _parsed(row, fields, check["start"]), _parsed(row, fields, check["end"])
    if start is not None and end is not None and end < start:
        yield check["end"], row[check["end"]], f"is before {check['start']} ({row[check['start']]})"


def _check_precision_matches_date(row, fields, check, context):
    date, precision = _parsed(row, fields, check["date"]), row.get(check["precision"], "")
    if date is None:
        return
    if precision == "month" and date.day != 1:
        yield check["date"], row[check["date"]], "has month precision, so it must be the first day of the month"
    if precision == "year" and (date.month, date.day) != (1, 1):
        yield check["date"], row[check["date"]], "has year precision, so it must be 1 January"


def _check_both_or_neither(row, fields, check, context):
    filled = [name for name in check["fields"] if row.get(name, "") != ""]
    if filled and len(filled) != len(check["fields"]):
        missing = [name for name in check["fields"] if name not in filled]
        yield missing[0], "", f"must be filled when {', '.join(filled)} is filled"


def _check_filled_requires(row, fields, check, context):
    if row.get(check["field"], "") != "" and row.get(check["requires"], "") == "":
        yield check["requires"], "", f"must be filled when {check['field']} is filled"


def _check_verdict_fits_type(row, fields, check, context):
    allowed = check["rules"].get(row.get(check["type"], ""))
    verdict = row.get(check["verdict"], "")
    if allowed is not None and verdict and verdict not in allowed:
        yield check["verdict"], verdict, f"does not fit {check['type']} {row[check['type']]!r} (allowed: {', '.join(allowed)})"


def _check_quote_anchor(row, fields, check, context):
    """The quotation is in the named block of the text, exactly where start and end say."""
    blocks = context.get(check["text"], [])
    number = _parsed(row, fields, check["block"])
    if number is None:
        return
    if not 1 <= number <= len(blocks):
        yield check["block"], row[check["block"]], f"is not a block of the text (1 to {len(blocks)})"
        return
    try:
        spans = piece_spans(row[check["quote"]], blocks[number - 1])
    except QuoteNotFound as error:
        yield check["quote"], row[check["quote"]][:80], f"is not verbatim in block {number} of the text: {error}"
        return
    found = f"{spans[0][0]}-{spans[-1][1]}"
    if (_parsed(row, fields, check["start"]), _parsed(row, fields, check["end"])) != (spans[0][0], spans[-1][1]):
        yield check["start"], f"{row[check['start']]}-{row[check['end']]}", f"does not match the quotation's place in block {number} ({found})"


def _check_row_references(row, fields, check, context):
    """Each table:key names a row that exists; required for checkable claims."""
    text = row.get(check["field"], "")
    required = check.get("required_for", {})
    needed = (row.get("claim_type") in required.get("claim_type", [])
              and row.get("verdict") not in required.get("except_verdict", []))
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
    "end_not_before_start": _check_end_not_before_start,
    "precision_matches_date": _check_precision_matches_date,
    "both_or_neither": _check_both_or_neither,
    "filled_requires": _check_filled_requires,
    "verdict_fits_type": _check_verdict_fits_type,
    "quote_anchor": _check_quote_anchor,
    "row_references": _check_row_references,
}


def _check_no_overlap(file: str, rows: list[tuple[int, dict]], fields: dict, check: dict) -> list[Problem]:
    """Periods [start, end) of one group (e.g. one state) must not overlap."""
    periods = defaultdict(list)
    for number, row in rows:
        start = _parsed(row, fields, check["start"])
        if start is not None:
            end = _parsed(row, fields, check["end"]) or dt.date.max
            periods[row[check["group"]]].append((start, end, number))
    problems = []
    for group, spans in periods.items():
        spans.sort()
        for (_, end_a, row_a), (start_b, _, row_b) in zip(spans, spans[1:]):
            if start_b < end_a:
                problems.append(Problem(
                    file, row_b, check["start"], str(start_b),
                    f"overlaps the period of {check['group']} {group} on row {row_a}",
                ))
    return problems


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and the data rows, each with its row number in the file."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        rows = []
        for number, values in enumerate(reader, start=2):
            rows.append((number, values))
    return header, rows


def validate_table(path: Path, schema: dict, display_name: str | None = None,
                   foreign_values: dict[str, set] | None = None, context: dict | None = None) -> list[dict]:
    """Validate one CSV file; return its rows as dicts of text, or raise DataValidationError.

    ``context`` carries what cross-table checks need: the texts of the
    commentary's blocks (under the check's ``text`` name) and, under
    ``row_keys``, the keys of every table that evidence may cite.
    """
    file = display_name or str(path)
    if not path.is_file():
        raise DataValidationError([Problem(file, None, None, None, "file not found")])
    header, raw_rows = read_rows(path)
    fields = {field["name"]: field for field in schema["fields"]}
    expected = list(fields)
    problems = []
    for name in expected:
        if name not in header:
            problems.append(Problem(file, 1, name, None, "column is missing from the header"))
    for name in header:
        if name not in fields:
            problems.append(Problem(file, 1, name, None, "column is not in the schema (datapackage.json)"))
    if header != expected and not problems:
        problems.append(Problem(file, 1, None, None, f"columns must be in the order {', '.join(expected)}"))
    if problems:
        raise DataValidationError(problems)

    rows: list[tuple[int, dict]] = []
    for number, values in raw_rows:
        if len(values) != len(header):
            problems.append(Problem(file, number, None, None, f"has {len(values)} cells, the header has {len(header)}"))
            continue
        rows.append((number, dict(zip(header, values))))

    unique_seen: dict[str, dict] = defaultdict(dict)
    key_fields = schema.get("primaryKey", [])
    keys_seen: dict[tuple, int] = {}
    for number, row in rows:
        for name, field in fields.items():
            for rule in _field_problems(field, row[name]):
                problems.append(Problem(file, number, name, row[name], rule))
            if field.get("constraints", {}).get("unique") and row[name] != "":
                first = unique_seen[name].setdefault(row[name], number)
                if first != number:
                    problems.append(Problem(file, number, name, row[name], f"duplicates row {first} (must be unique)"))
        if key_fields:
            key = tuple(row[name] for name in key_fields)
            first = keys_seen.setdefault(key, number)
            if first != number:
                problems.append(Problem(file, number, ", ".join(key_fields), " / ".join(key),
                                        f"duplicates the primary key of row {first}"))
        for check in schema.get("x-checks", []):
            if check["check"] in ROW_CHECKS:
                for column, value, rule in ROW_CHECKS[check["check"]](row, fields, check, context or {}):
                    problems.append(Problem(file, number, column, value, rule))
        for foreign in schema.get("foreignKeys", []):
            column = foreign["fields"]
            allowed = (foreign_values or {}).get(foreign["reference"]["resource"], set())
            if row[column] not in allowed:
                problems.append(Problem(file, number, column, row[column],
                                        f"is not an '{foreign['reference']['fields']}' in table {foreign['reference']['resource']}"))
    for check in schema.get("x-checks", []):
        if check["check"] == "no_overlap":
            problems.extend(_check_no_overlap(file, rows, fields, check))
        elif check["check"] not in ROW_CHECKS:
            problems.append(Problem(file, None, None, None, f"schema names an unknown check {check['check']!r}"))
    if problems:
        problems.sort(key=lambda problem: (problem.row or 0))
        raise DataValidationError(problems)
    return [row for _, row in rows]
