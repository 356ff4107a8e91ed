"""The data layer: the committed tables are valid, and each rule rejects bad input."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import PROJECT_ROOT
from sco_course import data
from sco_course.validation import DataValidationError

DATA = PROJECT_ROOT / "data"
UPSTREAM = PROJECT_ROOT.parent / "shared" / "data-sources"
TABLES = [resource["name"] for resource in json.loads((DATA / "datapackage.json").read_text())["resources"]]


@pytest.mark.parametrize("name", TABLES)
def test_every_committed_table_is_valid(name):
    loaded = data.load(name)
    assert len(loaded["features"] if isinstance(loaded, dict) else loaded) > 0


def test_tables_come_back_typed():
    membership = data.load("membership")
    assert pd.api.types.is_datetime64_any_dtype(membership["start_date"])
    assert membership["end_date"].isna().any()
    assert data.load("summits")["number"].dtype == "Int64"
    assert data.load("indicators")["derived"].dtype == "boolean"


def test_every_fact_row_names_its_source():
    for name in ("summits", "membership", "events"):
        table = data.load(name)
        assert table[["source_publisher", "source_title", "source_url"]].notna().all().all(), name


def test_every_state_with_a_status_has_a_shape():
    shapes = {feature["properties"]["iso3"] for feature in data.load("countries")["features"]}
    assert shapes == set(data.load("membership")["state"])


def test_unknown_table_names_the_known_ones():
    with pytest.raises(KeyError, match="membership"):
        data.load("membershp")


# --- each validation rule, on a small broken copy of the data -----------------

@pytest.fixture
def broken_data(tmp_path, monkeypatch):
    """A copy of data/ that a test may break; the loader reads it."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(copy))
    return copy


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
    with pytest.raises(DataValidationError) as raised:
        data.load(table)
    message = str(raised.value)
    for fragment in expected:
        assert fragment in message, f"{fragment!r} not in:\n{message}"


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


@pytest.mark.skipif(not UPSTREAM.is_dir(), reason="upstream data folder ../shared/data-sources is not present")
def test_make_data_reproduces_the_committed_derived_tables(tmp_path):
    from sco_course.prepare import prepare

    for path in prepare(UPSTREAM, tmp_path, states_from=DATA):
        assert path.read_bytes() == (DATA / path.name).read_bytes(), f"{path.name} differs from the committed copy"


def test_load_returns_a_fresh_copy_and_sees_a_changed_file(broken_data):
    first = data.load("summits")
    first.loc[0, "city"] = "changed by a caller"
    assert data.load("summits").loc[0, "city"] != "changed by a caller"
    edit_csv(broken_data / "summits.csv", set_cell("summits", 2, "city", "Elsewhere")[1])
    assert data.load("summits").loc[0, "city"] == "Elsewhere"
