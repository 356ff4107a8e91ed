"""One way to read the course's data: ``load(name)``.

Tables are described in ``data/datapackage.json``; :func:`load` validates a
table against that description before it returns it, so a notebook never
works on data that breaks the schema. Paths are resolved from the package,
not from the current folder, so notebooks anywhere in the book can call it.
Set the environment variable ``SCO_COURSE_DATA_DIR`` to read another copy of
the data folder (the tests use it for broken fixtures).
"""

from __future__ import annotations

import copy
import json
import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from sco_course.quotes import text_blocks
from sco_course.validation import ISO_ALPHA3, DataValidationError, Problem, validate_table

DATA_DIR_ENV = "SCO_COURSE_DATA_DIR"
PROJECT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
BIBLIOGRAPHY = PROJECT_DATA_DIR.parent / "references.bib"
"""The book's bibliography; evidence may cite its entries as ``references:KEY``."""
WORLD = "WLD"
"""Code of the World aggregate in the ``indicators`` table (not an ISO country code)."""
PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}


def data_dir() -> Path:
    """The folder holding ``datapackage.json`` and the tables."""
    return Path(os.environ.get(DATA_DIR_ENV) or PROJECT_DATA_DIR)


@lru_cache(maxsize=4)
def _read_package(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def datapackage() -> dict:
    """The parsed ``datapackage.json``."""
    return _read_package(data_dir())


def resource(name: str) -> dict:
    """The description of one table in ``datapackage.json``."""
    resources = {item["name"]: item for item in datapackage()["resources"]}
    if name not in resources:
        raise KeyError(f"No table {name!r} in datapackage.json; the tables are: {', '.join(resources)}")
    return resources[name]


def _foreign_values(schema: dict) -> dict[str, set]:
    values = {}
    for foreign in schema.get("foreignKeys", []):
        target = foreign["reference"]["resource"]
        values[target] = set(load(target)[foreign["reference"]["fields"]].astype(str))
    return values


def bibliography_keys() -> set[str]:
    """The entry keys of ``references.bib``."""
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", BIBLIOGRAPHY.read_text(encoding="utf-8")))


def _keys(table: str, column: str) -> set[str]:
    if table == "references":
        return bibliography_keys()
    loaded = load(table)
    if isinstance(loaded, dict):
        return {str(feature["properties"].get(column)) for feature in loaded["features"]}
    return set(loaded[column].astype(str))


def _check_context(schema: dict) -> dict:
    """What the schema's cross-table checks need: block texts and citable row keys."""
    context = {}
    for check in schema.get("x-checks", []):
        if check["check"] == "quote_anchor":
            context[check["text"]] = [text for _, text in text_blocks(load(check["text"]))]
        elif check["check"] == "row_references":
            context["row_keys"] = {table: _keys(table, column) for table, column in check["tables"].items()}
    return context


def _typed_frame(rows: list[dict], schema: dict) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[field["name"] for field in schema["fields"]])
    for field in schema["fields"]:
        column = frame[field["name"]].replace("", None)
        if field["type"] == "date":
            frame[field["name"]] = pd.to_datetime(column, format="%Y-%m-%d")
        elif field["type"] == "boolean":
            frame[field["name"]] = column.map({"true": True, "false": False}).astype("boolean")
        elif field["type"] == "integer":
            frame[field["name"]] = pd.to_numeric(column).astype("Int64")
        else:
            frame[field["name"]] = column.astype(PANDAS_TYPES[field["type"]])
    return frame


