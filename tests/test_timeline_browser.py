"""The timeline widget in Chromium, on the fixture book's components page.

The page's timeline holds three known events (2001 institutions, 2010 and
2020 security); its data contain markup that must show as text, in the
timeline and in the offline map beside it. Chapter pages only check that
their timelines are wired to the course's data.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import map_frame, set_range_input

HOSTILE = "<img src=x onerror=alert(1)>"
EMPTY = "No events match the selected years and themes."


@pytest.fixture
def timeline(watched_page, fixture_book_url):
    page, problems = watched_page
    page.goto(fixture_book_url + "components.html")
    expect(page.locator(".sco-tl-mark")).to_have_count(3, timeout=20_000)
    return page, problems


def test_timeline_draws_every_event_and_lists_them(timeline):
    page, problems = timeline
    expect(page.locator(".sco-tl-list li")).to_have_count(3)
    expect(page.locator(".sco-tl-count")).to_have_text("Events shown: 3")
    problems.assert_clean()


def test_year_sliders_narrow_the_visible_events(timeline):
    page, problems = timeline
    set_range_input(page.get_by_label("From year"), 2010)
    expect(page.locator(".sco-tl-mark")).to_have_count(2)
    expect(page.locator(".sco-tl-count")).to_have_text("Events shown: 2")
    set_range_input(page.get_by_label("To year"), 2015)
    expect(page.locator(".sco-tl-mark")).to_have_count(1)
    problems.assert_clean()


def test_theme_toggles_hide_their_events_and_an_empty_result_says_so(timeline):
    page, problems = timeline
    institutions = page.locator('.sco-tl-theme[data-theme="institutions"]')
    security = page.locator('.sco-tl-theme[data-theme="security"]')
    institutions.click()
    expect(institutions).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".sco-tl-mark")).to_have_count(2)
    expect(page.locator(".sco-tl-empty")).to_have_count(0)
    security.click()
    expect(page.locator(".sco-tl-mark")).to_have_count(0)
    expect(page.locator(".sco-tl-empty")).to_have_text(EMPTY)
    institutions.click()
    security.click()
    expect(page.locator(".sco-tl-mark")).to_have_count(3)
    problems.assert_clean()


def test_selecting_an_event_shows_its_details_and_source(timeline):
    page, problems = timeline
    page.locator(".sco-tl-mark").nth(1).click()
    details = page.locator(".sco-tl-details")
    expect(details.locator(".sco-tl-title")).to_have_text("Second <b>event</b>")
    expect(details.locator("a")).to_have_attribute("href", "https://example.org/source")
    problems.assert_clean()


def test_timeline_is_operable_with_the_keyboard(timeline):
    page, problems = timeline
    marks = page.locator(".sco-tl-mark")
    marks.first.focus()
    page.keyboard.press("ArrowRight")
    expect(marks.nth(1)).to_be_focused()
    page.keyboard.press("Enter")
    expect(marks.nth(1)).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("End")
    expect(marks.last).to_be_focused()
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

