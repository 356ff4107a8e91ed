"""Any offline map: local Leaflet only, no tiles, a named frame, escaped popups."""

from __future__ import annotations

import pytest

from helpers import PROJECT_ROOT
from sco_course.book.web_assets import BOOK_SOURCE_ENV, LEAFLET_JS, find_node_modules
from sco_course.maps import geojson_layer, offline_map, popup_html
from sco_course.maps.offline import static_prefix

HOSTILE = "<img src=x onerror=alert(1)>"


def rendered(fmap) -> str:
    return fmap.get_root().render()


def test_static_prefix_follows_the_notebook_depth(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert static_prefix(tmp_path, tmp_path) == "_static/sco-assets/"
    assert static_prefix(tmp_path, tmp_path / "a" / "b") == "../../_static/sco-assets/"
    with pytest.raises(ValueError, match="not inside the book source"):
        static_prefix(tmp_path / "a", tmp_path)


def test_book_builds_link_leaflet_from_static_and_load_nothing_else(monkeypatch, tmp_path):
    monkeypatch.setenv(BOOK_SOURCE_ENV, str(tmp_path))
    monkeypatch.chdir(tmp_path)
    html = rendered(offline_map())
    assert '<script src="_static/sco-assets/leaflet/dist/leaflet.js"></script>' in html
    assert "cdn" not in html and "jquery" not in html.lower() and "bootstrap" not in html


def test_live_maps_inline_leaflet(monkeypatch):
    monkeypatch.delenv(BOOK_SOURCE_ENV, raising=False)
    html = rendered(offline_map())
    leaflet = (find_node_modules(PROJECT_ROOT) / LEAFLET_JS).read_text(encoding="utf-8")
    assert "<script src=" not in html
    assert leaflet[:500] in html and ".leaflet-pane" in html


def test_live_maps_without_npm_packages_link_leaflet_only(monkeypatch, tmp_path):
    monkeypatch.delenv(BOOK_SOURCE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    html = rendered(offline_map())
    assert html.count("<script src=") == 1 and "leaflet" in html
    assert "jquery" not in html.lower() and "bootstrap" not in html


def test_the_map_frame_is_named_for_screen_readers():
    html = offline_map("Routes <of> corridors")._repr_html_()
    assert '<iframe title="Routes &lt;of&gt; corridors" ' in html


def test_the_map_frame_is_sized_to_the_screen_not_to_its_width():
    html = offline_map()._repr_html_()
    assert "height:65vh" in html and "min-height:min(420px,90vh)" in html
    assert "padding-bottom" not in html


def test_maps_draw_no_tiles_by_default():
    html = rendered(offline_map())
    assert "L.tileLayer" not in html


def test_popups_escape_text_and_refuse_non_web_links():
    html = popup_html(HOSTILE, [HOSTILE], HOSTILE, "javascript:alert(1)")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "href" not in html
    linked = popup_html("Site", [], "Publisher", "https://example.org/a?b=1&c=2")
    assert 'href="https://example.org/a?b=1&amp;c=2"' in linked


def test_geojson_layer_escapes_every_property_and_marks_schematic_lines():
    collection = {"type": "FeatureCollection", "features": [{
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [[70, 40], [75, 42]]},
        "properties": {"name": HOSTILE, "summary": "A route", "schematic": True,
                       "source_publisher": "P", "source_url": "https://example.org"},
    }]}
    layer = geojson_layer(collection, "Routes")
    popup = layer.data["features"][0]["properties"]["popup_html"]
    assert "<img" not in popup and "schematically" in popup
    assert layer.style_function(layer.data["features"][0])["dashArray"] == "6 4"
