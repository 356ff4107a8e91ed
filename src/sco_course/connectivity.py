"""Chapter 3: the connectivity projects as a table, as map layers and as a legend.

The projects come from ``data/connectivity.geojson``: railways, pipelines,
corridors, ports and sites, each with a status and the date that status was
reported, the states it crosses and its source. Lines are schematic (drawn
straight between named places). Popups are bound in the browser from a
ready, escaped HTML property (see :func:`sco_course.maps.popup_layer`), so
the map needs no jQuery.
"""

from __future__ import annotations

import json

import folium
import matplotlib.pyplot as plt
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from sco_course.commentary import PUBLISHED as COMMENTARY_DATE
from sco_course.data import load
from sco_course.maps import popup_html, popup_layer
from sco_course.membership import members_on, names_of, state_name

PROJECT_STATUS_STYLE = {
    # status: (label, line colour). Dark colours that stand out on the
    # membership map's fills; each layer is also named in the layer control.
    "operating": ("Operating", "#000000"),
    "under_construction": ("Under construction", "#D55E00"),
    "planned": ("Planned", "#6A3D9A"),
    "suspended": ("Suspended or postponed", "#7F7F7F"),
}
TYPE_LABELS = {
    "railway": "Railway",
    "pipeline": "Pipeline",
    "corridor": "Corridor",
    "port": "Port",
    "dry_port": "Dry port",
    "industrial_site": "Industrial site",
}
SCHEMATIC_NOTE = "Schematic: drawn straight between named places (or at a stated proxy point), not the real route."

def bri_supporters() -> dict[str, list[str] | None]:
    """Declaration event id -> states it names as supporting the Belt and Road (None: no list read)."""
    table = load("declaration_endorsements")
    return {
        row.event_id: (str(row.endorsers).split(";") if row.list_read else None)
        for row in table.itertuples()
    }


def members_crossed(states: list[str], on=COMMENTARY_DATE) -> list[str]:
    """The states of ``states`` that were SCO members on the date ``on``, in the order given."""
    members = set(members_on(on))
    return [code for code in states if code in members]


def projects(on=COMMENTARY_DATE) -> pd.DataFrame:
    """One row per feature of ``connectivity.geojson``, with the members it crosses on ``on``."""
    rows = []
    for feature in load("connectivity")["features"]:
        properties = feature["properties"]
        states = properties["states"].split(";")
        crossed = members_crossed(states, on)
        rows.append({
            "id": properties["id"],
            "name": properties["name"],
            "type": properties["type"],
            "geometry": feature["geometry"]["type"],
            "status": properties["status"],
            "status_date": pd.Timestamp(properties["status_date"]),
            "status_date_text": status_date_text(properties),
            "event_refs": list(properties.get("event_refs", [])),
            "states": states,
            "members_crossed": crossed,
            "non_members_crossed": [code for code in states if code not in crossed],
            "key_dates": properties.get("key_dates", ""),
            "schematic": bool(properties.get("schematic")),
            "certainty": properties["certainty"],
            "note": properties.get("note", ""),
            "source_publisher": properties["source_publisher"],
            "source_title": properties["source_title"],
            "source_date": pd.to_datetime(properties.get("source_date") or None),
            "source_date_text": date_words(properties),
            "source_date_iso": status_date_text(properties, "source_date"),
            "source_url": properties["source_url"],
        })
    return pd.DataFrame(rows)


def status_date_text(properties: dict, field: str = "status_date") -> str:
    """A feature's ``status_date`` (or ``source_date``) at its precision.

    The precision is in ``<field>_precision`` (day by default). ISO 8601 cut to
    what is known: "2025-11-24" for a day, "2021-08" for a month, "2021" for a
    year, so that a date known only to the month is not shown with an
    invented day. An empty date gives "".
    """
    if not properties.get(field):
        return ""
    date = pd.Timestamp(properties[field])
    precision = properties.get(f"{field}_precision") or "day"
    return date.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision])


def date_words(properties: dict, field: str = "source_date") -> str:
    """The same date in words: "24 November 2025", "August 2021", "2021"; "" if there is none."""
    if not properties.get(field):
        return ""
    date = pd.Timestamp(properties[field])
    precision = properties.get(f"{field}_precision") or "day"
    return {"day": f"{date.day} {date:%B %Y}", "month": f"{date:%B %Y}", "year": str(date.year)}[precision]


