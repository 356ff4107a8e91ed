"""The timeline widget in Chromium, on the fixture book's components page.

The page's timeline holds three known events (2001 institutions, 2010 and
2020 security; the second labelled, the third's source untitled); its data
contain markup that must show as text, in the timeline and in the offline
map beside it. Chapter pages only check that their timelines are wired to
the course's data. Sliders are dragged with a real mouse and real touch
events, as a reader moves them.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import PROJECT_ROOT, map_frame, set_range_input, toc_files

NOTEBOOKS = [PROJECT_ROOT / f"{document}.ipynb" for document in toc_files(PROJECT_ROOT / "_toc.yml")]
PAGES_WITH_TIMELINES = [notebook.relative_to(PROJECT_ROOT).with_suffix("").as_posix() for notebook in NOTEBOOKS
                        if notebook.is_file() and "Timeline.from_frame(" in notebook.read_text(encoding="utf-8")]

HOSTILE = "<img src=x onerror=alert(1)>"
EMPTY = "No events match the selected years and themes."
THUMB_WIDTH = 16
"""Chromium's range thumb, in CSS pixels: where a pointer must press to drag it."""
DRAG_STEPS = 25


def slider_points(page, label: str, target: int, within=None) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where the slider's thumb is now, and where it would be at ``target`` (in the timeline ``within``)."""
    slider = (within or page).get_by_label(label)
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    low, high, value = slider.evaluate("input => [Number(input.min), Number(input.max), Number(input.value)]")

    def x_at(year):
        return box["x"] + THUMB_WIDTH / 2 + (year - low) / (high - low) * (box["width"] - THUMB_WIDTH)

    y = box["y"] + box["height"] / 2
    return (x_at(value), y), (x_at(target), y)


def mouse_drag(page, label: str, target: int, within=None) -> None:
    (start_x, y), (end_x, _) = slider_points(page, label, target, within)
    page.mouse.move(start_x, y)
    page.mouse.down()
    page.mouse.move(end_x, y, steps=DRAG_STEPS)
    page.mouse.up()


def touch_drag(page, label: str, target: int, within=None) -> None:
    (start_x, y), (end_x, _) = slider_points(page, label, target, within)
    session = page.context.new_cdp_session(page)
    session.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start_x, "y": y}]})
    for step in range(1, DRAG_STEPS + 1):
        x = start_x + (end_x - start_x) * step / DRAG_STEPS
        session.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    session.detach()


