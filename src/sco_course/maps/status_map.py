"""The course's base map: states coloured by SCO status, with a year control.

Summit host cities are a switchable layer; chapters add their own layers
(:mod:`sco_course.maps.projects`). :func:`status_table` is the map's text
alternative.
"""

from __future__ import annotations

import folium
import pandas as pd

from sco_course.data import load
from sco_course.maps.offline import (
    AREA_PANE,
    TOP_POINT_PANE,
    BrowserControl,
    TitledMap,
    fit_view,
    offline_map,
    popup_html,
    popup_layer,
)
from sco_course.membership import STATUS_STYLE, state_names, statuses_by_year
from sco_course.wording import short_date

BORDERS_CAPTION = (
    "Borders are drawn from Natural Earth (1:110m), which shows de facto boundaries. "
    "Several boundaries between SCO states, in Kashmir, Aksai Chin and elsewhere, are disputed; "
    "this map takes no position on any of them."
)
OSM_LAYER_NAME = "OpenStreetMap background (needs internet)"


def borders_caption() -> str:
    """The sentence every course map carries about disputed borders."""
    return BORDERS_CAPTION


class StatusControl(BrowserControl):
    """A year slider and legend in the map that recolour the countries client-side.

    Works in the static book: the statuses of every year are embedded and
    ``web/status-control.js`` restyles the country layer when the slider moves.
    """

    script = "status-control.js"

    def __init__(self, layer, statuses: dict[int, dict[str, str]], start_year: int):
        years = sorted(statuses)
        if start_year not in statuses:
            raise ValueError(f"start year {start_year} is outside the years {years[0]}-{years[-1]}")
        super().__init__({
            "years": years,
            "start": start_year,
            "statuses": {str(year): statuses[year] for year in years},
            "styles": STATUS_STYLE,
            "order": list(STATUS_STYLE),
        })
        self.layer = layer

    def legend_entries(self) -> list[str]:
        return [STATUS_STYLE[key][0] for key in self.payload["order"]]


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Point":
        return [[geometry["coordinates"]]]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def east_of_antimeridian(geometry: dict) -> dict:
    """``geometry`` with the polygons cut off west of the 180th meridian moved to its east.

    Natural Earth cuts Russia's Chukotka at 180°; on a map centred on Asia
    it belongs beside the rest of Russia, at longitudes above 180.
    """
    if geometry["type"] != "MultiPolygon":
        return geometry
    longitudes = [lon for polygon in geometry["coordinates"] for lon, _ in polygon[0]]
    if min(longitudes) > -180 or max(longitudes) < 180:
        return geometry
    moved = [[[[lon + 360 if max(x for x, _ in polygon[0]) < 0 else lon, lat] for lon, lat in ring]
              for ring in polygon] for polygon in geometry["coordinates"]]
    return {**geometry, "coordinates": moved}


def bounds_of(features: list[dict]) -> list[list[float]]:
    """South-west and north-east corners of the features, as ``[[lat, lon], [lat, lon]]``."""
    points = [point for feature in features for ring in _rings(feature["geometry"]) for point in ring]
    longitudes, latitudes = [lon for lon, _ in points], [lat for _, lat in points]
    return [[min(latitudes), min(longitudes)], [max(latitudes), max(longitudes)]]


def countries_layer(countries: dict) -> folium.GeoJson:
    """The country shapes (polygons, and points for the smallest states), unstyled, Russia in one piece."""
    features = [{**feature, "geometry": east_of_antimeridian(feature["geometry"])} for feature in countries["features"]]
    return folium.GeoJson(
        {**countries, "features": features},
        name="States by SCO status",
        pane=AREA_PANE,
        marker=folium.CircleMarker(radius=5, weight=1, fill=True, fill_opacity=0.85),
        style_function=lambda feature: {"fillColor": STATUS_STYLE["none"][1], "color": "#555", "weight": 0.6,
                                        "className": "sco-country", "pane": AREA_PANE},
    )


def ever_members(statuses: dict[int, dict[str, str]]) -> set[str]:
    """The states that were members in any of the years of ``statuses``."""
    return {state for year in statuses.values() for state, status in year.items() if status == "member"}


def summits_layer(summits: pd.DataFrame) -> folium.GeoJson:
    """One marker per host city, its popup listing every summit held there."""
    features = []
    hosted = summits.dropna(subset=["latitude", "longitude"])
    for (city, lat, lon), rows in hosted.groupby(["city", "latitude", "longitude"], sort=True):
        rows = rows.sort_values("start_date")
        lines = []
        for row in rows.itertuples():
            body = "Shanghai Five" if row.body == "shanghai_five" else "SCO"
            days = short_date(row.start_date)
            if row.end_date != row.start_date:
                days += " to " + short_date(row.end_date)
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
    return popup_layer(features, "Summit host cities", color="#CC79A7", class_name="sco-summit",
                       point_pane=TOP_POINT_PANE)


MEMBERSHIP_MAP_TITLE = "Map of the states that have held SCO status, coloured by status, with a year control"


def membership_map(year: int | None = None, *, first_year: int = 1996, last_year: int | None = None,
                   with_summits: bool = True, extra_layers=(), title: str = MEMBERSHIP_MAP_TITLE) -> TitledMap:
    """The course's base map: states coloured by SCO status, with a year control.

    ``year`` is where the control starts (default: the last year). Summit host
    cities and any ``extra_layers`` (e.g. from :func:`geojson_layer`) are
    switchable in the layer control; an OpenStreetMap background is available
    there too but off by default, so the map makes no request until a reader
    turns it on. The view opens on every state that was a member in the
    control's years.
    """
    last_year = last_year or pd.Timestamp.today().year
    year = last_year if year is None else year
    if not first_year <= year <= last_year:
        raise ValueError(f"year {year} is outside {first_year}-{last_year}")
    fmap = offline_map(title, location=[38, 72], zoom_start=3, min_zoom=1)
    folium.TileLayer("OpenStreetMap", name=OSM_LAYER_NAME, overlay=True, show=False, control=True).add_to(fmap)
    countries = countries_layer(load("countries")).add_to(fmap)
    statuses = statuses_by_year(range(first_year, last_year + 1))
    StatusControl(countries, statuses, year).add_to(fmap)
    if with_summits:
        summits_layer(load("summits")).add_to(fmap)
    for layer in extra_layers:
        layer.add_to(fmap)
    fmap.layout.layer = folium.LayerControl(collapsed=False).add_to(fmap)
    members = ever_members(statuses)
    fit_view(fmap, bounds_of([feature for feature in countries.data["features"]
                              if feature["properties"]["iso3"] in members]))
    return fmap


def status_table(year: int) -> pd.DataFrame:
    """Text alternative of the membership map: each state's status at the end of ``year``."""
    statuses = statuses_by_year([year])[year]
    names = state_names()
    rows = [(names.get(code, code), code, STATUS_STYLE[status][0]) for code, status in statuses.items()]
    order = {label: index for index, (label, _) in enumerate(STATUS_STYLE.values())}
    table = pd.DataFrame(rows, columns=["State", "Code", f"Status at the end of {year}"])
    return table.sort_values([f"Status at the end of {year}", "State"],
                             key=lambda column: column.map(order) if column.name.startswith("Status") else column
                             ).reset_index(drop=True)
