"""An interactive timeline of events that works with or without a kernel.

:class:`Timeline` is an `anywidget <https://anywidget.dev>`_: its front-end
code (``web/timeline.js``) filters and draws the events, so the year slider,
the theme toggles and the event details all work in the static book, where
no Python runs. Live in Jupyter it is an ordinary ipywidget: set or observe
``year_range``, ``themes`` and ``selected`` from Python.
"""

from __future__ import annotations

import re

import anywidget
import pandas as pd
import traitlets

from sco_course.commentary import PUBLISHED
from sco_course.widgets import front_end

THEMES = ("institutions", "security", "economy", "connectivity")
THEME_COLORS = {
    # Okabe-Ito colours: distinguishable with the common forms of colour blindness.
    "institutions": "#0072B2",
    "security": "#D55E00",
    "economy": "#009E73",
    "connectivity": "#CC79A7",
}
REQUIRED_COLUMNS = ("id", "date", "date_precision", "title", "theme", "summary", "source_url")
OPTIONAL_COLUMNS = ("end_date", "end_precision", "place", "certainty", "note",
                    "source_publisher", "source_title", "source_date")


COMMENTARY_MARKER = {"date": PUBLISHED.strftime("%Y-%m-%d"),
                     "label": f"Commentary, {PUBLISHED.day} {PUBLISHED:%b %Y}"}
"""The line every timeline draws at the commentary's publication date."""
UNCAPTURED_TITLE = re.compile(r"^\[?(?P<description>.*?)[;,]?\s*\(?page title not captured\)?\]?$")
"""The events table's note, in ``source_title``, that the page's own title was not recorded."""


class TimelineError(ValueError, traitlets.TraitError):
    """A bad value for the timeline: a ValueError that traitlets also understands."""


def _date_text(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)


def _source_fields(title: str) -> dict:
    """``source_title``, and ``source_description`` where the table describes an untitled page."""
    untitled = UNCAPTURED_TITLE.match(title)
    if untitled:
        return {"source_title": "", "source_description": untitled["description"].strip()}
    return {"source_title": title, "source_description": ""}


def events_payload(events: pd.DataFrame) -> list[dict]:
    """The events as JSON-ready dicts for the front end, sorted by date.

    Raises :class:`TimelineError` if a required column is missing, a date is
    missing or unreadable, an id repeats, or a theme is unknown.
    """
    if not isinstance(events, pd.DataFrame):
        raise TimelineError(f"events must be a pandas DataFrame, not {type(events).__name__}")
    missing = [column for column in REQUIRED_COLUMNS if column not in events.columns]
    if missing:
        raise TimelineError(f"events frame lacks required column(s): {', '.join(missing)}")
    dates = pd.to_datetime(events["date"], errors="coerce")
    if dates.isna().any():
        bad = events.loc[dates.isna(), "id"].tolist()
        raise TimelineError(f"events with a missing or unreadable date: {bad}")
    duplicated = events["id"][events["id"].duplicated()].tolist()
    if duplicated:
        raise TimelineError(f"event ids must be unique; repeated: {duplicated}")
    unknown = sorted(set(events["theme"]) - set(THEMES))
    if unknown:
        raise TimelineError(f"unknown theme(s) {unknown}; themes are {list(THEMES)}")
    payload = []
    for row in events.assign(_sort=dates).sort_values(["_sort", "id"]).itertuples(index=False):
        record = row._asdict()
        item = {column: _text(record[column]) for column in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if column in record}
        for column in ("date", "end_date", "source_date"):
            if column in record:
                item[column] = _date_text(record[column])
        item.update(_source_fields(item.get("source_title", "")))
        payload.append(item)
    return payload


