"""Shared helpers for the test suite: paths, building and serving books, page helpers.

The server, the book build and the table-of-contents reader live in
:mod:`booktools` (shared with the benchmark and ``make``); they are
re-exported here under the names the tests import.
"""

from __future__ import annotations

from booktools.book import BOOK_HTML, PROJECT_ROOT, build_book, toc_files, toc_notebooks
from booktools.server import serve

FIXTURE_BOOK = PROJECT_ROOT / "tests" / "fixture_book"
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"

__all__ = ["PROJECT_ROOT", "BOOK_HTML", "FIXTURE_BOOK", "ARTIFACTS", "build_book", "toc_files", "toc_notebooks",
           "serve", "set_range_input", "map_frame"]


def set_range_input(locator, value: int) -> None:
    """Move a range slider with the keyboard, as a reader without a mouse would."""
    locator.focus()
    current = int(locator.input_value())
    key = "ArrowRight" if value > current else "ArrowLeft"
    for _ in range(abs(value - current)):
        locator.press(key)


def map_frame(page):
    """The first map on the page, scrolled fully into view.

    Leaflet focuses the map on mousedown, which scrolls a half-visible map
    into view between mousedown and mouseup; a reader scrolls to it first.
    """
    page.locator("iframe").first.scroll_into_view_if_needed()
    return page.frame_locator("iframe").first
