"""The data layer: the committed tables are valid and come back typed (each rule is tested in test_validation.py)."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from helpers import PROJECT_ROOT
from sco_course import data

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


@pytest.mark.parametrize("name", [name for name in TABLES if data.resource(name).get("format") == "csv"])
def test_every_column_has_the_dtype_of_its_schema_type(name):
    expected = {"date": "datetime64[us]", "integer": "Int64", "number": "float64", "string": "string", "boolean": "boolean"}
    table = data.load(name)
    assert list(table.columns) == [field["name"] for field in data.resource(name)["schema"]["fields"]]
    for field in data.resource(name)["schema"]["fields"]:
        assert str(table[field["name"]].dtype) == expected[field["type"]], field["name"]


def test_empty_cells_come_back_missing():
    events = data.load("events")
    assert events["end_date"].isna().any() and events["place"].isna().any() and events["latitude"].isna().any()
    assert not (events.astype(str) == "").any().any()


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


@pytest.mark.skipif(not UPSTREAM.is_dir(), reason="upstream data folder ../shared/data-sources is not present")
def test_make_data_reproduces_the_committed_derived_tables(tmp_path):
    from sco_course.prepare import prepare

    for path in prepare(UPSTREAM, tmp_path, states_from=DATA):
        assert path.read_bytes() == (DATA / path.name).read_bytes(), f"{path.name} differs from the committed copy"


def test_load_returns_a_fresh_copy_and_sees_a_changed_file(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(copy))
    first = data.load("summits")
    first.loc[0, "city"] = "changed by a caller"
    assert data.load("summits").loc[0, "city"] != "changed by a caller"
    summits = copy / "summits.csv"
    summits.write_text(summits.read_text(encoding="utf-8").replace(",Shanghai,", ",Elsewhere,", 1), encoding="utf-8")
    assert data.load("summits").loc[0, "city"] == "Elsewhere"
