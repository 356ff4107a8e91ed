"""Every page of the built book, opened in Chromium with the network cut off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import PROJECT_ROOT, toc_files

PAGES = toc_files(PROJECT_ROOT / "_toc.yml")


@pytest.mark.parametrize("document", PAGES)
def test_page_loads_with_no_errors_and_no_off_machine_request(document, watched_page, book_url, artifacts):
    page, problems = watched_page
    page.goto(book_url + f"{document}.html", wait_until="networkidle")
    expect(page.locator("article h1")).to_be_visible()
    page.screenshot(path=artifacts / f"book-{document.replace('/', '-')}.png", full_page=True)
    problems.assert_clean()
