"""The timeline widget's Python side: construction, state and errors."""

from __future__ import annotations

import pandas as pd
import pytest

from sco_course.data import load
from sco_course.widgets.timeline import THEME_COLORS, THEMES, Timeline, events_payload


def small_events(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({
        "id": ["a", "b", "c"],
        "date": pd.to_datetime(["2001-06-15", "2010-03-01", "2020-01-01"]),
        "date_precision": ["day", "month", "year"],
        "title": ["First", "Second", "Third"],
        "theme": ["institutions", "security", "security"],
        "summary": ["s1", "s2", "s3"],
        "source_url": ["https://example.org/1", "https://example.org/2", "https://example.org/3"],
    })
    return frame.assign(**changes)


def test_built_from_the_events_table_in_date_order():
    events = load("events")
    timeline = Timeline.from_frame(events)
    assert len(timeline.events) == len(events)
    dates = [event["date"] for event in timeline.events]
    assert dates == sorted(dates)
    assert timeline.year_range == [events["date"].dt.year.min(), events["date"].dt.year.max()]
    assert set(timeline.colors) == set(THEMES) == set(THEME_COLORS)


def test_missing_values_become_empty_text_not_nan():
    payload = events_payload(load("events"))
    assert all(isinstance(value, str) for event in payload for value in event.values())
    assert any(event["end_date"] == "" for event in payload)


def test_year_range_and_themes_filter_visible_events():
    timeline = Timeline.from_frame(small_events())
    timeline.year_range = [2005, 2020]
    assert [event["id"] for event in timeline.visible_events()] == ["b", "c"]
    timeline.themes = ["institutions"]
    assert timeline.visible_events() == []


def test_state_can_be_observed_from_python():
    timeline = Timeline.from_frame(small_events())
    seen = []
    timeline.observe(lambda change: seen.append(change["new"]), names="selected")
    timeline.selected = "b"
    assert seen == ["b"]


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("year_range", [2015, 2005], "reversed"),
        ("year_range", [1990, 2005], "outside the timeline's years 2001-2022"),
        ("themes", ["culture"], "unknown theme"),
        ("selected", "nope", "no event has the id 'nope'"),
    ],
)
def test_bad_settings_raise_a_clear_value_error(setting, value, message):
    timeline = Timeline.from_frame(small_events())
    with pytest.raises(ValueError, match=message):
        setattr(timeline, setting, value)


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (small_events().drop(columns="summary"), "lacks required column"),
        (small_events(date=["2001-06-15", "not a date", "2020-01-01"]), "unreadable date"),
        (small_events(id=["a", "a", "c"]), "must be unique"),
        (small_events(theme=["institutions", "culture", "security"]), "unknown theme"),
        ([{"id": "a"}], "must be a pandas DataFrame"),
    ],
    ids=["missing-column", "bad-date", "duplicate-id", "unknown-theme", "not-a-frame"],
)
def test_malformed_events_frame_raises_value_error(frame, message):
    with pytest.raises(ValueError, match=message):
        Timeline.from_frame(frame)


def test_reversed_slider_bounds_are_rejected():
    with pytest.raises(ValueError, match="first_year 2030 is after last_year 2020"):
        Timeline.from_frame(small_events(), first_year=2030, last_year=2020)


def test_an_uncaptured_page_title_becomes_a_description_not_a_title():
    payload = events_payload(small_events(
        source_title=["A title", "[Report of 2 Jan 2010 on the second; page title not captured]",
                      "Pipeline opens (page title not captured)"]))
    assert [(event["source_title"], event["source_description"]) for event in payload] == [
        ("A title", ""), ("", "Report of 2 Jan 2010 on the second"), ("", "Pipeline opens")]


def test_no_source_title_of_the_events_table_says_it_was_not_captured():
    assert not [event["id"] for event in events_payload(load("events"))
                if "not captured" in event["source_title"]]


def test_every_timeline_marks_the_commentary_and_its_years_reach_it():
    timeline = Timeline.from_frame(small_events(date=["2001-06-15", "2005-03-01", "2010-01-01"]))
    assert timeline.markers == [{"date": "2022-09-15", "label": "Commentary, 15 Sep 2022"}]
    assert timeline.year_range == [2001, 2022]


def test_labelled_events_must_name_events_of_the_timeline_with_a_label():
    timeline = Timeline.from_frame(small_events(), labelled_events={"b": "Second"})
    assert timeline.labelled_events == {"b": "Second"}
    with pytest.raises(ValueError, match=r"names no event of this timeline: \['nope'\]"):
        timeline.labelled_events = {"nope": "Nope"}
    with pytest.raises(ValueError, match="empty label"):
        timeline.labelled_events = {"a": " "}
