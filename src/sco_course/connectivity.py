"""Chapter 3 (connectivity): the projects as a table, and the Belt and Road endorsements.

The projects come from ``data/connectivity.geojson``: railways, pipelines,
corridors, ports and sites, each with a status and the date that status was
reported, the states it crosses and its source. Lines are schematic (drawn
straight between named places). The map layers are in
:mod:`sco_course.maps.projects`.
"""

from __future__ import annotations

import pandas as pd

from sco_course import wording
from sco_course.commentary import PUBLISHED
from sco_course.data import load
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


def members_crossed(states: list[str], on=PUBLISHED) -> list[str]:
    """The states of ``states`` that were SCO members on the date ``on``, in the order given."""
    members = set(members_on(on))
    return [code for code in states if code in members]


def projects(on=PUBLISHED) -> pd.DataFrame:
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
    return wording.iso_date(properties[field], properties.get(f"{field}_precision") or "day")


def date_words(properties: dict, field: str = "source_date") -> str:
    """The same date in words: "24 November 2025", "August 2021", "2021"; "" if there is none."""
    if not properties.get(field):
        return ""
    return wording.date_words(properties[field], properties.get(f"{field}_precision") or "day")


def projects_table(on=PUBLISHED) -> pd.DataFrame:
    """The map as a table: name, type, status and its date, states, SCO members crossed, source."""
    frame = projects(on)
    day = wording.short_date(on)
    return pd.DataFrame({
        "Project or site": frame["name"],
        "Type": frame["type"].map(TYPE_LABELS),
        "Status": frame["status"].map(lambda status: PROJECT_STATUS_STYLE[status][0]),
        "Status reported on": frame["status_date_text"],
        "States crossed": frame["states"].map(names_of),
        f"SCO members crossed (on {day})": frame["members_crossed"].map(names_of),
        "Source": frame["source_publisher"] + ", " + frame["source_date_iso"].replace("", "undated"),
    })


def parse_key_dates(text: str) -> list[tuple[str, str]]:
    """Split a ``key_dates`` property ("when: what; when: what") into (when, what) pairs."""
    pairs = []
    for part in filter(None, (item.strip() for item in text.split("; "))):
        when, _, what = part.partition(": ")
        pairs.append((when, what))
    return pairs


def bri_endorsements(first_year: int = 2017) -> pd.DataFrame:
    """Which members each SCO summit declaration names as supporting the Belt and Road, as reported.

    One row per SCO summit from ``first_year``; a summit with no event in
    :data:`BRI_SUPPORTERS_AS_REPORTED` is marked "not checked". Raises
    ``ValueError`` if a listed state's name is missing from its event's
    summary, so the transcription cannot drift from the data.
    """
    events = load("events").set_index("id")
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


