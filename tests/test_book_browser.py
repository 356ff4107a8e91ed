"""Every page of the built book, opened in Chromium with the network cut off, on three screens.

On each screen (a 390 px phone with touch, a 1280 px laptop, a 1920 px
monitor) every page of the table of contents must load cleanly, fit the
screen's width, and let its reader open and close the navigation the way
they would there: by tapping on the phone, by clicking and with the keyboard
on larger screens. A full-page screenshot of each page on each screen is
saved under ``tests/artifacts/screens/``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import PROJECT_ROOT, toc_files

PAGES = toc_files(PROJECT_ROOT / "_toc.yml")


def assert_fits_the_screen(page) -> None:
    """No part of the page is wider than the screen (a phone would zoom out or scroll sideways)."""
    width = page.viewport_size["width"]
    page_width = page.evaluate("document.documentElement.scrollWidth")
    if page_width > width:
        culprits = page.evaluate("""(width) => [...document.querySelectorAll("article *")]
            .filter((element) => element.getBoundingClientRect().right > width + 1)
            .filter((element) => !element.parentElement.closest("pre, table, .sco-scroll"))
            .slice(0, 5).map((element) => element.outerHTML.slice(0, 160))""", width)
        pytest.fail(f"the page is {page_width} px wide on a {width} px screen; too wide: {culprits}")


def assert_phone_drawers_open_and_close(page) -> None:
    """On a phone, each header button opens its drawer by a tap; a tap beside it or Escape closes it."""
    contents = page.locator("#pst-primary-sidebar-modal")
    page.locator(".article-header-buttons, .header-article-items").locator(".primary-toggle").tap()
    expect(contents).to_have_attribute("open", "")
    expect(contents.get_by_role("link", name="Glossary")).to_be_visible()
    box = contents.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] + 20, 400)
    expect(contents).not_to_have_attribute("open", "")

    on_this_page = page.locator(".secondary-toggle")
    if on_this_page.is_visible():
        outline = page.locator("#pst-secondary-sidebar-modal")
        on_this_page.tap()
        expect(outline).to_have_attribute("open", "")
        expect(outline.locator("nav a").first).to_be_visible()
        page.keyboard.press("Escape")
        expect(outline).not_to_have_attribute("open", "")

    search = page.locator("#pst-search-dialog")
    page.locator(".search-button").tap()
    expect(search).to_have_attribute("open", "")
    expect(search.locator("input[type=search]")).to_be_focused()
    page.keyboard.press("Escape")
    expect(search).not_to_have_attribute("open", "")


def assert_sidebar_toggles_by_click_and_keyboard(page) -> None:
    """On a wide screen the contents button hides and shows the sidebar, by click and by Enter."""
    toggle = page.locator(".primary-toggle")
    sidebar = page.locator("#pst-primary-sidebar")
    expect(toggle).to_have_count(1)
    expect(sidebar).to_be_visible()
    toggle.click()
    expect(sidebar).to_be_hidden()
    # With the sidebar gone, the header's search button stands in for its search field.
    expect(page.locator(".search-button")).to_be_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(sidebar).to_be_visible()
    visible_search_boxes = page.locator(".search-button-field, .search-button").locator("visible=true")
    expect(visible_search_boxes).to_have_count(1)


@pytest.mark.parametrize("document", PAGES)
def test_page_loads_fits_and_navigates_on_every_screen(document, screen_page, book_url, artifacts):
    screen, page, problems = screen_page
    fonts = []
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    page.goto(book_url + f"{document}.html", wait_until="networkidle")
    expect(page.locator("article h1")).to_be_visible()
    assert_fits_the_screen(page)
    folder = artifacts / "screens" / screen
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{document.replace('/', '-')}.png", full_page=True)
    if screen == "phone":
        assert_phone_drawers_open_and_close(page)
    else:
        assert_sidebar_toggles_by_click_and_keyboard(page)
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


def test_a_tap_on_the_solution_title_opens_the_solution(watched_phone_page, book_url):
    """The title "Solution to Exercise N" links to the exercise; a tap on that link must still open the answer."""
    page, problems = watched_phone_page
    page.goto(book_url + "chapters/1-security/shanghai-five-to-ten-members.html", wait_until="networkidle")
    solution = page.locator(".solution.dropdown").first
    link = solution.locator(".admonition-title a")
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(solution.locator("#solution-content").first).to_be_visible()
    assert "#" not in page.url, f"the tap followed the link to {page.url}"
    problems.assert_clean()
