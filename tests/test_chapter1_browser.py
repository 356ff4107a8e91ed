"""Chapter 1's second notebook: its widgets work in the static book."""

from __future__ import annotations

from playwright.sync_api import expect

from sco_course.data import load

PAGE = "chapters/1-security/testing-stabilizer.html"


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
        visible_rows = page.locator(".sco-cv .sco-view-table tbody tr")
        expect(visible_rows).to_have_count(int((casualties["event_id"] == incidents[index]).sum()))
    page.locator(".sco-cv").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "chapter1-casualty-selector.png")
    problems.assert_clean()
