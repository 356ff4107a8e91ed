"""The timeline widget and the membership map, driven in Chromium on built pages.

The chapter page is the book's own; the hostile-text checks use the fixture
book, whose data contain markup that must show as text.
"""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import expect

from helpers import map_frame, set_range_input
from sco_course.data import load
from sco_course.membership import status_on
from sco_course.membership import STATUS_STYLE

CHAPTER_PAGE = "chapters/1-security/shanghai-five-to-ten-members.html"
TIMELINE_THEMES = ["institutions", "security"]
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def chapter(watched_page, book_url):
    page, problems = watched_page
    page.goto(book_url + CHAPTER_PAGE)
    expect(page.locator(".sco-timeline")).to_be_visible(timeout=20_000)
    return page, problems


def timeline_events() -> pd.DataFrame:
    events = load("events")
    return events[events["theme"].isin(TIMELINE_THEMES)]


def test_timeline_draws_every_event_and_lists_them(chapter, artifacts):
    page, problems = chapter
    expected = len(timeline_events())
    expect(page.locator(".sco-tl-mark")).to_have_count(expected)
    expect(page.locator(".sco-tl-list li")).to_have_count(expected)
    page.locator(".sco-timeline").screenshot(path=artifacts / "timeline.png")
    problems.assert_clean()


def test_year_slider_narrows_the_visible_events(chapter):
    page, problems = chapter
    set_range_input(page.get_by_label("From year"), 2010)
    expected = int((timeline_events()["date"].dt.year >= 2010).sum())
    expect(page.locator(".sco-tl-mark")).to_have_count(expected)
    expect(page.locator(".sco-tl-count")).to_have_text(f"Events shown: {expected}")
    problems.assert_clean()


def test_theme_toggle_hides_its_events_and_an_empty_result_says_so(chapter):
    page, problems = chapter
    events = timeline_events()
    institutions = page.locator('.sco-tl-theme[data-theme="institutions"]')
    institutions.click()
    expect(institutions).to_have_attribute("aria-pressed", "false")
    remaining = int((events["theme"] != "institutions").sum())
    expect(page.locator(".sco-tl-mark")).to_have_count(remaining)
    if remaining == 0:
        expect(page.locator(".sco-tl-empty")).to_have_text("No events match the selected years and themes.")
    institutions.click()
    expect(page.locator(".sco-tl-mark")).to_have_count(len(events))
    problems.assert_clean()


def test_selecting_an_event_shows_its_details_and_source(chapter):
    page, problems = chapter
    first = timeline_events().sort_values(["date", "id"]).iloc[0]
    page.locator(".sco-tl-mark").first.click()
    details = page.locator(".sco-tl-details")
    expect(details.locator(".sco-tl-title")).to_have_text(first["title"])
    expect(details.locator("a")).to_have_attribute("href", first["source_url"])
    problems.assert_clean()


def test_timeline_is_operable_with_the_keyboard(chapter):
    page, problems = chapter
    marks = page.locator(".sco-tl-mark")
    marks.first.focus()
    page.keyboard.press("ArrowRight")
    expect(marks.nth(1)).to_be_focused()
    page.keyboard.press("Enter")
    expect(marks.nth(1)).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("End")
    expect(marks.last).to_be_focused()
    problems.assert_clean()


def member_fill_count(frame) -> int:
    return frame.locator(f'path.sco-country[fill="{STATUS_STYLE["member"][1]}"]').count()


def test_map_draws_every_state_and_its_legend(chapter, artifacts):
    page, problems = chapter
    frame = map_frame(page)
    expect(frame.locator("path.sco-country")).to_have_count(len(load("countries")["features"]))
    expect(frame.locator("path.sco-summit")).to_have_count(load("summits").dropna(subset=["city"])["city"].nunique())
    expect(frame.locator(".sco-map-control li")).to_have_text([label for label, _ in STATUS_STYLE.values()])
    page.locator("iframe").first.screenshot(path=artifacts / "membership-map.png")
    problems.assert_clean()


def test_map_time_control_recolours_the_states(chapter):
    page, problems = chapter
    frame = map_frame(page)
    expect(frame.locator("path.sco-country").first).to_be_visible(timeout=20_000)
    for year in (2022, 2001, 2017, 2024):
        set_range_input(frame.get_by_label("Year shown on the map"), year)
        members = (status_on(f"{year}-12-31")["status"] == "member").sum()
        expect(frame.locator(".sco-map-control output")).to_have_text(str(year))
        assert member_fill_count(frame) == members, year
    problems.assert_clean()


def test_map_popup_names_the_state_and_its_status(chapter):
    page, problems = chapter
    frame = map_frame(page)
    frame.locator("path.sco-country").first.click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Status at the end of 2022")
    problems.assert_clean()


def test_hostile_text_in_data_shows_as_text_and_runs_nothing(watched_page, fixture_book_url, artifacts):
    page, problems = watched_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(fixture_book_url + "components.html")
    timeline = page.locator(".sco-timeline")
    expect(timeline.locator(".sco-tl-caption")).to_have_text(HOSTILE, timeout=20_000)
    expect(timeline.locator(".sco-tl-list li").first).to_contain_text(HOSTILE)
    timeline.locator(".sco-tl-mark").first.click()
    expect(timeline.locator(".sco-tl-title")).to_have_text(HOSTILE)
    expect(timeline.locator(".sco-tl-place")).to_have_text(f"Place: {HOSTILE}")
    assert timeline.locator(".sco-tl-details a").count() == 0, "a javascript: address became a link"
    assert timeline.locator("img, script").count() == 0

    frame = map_frame(page)
    frame.locator("path.sco-feature").first.click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(HOSTILE)
    assert popup.locator("img, script").count() == 0
    assert popup.locator("a").count() == 0, "a javascript: address became a link"
    page.screenshot(path=artifacts / "fixture-hostile-text.png", full_page=True)
    assert not dialogs, f"data text ran as code: {dialogs}"
    problems.assert_clean()
