"""Each validation rule rejects bad input, and says where and why.

Every case breaks one rule in a copy of ``data/`` and checks that the
message names the file, the row (feature number for GeoJSON), the column,
the value and the rule. The copy is shared by the tests of this module and
restored after each one, so the tables a case does not touch stay cached.
"""

from __future__ import annotations

import csv
import json
import shutil
import socket
from pathlib import Path

import pytest

from helpers import PROJECT_ROOT
from sco_course import data
from sco_course.validation import DataValidationError

DATA = PROJECT_ROOT / "data"


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory):
    copy = tmp_path_factory.mktemp("validation") / "data"
    shutil.copytree(DATA, copy)
    return copy


@pytest.fixture
def broken_data(data_copy, monkeypatch):
    """A copy of data/ that a test may break; the loader reads it. Restored afterwards."""
    monkeypatch.setenv(data.DATA_DIR_ENV, str(data_copy))
    yield data_copy
    for source in DATA.rglob("*"):
        target = data_copy / source.relative_to(DATA)
        if source.is_file() and _stat(target) != _stat(source):
            shutil.copy2(source, target)  # keeps size and mtime, so the loader's cache applies again


def _stat(path: Path) -> tuple | None:
    return (path.stat().st_size, path.stat().st_mtime_ns) if path.exists() else None