class Timeline(anywidget.AnyWidget):
    """A timeline of events with a year-range slider, theme toggles and details.

    Build it with :meth:`from_frame`. The traits a notebook may set or
    observe are ``year_range`` (a pair of years), ``themes`` (the themes
    shown) and ``selected`` (the id of the event whose details are shown, or
    ``""``). ``labelled_events`` maps the ids of the events a chapter
    discusses to short labels drawn above them without hovering; every
    timeline also marks the dates in ``markers`` (by default the
    commentary's publication).
    """

    _esm = front_end.module("timeline.js")
    _css = front_end.stylesheet("timeline.css")

    events = traitlets.List(traitlets.Dict()).tag(sync=True)
    min_year = traitlets.Int().tag(sync=True)
    max_year = traitlets.Int().tag(sync=True)
    all_themes = traitlets.List(traitlets.Unicode()).tag(sync=True)
    colors = traitlets.Dict(THEME_COLORS).tag(sync=True)
    caption = traitlets.Unicode("").tag(sync=True)
    year_range = traitlets.List(traitlets.Int(), minlen=2, maxlen=2).tag(sync=True)
    themes = traitlets.List(traitlets.Unicode()).tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    labelled_events = traitlets.Dict(value_trait=traitlets.Unicode()).tag(sync=True)
    markers = traitlets.List(traitlets.Dict(), default_value=[COMMENTARY_MARKER]).tag(sync=True)

    @classmethod
    def from_frame(cls, events: pd.DataFrame, *, year_range: tuple[int, int] | None = None,
                   themes: list[str] | None = None, caption: str = "",
                   first_year: int | None = None, last_year: int | None = None,
                   labelled_events: dict[str, str] | None = None) -> "Timeline":
        """A timeline of the rows of ``events`` (columns as in the ``events`` table).

        The slider runs from ``first_year`` to ``last_year`` (by default the
        years of the first and last event, widened to the commentary's year
        so that its marker shows); ``year_range`` and ``themes`` set
        what is shown at first (by default everything). ``labelled_events``
        maps event ids to the short labels always shown above their marks.
        """
        payload = events_payload(events)
        years = [int(item["date"][:4]) for item in payload] + [PUBLISHED.year]
        low = first_year if first_year is not None else min(years)
        high = last_year if last_year is not None else max(years)
        if low > high:
            raise TimelineError(f"first_year {low} is after last_year {high}")
        present = [theme for theme in THEMES if theme in {item["theme"] for item in payload}] or list(THEMES)
        widget = cls(events=payload, min_year=low, max_year=high, all_themes=present,
                     caption=caption, year_range=[low, high], themes=present,
                     labelled_events=dict(labelled_events or {}))
        if year_range is not None:
            widget.year_range = list(year_range)
        if themes is not None:
            widget.themes = list(themes)
        return widget

    @traitlets.validate("year_range")
    def _check_year_range(self, proposal):
        start, end = proposal["value"]
        if start > end:
            raise TimelineError(f"year_range is reversed: {start} is after {end}")
        if start < self.min_year or end > self.max_year:
            raise TimelineError(
                f"year_range {start}-{end} is outside the timeline's years {self.min_year}-{self.max_year}"
            )
        return [start, end]

    @traitlets.validate("themes")
    def _check_themes(self, proposal):
        unknown = [theme for theme in proposal["value"] if theme not in self.all_themes]
        if unknown:
            raise TimelineError(f"unknown theme(s) {unknown}; this timeline has {self.all_themes}")
        return list(proposal["value"])

    @traitlets.validate("selected")
    def _check_selected(self, proposal):
        if proposal["value"] and proposal["value"] not in {event["id"] for event in self.events}:
            raise TimelineError(f"no event has the id {proposal['value']!r}")
        return proposal["value"]

    @traitlets.validate("labelled_events")
    def _check_labelled_events(self, proposal):
        ids = {event["id"] for event in self.events}
        unknown = sorted(set(proposal["value"]) - ids)
        if unknown:
            raise TimelineError(f"labelled_events names no event of this timeline: {unknown}")
        blank = sorted(key for key, label in proposal["value"].items() if not label.strip())
        if blank:
            raise TimelineError(f"labelled_events gives an empty label for {blank}")
        return dict(proposal["value"])

    def visible_events(self) -> list[dict]:
        """The events the current year range and themes let through, in date order."""
        start, end = self.year_range
        return [event for event in self.events
                if start <= int(event["date"][:4]) <= end and event["theme"] in self.themes]
