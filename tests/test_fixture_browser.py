"""The offline widget and map wiring, proved in Chromium on the fixture book."""

from __future__ import annotations

from playwright.sync_api import expect

from helpers import map_frame


def test_jslinked_slider_switches_precomputed_views_without_a_kernel(watched_page, fixture_book_url, artifacts):
    page, problems = watched_page
    page.goto(fixture_book_url + "widgets.html")
    views = page.locator(".fixture-view")
    expect(views.filter(has_text="View 2001")).to_be_visible(timeout=20_000)
    expect(views.filter(has_text="View 2017")).to_be_hidden()

    handle = page.locator(".widget-slider .noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    expect(views.filter(has_text="View 2017")).to_be_visible()
    expect(views.filter(has_text="View 2001")).to_be_hidden()
    page.screenshot(path=artifacts / "fixture-widgets.png", full_page=True)
    problems.assert_clean()


def test_anywidget_front_end_code_runs_without_a_kernel(watched_page, fixture_book_url):
    page, problems = watched_page
    page.goto(fixture_book_url + "widgets.html")
    counter = page.locator("button.fixture-counter")
    expect(counter).to_have_text("Clicked 0 times", timeout=20_000)
    counter.click()
    counter.click()
    expect(counter).to_have_text("Clicked 2 times")
    problems.assert_clean()


def test_folium_map_draws_polygons_and_opens_a_popup(watched_page, fixture_book_url, artifacts):
    page, problems = watched_page
    page.goto(fixture_book_url + "deeper/map.html")
    frame = map_frame(page)
    shapes = frame.locator("path.leaflet-interactive")
    expect(shapes).to_have_count(2, timeout=20_000)
    expect(frame.locator(".leaflet-control-attribution")).to_have_text("Leaflet")
    shapes.first.click()
    expect(frame.locator(".leaflet-popup-content")).to_contain_text("West square")
    page.screenshot(path=artifacts / "fixture-map.png", full_page=True)
    problems.assert_clean()
