"""Validation of the course's data package, ``data/datapackage.json``.

Every rule is declared in the package file (or in a JSON Schema it names);
the code here applies them and reports each broken rule as a
:class:`Problem`: file, row (as numbered in the file, the header being row
1; for GeoJSON the feature number), column, value and rule in plain words.

* :mod:`~sco_course.validation.tables`: the package file and the CSV tables,
  validated with Frictionless (types, constraints, primary and foreign keys)
  and its errors put in plain words.
* :mod:`~sco_course.validation.checks`: the course's own rules on top, named in
  ``x-code-list`` (ISO 3166-1 alpha-3 codes) and ``x-checks`` (rules across
  the fields of a row or across rows).
* :mod:`~sco_course.validation.geojson`: the GeoJSON resources, validated
  against the JSON Schema named in their ``x-json-schema``.
* :mod:`~sco_course.validation.problems`: :class:`Problem` and
  :class:`DataValidationError`.
"""

from __future__ import annotations

import sys


def _import_jsonschema_without_iri_grammars() -> None:
    """Import ``jsonschema`` without ``rfc3987_syntax``, which costs 1.5 s per process.

    jsonschema (4.26) imports rfc3987-syntax, when installed, for its
    optional "iri" format checks, and that package compiles some forty Lark
    grammars at import time (python-jsonschema/jsonschema#1392, #1521).
    Frictionless and the GeoJSON schemas both need jsonschema, and every
    notebook kernel would pay that second and a half; neither asserts
    formats, so the checks that module provides are never used here. This
    leaves jsonschema without the "iri" format checks in this process only,
    and only if nothing imported jsonschema before.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # makes its import raise ImportError, which jsonschema expects
    try:
        import jsonschema  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]


_import_jsonschema_without_iri_grammars()

from sco_course.validation.geojson import validate_geojson  # noqa: E402
from sco_course.validation.problems import DataValidationError, Problem  # noqa: E402
from sco_course.validation.tables import open_package, validate_table  # noqa: E402

__all__ = ["DataValidationError", "Problem", "open_package", "validate_geojson", "validate_table"]
