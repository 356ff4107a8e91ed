"""The annotated commentary in the built book: reading, keyboard, phone, dark mode, predicting, filters, print."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from sco_course.data import load
from sco_course.pages import page_link
from sco_course.register_exports import PAGE as NOTEBOOK
from sco_course.widgets.reader import scoring_rule
from sco_course.register import CHECKABLE_TYPES, VERDICT_STYLE, claim_numbers, claim_sources
from sco_course.wording import count_of
from test_accessibility import CONTRAST_SCRIPT, axe_violations, describe

PAGE = "chapters/the-commentary-annotated.html"
READER_TEXT = (".sco-rd-block, .sco-rd-tag, .sco-rd-panel p, .sco-rd-panel li, .sco-rd-summary p, "
               ".sco-rd-summary li, .sco-rd-toolbar button")


def register():
    return load("claims")


def statements():
    claims = register()
    return claims[claims["claim_type"] != "no_claim"]


def example_claim():
    """A checkable statement with a web source and a chapter that tests it, for the panel tests."""
    for row in statements().itertuples():
        if (row.claim_type in CHECKABLE_TYPES and row.verdict in ("misleading", "inaccurate")
                and any(source.url.startswith("https://") for source in claim_sources(row.evidence_refs))
                and row.tested_in.split("#")[0] != NOTEBOOK):
            return row
    pytest.fail("the register has no misleading or inaccurate statement with a web source")


def open_reader(page, book_url, address=""):
    page.goto(book_url + PAGE + address)
    expect(page.locator(".sco-rd-tag").first).to_be_visible(timeout=20_000)


def tag(page, claim_id):
    return page.locator(f'.sco-rd-claim[data-id="{claim_id}"] .sco-rd-tag')


def test_every_statement_is_marked_with_its_verdict_and_no_claim_is_not(watched_page, book_url):
    page, problems = watched_page
    open_reader(page, book_url)
    claims = register()
    expect(page.locator(".sco-rd-claim")).to_have_count(len(statements()))
    for claim_id in claims.loc[claims["claim_type"] == "no_claim", "id"]:
        expect(page.locator(f'.sco-rd-claim[data-id="{claim_id}"]')).to_have_count(0)
    row = example_claim()
    number = claim_numbers(claims)[row.id]
    name = f"Claim {number}, verdict: {VERDICT_STYLE[row.verdict][0]}"
    expect(page.get_by_role("button", name=name, exact=True)).to_have_count(1)
    problems.assert_clean()


def test_selecting_a_claim_shows_verdict_evidence_sources_and_chapter_beside_the_text(watched_page, book_url, artifacts):
    page, problems = watched_page
    open_reader(page, book_url)
    row = example_claim()
    tag(page, row.id).click()
    panel = page.locator(".sco-rd-panel")
    expect(panel.locator(".sco-rd-verdict").first).to_contain_text(VERDICT_STYLE[row.verdict][0])
    expect(panel.locator(".sco-rd-evidence")).to_have_text(row.evidence)
    source = next(source for source in claim_sources(row.evidence_refs) if source.url.startswith("https://"))
    expect(panel.locator(f'.sco-rd-sources a[href="{source.url}"]')).to_have_count(1)
    expect(panel.locator(".sco-rd-chapter a")).to_have_attribute("href", page_link(row.tested_in, NOTEBOOK))
    expect(tag(page, row.id)).to_have_attribute("aria-expanded", "true")
    panel_box, text_box = panel.bounding_box(), page.locator(".sco-rd-text").bounding_box()
    assert panel_box["x"] >= text_box["x"] + text_box["width"], "the panel should sit beside the text"
    assert 0 <= panel_box["y"] and panel_box["y"] + 100 <= 900
    page.screenshot(path=artifacts / "reader-desktop.png")
    problems.assert_clean()


def test_the_panel_stays_in_view_while_the_text_scrolls(watched_page, book_url):
    page, problems = watched_page
    open_reader(page, book_url)
    tag(page, statements()["id"].iloc[0]).click()
    page.mouse.wheel(0, 2500)
    page.wait_for_timeout(200)
    box = page.locator(".sco-rd-aside").bounding_box()
    assert 0 <= box["y"] < 200, box
    problems.assert_clean()


def test_chapter_link_leads_to_the_testing_page(watched_page, book_url):
    page, problems = watched_page
    open_reader(page, book_url)
    row = example_claim()
    tag(page, row.id).click()
    page.locator(".sco-rd-chapter a").click()
    expect(page).to_have_url(re.compile(re.escape(row.tested_in.split("#")[0].replace(".ipynb", ".html"))))
    problems.assert_clean()


def test_keyboard_alone_opens_and_closes_a_claim(watched_page, book_url):
    page, problems = watched_page
    open_reader(page, book_url)
    page.locator(".sco-rd-download").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('sco-rd-tag')"):
            break
    focused = page.locator(".sco-rd-tag:focus")
    expect(focused).to_have_count(1)
    claim_id = focused.evaluate("element => element.closest('.sco-rd-claim').dataset.id")
    page.keyboard.press("Enter")
    expect(page.locator(".sco-rd-panel .sco-rd-panel-title")).to_contain_text("Claim 1 ")
    assert page.evaluate("document.activeElement.classList.contains('sco-rd-panel')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.sco-rd-panel') !== null"), "Tab moves through the panel"
    page.keyboard.press("Escape")
    expect(page.locator(".sco-rd-panel .sco-rd-hint")).to_be_visible()
    expect(tag(page, claim_id)).to_be_focused()
    page.keyboard.press(" ")
    expect(tag(page, claim_id)).to_have_attribute("aria-expanded", "true")
    problems.assert_clean()


def test_an_address_with_a_claim_opens_it(watched_page, book_url):
    page, problems = watched_page
    row = example_claim()
    open_reader(page, book_url, f"#claim-{row.id}")
    expect(tag(page, row.id)).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".sco-rd-panel blockquote")).to_contain_text(row.quote.split("…")[-1].strip()[:30])
    problems.assert_clean()


def test_on_a_phone_a_tap_opens_the_claim_on_screen_without_sideways_scrolling(watched_phone_page, book_url, artifacts):
    page, problems = watched_phone_page
    open_reader(page, book_url)
    row = example_claim()
    highlight = page.locator(f'.sco-rd-claim[data-id="{row.id}"] .sco-rd-hl')
    highlight.scroll_into_view_if_needed()
    highlight.tap()
    panel = page.locator(".sco-rd-aside")
    expect(panel.locator(".sco-rd-evidence")).to_be_visible()
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    claim_box = highlight.bounding_box()
    assert claim_box["y"] >= 0 and claim_box["y"] < box["y"], "the claim stays visible above the panel"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=artifacts / "reader-phone.png")
    page.locator(".sco-rd-close").tap()
    expect(panel).to_be_hidden()
    problems.assert_clean()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_open_reader_is_legible_and_passes_axe(mode, watched_page, book_url, artifacts):
    page, problems = watched_page
    page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    open_reader(page, book_url)
    row = example_claim()
    tag(page, row.id).click()
    page.locator(".sco-rd-filters summary").click()
    ratios = page.evaluate(CONTRAST_SCRIPT, READER_TEXT)
    assert ratios and min(ratios) >= 4.5, f"lowest contrast {min(ratios):.2f}"
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.screenshot(path=artifacts / f"reader-{mode}.png")
    problems.assert_clean()


def in_words(part: int, whole: int, noun: str) -> str:
    """As the reader writes a count (sco_course.wording.count_of, and "the one" for one of one)."""
    return f"the one {noun}" if part == whole == 1 else count_of(part, whole, noun)


def choose(page, claim_id, kind, accuracy=None):
    tag(page, claim_id).click()
    page.locator(".sco-rd-panel").get_by_label(kind, exact=True).check()
    if accuracy:
        page.locator(".sco-rd-panel").get_by_label(accuracy, exact=True).check()


def expected_score(marks: dict[str, tuple[str, str]]) -> tuple[int, int, int, int]:
    rule = scoring_rule()
    claims = register().set_index("id")
    kinds = verdicts = checkable = 0
    for claim_id, (kind, accuracy) in marks.items():
        row = claims.loc[claim_id]
        kinds += row["claim_type"] in rule["kinds"][kind]["matches"]
        if row["claim_type"] in CHECKABLE_TYPES:
            checkable += 1
            verdicts += kind == "fact" and row["verdict"] in rule["accuracy"].get(accuracy, {}).get("matches", [])
    return kinds, len(marks), verdicts, checkable


def test_predict_mode_keeps_marks_reveals_a_score_exports_and_clears(watched_page, book_url, artifacts):
    page, problems = watched_page
    open_reader(page, book_url)
    page.get_by_role("button", name="Predict first, then compare").click()
    expect(page.locator(".sco-rd-filters")).to_be_hidden()
    first, second = statements()["id"].iloc[0], example_claim().id
    expect(tag(page, first)).not_to_contain_text(VERDICT_STYLE[register().set_index("id").loc[first, "verdict"]][0])
    choose(page, first, "Fact", "Accurate")
    choose(page, second, "Opinion")
    expect(tag(page, first)).to_contain_text("Fact, accurate")

    page.reload()
    expect(page.locator(".sco-rd-tag").first).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Predict first, then compare").click()
    expect(tag(page, first)).to_contain_text("Fact, accurate")
    expect(tag(page, second)).to_contain_text("Opinion")

    page.get_by_role("button", name="Reveal the course's verdicts").click()
    kinds, marked, verdicts, checkable = expected_score({first: ("fact", "accurate"), second: ("opinion", "")})
    expect(page.locator(".sco-rd-score")).to_have_text(
        f"Your score: the kind is right for {in_words(kinds, marked, 'statements you marked')}; "
        f"the verdict is right for {in_words(verdicts, checkable, 'checkable ones among them')}.")
    page.screenshot(path=artifacts / "reader-predict.png")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my marks (JSON)").click()
    exported = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert {mark["id"]: (mark["your_kind"], mark["your_accuracy"]) for mark in exported["marks"]} == {
        first: ("fact", "accurate"), second: ("opinion", None)}
    assert exported["score"]["kindRight"] == kinds and exported["register_version"]

    page.get_by_role("button", name="Clear my marks").click()
    expect(page.locator(".sco-rd-status")).to_contain_text(f"You have marked none of the {len(statements())} statements")
    assert page.evaluate("localStorage.getItem('sco-course:reader-marks')") is None
    problems.assert_clean()


def test_marks_for_a_changed_statement_are_not_applied(watched_page, book_url):
    page, problems = watched_page
    first = statements()["id"].iloc[0]
    stale = json.dumps({first: {"kind": "opinion", "accuracy": "", "fingerprint": "000000000000"}})
    page.add_init_script(f"localStorage.setItem('sco-course:reader-marks', {json.dumps(stale)});")
    open_reader(page, book_url)
    page.get_by_role("button", name="Predict first, then compare").click()
    expect(tag(page, first)).to_contain_text("not marked yet")
    problems.assert_clean()


def test_filters_dim_or_hide_the_other_statements(watched_page, book_url):
    page, problems = watched_page
    open_reader(page, book_url)
    claims = statements()
    misleading = int((claims["verdict"] == "misleading").sum())
    page.locator(".sco-rd-filters summary").click()
    verdicts = page.locator(".sco-rd-filter-group").filter(has_text="Verdict").locator("input[type=checkbox]")
    for index in range(verdicts.count()):
        if verdicts.nth(index).input_value() != "misleading":
            verdicts.nth(index).uncheck()
    expect(page.locator(".sco-rd-claim:not(.sco-rd-out)")).to_have_count(misleading)
    expect(page.locator(".sco-rd-count")).to_have_text(f"Showing {in_words(misleading, len(claims), 'statements')}")
    expect(page.locator(".sco-rd-out .sco-rd-tag").first).to_be_visible()
    page.get_by_label("Not marked").check()
    expect(page.locator(".sco-rd-tag:visible")).to_have_count(misleading)
    page.get_by_role("button", name="Show all statements").click()
    expect(page.locator(".sco-rd-tag:visible")).to_have_count(len(claims))
    problems.assert_clean()


def test_the_annotations_download_as_a_web_annotation_collection(watched_page, book_url):
    page, problems = watched_page
    open_reader(page, book_url)
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile("Download the annotations")).click()
    collection = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert collection["type"] == "AnnotationCollection" and collection["total"] == len(statements())
    problems.assert_clean()


def test_printed_the_text_has_numbered_notes_and_no_controls(watched_page, book_url, artifacts):
    page, problems = watched_page
    open_reader(page, book_url)
    page.emulate_media(media="print")
    notes = page.locator(".sco-rd-notes li")
    expect(notes).to_have_count(len(statements()))
    expect(notes.first).to_be_visible()
    for hidden in (".sco-rd-toolbar", ".sco-rd-filters", ".sco-rd-predictbar", ".sco-rd-aside"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".sco-rd-tag:visible")).to_have_count(0)
    expect(page.locator(".sco-rd-print-num").first).to_be_visible()
    page.locator(".sco-rd-text").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "reader-print.png")
    problems.assert_clean()


def test_the_page_publishes_claim_reviews_and_the_register_without_scripts(book_html):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((book_html / PAGE).read_text(encoding="utf-8"), "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    reviews = [review for script in scripts for review in json.loads(script.string)]
    claims = register()
    checkable = claims[claims["claim_type"].isin(CHECKABLE_TYPES)]
    assert sorted(review["url"].split("#claim-")[1] for review in reviews) == sorted(checkable["id"])
    rows = soup.select("details.sco-register tbody tr")
    assert [row["id"] for row in rows] == [f"claim-{claim_id}" for claim_id in claims["id"]]