def projects_table(on=COMMENTARY_DATE) -> pd.DataFrame:
    """The map as a table: name, type, status and its date, states, SCO members crossed, source."""
    frame = projects(on)
    day = pd.Timestamp(on).strftime("%d %b %Y").lstrip("0")
    return pd.DataFrame({
        "Project or site": frame["name"],
        "Type": frame["type"].map(TYPE_LABELS),
        "Status": frame["status"].map(lambda status: PROJECT_STATUS_STYLE[status][0]),
        "Status reported on": frame["status_date_text"],
        "States crossed": frame["states"].map(_names),
        f"SCO members crossed (on {day})": frame["members_crossed"].map(_names),
        "Source": frame["source_publisher"] + ", " + frame["source_date_iso"].replace("", "undated"),
    })


def parse_key_dates(text: str) -> list[tuple[str, str]]:
    """Split a ``key_dates`` property ("when: what; when: what") into (when, what) pairs."""
    pairs = []
    for part in filter(None, (item.strip() for item in text.split("; "))):
        when, _, what = part.partition(": ")
        pairs.append((when, what))
    return pairs


def project_popup(properties: dict, on=COMMENTARY_DATE) -> str:
    """Popup HTML for one project: status and date, states, members crossed, key dates, source."""
    states = properties["states"].split(";")
    day = pd.Timestamp(on).strftime("%d %b %Y").lstrip("0")
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


def project_layers(collection: dict | None = None, on=COMMENTARY_DATE) -> list[folium.GeoJson]:
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
    return row.date.strftime("%d %b %Y").lstrip("0") if row.date_precision == "day" else str(row.date.year)


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


class ProjectLegend(MacroElement):
    """A legend control for the project layers: line colour per status, dashes, circles.

    Built in the browser with ``textContent`` only, from a JSON payload.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function () {
          const data = {{ this.payload_json() }};
          const map = {{ this._parent.get_name() }};
          const control = L.control({position: "bottomright"});
          control.onAdd = function () {
            const box = L.DomUtil.create("div", "sco-project-legend leaflet-bar");
            box.style.cssText = "background:#fff;color:#222;padding:4px 6px;font:12px/1.35 sans-serif;max-width:230px;";
            const heading = document.createElement("strong");
            heading.textContent = data.title;
            const list = document.createElement("ul");
            list.setAttribute("aria-label", data.title);
            list.style.cssText = "list-style:none;margin:2px 0 0;padding:0;";
            function swatch(entry) {
              const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
              svg.setAttribute("width", "24");
              svg.setAttribute("height", "12");
              svg.setAttribute("aria-hidden", "true");
              svg.style.cssText = "margin-right:5px;vertical-align:middle;";
              const shape = document.createElementNS("http://www.w3.org/2000/svg", entry.shape === "circle" ? "circle" : "line");
              if (entry.shape === "circle") {
                shape.setAttribute("cx", "12"); shape.setAttribute("cy", "6"); shape.setAttribute("r", "5");
                shape.setAttribute("fill", entry.color);
              } else {
                shape.setAttribute("x1", "1"); shape.setAttribute("y1", "6"); shape.setAttribute("x2", "23"); shape.setAttribute("y2", "6");
                shape.setAttribute("stroke-width", "3");
                if (entry.dashed) shape.setAttribute("stroke-dasharray", "6 4");
              }
              shape.setAttribute("stroke", entry.color);
              svg.append(shape);
              return svg;
            }
            for (const entry of data.entries) {
              const item = document.createElement("li");
              item.append(swatch(entry), document.createTextNode(entry.label));
              list.append(item);
            }
            box.append(heading, list);
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
          };
          control.addTo(map);
        })();
        {% endmacro %}"""
    )

    def __init__(self, statuses=None, title: str = "Connectivity projects",
                 points=(("Port, dry port or plant", "#000000"),)):
        super().__init__()
        self._name = "ProjectLegend"
        shown = set(PROJECT_STATUS_STYLE if statuses is None else statuses)
        entries = [{"label": label, "color": color, "shape": "line", "dashed": False}
                   for status, (label, color) in PROJECT_STATUS_STYLE.items() if status in shown]
        entries.append({"label": "Dashed: schematic, not the real route", "color": "#000000",
                        "shape": "line", "dashed": True})
        entries += [{"label": label, "color": color, "shape": "circle", "dashed": False} for label, color in points]
        self.payload = {"title": title, "entries": entries}

    def payload_json(self) -> str:
        return json.dumps(self.payload, ensure_ascii=False).replace("</", "<\\/")

    def legend_entries(self) -> list[str]:
        return [entry["label"] for entry in self.payload["entries"]]


