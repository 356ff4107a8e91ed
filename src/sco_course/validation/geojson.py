"""GeoJSON resources, validated against the JSON Schema their ``x-json-schema`` names.

The schema (in ``data/schemas/``) fixes the feature properties, their
types and vocabularies, the geometry types and the coordinate ranges. It
describes a feature's properties under ``$defs.featureProperties``, where a
property may also carry two course rules that JSON Schema cannot express:
``x-code-list`` (ISO 3166-1 alpha-3 codes, with ``x-separator`` for a list;
as in the tables) and ``x-unique`` (no two features share the value).
A problem's "row" is the feature's number in the collection (from 1) and
its "column" the property.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema

from sco_course.validation.checks import NOT_A_CODE, unknown_codes
from sco_course.validation.problems import DataValidationError, Problem, constraint_words, raise_if_any

AXES = ("longitude", "latitude")


def _words(error: jsonschema.ValidationError) -> str:
    """The rule an error breaks, in plain words."""
    bound = error.validator_value
    return constraint_words(error.validator, bound) or {
        "required": "property is required (row = feature number)",
        "const": f"must be {bound!r}",
        "minLength": "must not be empty",
        "minItems": f"must have at least {bound} items",
        "maxItems": f"must have at most {bound} items",
        "type": f"is not of type {bound}",
        "additionalProperties": "property is not in the schema",
    }.get(error.validator, error.message)


def _column(part: list) -> str | None:
    """The property (or ``geometry``, ``coordinates``) a path inside a feature points at."""
    if part[:1] == ["properties"]:
        return part[1] if len(part) > 1 else None
    if part[:2] == ["geometry", "coordinates"]:
        return "coordinates"
    return part[0] if part else None


def _problems(file: str, collection: dict, error: jsonschema.ValidationError) -> list[Problem]:
    """One JSON Schema error as problems (a ``required`` error names every missing property)."""
    path = list(error.absolute_path)
    row = path[1] + 1 if path[:1] == ["features"] and len(path) > 1 else None
    part = path[2:]
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return [Problem(file, row, name, None, _words(error)) for name in missing]
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return [Problem(file, row, name, None, _words(error)) for name in extra]
    if part[:2] == ["geometry", "coordinates"] and len(part) > 2 and isinstance(part[-1], int):
        position = collection
        for key in path[:-1]:
            position = position[key]
        axis = AXES[part[-1]] if part[-1] < len(AXES) else "coordinate"
        return [Problem(file, row, "coordinates", ", ".join(map(str, position)), f"{axis} {_words(error)}")]
    value = None if isinstance(error.instance, (dict, list)) else str(error.instance)
    return [Problem(file, row, _column(part), value, _words(error))]


def _course_problems(file: str, collection: dict, properties: dict) -> list[Problem]:
    """The ``x-code-list`` and ``x-unique`` rules of the feature properties."""
    problems = []
    first_seen: dict[str, dict] = {name: {} for name, rules in properties.items() if rules.get("x-unique")}
    features = collection.get("features") if isinstance(collection, dict) else None
    for number, feature in enumerate(features if isinstance(features, list) else [], start=1):
        values = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(values, dict):
            continue  # reported by the schema
        for name, rules in properties.items():
            value = values.get(name)
            if not isinstance(value, str):
                continue
            problems += [Problem(file, number, name, code, NOT_A_CODE) for code in unknown_codes(rules, value)]
            if name in first_seen:
                first = first_seen[name].setdefault(value, number)
                if first != number:
                    problems.append(Problem(file, number, name, value, f"duplicates feature {first} (must be unique)"))
    return problems


@lru_cache(maxsize=8)
def _validator(text: str) -> jsonschema.protocols.Validator:
    """A validator for the JSON Schema ``text``, checked against its metaschema once."""
    schema = json.loads(text)
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def validate_geojson(folder: Path, meta: dict) -> dict:
    """Validate one GeoJSON resource of ``datapackage.json``; return the parsed collection, or raise DataValidationError."""
    try:
        validator = _validator((folder / meta["x-json-schema"]).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, jsonschema.SchemaError) as error:
        raise DataValidationError([Problem(f"data/{meta['x-json-schema']}", None, None, None,
                                           f"is not a valid JSON Schema ({getattr(error, 'message', error)})")]) from None
    file = f"data/{meta['path']}"
    try:
        collection = json.loads((folder / meta["path"]).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DataValidationError([Problem(file, None, None, None, f"is not readable GeoJSON ({error})")]) from None
    problems = list(dict.fromkeys(problem for error in validator.iter_errors(collection)
                                  for problem in _problems(file, collection, error)))
    problems += _course_problems(file, collection, validator.schema["$defs"]["featureProperties"]["properties"])
    raise_if_any(problems)
    return collection
