"""Offline Folium maps: no network, Leaflet only, popups and controls drawn in the browser.

Folium's ``Map`` loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs
by default. :func:`offline_map` keeps only Leaflet and takes it from the
book's own ``_static`` folder (during a book build) or inlines it from
``node_modules`` (when an instructor runs the notebook live; on Binder or
Colab, where there is no ``node_modules``, from Folium's CDN link), and draws
no tile layer unless asked to.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from folium.utilities import JsCode
from jinja2 import Template

from sco_course.book.web_assets import (
    LEAFLET_CSS,
    LEAFLET_JS,
    STATIC_SUBDIR,
    MissingWebAssets,
    book_source_dir,
    find_node_modules,
)

WEB_DIR = Path(__file__).parent / "web"
"""The scripts and stylesheet of the course's map controls."""


def static_prefix(book_source: Path, notebook_dir: Path) -> str:
    """URL prefix, relative to the built page, of ``_static/sco-assets/``.

    A Folium map is an ``<iframe srcdoc>``, whose relative URLs resolve
    against the page that holds it, so the prefix depends on how deep the
    notebook sits below the book's source folder.
    """
    try:
        depth = len(notebook_dir.resolve().relative_to(book_source.resolve()).parts)
    except ValueError:
        raise ValueError(f"Notebook folder {notebook_dir} is not inside the book source {book_source}") from None
    return "../" * depth + f"_static/{STATIC_SUBDIR}/"


class _PlainAttribution(MacroElement):
    """Replace Leaflet's attribution prefix (a flag icon and link) with plain text."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.setPrefix("Leaflet");
        {% endmacro %}"""
    )


def _use_leaflet_for_live_notebooks(fmap: folium.Map) -> None:
    """Inline Leaflet from ``node_modules`` so a live map needs no network.

    Where the npm packages are absent (a notebook opened on Binder or Colab),
    fall back to Folium's own CDN link for Leaflet: such a reader is online.
    """
    leaflet = dict(fmap.default_js)["leaflet"], dict(fmap.default_css)["leaflet_css"]
    fmap.default_js, fmap.default_css = [], []
    try:
        node_modules = find_node_modules(Path.cwd().resolve())
    except MissingWebAssets:
        fmap.default_js, fmap.default_css = [("leaflet", leaflet[0])], [("leaflet_css", leaflet[1])]
        return
    figure = fmap.get_root()
    css = (node_modules / LEAFLET_CSS).read_text(encoding="utf-8")
    js = (node_modules / LEAFLET_JS).read_text(encoding="utf-8")
    figure.header.add_child(Element(f"<style>{css}</style>"), name="leaflet_css")
    figure.header.add_child(Element(f"<script>{js}</script>"), name="leaflet")


MAP_BOX_STYLE = "position:relative;width:100%;height:65vh;min-height:min(420px,90vh)"
"""Most of the reader's screen, whatever the width of the page: a map needs height."""
MAP_FRAME_STYLE = "position:absolute;inset:0;width:100%;height:100%;border:none"
TRUST_HINT = "Make this Notebook Trusted to load map: File -> Trust Notebook"


AREA_PANE, LINE_PANE, POINT_PANE, TOP_POINT_PANE = "sco-areas", "sco-lines", "sco-points", "sco-top-points"
LAYER_PANES = {AREA_PANE: 410, LINE_PANE: 420, POINT_PANE: 430, TOP_POINT_PANE: 440}
"""Panes (name: z-index) that keep the layers in this order, bottom to top.

Leaflet draws a layer that is switched back on above every other layer of
its pane; in panes of their own, layers keep their order. The panes let
clicks through to the panes below; their shapes do not.
"""


class TitledMap(folium.Map):
    """A Folium map in an ``<iframe>`` named by its title and sized to the screen.

    Its :class:`MapLayout` (``layout``) fits the view and arranges the
    controls in the browser.
    """

    frame_title = "Interactive map"

    def _repr_html_(self, **kwargs) -> str:
        srcdoc = escape(self.get_root().render(**kwargs))
        return (f'<div class="sco-map" style="{MAP_BOX_STYLE}">'
                f'<span style="color:#565656">{TRUST_HINT}</span>'
                f'<iframe title="{escape(self.frame_title)}" srcdoc="{srcdoc}" style="{MAP_FRAME_STYLE}" '
                "allowfullscreen></iframe></div>")


def offline_map(title: str = TitledMap.frame_title, **map_options) -> TitledMap:
    """A Folium map with no tiles and only local Leaflet assets.

    ``title`` names the map for screen readers. Other keyword arguments go
    to :class:`folium.Map`; ``tiles`` defaults to ``None`` so that drawing
    the map sends no request.
    """
    map_options.setdefault("tiles", None)
    map_options.setdefault("zoom_snap", 0.25)
    fmap = TitledMap(**map_options)
    fmap.frame_title = title
    for pane, z_index in LAYER_PANES.items():
        folium.map.CustomPane(pane, z_index=z_index, pointer_events=False).add_to(fmap)
    fmap.layout = MapLayout().add_to(fmap)
    book_source = book_source_dir()
    if book_source is not None:
        prefix = static_prefix(book_source, Path.cwd())
        fmap.default_js = [("leaflet", prefix + LEAFLET_JS)]
        fmap.default_css = [("leaflet_css", prefix + LEAFLET_CSS)]
    else:
        _use_leaflet_for_live_notebooks(fmap)
    _PlainAttribution().add_to(fmap)
    return fmap


