"""Every page of the built book, opened in Chromium with the network cut off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import PROJECT_ROOT, toc_files

PAGES = toc_files(PROJECT_ROOT / "_toc.yml")


@pytest.mark.parametrize("document", PAGES)
def test_page_loads_with_no_errors_and_no_off_machine_request(document, watched_page, book_url, artifacts):
    page, problems = watched_page
    fonts = []
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    page.goto(book_url + f"{document}.html", wait_until="networkidle")
    expect(page.locator("article h1")).to_be_visible()
    page.screenshot(path=artifacts / f"book-{document.replace('/', '-')}.png", full_page=True)
    full_icon_font = [url for url in fonts if "fa-solid-900" in url]
    assert not full_icon_font, "an icon on this page is missing from the icon subset font"
    problems.assert_clean()


def test_theme_icons_are_drawn_by_the_web_font(watched_page, book_url):
    page, problems = watched_page
    page.goto(book_url + "chapters/intro.html", wait_until="networkidle")
    icon = page.locator(".search-button__button i.fa-magnifying-glass, .search-button-field i.fa-magnifying-glass").first
    expect(icon).to_have_attribute("aria-hidden", "true")
    glyph = icon.evaluate("""element => {
        const style = getComputedStyle(element, "::before");
        return {content: style.content, font: style.fontFamily, width: element.getBoundingClientRect().width};
    }""")
    assert glyph["content"] not in ("", "none", "normal"), glyph
    assert "Font Awesome" in glyph["font"], glyph
    assert glyph["width"] > 8, glyph
    # The search icon's glyph comes from the book's subset of the font, loaded, not from a fallback.
    assert page.evaluate("""[...document.fonts].some((face) => face.family.includes("Font Awesome")
        && face.status === "loaded" && face.unicodeRange.includes("U+F002"))""")
    problems.assert_clean()
