"""The course's base map: layers, the year control, its view and its text alternative."""

from __future__ import annotations

import re

import pytest

from sco_course.data import PROJECT_DATA_DIR, load
from sco_course.maps import borders_caption, membership_map, status_table
from sco_course.maps.status_map import OSM_LAYER_NAME, StatusControl
from sco_course.membership import STATUS_STYLE, status_on, statuses_by_year


def rendered(fmap) -> str:
    return fmap.get_root().render()


def test_membership_map_layers_control_and_off_by_default_osm():
    fmap = membership_map(year=2022, last_year=2025)
    children = list(fmap._children.values())
    geojson = [child for child in children if child.__class__.__name__ == "GeoJson"]
    assert [layer.layer_name for layer in geojson] == ["States by SCO status", "Summit host cities"]
    assert len(geojson[0].data["features"]) == len(load("countries")["features"])
    tiles = [child for child in children if child.__class__.__name__ == "TileLayer"]
    assert [(tile.layer_name, tile.show) for tile in tiles] == [(OSM_LAYER_NAME, False)]
    control = next(child for child in children if isinstance(child, StatusControl))
    assert control.legend_entries() == [label for label, _ in STATUS_STYLE.values()]
    assert control.payload["years"] == list(range(1996, 2026))
    assert control.payload["start"] == 2022


def test_maps_fit_their_view_without_animation():
    html = rendered(membership_map(year=2022, last_year=2025))
    fits = re.findall(r"map_\w+\.fitBounds\((.*?)\);", html, flags=re.S)
    assert len(fits) == 1
    assert '"animate": false' in fits[0]


def test_time_control_statuses_match_the_membership_table():
    statuses = statuses_by_year([2000, 2001, 2017, 2024])
    assert sorted(statuses[2000].values()) == ["shanghai_five"] * 5
    assert list(statuses[2001].values()).count("member") == 6
    assert list(statuses[2017].values()).count("member") == 8
    assert list(statuses[2024].values()).count("member") == 10


def test_country_bounds_cover_the_sco_area():
    fmap = membership_map(year=2024, last_year=2025)
    layer = next(child for child in fmap._children.values() if getattr(child, "layer_name", "") == "States by SCO status")
    (south, west), (north, east) = layer.get_bounds()
    # Malé (Maldives) is the southernmost point; Russia spans the 180th meridian.
    assert 3 < south < 5 and north > 75 and (west, east) == (-180, 180)


def test_year_outside_the_control_is_rejected():
    with pytest.raises(ValueError, match="outside 1996-2025"):
        membership_map(year=1990, last_year=2025)


def test_status_table_is_the_maps_text_alternative():
    table = status_table(2022)
    assert len(table) == len(status_on("2022-12-31"))
    assert list(table.columns) == ["State", "Code", "Status at the end of 2022"]
    assert (table["Status at the end of 2022"] == "Member").sum() == 8
    assert table.iloc[0]["Status at the end of 2022"] == "Member"


def test_borders_caption_says_borders_are_not_endorsed():
    assert "de facto" in borders_caption() and "no position" in borders_caption()


def test_the_country_shapes_stay_small():
    size = (PROJECT_DATA_DIR / "countries.geojson").stat().st_size
    assert size < 60_000, f"countries.geojson is {size} bytes"
