"""Chapter 1's pages in Chromium: their timelines, the status map and the incident selector."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import map_frame, set_range_input
from sco_course.data import load
from sco_course.membership import STATUS_STYLE, status_on

PAGE = "chapters/1-security/testing-stabilizer.html"
MEMBERS_PAGE = "chapters/1-security/shanghai-five-to-ten-members.html"
TIMELINE_THEMES = ["institutions", "security"]


@pytest.fixture
def status_map(watched_page, book_url):
    page, problems = watched_page
    page.goto(book_url + MEMBERS_PAGE)
    expect(map_frame(page).locator("path.sco-country").first).to_be_visible(timeout=20_000)
    return page, problems


def timeline_events():
    events = load("events")
    return events[events["theme"].isin(TIMELINE_THEMES)]


def test_members_timeline_shows_every_institutions_and_security_event(watched_page, book_url, artifacts):
    page, problems = watched_page
    page.goto(book_url + MEMBERS_PAGE)
    expected = len(timeline_events())
    expect(page.locator(".sco-tl-mark")).to_have_count(expected, timeout=20_000)
    expect(page.locator(".sco-tl-list li")).to_have_count(expected)
    page.locator(".sco-timeline").screenshot(path=artifacts / "timeline.png")
    problems.assert_clean()


def member_fill_count(frame) -> int:
    return frame.locator(f'path.sco-country[fill="{STATUS_STYLE["member"][1]}"]').count()


def test_map_draws_every_state_and_its_legend(status_map, artifacts):
    page, problems = status_map
    frame = map_frame(page)
    expect(frame.locator("path.sco-country")).to_have_count(len(load("countries")["features"]))
    expect(frame.locator("path.sco-summit")).to_have_count(load("summits").dropna(subset=["city"])["city"].nunique())
    expect(frame.locator(".sco-map-control li")).to_have_text([label for label, _ in STATUS_STYLE.values()])
    page.locator("iframe").first.screenshot(path=artifacts / "membership-map.png")
    problems.assert_clean()


def test_map_time_control_recolours_the_states(status_map):
    page, problems = status_map
    frame = map_frame(page)
    expect(frame.locator("path.sco-country").first).to_be_visible(timeout=20_000)
    for year in (2022, 2001, 2017, 2024):
        set_range_input(frame.get_by_label("Year shown on the map"), year)
        members = (status_on(f"{year}-12-31")["status"] == "member").sum()
        expect(frame.locator(".sco-map-control output")).to_have_text(str(year))
        assert member_fill_count(frame) == members, year
    problems.assert_clean()


def test_map_popup_names_the_state_and_its_status(status_map):
    page, problems = status_map
    frame = map_frame(page)
    frame.locator("path.sco-country").first.click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Status at the end of 2022")
    problems.assert_clean()


def test_security_timeline_shows_every_security_event(watched_page, book_url):
    page, problems = watched_page
    page.goto(book_url + PAGE)
    expected = int((load("events")["theme"] == "security").sum())
    expect(page.locator(".sco-tl-mark")).to_have_count(expected, timeout=20_000)
    problems.assert_clean()


def test_incident_selector_switches_the_casualty_table(watched_page, book_url, artifacts):
    page, problems = watched_page
    page.goto(book_url + PAGE)
    casualties = load("casualty_reports")
    titles = load("events").set_index("id")["title"]
    incidents = list(dict.fromkeys(casualties["event_id"]))
    select = page.locator(".sco-cv select")
    expect(select).to_be_visible(timeout=20_000)
    for index in (0, len(incidents) - 1):
        select.select_option(index=index)
        expect(select.locator("option:checked")).to_have_text(titles[incidents[index]])
        visible_rows = page.locator(".sco-cv .sco-table tbody tr")
        expect(visible_rows).to_have_count(int((casualties["event_id"] == incidents[index]).sum()))
    page.locator(".sco-cv").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "chapter1-casualty-selector.png")
    problems.assert_clean()
