"""The map builder: offline assets, layers, the time control and escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sco_course import maps
from sco_course.data import load
from sco_course.web_assets import BOOK_SOURCE_ENV

HOSTILE = "<img src=x onerror=alert(1)>"


def rendered(fmap) -> str:
    return fmap.get_root().render()


def test_static_prefix_follows_the_notebook_depth(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert maps.static_prefix(tmp_path, tmp_path) == "_static/sco-assets/"
    assert maps.static_prefix(tmp_path, tmp_path / "a" / "b") == "../../_static/sco-assets/"
    with pytest.raises(ValueError, match="not inside the book source"):
        maps.static_prefix(tmp_path / "a", tmp_path)


def test_book_builds_link_leaflet_from_static_and_load_nothing_else(monkeypatch, tmp_path):
    monkeypatch.setenv(BOOK_SOURCE_ENV, str(tmp_path))
    monkeypatch.chdir(tmp_path)
    html = rendered(maps.offline_map())
    assert '<script src="_static/sco-assets/leaflet/dist/leaflet.js"></script>' in html
    assert "cdn" not in html and "jquery" not in html.lower() and "bootstrap" not in html


def test_live_maps_inline_leaflet(monkeypatch):
    monkeypatch.delenv(BOOK_SOURCE_ENV, raising=False)
    html = rendered(maps.offline_map())
    assert "<script src=" not in html
    assert "L.version" in html or "Leaflet" in html


def test_live_maps_without_npm_packages_link_leaflet_only(monkeypatch, tmp_path):
    monkeypatch.delenv(BOOK_SOURCE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    html = rendered(maps.offline_map())
    assert html.count("<script src=") == 1 and "leaflet" in html
    assert "jquery" not in html.lower() and "bootstrap" not in html


def test_the_map_frame_is_named_for_screen_readers():
    html = maps.offline_map("Routes <of> corridors")._repr_html_()
    assert '<iframe title="Routes &lt;of&gt; corridors" ' in html


def test_maps_draw_no_tiles_by_default():
    html = rendered(maps.offline_map())
    assert "L.tileLayer" not in html


def test_membership_map_layers_control_and_off_by_default_osm():
    fmap = maps.membership_map(year=2022, last_year=2025)
    children = list(fmap._children.values())
    geojson = [child for child in children if child.__class__.__name__ == "GeoJson"]
    assert [layer.layer_name for layer in geojson] == ["States by SCO status", "Summit host cities"]
    assert len(geojson[0].data["features"]) == len(load("countries")["features"])
    tiles = [child for child in children if child.__class__.__name__ == "TileLayer"]
    assert [(tile.layer_name, tile.show) for tile in tiles] == [(maps.OSM_LAYER_NAME, False)]
    control = next(child for child in children if isinstance(child, maps.StatusControl))
    assert control.legend_entries() == [label for label, _ in maps.STATUS_STYLE.values()]
    assert control.payload["years"] == list(range(1996, 2026))
    assert control.payload["start"] == 2022


def test_maps_fit_their_view_without_animation():
    html = rendered(maps.membership_map(year=2022, last_year=2025))
    fits = re.findall(r"map_\w+\.fitBounds\((.*?)\);", html, flags=re.S)
    assert len(fits) == 1
    assert '"animate": false' in fits[0]


def test_time_control_statuses_match_the_membership_table():
    statuses = maps.statuses_by_year([2000, 2001, 2017, 2024])
    assert sorted(statuses[2000].values()) == ["shanghai_five"] * 5
    assert list(statuses[2001].values()).count("member") == 6
    assert list(statuses[2017].values()).count("member") == 8
    assert list(statuses[2024].values()).count("member") == 10


def test_country_bounds_cover_the_sco_area():
    fmap = maps.membership_map(year=2024, last_year=2025)
    layer = next(child for child in fmap._children.values() if getattr(child, "layer_name", "") == "States by SCO status")
    (south, west), (north, east) = layer.get_bounds()
    # Malé (Maldives) is the southernmost point; Russia spans the 180th meridian.
    assert 3 < south < 5 and north > 75 and (west, east) == (-180, 180)


def test_year_outside_the_control_is_rejected():
    with pytest.raises(ValueError, match="outside 1996-2025"):
        maps.membership_map(year=1990, last_year=2025)


def test_popups_escape_text_and_refuse_non_web_links():
    html = maps.popup_html(HOSTILE, [HOSTILE], HOSTILE, "javascript:alert(1)")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "href" not in html
    linked = maps.popup_html("Site", [], "Publisher", "https://example.org/a?b=1&c=2")
    assert 'href="https://example.org/a?b=1&amp;c=2"' in linked


def test_geojson_layer_escapes_every_property_and_marks_schematic_lines():
    collection = {"type": "FeatureCollection", "features": [{
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [[70, 40], [75, 42]]},
        "properties": {"name": HOSTILE, "summary": "A route", "schematic": True,
                       "source_publisher": "P", "source_url": "https://example.org"},
    }]}
    layer = maps.geojson_layer(collection, "Routes")
    popup = layer.data["features"][0]["properties"]["popup_html"]
    assert "<img" not in popup and "schematically" in popup
    assert layer.style_function(layer.data["features"][0])["dashArray"] == "6 4"


def test_status_table_is_the_maps_text_alternative():
    table = maps.status_table(2022)
    from sco_course.membership import status_on

    assert len(table) == len(status_on("2022-12-31"))
    assert list(table.columns) == ["State", "Code", "Status at the end of 2022"]
    assert (table["Status at the end of 2022"] == "Member").sum() == 8
    assert table.iloc[0]["Status at the end of 2022"] == "Member"


def test_borders_caption_says_borders_are_not_endorsed():
    assert "de facto" in maps.borders_caption() and "no position" in maps.borders_caption()


def test_countries_file_stays_small():
    size = Path(maps.__file__).resolve().parents[2].joinpath("data", "countries.geojson").stat().st_size
    assert size < 60_000, f"countries.geojson is {size} bytes"
    assert json.loads(Path(maps.__file__).resolve().parents[2].joinpath("data", "countries.geojson").read_text())
