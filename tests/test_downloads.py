"""The student and instructor editions download from the built book (`make book` copies
them into _build/html/downloads/), from the landing page and the instructor guide."""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath
from urllib.parse import urlparse

from bs4 import BeautifulSoup

LINKING_PAGES = {
    "chapters/intro.html": {"sco-course-student.zip"},
    "chapters/instructor-guide.html": {"sco-course-student.zip", "sco-course-instructor.zip"},
}


def zip_links(page) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [link["href"] for link in soup.select("a[href]") if urlparse(link["href"]).path.endswith(".zip")]


def test_the_landing_page_and_the_instructor_guide_link_editions_that_are_in_the_book(book_html):
    for page_name, expected in LINKING_PAGES.items():
        page = book_html / page_name
        links = zip_links(page)
        assert {PurePosixPath(link).name for link in links} == expected, f"{page_name}: {links}"
        for link in links:
            assert not urlparse(link).scheme and not link.startswith("/"), f"{page_name}: {link} is not relative"
            archive = (page.parent / link).resolve()
            assert archive.is_file(), f"{page_name} links {link}, which the built book lacks: run `make book`"
            assert archive.is_relative_to(book_html.resolve()), f"{page_name}: {link} leads out of the book"
            with zipfile.ZipFile(archive) as bundle:
                names = bundle.namelist()
            notebooks = [name for name in names if name.endswith(".ipynb")]
            assert len(notebooks) >= 5 and all("/chapters/" in name for name in notebooks), f"{link}: {names[:10]}"
            assert any(name.endswith("/README.md") for name in names), link
