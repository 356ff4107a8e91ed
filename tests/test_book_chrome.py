"""What every page carries around its content: exercise numbers, icon, citation, header buttons."""

from __future__ import annotations

import re
from types import SimpleNamespace

import yaml
from bs4 import BeautifulSoup

from helpers import PROJECT_ROOT, toc_files
from sco_course.book.sphinx_ext import CITATION_SECTION, course_citation, number_exercises_per_chapter

EXERCISE_NUMBER = re.compile(r"Exercise (\d+)")


def chapters_of(toc_path) -> list[list[str]]:
    """Each top-level entry of a jb-book table of contents with its sections, as lists of documents."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    return [toc_files_of(entry) for entry in toc["chapters"]]


def toc_files_of(entry: dict) -> list[str]:
    return [entry["file"], *(document for section in entry.get("sections", []) for document in toc_files_of(section))]


def exercise_numbers(html: str) -> list[int]:
    soup = BeautifulSoup(html, "html.parser")
    titles = soup.select("div.exercise > p.admonition-title span.caption-number")
    return [int(EXERCISE_NUMBER.search(title.get_text()).group(1)) for title in titles]


def test_exercises_are_numbered_from_one_in_each_chapter(book_html):
    numbered_chapters = 0
    for chapter in chapters_of(PROJECT_ROOT / "_toc.yml"):
        numbers = [number for document in chapter
                   for number in exercise_numbers((book_html / f"{document}.html").read_text(encoding="utf-8"))]
        assert numbers == list(range(1, len(numbers) + 1)), f"{chapter[0]}: exercises numbered {numbers}"
        numbered_chapters += bool(numbers)
    assert numbered_chapters >= 5


def test_solutions_name_their_exercise_by_its_number_in_the_chapter(book_html):
    html = (book_html / "chapters/1-security/shanghai-five-to-ten-members.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    first_solution = soup.select_one("div.solution > p.admonition-title").get_text(" ", strip=True)
    assert first_solution == "Solution to Exercise 1"


def test_renumbering_follows_the_book_order_within_each_chapter():
    def numbers(*pairs):
        return {"exercise": dict(pairs)}

    env = SimpleNamespace(
        toctree_includes={"intro": ["one/index", "two"], "one/index": ["one/a", "one/b"]},
        toc_fignumbers={
            "one/index": {},
            "one/a": numbers(("ex-a1", (1,)), ("ex-a2", (2,))),
            "one/b": numbers(("ex-b1", (3,))),
            "two": numbers(("ex-t1", (4,)), ("ex-t2", (5,))),
        },
    )
    app = SimpleNamespace(config=SimpleNamespace(root_doc="intro"))
    assert number_exercises_per_chapter(app, env) == ["one/a", "one/b", "two"]
    assert env.toc_fignumbers["one/b"]["exercise"] == {"ex-b1": (3,)}
    assert env.toc_fignumbers["two"]["exercise"] == {"ex-t1": (1,), "ex-t2": (2,)}


def test_every_page_has_the_book_icon_and_a_cite_button_that_leads_to_the_citation(book_html):
    assert (book_html / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00", "favicon.ico is not an icon file"
    for document in toc_files(PROJECT_ROOT / "_toc.yml"):
        page = book_html / f"{document}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        icon = soup.select_one('link[rel="icon"]')
        assert icon and (page.parent / icon["href"]).resolve().is_file(), f"{document}: no icon"
        cite = soup.select_one("a.btn-cite-button")
        assert cite is not None, f"{document}: no Cite button"
        target, anchor = cite["href"].split("#")
        landing = (page.parent / target).resolve() if target else page
        assert anchor == CITATION_SECTION
        assert BeautifulSoup(landing.read_text(encoding="utf-8"), "html.parser").find(id=anchor), document


def test_the_landing_page_cites_the_book_from_its_citation_file(book_html):
    metadata = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    soup = BeautifulSoup((book_html / "chapters/intro.html").read_text(encoding="utf-8"), "html.parser")
    section = soup.find(id=CITATION_SECTION).get_text(" ", strip=True)
    assert f"{metadata['title']} , version {metadata['version']}" in section


def test_a_citation_names_every_author_and_the_repository_when_there_is_one():
    metadata = {
        "title": "A book",
        "version": "1.2.0",
        "authors": [{"name": "The contributors"}, {"family-names": "Li", "given-names": "Wei"}],
    }
    assert course_citation(metadata) == "The contributors; Li, Wei. *A book*, version 1.2.0."
    with_repository = {**metadata, "repository-code": "https://github.com/example/book"}
    assert course_citation(with_repository).endswith("version 1.2.0. <https://github.com/example/book>")


def test_the_theme_top_bar_carries_no_second_set_of_buttons(book_html):
    """The theme's scripts wire the first toggle they find; only the article header may have them."""
    for document in toc_files(PROJECT_ROOT / "_toc.yml"):
        soup = BeautifulSoup((book_html / f"{document}.html").read_text(encoding="utf-8"), "html.parser")
        assert not soup.select("#pst-header button"), document
        assert len(soup.select(".primary-toggle")) == 1, document


def test_the_book_root_is_a_titled_page_that_leads_to_the_landing_page(book_html):
    soup = BeautifulSoup((book_html / "index.html").read_text(encoding="utf-8"), "html.parser")
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert soup.html["lang"] == "en"
    assert soup.title.get_text() == config["title"]
    assert soup.select_one('meta[http-equiv="Refresh"]')["content"] == "0; url=chapters/intro.html"
    assert soup.select_one("body a")["href"] == "chapters/intro.html"


def test_every_page_title_names_the_book(book_html):
    title = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    for document in toc_files(PROJECT_ROOT / "_toc.yml"):
        soup = BeautifulSoup((book_html / f"{document}.html").read_text(encoding="utf-8"), "html.parser")
        page_title = soup.title.get_text()
        assert page_title == title or page_title.endswith(f" — {title}"), document
        assert page_title.count(title) == 1, f"{document} names the book twice: {page_title}"