def disclosures_announced(page) -> dict[str, bool]:
    """The timeline's disclosure buttons as Chromium's accessibility tree gives them: name and expanded."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    return {node["name"]["value"]: dict((item["name"], item["value"]["value"]) for item in node["properties"])["expanded"]
            for node in nodes
            if node.get("role", {}).get("value") == "DisclosureTriangle" and "events as a list" in node["name"]["value"]}


def tap(page, x: float, y: float) -> None:
    page.touchscreen.tap(x, y)


def open_components(watched, fixture_book_url):
    page, problems = watched
    page.goto(fixture_book_url + "components.html")
    expect(page.locator(".sco-tl-mark")).to_have_count(3, timeout=20_000)
    return page, problems


@pytest.fixture
def timeline(watched_page, fixture_book_url):
    return open_components(watched_page, fixture_book_url)


@pytest.fixture
def phone_timeline(watched_phone_page, fixture_book_url):
    return open_components(watched_phone_page, fixture_book_url)


def test_timeline_draws_every_event_and_lists_them(timeline):
    page, problems = timeline
    expect(page.locator(".sco-tl-list li")).to_have_count(3)
    expect(page.locator(".sco-tl-list summary")).to_have_text("All 3 events as a list")
    problems.assert_clean()


def test_year_sliders_narrow_the_visible_events(timeline):
    page, problems = timeline
    set_range_input(page.get_by_label("From year"), 2010)
    expect(page.locator(".sco-tl-mark")).to_have_count(2)
    expect(page.locator(".sco-tl-list summary")).to_have_text("2 of 3 events as a list")
    set_range_input(page.get_by_label("To year"), 2015)
    expect(page.locator(".sco-tl-mark")).to_have_count(1)
    expect(page.locator(".sco-tl-shown")).to_have_text("Shown: 2010–2015; themes: institutions, security.")
    problems.assert_clean()


@pytest.mark.parametrize(("label", "target", "marks_left"), [("From year", 2015, 1), ("To year", 2012, 2)])
def test_a_slider_dragged_with_the_mouse_reaches_the_year_it_is_dragged_to(timeline, label, target, marks_left):
    page, problems = timeline
    mouse_drag(page, label, target)
    expect(page.get_by_label(label)).to_have_value(str(target))
    expect(page.get_by_label(label)).to_be_focused()
    expect(page.locator(".sco-tl-mark")).to_have_count(marks_left)
    problems.assert_clean()


@pytest.mark.parametrize(("label", "target", "marks_left"), [("From year", 2015, 1), ("To year", 2012, 2)])
def test_a_slider_dragged_by_touch_reaches_the_year_it_is_dragged_to(phone_timeline, label, target, marks_left):
    page, problems = phone_timeline
    slider = page.get_by_label(label)
    slider.focus()
    before = slider.element_handle()
    touch_drag(page, label, target)
    expect(slider).to_have_value(str(target))
    assert before.evaluate("input => input.isConnected"), "the slider was replaced while it was dragged"
    expect(slider).to_be_focused()
    expect(page.locator(".sco-tl-mark")).to_have_count(marks_left)
    problems.assert_clean()


def test_every_target_is_at_least_24_px_square_on_a_phone(phone_timeline):
    page, problems = phone_timeline
    targets = page.locator(".sco-tl-mark, .sco-tl-theme, .sco-tl-year input, .sco-tl-list summary")
    for target in targets.all():
        box = target.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, f"{target.evaluate('e => e.outerHTML')[:80]}: {box}"
    assert targets.count() == 3 + 2 + 2 + 1
    problems.assert_clean()


def test_a_tap_on_a_mark_shows_its_details_and_a_tap_elsewhere_closes_its_tooltip(phone_timeline, artifacts):
    page, problems = phone_timeline
    mark = page.locator(".sco-tl-mark").nth(1)
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    tap(page, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator(".sco-tl-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text("March 2010: Second <b>event</b>")
    expect(page.locator(".sco-tl-details .sco-tl-title")).to_have_text("Second <b>event</b>")
    page.screenshot(path=artifacts / "timeline-phone-tapped.png")
    caption = page.locator(".sco-tl-caption").bounding_box()
    tap(page, caption["x"] + 5, caption["y"] + caption["height"] / 2)
    expect(tooltip).to_be_hidden()
    expect(mark).to_have_attribute("aria-pressed", "true")
    tap(page, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(tooltip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    problems.assert_clean()


def test_the_list_is_a_collapsed_disclosure_that_prints_open(timeline, artifacts):
    page, problems = timeline
    disclosure = page.locator("details.sco-tl-list")
    expect(disclosure).not_to_have_attribute("open", "")
    expect(page.locator(".sco-tl-list li").first).to_be_hidden()
    assert disclosures_announced(page) == {"All 3 events as a list": False}
    page.emulate_media(media="print")
    expect(page.locator(".sco-tl-list li").first).to_be_visible()
    expect(page.locator(".sco-tl-controls")).to_be_hidden()
    expect(page.locator(".sco-tl-shown")).to_be_visible()
    page.pdf(path=artifacts / "fixture-components-print.pdf")
    page.screenshot(path=artifacts / "timeline-print-1280.png", full_page=True)
    page.emulate_media(media="screen")
    page.locator(".sco-tl-list summary").click()
    expect(page.locator(".sco-tl-list li").first).to_be_visible()
    assert disclosures_announced(page) == {"All 3 events as a list": True}
    problems.assert_clean()


def test_the_list_numbers_stay_whole_in_a_narrow_output_area(timeline):
    page, problems = timeline
    page.locator(".sco-tl-list summary").click()
    clipped = page.locator(".sco-tl-list").evaluate("""list => {
        list.style.overflow = "hidden";
        const items = list.querySelector("ol");
        for (let n = 0; n < 9; n += 1) items.append(items.firstElementChild.cloneNode(true));
        return getComputedStyle(items).paddingLeft;
    }""")
    assert float(clipped.removesuffix("px")) >= 2.5 * 0.85 * 16, "the list's padding cannot hold a marker like '10.'"
    problems.assert_clean()


def test_the_commentary_date_and_the_labelled_event_show_without_hovering(timeline, artifacts):
    page, problems = timeline
    marker = page.locator(".sco-tl-label.sco-tl-marker")
    expect(marker).to_have_text("Commentary, 15 Sep 2022")
    expect(marker).to_be_visible()
    label = page.locator(".sco-tl-label.sco-tl-event-label")
    expect(label).to_have_text(HOSTILE)
    expect(label).to_be_visible()
    page.locator(".sco-timeline").screenshot(path=artifacts / "timeline-fixture-1280.png")
    set_range_input(page.get_by_label("To year"), 2015)
    expect(marker).to_have_count(0)
    problems.assert_clean()


@pytest.mark.parametrize("size", [(390, 844), (1280, 900), (1920, 1080)], ids=["phone", "laptop", "desktop"])
def test_labels_do_not_overlap(browser, fixture_book_url, artifacts, size):
    from conftest import watch

    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page, problems = watch(context)
    page.goto(fixture_book_url + "components.html")
    labels = page.locator(".sco-tl-label")
    expect(labels).to_have_count(2, timeout=20_000)
    first, second = (label.bounding_box() for label in labels.all())
    apart = (first["x"] + first["width"] <= second["x"] or second["x"] + second["width"] <= first["x"]
             or first["y"] + first["height"] <= second["y"] or second["y"] + second["height"] <= first["y"])
    page.locator(".sco-timeline").screenshot(path=artifacts / f"timeline-fixture-{size[0]}x{size[1]}.png")
    context.close()
    assert apart, f"labels overlap: {first} {second}"
    problems.assert_clean()


def test_an_untitled_source_says_so_and_links_in_a_new_tab(timeline):
    page, problems = timeline
    page.locator(".sco-tl-mark").nth(2).click()
    source = page.locator(".sco-tl-details .sco-tl-source")
    expect(source).to_have_text("Source: P, 2 January 2020 (page title not recorded; the course describes it as: "
                                "Report of 2 Jan 2020 on the third event)")
    expect(source).not_to_contain_text("not captured")
    link = source.locator("a")
    expect(link).to_have_text("P, 2 January 2020")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
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



@pytest.mark.parametrize("document", PAGES_WITH_TIMELINES)
def test_every_chapter_timeline_slider_follows_a_mouse_and_a_touch_drag(document, screen_page, book_url):
    """On each screen, each slider of each chapter timeline reaches the year it is dragged to."""
    screen, page, problems = screen_page
    page.goto(book_url + f"{document}.html", wait_until="networkidle")
    timelines = page.locator(".sco-timeline")
    assert timelines.count() >= 1
    drag = touch_drag if screen == "phone" else mouse_drag
    for index in range(timelines.count()):
        timeline = timelines.nth(index)
        low, high = (int(value) for value in timeline.get_by_label("From year").evaluate(
            "input => [input.min, input.max]"))
        for label, target in (("From year", low + (high - low) // 3), ("To year", high - (high - low) // 4)):
            drag(page, label, target, within=timeline)
            expect(timeline.get_by_label(label)).to_have_value(str(target))
    problems.assert_clean()