def bri_endorsements(first_year: int = 2017) -> pd.DataFrame:
    """Which members each SCO summit declaration names as supporting the Belt and Road, as reported.

    One row per SCO summit from ``first_year``; a summit with no event in
    :data:`BRI_SUPPORTERS_AS_REPORTED` is marked "not checked". Raises
    ``ValueError`` if a listed state's name is missing from its event's
    summary, so the transcription cannot drift from the data.
    """
    events = load("events").set_index("id")
    membership = load("membership")
    summits = load("summits")
    summits = summits[(summits["body"] == "sco") & (summits["start_date"].dt.year >= first_year)]
    supporters_by_event = bri_supporters()
    reported = {events.loc[event_id, "date"]: event_id for event_id in supporters_by_event}
    rows = []
    for summit in summits.sort_values("start_date").itertuples():
        event_id = next((reported[day] for day in reported if summit.start_date <= day <= summit.end_date), None)
        members = members_on(summit.end_date)
        row = {
            "Summit": f"{summit.city if pd.notna(summit.city) else 'Virtual (' + state_name(summit.country) + ')'} "
                      f"{summit.end_date.year}",
            "Date": summit.end_date.strftime("%Y-%m-%d"),
            "Members that day": len(members),
            "Named as supporting the BRI": "not checked",
            "Members not named": "not known",
            "Certainty": "",
            "Source": "",
        }
        if event_id is not None:
            event = events.loc[event_id]
            supporters = supporters_by_event[event_id]
            row.update({"Certainty": event["certainty"], "Source": event["source_publisher"],
                        "Named as supporting the BRI": "no list read"})
            if supporters is not None:
                missing = [code for code in supporters if state_name(code) not in event["summary"]]
                if missing:
                    raise ValueError(f"{event_id}: {missing} not named in the event summary")
                row["Named as supporting the BRI"] = names_of(supporters)
                row["Members not named"] = names_of([code for code in members if code not in supporters])
        rows.append(row)
    return pd.DataFrame(rows)


def milestone_chart(milestones: pd.DataFrame, *, marker_date=COMMENTARY_DATE, marker_label="Commentary",
                    targets: list[tuple[pd.Timestamp, str]] = (), since=None, title: str = ""):
    """Dated milestones as a dot chart, one row each, with a vertical line at ``marker_date``.

    ``milestones`` needs ``date``, ``title`` and ``certainty``; ``targets`` are
    announced future dates, drawn as hollow diamonds. Milestones before
    ``since`` are drawn at its edge as a left arrow, their year in the label.
    """
    rows = milestones.sort_values("date")
    start = rows["date"].min() if since is None else pd.Timestamp(since)
    labels = [title_ if date >= start else f"{title_} ({date.year}, off scale)"
              for title_, date in zip(rows["title"], rows["date"])] + [label for _, label in targets]
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(labels) + 1.4))
    positions = list(range(len(labels)))[::-1]
    for y, date, certainty in zip(positions, rows["date"], rows["certainty"]):
        color = "#0072B2" if date < pd.Timestamp(marker_date) else "#D55E00"
        ax.plot(max(date, start), y, "<" if date < start else "o", color=color, markersize=7,
                markerfacecolor="white" if certainty != "confirmed" else color)
    for y, (date, _) in zip(positions[len(rows):], targets):
        ax.plot(date, y, "D", color="#555555", markerfacecolor="white", markersize=7)
    ax.axvline(pd.Timestamp(marker_date), color="#444", linestyle="--", linewidth=1)
    ax.text(pd.Timestamp(marker_date), len(labels) - 0.4, f" {marker_label}", fontsize=9, va="bottom")
    ax.set_yticks(positions, labels, fontsize=8.5)
    ax.set_ylim(-0.8, len(labels) + 0.3)
    ax.set_xlabel("Date (year)")
    ax.set_ylabel("Milestone")
    ax.grid(axis="x", color="#ddd")
    last = max([*rows["date"], *(date for date, _ in targets)])
    ax.set_xlim(start - pd.Timedelta(days=120), last + pd.Timedelta(days=120))
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
