"""Chapter 3 in Chromium: the connectivity map's layers, legend and popups, the timeline and the route map."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import map_frame
from sco_course.connectivity import PROJECT_STATUS_STYLE, projects
from sco_course.data import load
from sco_course.maps import ProjectLegend
from sco_course.maps.projects import layer_name

MAP_PAGE = "chapters/3-connectivity/the-map.html"
TIMELINE_PAGE = "chapters/3-connectivity/belt-and-road-meets-eaeu.html"
RAILWAY_PAGE = "chapters/3-connectivity/case-study-railway.html"
RAILWAY_ID = "china-kyrgyzstan-uzbekistan-railway"


def status_class(status: str) -> str:
    return "sco-conn-" + status.replace("_", "-")


def features_with(status: str) -> list[dict]:
    return [feature for feature in load("connectivity")["features"] if feature["properties"]["status"] == status]


def open_popup(frame, feature):
    """Click a feature and return its popup, once the previous one has faded out."""
    feature.dispatch_event("click")
    expect(frame.locator(".leaflet-popup")).to_have_count(1)
    return frame.locator(".leaflet-popup-content")


def open_map(watched_page, book_url, path: str):
    page, problems = watched_page
    page.goto(book_url + path)
    frame = map_frame(page)
    expect(frame.locator("path.sco-connectivity").first).to_be_attached(timeout=20_000)
    return page, frame, problems


@pytest.fixture
def course_map(watched_page, book_url):
    return open_map(watched_page, book_url, MAP_PAGE)


def test_map_draws_every_project_in_its_status_layer_with_a_legend(course_map, artifacts):
    page, frame, problems = course_map
    expect(frame.locator("path.sco-connectivity")).to_have_count(len(load("connectivity")["features"]))
    for status, count in projects()["status"].value_counts().items():
        expect(frame.locator(f"path.{status_class(status)}")).to_have_count(int(count))
    legend = ProjectLegend(projects()["status"])
    expect(frame.locator(".sco-project-legend li")).to_have_text(legend.legend_entries())
    page.locator("iframe").first.screenshot(path=artifacts / "chapter3-map.png")
    problems.assert_clean()


def test_a_project_layer_can_be_switched_off_and_on(course_map):
    page, frame, problems = course_map
    total = len(load("connectivity")["features"])
    for status in PROJECT_STATUS_STYLE:
        count = len(features_with(status))
        if not count:
            continue
        checkbox = frame.locator(".leaflet-control-layers label", has_text=layer_name(status, count)).locator("input")
        checkbox.uncheck()
        expect(frame.locator(f"path.{status_class(status)}")).to_have_count(0)
        expect(frame.locator("path.sco-connectivity")).to_have_count(total - count)
        checkbox.check()
        expect(frame.locator(f"path.{status_class(status)}")).to_have_count(count)
    problems.assert_clean()


def test_a_project_popup_gives_its_status_and_links_its_source(course_map):
    page, frame, problems = course_map
    for status in PROJECT_STATUS_STYLE:
        features = features_with(status)
        if not features:
            continue
        properties = features[0]["properties"]
        popup = open_popup(frame, frame.locator(f"path.{status_class(status)}").first)
        expect(popup.locator("strong")).to_have_text(properties["name"])
        expect(popup).to_contain_text(f"Status: {PROJECT_STATUS_STYLE[status][0]} (as reported on {properties['status_date']})")
        expect(popup.locator("a")).to_have_attribute("href", properties["source_url"])
    problems.assert_clean()


@pytest.fixture
def timeline_page(watched_page, book_url):
    page, problems = watched_page
    page.goto(book_url + TIMELINE_PAGE)
    expect(page.locator(".sco-timeline")).to_be_visible(timeout=20_000)
    return page, problems


def connectivity_events():
    events = load("events")
    return events[events["theme"] == "connectivity"]


def test_timeline_shows_every_connectivity_event(timeline_page, artifacts):
    page, problems = timeline_page
    expected = len(connectivity_events())
    expect(page.locator(".sco-tl-mark")).to_have_count(expected)
    expect(page.locator(".sco-tl-list li")).to_have_count(expected)
    page.locator(".sco-timeline").screenshot(path=artifacts / "chapter3-timeline.png")
    problems.assert_clean()


def test_railway_map_draws_the_route_and_the_milestone_places(watched_page, book_url, artifacts):
    page, frame, problems = open_map(watched_page, book_url, RAILWAY_PAGE)
    railway = next(feature for feature in load("connectivity")["features"] if feature["properties"]["id"] == RAILWAY_ID)
    expect(frame.locator("path.sco-connectivity")).to_have_count(1)
    events = load("events")
    located = events[events["id"].str.startswith("con-cku-")].dropna(subset=["latitude", "longitude"])
    places = frame.locator("path.sco-event-place")
    expect(places).to_have_count(located.groupby(["place", "latitude", "longitude"]).ngroups)
    popup = open_popup(frame, frame.locator("path.sco-connectivity"))
    expect(popup.locator("a")).to_have_attribute("href", railway["properties"]["source_url"])
    popup = open_popup(frame, places.first)
    expect(popup.locator("a")).to_have_attribute("href", located.sort_values("date")["source_url"].iloc[0])
    page.locator("iframe").first.screenshot(path=artifacts / "chapter3-railway-map.png")
    problems.assert_clean()
