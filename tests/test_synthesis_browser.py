"""The synthesis chapter: the scorecard selector shows each theme's statements."""

from __future__ import annotations

from playwright.sync_api import expect

from sco_course.data import load

PAGE = "chapters/synthesis.html"


def test_theme_selector_filters_the_register(watched_page, book_url, artifacts):
    page, problems = watched_page
    page.goto(book_url + PAGE)
    claims = load("claims")
    select = page.locator(".sco-cv select")
    rows = page.locator(".sco-cv .sco-view-table tbody tr")
    expect(rows).to_have_count(len(claims), timeout=20_000)
    for theme in sorted(claims["theme"].unique()):
        select.select_option(label=theme.capitalize())
        expect(rows).to_have_count(int((claims["theme"] == theme).sum()))
    page.locator("figure").first.screenshot(path=artifacts / "synthesis-scorecard.png")
    problems.assert_clean()
