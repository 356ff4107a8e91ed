"""The course's base map: layers, the year control, its view and its text alternative."""

from __future__ import annotations

import re

import folium
import pytest

from sco_course.data import PROJECT_DATA_DIR, load
from sco_course.maps import borders_caption, fit_view, membership_map, project_layers, status_table
from sco_course.maps.offline import AREA_PANE, LAYER_PANES, LINE_PANE, POINT_PANE, TOP_POINT_PANE
from sco_course.maps.status_map import OSM_LAYER_NAME, StatusControl, bounds_of, east_of_antimeridian
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


def member_shapes(fmap, members) -> list[dict]:
    layer = next(child for child in fmap._children.values() if getattr(child, "layer_name", "") == "States by SCO status")
    return [feature for feature in layer.data["features"] if feature["properties"]["iso3"] in members]


def test_the_view_opens_on_every_state_that_was_a_member():
    fmap = membership_map(year=2022, last_year=2025)
    ever = {state for year in statuses_by_year(range(1996, 2026)).values()
            for state, status in year.items() if status == "member"}
    assert {"IRN", "BLR", "RUS", "IND"} <= ever
    (south, west), (north, east) = fmap.layout.payload["fit"]["bounds"]
    for feature in member_shapes(fmap, ever):
        (s, w), (n, e) = bounds_of([feature])
        assert south <= s and n <= north and west <= w and e <= east, feature["properties"]["iso3"]
    assert north > 81 and east > 180, "the whole of Russia, Chukotka beside the rest"


def test_a_later_fit_replaces_the_first_and_the_map_fits_in_the_browser():
    fmap = membership_map(year=2022, last_year=2025)
    fit_view(fmap, [[39, 70], [42, 76]], max_zoom=6)
    assert fmap.layout.payload["fit"] == {"bounds": [[39, 70], [42, 76]], "maxZoom": 6}
    html = rendered(fmap)
    assert "fitBounds" in html and html.count("function mapLayout(") == 1


def test_layers_keep_their_order_in_panes():
    fmap = membership_map(year=2022, last_year=2025, extra_layers=project_layers())
    layers = {child.layer_name: child for child in fmap._children.values() if isinstance(child, folium.GeoJson)}
    countries, summits = layers["States by SCO status"], layers["Summit host cities"]
    projects = [layer for name, layer in layers.items() if name.startswith("Projects")]
    assert countries.options["pane"] == AREA_PANE
    assert all(layer.options["pane"] == LINE_PANE for layer in projects)
    first_point = summits.data["features"][0]
    assert summits.style_function(first_point)["pane"] == TOP_POINT_PANE
    assert projects[0].style_function(projects[0].data["features"][0])["pane"] == POINT_PANE
    order = [LAYER_PANES[pane] for pane in (AREA_PANE, LINE_PANE, POINT_PANE, TOP_POINT_PANE)]
    assert order == sorted(order) and min(order) > 400, "above Leaflet's tiles and overlay pane"
    created = re.findall(r'createPane\(\s*"(sco-[\w-]+)"\)', rendered(fmap))
    assert created == list(LAYER_PANES)


def test_time_control_statuses_match_the_membership_table():
    statuses = statuses_by_year([2000, 2001, 2017, 2024])
    assert sorted(statuses[2000].values()) == ["shanghai_five"] * 5
    assert list(statuses[2001].values()).count("member") == 6
    assert list(statuses[2017].values()).count("member") == 8
    assert list(statuses[2024].values()).count("member") == 10


def test_country_bounds_cover_the_sco_area_with_russia_in_one_piece():
    fmap = membership_map(year=2024, last_year=2025)
    layer = next(child for child in fmap._children.values() if getattr(child, "layer_name", "") == "States by SCO status")
    (south, west), (north, east) = layer.get_bounds()
    # Malé (Maldives) is the southernmost point; Chukotka lies east of the 180th meridian.
    assert 3 < south < 5 and north > 75 and west > 0 and 185 < east < 195
    russia = next(feature for feature in load("countries")["features"] if feature["properties"]["iso3"] == "RUS")
    moved = east_of_antimeridian(russia["geometry"])
    assert len(moved["coordinates"]) == len(russia["geometry"]["coordinates"])
    assert east_of_antimeridian(moved) == moved


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