def fit_view(fmap: TitledMap, bounds, max_zoom: float | None = None) -> None:
    """Show ``bounds`` (south-west, north-east) whole when the map opens; a later call replaces it.

    The browser fits the view to the map's size, clear of its controls, and
    again when the map is resized until the reader moves it; ``max_zoom``
    keeps some surroundings around small bounds.
    """
    (south, west), (north, east) = bounds
    fmap.layout.payload["fit"] = {"bounds": [[south, west], [north, east]], "maxZoom": max_zoom}


def _link(url: str, text: str) -> str:
    if not str(url).startswith(("http://", "https://")):
        return escape(text)
    return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{escape(text)}</a>'


def popup_html(title: str, lines: list[str], source_label: str = "", source_url: str = "") -> str:
    """Popup content with every piece of text escaped and an optional source link."""
    parts = [f"<strong>{escape(str(title))}</strong>"]
    parts += [escape(str(line)) for line in lines if line]
    if source_label:
        parts.append("Source: " + _link(source_url, source_label))
    return "<br>".join(parts)


def popup_layer(features: list[dict], name: str, *, color: str = "#333", dashed: bool = True,
                radius: int = 6, class_name: str = "sco-feature", point_pane: str = POINT_PANE) -> folium.GeoJson:
    """A GeoJSON layer whose features carry a ready, escaped ``popup_html`` property.

    Popups are bound in the browser from that property, which avoids Folium's
    jQuery-based popups (the book loads no jQuery). Lines with
    ``schematic: true`` are dashed. Lines are drawn in the pane
    ``LINE_PANE``, points in ``point_pane`` (see :data:`LAYER_PANES`).
    """
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        pane=LINE_PANE,
        marker=folium.CircleMarker(radius=radius, weight=1, fill=True, fill_opacity=0.9),
        style_function=lambda feature: {
            "color": color, "fillColor": color, "weight": 3, "className": class_name, "pane": point_pane,
            "radius": feature["properties"].get("radius", radius),
            "dashArray": "6 4" if (dashed and feature["properties"].get("schematic")) else None,
        },
        on_each_feature=JsCode("function (feature, layer) { layer.bindPopup(feature.properties.popup_html); }"),
    )


def geojson_layer(collection: dict, name: str, *, color: str = "#333", dashed: bool = True) -> folium.GeoJson:
    """A layer of points and lines (routes, sites) whose popups cite their sources.

    Each feature needs ``name`` and may have ``summary``, ``status``,
    ``status_date``, ``source_publisher``/``source_title``/``source_url``;
    schematic lines (``schematic: true``) are dashed and say so in their popup.
    """
    features = []
    for feature in collection["features"]:
        properties = dict(feature["properties"])
        lines = [properties.get("summary", "")]
        if properties.get("status"):
            lines.append(f"Status: {properties['status']}" + (f" ({properties['status_date']})" if properties.get("status_date") else ""))
        if properties.get("schematic"):
            lines.append("Route drawn schematically through named waypoints.")
        label = ", ".join(str(properties[key]) for key in ("source_publisher", "source_title") if properties.get(key))
        properties["popup_html"] = popup_html(properties.get("name", ""), lines, label, properties.get("source_url", ""))
        features.append({**feature, "properties": properties})
    return popup_layer(features, name, color=color, dashed=dashed)


class BrowserControl(MacroElement):
    """A map control drawn in the browser by a script in ``web/``, from a JSON payload.

    A subclass names its ``script`` (a file in ``web/`` holding one function
    declaration, which may use the helpers of ``web/control.js``) and sets
    ``payload``; the function is called with the payload, the map and, if
    the control has a ``layer``, that layer. The stylesheet
    ``web/controls.css`` is added to the map once.
    """

    script = ""
    layer = None
    _template = Template(
        """{% macro script(this, kwargs) %}
        (function () {
        {{ this.source() }}
        {{ this.function_name() }}({{ this.payload_json() }}, {{ this._parent.get_name() }}{{ this.layer_argument() }});
        })();
        {% endmacro %}"""
    )

    def __init__(self, payload: dict):
        super().__init__()
        self._name = type(self).__name__
        self.payload = payload

    def source(self) -> str:
        return "\n".join((WEB_DIR / name).read_text(encoding="utf-8") for name in ("control.js", self.script))

    def function_name(self) -> str:
        own = (WEB_DIR / self.script).read_text(encoding="utf-8")
        return re.search(r"^function (\w+)", own, re.M).group(1)

    def payload_json(self) -> str:
        return json.dumps(self.payload, ensure_ascii=False).replace("</", "<\\/")

    def layer_argument(self) -> str:
        return "" if self.layer is None else ", " + self.layer.get_name()

    def render(self, **kwargs):
        css = (WEB_DIR / "controls.css").read_text(encoding="utf-8")
        self.get_root().header.add_child(Element(f"<style>{css}</style>"), name="sco_map_controls_css")
        super().render(**kwargs)


class MapLayout(BrowserControl):
    """Fits the map to its page in the browser, once every control is on it (``web/map-layout.js``).

    On a small map the layer list starts collapsed and the legends closed.
    The view shows the ``fit`` bounds (see :func:`fit_view`) between the
    controls, and again after a resize until the reader moves the map.
    Popups open clear of the controls. The optional ``layer`` is the map's
    layer control.
    """

    script = "map-layout.js"
    # Deferred to the end of the map's script: controls added later must be measured too.
    _template = Template(
        """{% macro script(this, kwargs) %}
        Promise.resolve().then(function () {
        {{ this.source() }}
        {{ this.function_name() }}({{ this.payload_json() }}, {{ this._parent.get_name() }}{{ this.layer_argument() }});
        });
        {% endmacro %}"""
    )

    def __init__(self):
        super().__init__({"fit": None, "compactWidth": 600, "compactHeight": 440, "margin": 8,
                          "maxFitPaddingShare": 0.12})
