"""The synthesis chapter: the scorecard selector shows each section's statements."""

from __future__ import annotations

from playwright.sync_api import expect

from sco_course.data import load
from sco_course.register import THEME_LABELS

PAGE = "chapters/synthesis.html"


def test_theme_selector_filters_the_register(watched_page, book_url, artifacts):
    page, problems = watched_page
    page.goto(book_url + PAGE)
    claims = load("claims")
    statements = claims[claims["claim_type"] != "no_claim"]
    select = page.locator(".sco-cv select")
    rows = page.locator(".sco-cv .sco-table tbody tr")
    expect(rows).to_have_count(len(statements), timeout=20_000)
    for theme, label in THEME_LABELS.items():
        select.select_option(label=label)
        expect(rows).to_have_count(int((statements["theme"] == theme).sum()))
    page.locator("figure").first.screenshot(path=artifacts / "synthesis-scorecard.png")
    problems.assert_clean()
