"""The package file and its CSV tables, validated with Frictionless.

Frictionless checks ``datapackage.json`` against the Data Package standard
and each table against its Table Schema: types, the constraints
``required``, ``unique``, ``enum``, ``pattern``, ``minimum`` and
``maximum``, the ``primaryKey`` and the ``foreignKeys``. :func:`validate_table`
puts each of its errors in plain words as a :class:`Problem`, then applies
the course's own rules (:mod:`sco_course.validation.checks`) to the rows
Frictionless has typed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from frictionless import FrictionlessException, Package, errors

from sco_course.validation.checks import ISO_DATE, Row, course_problems
from sco_course.validation.problems import DataValidationError, Problem, constraint_words, raise_if_any

PACKAGE_FILE = "datapackage.json"
CONSTRAINT = re.compile(r'constraint "(\w+)"')
SAME_AS_ROW = re.compile(r"the same as in the row at position (\d+)")
ROW_SHAPE_ERRORS = (errors.BlankRowError, errors.MissingCellError, errors.ExtraCellError)  # reported once per row
TRUE_VALUES, FALSE_VALUES = ["true", "True", "TRUE", "1"], ["false", "False", "FALSE", "0"]  # the Table Schema defaults


def open_package(folder: Path) -> Package:
    """The data package in ``folder``; raises DataValidationError if ``datapackage.json`` breaks the standard."""
    try:
        return Package(json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8")), basepath=str(folder))
    except (OSError, json.JSONDecodeError) as error:
        raise DataValidationError([Problem(f"data/{PACKAGE_FILE}", None, None, None, f"is not readable JSON ({error})")]) from None
    except FrictionlessException as exception:
        raise DataValidationError([Problem(f"data/{PACKAGE_FILE}", None, None, None,
                                           f"is not a valid data package: {error.message}")
                                   for error in exception.to_errors()]) from None


def _type_rule(field: dict, text: str) -> str:
    kind = field["type"]
    if kind == "date":
        return "is not a real calendar date" if ISO_DATE.fullmatch(text) else "is not a date in the form YYYY-MM-DD"
    if kind == "boolean":
        values = field.get("trueValues", TRUE_VALUES) + field.get("falseValues", FALSE_VALUES)
        return f"is not {' or '.join(map(repr, values))}"
    return {"integer": "is not a whole number", "number": "is not a number"}.get(kind, f"is not of type {kind}")


def _constraint_rule(field: dict, name: str) -> str:
    bound = field["constraints"].get(name)
    if name == "required":
        return "is required but empty"
    return constraint_words(name, bound) or f"breaks the constraint {name} {bound}"


def _header_problems(file: str, labels: list[str], names: list[str]) -> list[Problem]:
    """The header's problems, found by comparing the labels Frictionless read with the schema's fields."""
    problems = [Problem(file, 1, name, None, "column is missing from the header") for name in names if name not in labels]
    problems += [Problem(file, 1, label, None, "column is not in the schema (datapackage.json)")
                 for label in labels if label not in names]
    if labels != names and not problems:
        problems.append(Problem(file, 1, None, None, f"columns must be in the order {', '.join(names)}"))
    return problems


def _problem(file: str, error, fields: dict[str, dict], schema: dict) -> Problem:
    """One Frictionless error about the cells of a row, in plain words."""
    if isinstance(error, errors.TypeError):
        return Problem(file, error.row_number, error.field_name, error.cell,
                       _type_rule(fields[error.field_name], error.cell))
    if isinstance(error, errors.ConstraintError):
        name = CONSTRAINT.search(error.note)[1]
        return Problem(file, error.row_number, error.field_name, error.cell, _constraint_rule(fields[error.field_name], name))
    if isinstance(error, errors.UniqueError):
        first = SAME_AS_ROW.search(error.note)[1]
        return Problem(file, error.row_number, error.field_name, error.cell, f"duplicates row {first} (must be unique)")
    if isinstance(error, errors.PrimaryKeyError):
        key = schema["primaryKey"]
        cells = [error.cells[list(fields).index(name)] for name in key]
        first = SAME_AS_ROW.search(error.note)
        rule = f"duplicates the primary key of row {first[1]}" if first else "has an empty primary key"
        return Problem(file, error.row_number, ", ".join(key), " / ".join(cells), rule)
    if isinstance(error, errors.ForeignKeyError):
        return Problem(file, error.row_number, ", ".join(error.field_names), " / ".join(error.field_cells),
                       f"is not an '{', '.join(error.reference_field_names)}' in table {error.reference_name}")
    return Problem(file, getattr(error, "row_number", None), getattr(error, "field_name", None),
                   getattr(error, "cell", None), error.message)


def validate_table(package: Package, meta: dict, checks: list[dict], context: dict) -> list[dict]:
    """Validate one CSV table of ``package``; return its rows as dicts of text, or raise DataValidationError.

    ``meta`` is the table's description in ``datapackage.json``; ``checks``
    are the course's rules for it (the package's ``x-checks`` and the
    schema's); see :func:`~sco_course.validation.checks.course_problems` for
    ``context``.
    """
    file = f"data/{meta['path']}"
    schema = meta["schema"]
    fields = {field["name"]: field for field in schema["fields"]}
    rows: list[Row] = []
    width = len(fields)

    def keep(row) -> None:
        if len(row.cells) == width:
            rows.append(Row(row.row_number, dict(zip(fields, row.cells)), row.to_dict()))

    report = package.get_resource(meta["name"]).validate(on_row=keep)
    found = report.tasks[0].errors
    header = [error for error in found if isinstance(error, errors.HeaderError)]
    if header:
        raise_if_any(_header_problems(file, header[0].labels, list(fields)))
    misshapen = {error.row_number: error for error in found if isinstance(error, ROW_SHAPE_ERRORS)}
    problems = [Problem(file, number, None, None, f"has {len(error.cells)} cells, the header has {width}"
                        if error.cells else "row is blank") for number, error in misshapen.items()]
    problems += [_problem(file, error, fields, schema) for error in found
                 if getattr(error, "row_number", None) not in misshapen]
    problems += course_problems(file, rows, schema, checks, context)
    raise_if_any(problems)
    return [row.text for row in rows]
