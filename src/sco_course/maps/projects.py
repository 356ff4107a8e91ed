"""Map layers for chapter 3: connectivity projects by status, event places, and their legend.

Popups are bound in the browser from a ready, escaped HTML property (see
:func:`sco_course.maps.offline.popup_layer`), so the map needs no jQuery.
"""

from __future__ import annotations

import folium
import pandas as pd

from sco_course.commentary import PUBLISHED
from sco_course.connectivity import (
    PROJECT_STATUS_STYLE,
    SCHEMATIC_NOTE,
    TYPE_LABELS,
    members_crossed,
    parse_key_dates,
    status_date_text,
)
from sco_course.data import load
from sco_course.maps.offline import BrowserControl, popup_html, popup_layer
from sco_course.membership import names_of
from sco_course.wording import short_date


def project_popup(properties: dict, on=PUBLISHED) -> str:
    """Popup HTML for one project: status and date, states, members crossed, key dates, source."""
    states = properties["states"].split(";")
    day = short_date(on)
    lines = [
        TYPE_LABELS[properties["type"]],
        f"Status: {PROJECT_STATUS_STYLE[properties['status']][0]} (as reported on {status_date_text(properties)})",
        f"States crossed: {names_of(states)}",
        f"SCO members crossed on {day}: {names_of(members_crossed(states, on))}",
        properties.get("summary", ""),
    ]
    lines += [f"{when}: {what}" for when, what in parse_key_dates(properties.get("key_dates", ""))]
    if properties.get("schematic"):
        lines.append(SCHEMATIC_NOTE)
    if properties.get("certainty") != "confirmed":
        lines.append(f"Certainty: {properties['certainty']}. {properties.get('note', '')}")
    source = ", ".join(filter(None, [properties["source_publisher"], properties["source_title"],
                                     status_date_text(properties, "source_date")]))
    return scrollable(popup_html(properties["name"], lines, source, properties["source_url"]))


def scrollable(html: str, max_height: int = 200) -> str:
    """Wrap ready, escaped popup HTML in a box that scrolls, so long popups fit a small map."""
    return f'<div class="sco-popup-scroll" style="max-height:{int(max_height)}px;overflow-y:auto">{html}</div>'


def layer_name(status: str, count: int) -> str:
    return f"Projects: {PROJECT_STATUS_STYLE[status][0].lower()} ({count})"


def project_layers(collection: dict | None = None, on=PUBLISHED) -> list[folium.GeoJson]:
    """One switchable map layer per project status, in the order of ``PROJECT_STATUS_STYLE``.

    Features carry the classes ``sco-connectivity`` and ``sco-conn-<status>``;
    schematic lines are dashed.
    """
    collection = load("connectivity") if collection is None else collection
    layers = []
    for status, (_, color) in PROJECT_STATUS_STYLE.items():
        features = [
            {**feature, "properties": {**feature["properties"], "popup_html": project_popup(feature["properties"], on)}}
            for feature in collection["features"] if feature["properties"]["status"] == status
        ]
        if features:
            layers.append(popup_layer(features, layer_name(status, len(features)), color=color, radius=7,
                                      class_name=f"sco-connectivity sco-conn-{status.replace('_', '-')}"))
    return layers


def _event_day(row) -> str:
    return short_date(row.date) if row.date_precision == "day" else str(row.date.year)


def event_places_layer(events: pd.DataFrame, name: str, color: str = "#CC79A7") -> folium.GeoJson:
    """One point per place of the events that have coordinates; its popup lists those events.

    Each event line gives its date and title, and its certainty where not
    confirmed; the source link is the latest event's.
    """
    features = []
    located = events.dropna(subset=["latitude", "longitude"]).sort_values(["date", "id"])
    for (place, lat, lon), rows in located.groupby(["place", "latitude", "longitude"], sort=False):
        lines = []
        for row in rows.itertuples():
            certainty = "" if row.certainty == "confirmed" else f" (certainty: {row.certainty})"
            lines.append(f"{_event_day(row)}: {row.title}{certainty}")
        latest = rows.iloc[-1]
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {"name": place, "popup_html": scrollable(popup_html(
                place, lines, f"{latest.source_publisher} (latest event)", latest.source_url))},
        })
    return popup_layer(features, name, color=color, radius=6, class_name="sco-event-place")


class ProjectLegend(BrowserControl):
    """A legend control for the project layers: line colour per status, dashes, circles.

    Drawn in the browser by ``web/project-legend.js`` with ``textContent`` only.
    """

    script = "project-legend.js"

    def __init__(self, statuses=None, title: str = "Connectivity projects",
                 points=(("Port, dry port or plant", "#000000"),)):
        shown = set(PROJECT_STATUS_STYLE if statuses is None else statuses)
        entries = [{"label": label, "color": color, "shape": "line", "dashed": False}
                   for status, (label, color) in PROJECT_STATUS_STYLE.items() if status in shown]
        entries.append({"label": "Dashed: schematic, not the real route", "color": "#000000",
                        "shape": "line", "dashed": True})
        entries += [{"label": label, "color": color, "shape": "circle", "dashed": False} for label, color in points]
        super().__init__({"title": title, "entries": entries})

    def legend_entries(self) -> list[str]:
        return [entry["label"] for entry in self.payload["entries"]]