def _positions(coordinates):
    """Every [longitude, latitude] pair in a GeoJSON coordinates array."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
    else:
        for part in coordinates or []:
            yield from _positions(part)


def _feature_problems(file: str, index: int, feature: dict, meta: dict) -> list[Problem]:
    """Problems of one feature; its "row" is its position in the collection."""
    problems = []
    properties = feature.get("properties") or {}
    for name in meta["x-feature-properties"]:
        if properties.get(name) in (None, ""):
            problems.append(Problem(file, index, name, None, "property is required (row = feature number)"))
    for name, allowed in meta.get("x-property-enums", {}).items():
        if properties.get(name) not in (None, "") and properties[name] not in allowed:
            problems.append(Problem(file, index, name, str(properties[name]), f"is not one of {', '.join(allowed)}"))
    codes = str(properties.get("iso3") or "").split(";") + str(properties.get("states") or "").split(";")
    for code in filter(None, codes):
        if code not in ISO_ALPHA3:
            problems.append(Problem(file, index, "iso3" if "iso3" in properties else "states", code,
                                    "is not an ISO 3166-1 alpha-3 country code"))
    geometry = feature.get("geometry") or {}
    if geometry.get("type") not in meta["x-geometry-types"]:
        problems.append(Problem(file, index, "geometry", str(geometry.get("type")),
                                f"geometry must be one of {', '.join(meta['x-geometry-types'])}"))
    for longitude, latitude, *_ in _positions(geometry.get("coordinates")):
        if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
            problems.append(Problem(file, index, "coordinates", f"{longitude}, {latitude}",
                                    "longitude must be within -180..180 and latitude within -90..90"))
            break
    return problems


def _load_geojson(path: Path, meta: dict) -> dict:
    file = f"data/{meta['path']}"
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DataValidationError([Problem(file, None, None, None, f"is not readable GeoJSON ({error})")]) from None
    problems = []
    ids = {}
    for index, feature in enumerate(collection.get("features", []), start=1):
        problems.extend(_feature_problems(file, index, feature, meta))
        feature_id = (feature.get("properties") or {}).get("id")
        if feature_id is not None:
            first = ids.setdefault(feature_id, index)
            if first != index:
                problems.append(Problem(file, index, "id", feature_id, f"duplicates feature {first} (must be unique)"))
    if problems:
        raise DataValidationError(problems)
    return collection


def _load_text(path: Path, meta: dict) -> str:
    try:
        return path.read_text(encoding=meta.get("encoding", "utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DataValidationError([Problem(f"data/{meta['path']}", None, None, None,
                                           f"is not readable text ({error})")]) from None


def _data_state(folder: Path) -> tuple:
    """Size and modification time of every file a table's validation may read."""
    files = [path for path in sorted(folder.rglob("*")) if path.is_file()] + [BIBLIOGRAPHY]
    return tuple((str(path), stat.st_size, stat.st_mtime_ns) for path in files if path.exists()
                 for stat in [path.stat()])


def load(name: str):
    """Load and validate one table from ``data/``.

    CSV tables come back as pandas DataFrames with typed columns (dates as
    ``datetime64``, integers as ``Int64``, text as ``string``; empty cells
    as missing values). GeoJSON comes back as the parsed ``dict``, a text
    resource (the commentary) as a ``str``. Raises
    :class:`~sco_course.validation.DataValidationError` naming the file,
    row, column, value and rule for anything that breaks the schema.

    A table is read and validated once until a data file changes; each call
    returns its own copy, so a caller may modify what it gets.
    """
    folder = data_dir()
    loaded = _load_validated(name, folder, _data_state(folder))
    if isinstance(loaded, pd.DataFrame):
        return loaded.copy()
    return copy.deepcopy(loaded)


@lru_cache(maxsize=32)
def _load_validated(name: str, folder: Path, state: tuple):
    meta = resource(name)
    path = folder / meta["path"]
    if meta.get("format") == "txt":
        return _load_text(path, meta)
    if meta.get("format") == "geojson":
        return _load_geojson(path, meta)
    rows = validate_table(path, meta["schema"], display_name=f"data/{meta['path']}",
                          foreign_values=_foreign_values(meta["schema"]), context=_check_context(meta["schema"]))
    return _typed_frame(rows, meta["schema"])