def edit_csv(path: Path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(table: str, row: int, column: str, value: str):
    """Edit one cell; ``row`` is numbered as in the file (header = row 1)."""
    def edit(rows):
        rows[row - 1][rows[0].index(column)] = value
    return table, edit


def drop_column(table: str, column: str):
    def edit(rows):
        index = rows[0].index(column)
        for row in rows:
            del row[index]
    return table, edit


def add_column(table: str, column: str):
    def edit(rows):
        rows[0].append(column)
        for row in rows[1:]:
            row.append("x")
    return table, edit


def copy_row(table: str, source_row: int, changes: dict[str, str]):
    def edit(rows):
        new = list(rows[source_row - 1])
        for column, value in changes.items():
            new[rows[0].index(column)] = value
        rows.append(new)
    return table, edit


def swap_columns(table: str, first: str, second: str):
    def edit(rows):
        a, b = rows[0].index(first), rows[0].index(second)
        for row in rows:
            row[a], row[b] = row[b], row[a]
    return table, edit


def append_line(table: str, line: str):
    def edit(rows):
        rows.append(line.split(",") if line else [])
    return table, edit


def assert_rejected(load_name: str, expected) -> None:
    with pytest.raises(DataValidationError) as raised:
        data.load(load_name)
    message = str(raised.value)
    for fragment in expected:
        assert fragment in message, f"{fragment!r} not in:\n{message}"


# --- tables: Frictionless's Table Schema rules and the course's x-checks -------

CASES = {
    "missing column": (drop_column("summits", "note"), "summits.csv", "row 1", "'note'", "missing from the header"),
    "extra column": (add_column("events", "comment"), "events.csv", "row 1", "'comment'", "not in the schema"),
    "malformed date": (set_cell("summits", 3, "start_date", "1997/04/24"), "summits.csv", "row 3", "'start_date'", "YYYY-MM-DD"),
    "impossible date": (set_cell("events", 4, "date", "2023-02-30"), "events.csv", "row 4", "'2023-02-30'", "not a real calendar date"),
    "end before start": (set_cell("membership", 2, "end_date", "2001-01-01"), "membership.csv", "row 2", "'end_date'", "is before start_date"),
    "unknown country": (set_cell("membership", 5, "state", "XYZ"), "membership.csv", "row 5", "'XYZ'", "not an ISO 3166-1 alpha-3"),
    "status outside vocabulary": (set_cell("membership", 3, "status", "ally"), "membership.csv", "row 3", "'ally'", "is not one of"),
    "theme outside vocabulary": (set_cell("events", 2, "theme", "culture"), "events.csv", "row 2", "'culture'", "is not one of"),
    "duplicate id": (set_cell("events", 3, "id", "s5-confidence-agreement-1996"), "events.csv", "row 3", "'id'", "duplicates row 2"),
    "latitude out of range": (set_cell("summits", 2, "latitude", "95"), "summits.csv", "row 2", "'latitude'", "above the maximum 90"),
    "longitude out of range": (set_cell("events", 2, "longitude", "-181"), "events.csv", "row 2", "'longitude'", "below the minimum -180"),
    "fact row with no source": (set_cell("membership", 4, "source_url", ""), "membership.csv", "row 4", "'source_url'", "required but empty"),
    "overlapping statuses": (copy_row("membership", 2, {"status": "member", "start_date": "2020-01-01", "end_date": "", "end_precision": ""}),
                             "membership.csv", "row 55", "'start_date'", "overlaps the period of state AFG on row 2"),
    "precision contradicts date": (set_cell("membership", 2, "start_precision", "year"), "membership.csv", "row 2", "'start_date'", "1 January"),
    "half a coordinate pair": (set_cell("summits", 2, "longitude", ""), "summits.csv", "row 2", "'longitude'", "must be filled"),
    "not a number": (set_cell("indicators", 2, "value", "n/a"), "indicators.csv", "row 2", "'value'", "is not a number"),
    "unknown series source": (set_cell("indicators", 2, "source", "somewhere"), "indicators.csv", "row 2", "'source'", "is not an 'id' in table indicator_sources"),
    "unknown code in a list": (set_cell("exercises", 3, "participants", "CHN;XXX"), "exercises.csv", "row 3", "'CHN;XXX'", "XXX is not an ISO 3166-1 alpha-3"),
    "figure for an unknown event": (set_cell("casualty_reports", 2, "event_id", "sec-no-such-clash"), "casualty_reports.csv", "row 2", "'sec-no-such-clash'", "is not an 'id' in table events"),
    "quotation not in the text": (set_cell("claims", 3, "quote", "Author: Cui Zheng (Professor)"), "claims.csv", "row 3", "'quote'", "is not verbatim in block 1"),
    "anchor pointing elsewhere": (set_cell("claims", 3, "start", "0"), "claims.csv", "row 3", "'start'", "does not match the quotation's place in block 1 (16-132)"),
    "block outside the text": (set_cell("claims", 3, "block", "99"), "claims.csv", "row 3", "'block'", "is not a block of the text"),
    "verdict outside vocabulary": (set_cell("claims", 2, "verdict", "true"), "claims.csv", "row 2", "'true'", "is not one of"),
    "verdict that does not fit the claim type": (set_cell("claims", 2, "verdict", "not_checkable"), "claims.csv", "row 2", "'verdict'", "does not fit claim_type 'fact'"),
    "evidence citing a missing row": (set_cell("claims", 2, "evidence_refs", "events:no-such-event"), "claims.csv", "row 2", "'events:no-such-event'", "cites no row of table events (no id 'no-such-event')"),
    "evidence citing an unknown table": (set_cell("claims", 2, "evidence_refs", "notes:c001"), "claims.csv", "row 2", "'notes:c001'", "names no table that evidence can cite"),
    "checkable claim without evidence": (set_cell("claims", 2, "evidence_refs", ""), "claims.csv", "row 2", "'evidence_refs'", "must cite the rows"),
    "as-written verdict without a note": (set_cell("claims", 2, "verdict_as_written", "inaccurate"), "claims.csv", "row 2", "'translation_note'", "must be filled when verdict_as_written"),
    "row with a missing cell": (("summits", lambda rows: rows[1].pop()), "summits.csv", "row 2", "has 16 cells, the header has 17"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_rule_names_file_row_column_value_and_rule(case, broken_data):
    (table, edit), *expected = CASES[case]
    edit_csv(broken_data / f"{table}.csv", edit)
    assert_rejected(table, expected)


# One case per rule not covered above; each expects the whole message line:
# file, row, column, value and rule.
RULES = {
    # Frictionless: types
    "integer type": (set_cell("summits", 2, "number", "1.5"),
                     "data/summits.csv, row 2, column 'number': value '1.5': is not a whole number"),
    "boolean type": (set_cell("declaration_endorsements", 3, "list_read", "yes"),
                     "data/declaration_endorsements.csv, row 3, column 'list_read': value 'yes': is not 'true' or 'false'"),
    # Frictionless: constraints and keys
    "pattern": (set_cell("summits", 2, "id", "S6-1996"),
                "data/summits.csv, row 2, column 'id': value 'S6-1996': does not match the pattern S5-\\d{4}|SCO-\\d{2}"),
    "required": (set_cell("events", 3, "title", ""),
                 "data/events.csv, row 3, column 'title': value '': is required but empty"),
    "unique": (set_cell("interstate_incidents", 3, "event_id", "sec-doklam-standoff-2017"),
               "data/interstate_incidents.csv, row 3, column 'event_id': value 'sec-doklam-standoff-2017': duplicates row 2 (must be unique)"),
    "enum": (set_cell("summits", 2, "format", "online"),
             "data/summits.csv, row 2, column 'format': value 'online': is not one of in_person, virtual, hybrid"),
    "minimum": (set_cell("casualty_reports", 2, "killed", "-1"),
                "data/casualty_reports.csv, row 2, column 'killed': value '-1': is below the minimum 0"),
    "maximum": (set_cell("events", 2, "latitude", "90.5"),
                "data/events.csv, row 2, column 'latitude': value '90.5': is above the maximum 90"),
    "primary key": (copy_row("membership", 2, {}),
                    "data/membership.csv, row 55, column 'state, start_date': value 'AFG / 2012-06-07': duplicates the primary key of row 2"),
    "foreign key": (set_cell("declaration_endorsements", 2, "event_id", "con-no-such-declaration"),
                    "data/declaration_endorsements.csv, row 2, column 'event_id': value 'con-no-such-declaration': is not an 'id' in table events"),
    # Frictionless: the header and the shape of rows
    "columns out of order": (swap_columns("exercises", "name", "year"),
                             "data/exercises.csv, row 1: columns must be in the order id, name, year,"),
    "row with an extra cell": (("exercises", lambda rows: rows[2].append("surplus")),
                               "data/exercises.csv, row 3: has 15 cells, the header has 14"),
    "blank row": (append_line("indicator_sources", ""), "data/indicator_sources.csv, row 8: row is blank"),
    # course rules: code lists and package-wide checks
    "code allowed only where x-extra-codes lists it": (set_cell("membership", 2, "state", "WLD"),
                                                       "data/membership.csv, row 2, column 'state': value 'WLD': WLD is not an ISO 3166-1 alpha-3 country code"),
    "no surrounding spaces": (set_cell("summits", 2, "city", " Shanghai"),
                              "data/summits.csv, row 2, column 'city': value ' Shanghai': has leading or trailing spaces"),
    "ISO dates": (set_cell("events", 5, "date", "1997-4-24"),
                  "data/events.csv, row 5, column 'date': value '1997-4-24': is not a date in the form YYYY-MM-DD"),
    # course rules: x-checks on a table
    "month precision": (set_cell("events", 2, "date_precision", "month"),
                        "data/events.csv, row 2, column 'date': value '1996-04-26': has month precision, so it must be the first day of the month"),
    "both or neither of an end date and its precision": (set_cell("events", 2, "end_precision", "day"),
                                                         "data/events.csv, row 2, column 'end_date': value '': must be filled when end_precision is filled"),
}


@pytest.mark.parametrize("case", RULES, ids=list(RULES))
def test_each_further_rule_names_file_row_column_value_and_rule(case, broken_data):
    (table, edit), expected = RULES[case]
    edit_csv(broken_data / f"{table}.csv", edit)
    assert_rejected(table, [expected])


def edit_package(folder: Path, edit) -> None:
    path = folder / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    edit({item["name"]: item for item in package["resources"]})
    path.write_text(json.dumps(package), encoding="utf-8")


def test_a_package_file_that_breaks_the_standard_is_rejected(broken_data):
    edit_package(broken_data, lambda resources: resources["summits"]["schema"]["fields"][0].update(type="text"))
    assert_rejected("summits", ["data/datapackage.json: is not a valid data package:", 'field type "text" is not supported'])


def test_a_missing_table_file_is_rejected(broken_data):
    (broken_data / "summits.csv").unlink()
    assert_rejected("summits", ["data/summits.csv: The data source could not be successfully loaded", "No such file"])


def test_an_unknown_check_is_rejected(broken_data):
    edit_package(broken_data, lambda resources: resources["summits"]["schema"]["x-checks"].append({"check": "no_such_rule"}))
    assert_rejected("summits", ["data/summits.csv: schema names an unknown check 'no_such_rule'"])


def test_validation_never_uses_the_network(broken_data, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("validation tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    edit_csv(broken_data / "casualty_reports.csv", set_cell("casualty_reports", 2, "note", "changed")[1])
    shapes = json.loads((broken_data / "connectivity.geojson").read_text())
    (broken_data / "connectivity.geojson").write_text(json.dumps(shapes))
    edit_package(broken_data, lambda resources: None)
    assert data.load("casualty_reports").loc[0, "note"] == "changed"
    assert data.load("connectivity")["features"]


# --- GeoJSON: the JSON Schema in data/schemas/ and the course's rules -----------

def test_a_broken_shape_file_is_rejected(broken_data):
    shapes = json.loads((broken_data / "countries.geojson").read_text())
    shapes["features"][0]["properties"]["iso3"] = "ZZZ"
    (broken_data / "countries.geojson").write_text(json.dumps(shapes))
    with pytest.raises(DataValidationError, match="countries.geojson, row 1, column 'iso3': value 'ZZZ'"):
        data.load("countries")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda feature: feature["properties"].update(status="finished"), "column 'status': value 'finished': is not one of"),
        (lambda feature: feature["properties"].update(states="KAZ;ZZZ"), "column 'states': value 'ZZZ'"),
        (lambda feature: feature["properties"].pop("source_url"), "column 'source_url': property is required"),
        (lambda feature: feature["geometry"].update(coordinates=[200, 45]), "column 'coordinates': value '200, 45'"),
    ],
    ids=["status-outside-vocabulary", "unknown-state", "no-source", "coordinates-out-of-range"],
)
def test_broken_connectivity_features_are_rejected(broken_data, change, expected):
    path = broken_data / "connectivity.geojson"
    collection = json.loads(path.read_text())
    point = next(feature for feature in collection["features"] if feature["geometry"]["type"] == "Point")
    change(point)
    path.write_text(json.dumps(collection))
    with pytest.raises(DataValidationError, match=expected):
        data.load("connectivity")


def first_point(collection: dict) -> dict:
    return next(feature for feature in collection["features"] if feature["geometry"]["type"] == "Point")


def first_line(collection: dict) -> dict:
    return next(feature for feature in collection["features"] if feature["geometry"]["type"] == "LineString")


# (resource, feature to change, change, the whole expected message line)
FEATURE_RULES = {
    "geometry type": ("connectivity", first_point, lambda f: f["geometry"].update(type="Polygon"),
                      "data/connectivity.geojson, row 5, column 'geometry': value 'Polygon': is not one of LineString, Point"),
    "latitude range": ("countries", lambda c: c["features"][0], lambda f: f["geometry"]["coordinates"][0][1].__setitem__(1, 95),
                       "data/countries.geojson, row 1, column 'coordinates': value '62.23, 95': latitude is above the maximum 90"),
    "line with one point": ("connectivity", first_line, lambda f: f["geometry"].update(coordinates=f["geometry"]["coordinates"][:1]),
                            "data/connectivity.geojson, row 1, column 'coordinates': must have at least 2 items"),
    "unique id": ("connectivity", lambda c: c["features"][1], lambda f: f["properties"].update(id="china-kyrgyzstan-uzbekistan-railway"),
                  "data/connectivity.geojson, row 2, column 'id': value 'china-kyrgyzstan-uzbekistan-railway': duplicates feature 1 (must be unique)"),
    "property not in the schema": ("connectivity", lambda c: c["features"][2], lambda f: f["properties"].update(stat="planned"),
                                   "data/connectivity.geojson, row 3, column 'stat': property is not in the schema"),
    "date pattern": ("connectivity", first_line, lambda f: f["properties"].update(status_date="2025/11/24"),
                     "data/connectivity.geojson, row 1, column 'status_date': value '2025/11/24': does not match the pattern"),
    "property type": ("connectivity", first_line, lambda f: f["properties"].update(schematic="yes"),
                      "data/connectivity.geojson, row 1, column 'schematic': value 'yes': is not of type boolean"),
    "empty text": ("connectivity", lambda c: c["features"][3], lambda f: f["properties"].update(name=""),
                   "data/connectivity.geojson, row 4, column 'name': value '': must not be empty"),
}


@pytest.mark.parametrize("case", FEATURE_RULES, ids=list(FEATURE_RULES))
def test_each_feature_rule_names_file_feature_property_value_and_rule(case, broken_data):
    name, pick, change, expected = FEATURE_RULES[case]
    path = broken_data / f"{name}.geojson"
    collection = json.loads(path.read_text())
    change(pick(collection))
    path.write_text(json.dumps(collection))
    assert_rejected(name, [expected])


def test_an_unreadable_geojson_file_is_rejected(broken_data):
    (broken_data / "countries.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    assert_rejected("countries", ["data/countries.geojson: is not readable GeoJSON"])


def test_a_broken_json_schema_is_rejected(broken_data):
    (broken_data / "schemas" / "connectivity.schema.json").write_text('{"type": "collection"}', encoding="utf-8")
    assert_rejected("connectivity", ["data/schemas/connectivity.schema.json: is not a valid JSON Schema"])


def test_a_text_that_is_not_utf8_is_rejected(broken_data):
    (broken_data / "source" / "commentary-en.txt").write_bytes("Commentary \u2014 draft".encode("cp1252"))
    assert_rejected("commentary", ["data/source/commentary-en.txt: is not readable text"])
