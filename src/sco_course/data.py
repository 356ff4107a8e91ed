"""One way to read the course's data: ``load(name)``.

Tables are described in ``data/datapackage.json``; :func:`load` validates a
table against that description (see :mod:`sco_course.validation`) before it
returns it, so a notebook never works on data that breaks the schema. Paths are resolved from the package,
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
from sco_course.validation import DataValidationError, Problem, open_package, validate_geojson, validate_table

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


def _file_state(path: Path) -> tuple:
    """Size and modification time of a file (None if it is missing)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return str(path), None
    return str(path), stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=4)
def _read_package(folder: Path, state: tuple) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def datapackage() -> dict:
    """The parsed ``datapackage.json``."""
    folder = data_dir()
    return _read_package(folder, _file_state(folder / "datapackage.json"))


def resource(name: str) -> dict:
    """The description of one table in ``datapackage.json``."""
    resources = {item["name"]: item for item in datapackage()["resources"]}
    if name not in resources:
        raise KeyError(f"No table {name!r} in datapackage.json; the tables are: {', '.join(resources)}")
    return resources[name]


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


def _load_text(path: Path, meta: dict) -> str:
    # A text resource has no table schema (Frictionless describes tables and
    # JSON, not prose): the one rule it can break is being unreadable text.
    # The quotations' anchors into it are checked with the claims table.
    try:
        return path.read_text(encoding=meta.get("encoding", "utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DataValidationError([Problem(f"data/{meta['path']}", None, None, None,
                                           f"is not readable text ({error})")]) from None


def _dependencies(name: str, found: set[str] | None = None) -> set[str]:
    """The resources whose files validating ``name`` reads: itself, the tables
    its foreign keys and cross-table checks use, and theirs in turn."""
    found = set() if found is None else found
    found.add(name)
    schema = resource(name).get("schema", {})
    used = [foreign["reference"]["resource"] for foreign in schema.get("foreignKeys", [])]
    for check in schema.get("x-checks", []):
        if check["check"] == "quote_anchor":
            used.append(check["text"])
        elif check["check"] == "row_references":
            used += [table for table in check["tables"] if table != "references"]
    for other in used:
        if other not in found:
            _dependencies(other, found)
    return found


def _data_state(folder: Path, name: str) -> tuple:
    """Size and modification time of every file validating ``name`` reads."""
    paths = [folder / "datapackage.json", BIBLIOGRAPHY]
    for other in sorted(_dependencies(name)):
        meta = resource(other)
        paths += [folder / meta["path"]] + ([folder / meta["x-json-schema"]] if "x-json-schema" in meta else [])
    return tuple(_file_state(path) for path in paths)


def load(name: str):
    """Load and validate one table from ``data/``.

    CSV tables come back as pandas DataFrames with typed columns (dates as
    ``datetime64``, integers as ``Int64``, text as ``string``; empty cells
    as missing values). GeoJSON comes back as the parsed ``dict``, a text
    resource (the commentary) as a ``str``. Raises
    :class:`~sco_course.validation.DataValidationError` naming the file,
    row, column, value and rule for anything that breaks the schema.

    A table is read and validated once until a file it depends on changes
    (its own, ``datapackage.json``, and the files of the tables its checks
    read); each call returns its own copy, so a caller may modify what it gets.
    """
    folder = data_dir()
    loaded = _load_validated(name, folder, _data_state(folder, name))
    if isinstance(loaded, pd.DataFrame):
        return loaded.copy()
    return copy.deepcopy(loaded)


@lru_cache(maxsize=4)
def _package(folder: Path, state: tuple):
    """The Frictionless package, whose descriptor is validated once per state of ``datapackage.json``."""
    return open_package(folder)


@lru_cache(maxsize=64)
def _load_validated(name: str, folder: Path, state: tuple):
    meta = resource(name)
    if meta.get("format") == "txt":
        return _load_text(folder / meta["path"], meta)
    if meta.get("format") == "geojson":
        return validate_geojson(folder, meta)
    checks = datapackage().get("x-checks", []) + meta["schema"].get("x-checks", [])
    package = _package(folder, _file_state(folder / "datapackage.json"))
    rows = validate_table(package, meta, checks, _check_context(meta["schema"]))
    return _typed_frame(rows, meta["schema"])
