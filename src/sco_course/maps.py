"""Folium maps that work in the static book with no network.

Folium's ``Map`` loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs
by default. :func:`offline_map` keeps only Leaflet and takes it from the
book's own ``_static`` folder (during a book build) or inlines it from
``node_modules`` (when an instructor runs the notebook live; on Binder or
Colab, where there is no ``node_modules``, from Folium's CDN link), and draws
no tile layer unless asked to.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.utilities import JsCode
from jinja2 import Template

from sco_course.membership import STATUS_STYLE, state_names, statuses_by_year
from sco_course.web_assets import (
    LEAFLET_CSS,
    LEAFLET_JS,
    STATIC_SUBDIR,
    MissingWebAssets,
    book_source_dir,
    find_node_modules,
)


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


class TitledMap(folium.Map):
    """A Folium map whose ``<iframe>`` carries a title, its accessible name."""

    frame_title = "Interactive map"

    def _repr_html_(self, **kwargs) -> str:
        html = super()._repr_html_(**kwargs)
        return html.replace("<iframe ", f'<iframe title="{escape(self.frame_title)}" ', 1)


def offline_map(title: str = TitledMap.frame_title, **map_options) -> TitledMap:
    """A Folium map with no tiles and only local Leaflet assets.

    ``title`` names the map for screen readers. Other keyword arguments go
    to :class:`folium.Map`; ``tiles`` defaults to ``None`` so that drawing
    the map sends no request.
    """
    map_options.setdefault("tiles", None)
    fmap = TitledMap(**map_options)
    fmap.frame_title = title
    book_source = book_source_dir()
    if book_source is not None:
        prefix = static_prefix(book_source, Path.cwd())
        fmap.default_js = [("leaflet", prefix + LEAFLET_JS)]
        fmap.default_css = [("leaflet_css", prefix + LEAFLET_CSS)]
    else:
        _use_leaflet_for_live_notebooks(fmap)
    _PlainAttribution().add_to(fmap)
    return fmap


def fit_view(fmap: folium.Map, bounds, **options) -> None:
    """Fit ``fmap`` to ``bounds`` (south-west, north-east) at once, not animated.

    ``options`` are those of ``folium.FitBounds`` (padding, max_zoom). An
    animated fit in a map that is still off screen runs only when the reader
    scrolls to it, and would move the map under their pointer.
    """
    fit = folium.map.FitBounds(bounds, **options)
    fit.options["animate"] = False
    fmap.add_child(fit)


# --- the course's maps -------------------------------------------------------

BORDERS_CAPTION = (
    "Borders are drawn from Natural Earth (1:110m), which shows de facto boundaries. "
    "Several boundaries between SCO states, in Kashmir, Aksai Chin and elsewhere, are disputed; "
    "this map takes no position on any of them."
)
OSM_LAYER_NAME = "OpenStreetMap background (needs internet)"


def borders_caption() -> str:
    """The sentence every course map carries about disputed borders."""
    return BORDERS_CAPTION


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


class _JsonScript(MacroElement):
    """Base for controls that read a JSON payload; the payload is embedded with json.dumps."""

    def payload_json(self) -> str:
        return json.dumps(self.payload, ensure_ascii=False).replace("</", "<\\/")


class StatusControl(_JsonScript):
    """A year slider and legend in the map that recolour the countries client-side.

    Works in the static book: the statuses of every year are embedded and a
    small script restyles the country layer when the slider moves.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function () {
          const data = {{ this.payload_json() }};
          const layer = {{ this.layer.get_name() }};
          const map = {{ this._parent.get_name() }};
          function styleFor(iso3, year) {
            const status = data.statuses[year][iso3] || "none";
            return {fillColor: data.styles[status][1], fillOpacity: 0.85, color: "#555", weight: 0.6};
          }
          function apply(year) {
            layer.eachLayer(function (item) {
              const iso3 = item.feature.properties.iso3;
              if (item.setStyle) item.setStyle(styleFor(iso3, year));
              const status = data.statuses[year][iso3] || "none";
              item.feature.properties._status = data.styles[status][0];
            });
            output.textContent = year;
            map.getContainer().dataset.year = year;
          }
          layer.eachLayer(function (item) {
            item.bindPopup(function () {
              const box = document.createElement("div");
              const name = document.createElement("strong");
              name.textContent = item.feature.properties.name;
              const status = document.createElement("div");
              status.textContent = "Status at the end of " + slider.value + ": " + item.feature.properties._status;
              box.append(name, status);
              return box;
            });
          });
          const control = L.control({position: "bottomleft"});
          let slider, output;
          control.onAdd = function () {
            const box = L.DomUtil.create("div", "sco-map-control leaflet-bar");
            box.style.cssText = "background:#fff;color:#222;padding:6px 8px;font:13px/1.4 sans-serif;";
            const label = document.createElement("label");
            label.textContent = "SCO status at the end of ";
            output = document.createElement("output");
            slider = document.createElement("input");
            Object.assign(slider, {type: "range", min: data.years[0], max: data.years[data.years.length - 1], step: 1, value: data.start});
            slider.setAttribute("aria-label", "Year shown on the map");
            slider.style.display = "block";
            slider.addEventListener("input", function () { apply(slider.value); });
            label.append(output, slider);
            const legend = document.createElement("ul");
            legend.setAttribute("aria-label", "Legend");
            legend.style.cssText = "list-style:none;margin:4px 0 0;padding:0;";
            for (const key of data.order) {
              const entry = document.createElement("li");
              const swatch = document.createElement("span");
              swatch.style.cssText = "display:inline-block;width:12px;height:12px;margin-right:5px;border:1px solid #555;background:" + data.styles[key][1];
              entry.append(swatch, document.createTextNode(data.styles[key][0]));
              legend.append(entry);
            }
            box.append(label, legend);
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
          };
          control.addTo(map);
          apply(data.start);
        })();
        {% endmacro %}"""
    )

    def __init__(self, layer, statuses: dict[int, dict[str, str]], start_year: int):
        super().__init__()
        self._name = "StatusControl"
        self.layer = layer
        years = sorted(statuses)
        if start_year not in statuses:
            raise ValueError(f"start year {start_year} is outside the years {years[0]}-{years[-1]}")
        self.payload = {
            "years": years,
            "start": start_year,
            "statuses": {str(year): statuses[year] for year in years},
            "styles": STATUS_STYLE,
            "order": list(STATUS_STYLE),
        }

    def legend_entries(self) -> list[str]:
        return [STATUS_STYLE[key][0] for key in self.payload["order"]]


def countries_layer(countries: dict) -> folium.GeoJson:
    """The country shapes (polygons, and points for the smallest states), unstyled."""
    return folium.GeoJson(
        countries,
        name="States by SCO status",
        marker=folium.CircleMarker(radius=5, weight=1, fill=True, fill_opacity=0.85),
        style_function=lambda feature: {"fillColor": STATUS_STYLE["none"][1], "color": "#555", "weight": 0.6,
                                        "className": "sco-country"},
    )


def popup_layer(features: list[dict], name: str, *, color: str = "#333", dashed: bool = True,
                radius: int = 6, class_name: str = "sco-feature") -> folium.GeoJson:
    """A GeoJSON layer whose features carry a ready, escaped ``popup_html`` property.

    Popups are bound in the browser from that property, which avoids Folium's
    jQuery-based popups (the book loads no jQuery). Lines with
    ``schematic: true`` are dashed.
    """
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        marker=folium.CircleMarker(radius=radius, weight=1, fill=True, fill_opacity=0.9),
        style_function=lambda feature: {
            "color": color, "fillColor": color, "weight": 3, "className": class_name,
            "radius": feature["properties"].get("radius", radius),
            "dashArray": "6 4" if (dashed and feature["properties"].get("schematic")) else None,
        },
        on_each_feature=JsCode("function (feature, layer) { layer.bindPopup(feature.properties.popup_html); }"),
    )


def summits_layer(summits: pd.DataFrame) -> folium.GeoJson:
    """One marker per host city, its popup listing every summit held there."""
    features = []
    hosted = summits.dropna(subset=["latitude", "longitude"])
    for (city, lat, lon), rows in hosted.groupby(["city", "latitude", "longitude"], sort=True):
        rows = rows.sort_values("start_date")
        lines = []
        for row in rows.itertuples():
            body = "Shanghai Five" if row.body == "shanghai_five" else "SCO"
            days = row.start_date.strftime("%d %b %Y")
            if row.end_date != row.start_date:
                days += " to " + row.end_date.strftime("%d %b %Y")
            lines.append(f"{body} summit no. {row.number}: {days} ({str(row.format).replace('_', ' ')})")
        latest = rows.iloc[-1]
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {
                "name": city,
                "summits": len(rows),
                "radius": 4 + len(rows),
                "popup_html": popup_html(city, lines, f"{latest.source_publisher} (latest summit)", latest.source_url),
            },
        })
    return popup_layer(features, "Summit host cities", color="#CC79A7", class_name="sco-summit")


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


MEMBERSHIP_MAP_TITLE = "Map of the states that have held SCO status, coloured by status, with a year control"


def membership_map(year: int | None = None, *, first_year: int = 1996, last_year: int | None = None,
                   with_summits: bool = True, extra_layers=(), title: str = MEMBERSHIP_MAP_TITLE) -> TitledMap:
    """The course's base map: states coloured by SCO status, with a year control.

    ``year`` is where the control starts (default: the last year). Summit host
    cities and any ``extra_layers`` (e.g. from :func:`geojson_layer`) are
    switchable in the layer control; an OpenStreetMap background is available
    there too but off by default, so the map makes no request until a reader
    turns it on.
    """
    from sco_course.data import load

    last_year = last_year or pd.Timestamp.today().year
    year = last_year if year is None else year
    if not first_year <= year <= last_year:
        raise ValueError(f"year {year} is outside {first_year}-{last_year}")
    fmap = offline_map(title, location=[38, 72], zoom_start=3, min_zoom=2, max_bounds=True)
    folium.TileLayer("OpenStreetMap", name=OSM_LAYER_NAME, overlay=True, show=False, control=True).add_to(fmap)
    countries = countries_layer(load("countries")).add_to(fmap)
    statuses = statuses_by_year(range(first_year, last_year + 1))
    StatusControl(countries, statuses, year).add_to(fmap)
    if with_summits:
        summits_layer(load("summits")).add_to(fmap)
    for layer in extra_layers:
        layer.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    fit_view(fmap, [[-5, 25], [70, 140]])
    return fmap


def status_table(year: int) -> pd.DataFrame:
    """Text alternative of the membership map: each state's status at the end of ``year``."""
    from sco_course.data import load

    statuses = statuses_by_year([year])[year]
    names = state_names()
    rows = [(names.get(code, code), code, STATUS_STYLE[status][0]) for code, status in statuses.items()]
    order = {label: index for index, (label, _) in enumerate(STATUS_STYLE.values())}
    table = pd.DataFrame(rows, columns=["State", "Code", f"Status at the end of {year}"])
    return table.sort_values([f"Status at the end of {year}", "State"],
                             key=lambda column: column.map(order) if column.name.startswith("Status") else column
                             ).reset_index(drop=True)
