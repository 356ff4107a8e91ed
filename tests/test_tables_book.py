"""Every table of the built book reads like a table, and none makes a phone scroll sideways.

The static checks read each page's HTML: a data table (one a notebook's
output, the register or the data catalogue shows, rather than a table written
by hand in Markdown) has a caption, sits in a box that scrolls by itself, and
shows no positional index, raw missing value, Python list, scientific number,
title cut with "…" or notebook path. The browser check opens each page with
such a table on a 390 px phone.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from helpers import BOOK_HTML

SCROLL_BOXES = ("sco-table-scroll", "sco-register-scroll")
RAW_MISSING = {"NaN", "nan", "None", "NaT", "<NA>", "[]"}
SCIENTIFIC = re.compile(r"\d\.?\d*[eE][+-]?\d+\b")


def pages(root) -> list:
    return sorted(path for path in root.rglob("*.html")
                  if "_static" not in path.parts and path.name not in {"genindex.html", "search.html"})


def is_data_table(table) -> bool:
    """A table a program wrote: in a cell's output, or marked by the course package."""
    classes = " ".join(table.get("class", []))
    return "sco-" in classes or table.find_parent(class_="cell_output") is not None


def data_tables(root):
    for path in pages(root):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for table in soup.find_all("table"):
            if is_data_table(table):
                yield path.relative_to(root).as_posix(), table


def cell_texts(table) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in table.find_all(["td", "th"])]


def problems_of(table) -> list[str]:
    problems = []
    first_column = [row.find(["td", "th"]) for row in table.find_all("tr")]
    heads = [cell.get_text(strip=True) for cell in first_column if cell is not None]
    if heads and heads[0] == "" and [text for text in heads[1:4]] == ["0", "1", "2"][: len(heads[1:4])]:
        problems.append("a positional index")
    if "dataframe" in table.get("class", []):
        problems.append("pandas' own rendering")
    texts = cell_texts(table)
    for text in texts:
        if text in RAW_MISSING:
            problems.append(f"raw value {text!r}")
        if re.fullmatch(r"\[.*\]", text):
            problems.append(f"a Python list {text!r}")
        if SCIENTIFIC.search(text):
            problems.append(f"scientific notation {text!r}")
        if text.endswith(("…", "...")):
            problems.append(f"a cut text {text[-40:]!r}")
        if re.search(r"chapters/\S+\.ipynb", text):
            problems.append(f"a notebook path {text!r}")
    if table.caption is None or not table.caption.get_text(strip=True):
        problems.append("no caption")
    if not any(table.find_parent(class_=box) for box in SCROLL_BOXES):
        problems.append("no scroll box")
    return problems


def test_the_book_has_data_tables(book_html):
    assert sum(1 for _ in data_tables(book_html)) >= 40


def test_every_data_table_reads_like_a_table(book_html):
    found = [f"{page}: {table.caption.get_text(strip=True)[:50] if table.caption else cell_texts(table)[:3]}: "
             f"{', '.join(problems)}"
             for page, table in data_tables(book_html) if (problems := problems_of(table))]
    assert not found, "\n".join(found)


def test_the_checks_catch_a_bare_pandas_table():
    bare = BeautifulSoup('<div class="cell_output"><table class="dataframe"><thead><tr><th></th>'
                         "<th>start_date</th></tr></thead><tbody><tr><th>0</th><td>NaN</td></tr>"
                         "<tr><th>1</th><td>1.274732e+13</td></tr><tr><th>2</th><td>[CHN, KGZ]</td></tr>"
                         "</tbody></table></div>", "html.parser").table
    problems = " ".join(problems_of(bare))
    for problem in ("positional index", "'NaN'", "scientific", "Python list", "no caption", "scroll box"):
        assert problem in problems


TABLE_PAGES = sorted({page for page, _ in data_tables(BOOK_HTML)}) if (BOOK_HTML / "index.html").is_file() else []


@pytest.mark.parametrize("page_path", TABLE_PAGES)
def test_no_table_makes_a_phone_scroll_sideways(page_path, book_url, watched_phone_page, artifacts):
    page, _ = watched_phone_page
    page.goto(f"{book_url}/{page_path}")
    page.wait_for_load_state("load")
    width = page.viewport_size["width"]
    too_wide = page.evaluate("""(width) => [...document.querySelectorAll(
            ".sco-table-scroll, .sco-register-scroll")]
        .filter((box) => box.getBoundingClientRect().right > width + 1)
        .map((box) => box.getAttribute("aria-label") || box.className)""", width)
    assert not too_wide, f"table boxes wider than the {width} px screen: {too_wide}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".sco-table-scroll, .sco-register-scroll").first
    if box.count() and box.is_visible():
        box.scroll_into_view_if_needed()
        name = page_path.replace("/", "_").removesuffix(".html")
        page.screenshot(path=str(artifacts / f"table-phone-{name}.png"))
