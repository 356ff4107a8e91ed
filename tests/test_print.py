"""The book on paper: the print stylesheet on every page, and ``make pdf``'s PDFs.

Every page of the table of contents is laid out as Chromium prints it (print
media, at the width of the text on A4): the site's navigation and controls do
not print, the exercise statements do and their solutions do not, unless the
instructor edition's class is set; nothing is wider than the paper and no
widget or map prints as an empty box.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from bs4 import BeautifulSoup

from booktools.pdf import (
    EDITIONS,
    PRINT_WIDTH_PX,
    SOLUTIONS_CLASS,
    book_structure,
    make_pdfs,
    prepare_for_print,
)
from helpers import PROJECT_ROOT, toc_files

TOC = PROJECT_ROOT / "_toc.yml"
PAGES = toc_files(TOC)

# The site's navigation and controls, none of which may print.
CHROME = [
    "#pst-skip-link", "#pst-header", ".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary",
    ".bd-header-article", ".article-header-buttons", ".prev-next-footer", ".prev-next-area", ".bd-footer",
    ".bd-footer-content", "#pst-back-to-top", ".search-button-field", ".search-button", ".theme-switch-button",
    ".bd-toc", "#jb-print-docs-body", ".copybtn", "button.toggle-button", ".toggle-details__summary",
    "details.hide > summary", "a.headerlink",
]
# What the toggle buttons and the theme write on screen for a folded block.
CONTROL_WORDS = ["Click to show", "Click to hide", "Show code cell source", "Hide code cell source"]

VISIBLE_JS = """
window.__scoVisible = (el) => {
  if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
};
window.__scoName = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
  + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
true;  // evaluate() would call a function that ends the script
"""


def words(text: str) -> str:
    """Only the letters and digits of ``text``, lower case, ligatures (the PDF's "ﬁ") spelled out:
    PDF text extraction breaks lines and hyphenates."""
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKC", text).lower())


def open_for_print(page, url: str, edition: str = "student", beforeprint: bool = True) -> None:
    page.goto(url, wait_until="networkidle")
    prepare_for_print(page, edition, beforeprint=beforeprint)
    page.evaluate(VISIBLE_JS)


def visible(page, selector: str) -> list[str]:
    return page.evaluate("(s) => [...document.querySelectorAll(s)].filter(__scoVisible).map(__scoName)", selector)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("document", PAGES)
def test_a_page_prints_its_statements_without_solutions_or_controls_and_the_instructor_copy_with(
        document, watched_page, book_url):
    page, problems = watched_page
    # As a student's Ctrl+P: the page is told it is being printed, and the toggle buttons open every dropdown.
    open_for_print(page, f"{book_url}{document}.html", "student", beforeprint=True)
    assert page.evaluate("() => document.querySelector('article h1') !== null")
    assert visible(page, "article h1"), "the page's title does not print"

    shown_chrome = {selector: found for selector in CHROME if (found := visible(page, selector))}
    assert not shown_chrome, f"navigation or controls print: {shown_chrome}"
    # Buttons print only as the state they show in a widget (a pressed theme chip, a timeline mark).
    buttons = page.evaluate("() => [...document.querySelectorAll('button:not([aria-pressed])')]"
                            ".filter(__scoVisible).map(b => __scoName(b) + ' ' + b.textContent.trim().slice(0, 40))")
    assert not buttons, f"buttons print: {buttons}"
    text = page.evaluate("() => document.body.innerText")
    assert not [phrase for phrase in CONTROL_WORDS if phrase in text]

    solutions = page.locator(".solution").count()
    exercises = page.locator(".exercise").count()
    assert len(visible(page, ".exercise")) == exercises, "an exercise statement does not print"
    assert not visible(page, ".solution"), "a solution prints in the student's copy"
    # The solutions' paragraphs and code, long enough not to be found elsewhere on the page by chance.
    chunks = [chunk for chunk in page.evaluate(
        "() => [...document.querySelectorAll('.solution section')].flatMap("
        "s => [...s.querySelectorAll('p, pre')].map(e => e.textContent))") if len(words(chunk)) >= 40]
    assert bool(chunks) == bool(solutions)
    printed_words = words(text)
    leaked = [chunk[:60] for chunk in chunks if words(chunk) in printed_words]
    assert not leaked, f"a solution's text prints: {leaked}"

    # The instructor's copy: the class alone (no print event to open the dropdowns) prints every solution in full.
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.evaluate("(name) => document.documentElement.classList.add(name)", SOLUTIONS_CLASS)
    page.wait_for_timeout(100)
    assert len(visible(page, ".solution")) == solutions
    assert len(visible(page, ".solution section")) == solutions, "a solution's content is folded on paper"
    printed_words = words(page.evaluate("() => document.body.innerText"))
    missing = [chunk[:60] for chunk in chunks if words(chunk) not in printed_words]
    assert not missing, f"a solution's text does not print in the instructor's copy: {missing}"
    assert len(visible(page, ".exercise")) == exercises
    problems.assert_clean()


# Elements reaching past either edge of the paper, and boxes whose content is cut or
# would need a scroll bar (a visually hidden label, 1 px wide on purpose, is not one).
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [], cut = [];
  for (const el of document.querySelectorAll('.bd-article, .bd-article *')) {
    if (!__scoVisible(el) || el.closest('.sco-rd-vh')) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 || box.left < -1) wide.push(`${__scoName(el)} ${Math.round(box.left)}..${Math.round(box.right)}`);
    const style = getComputedStyle(el);
    if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'IFRAME')
      cut.push(`${__scoName(el)} ${el.scrollWidth} > ${el.clientWidth}`);
  }
  return {width, wide: wide.slice(0, 10), cut: cut.slice(0, 10)};
}"""

# Every widget's area and every map prints with something in it; so does every cell output.
EMPTY_BOX_JS = """() => {
  const empty = [];
  document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').forEach((script) => {
    const area = script.previousElementSibling;
    if (!area || !__scoVisible(area) || area.getBoundingClientRect().height < 20 || !area.innerText.trim())
      empty.push('widget ' + (area ? __scoName(area) : 'without an area'));
  });
  document.querySelectorAll('.bd-article iframe').forEach((frame) => {
    const doc = frame.contentDocument;
    const drawn = doc && doc.querySelectorAll('.leaflet-pane path, .leaflet-pane img').length > 0;
    if (!__scoVisible(frame) || frame.getBoundingClientRect().height < 100 || !drawn)
      empty.push('map ' + (frame.title || __scoName(frame)));
  });
  document.querySelectorAll('.bd-article .cell_output').forEach((output) => {
    if (!__scoVisible(output) || output.getBoundingClientRect().height < 30) return;
    if (!output.innerText.trim() && !output.querySelector('img, svg, iframe, canvas'))
      empty.push('output ' + __scoName(output));
  });
  return empty;
}"""


@pytest.mark.timeout(120)
@pytest.mark.parametrize("document", PAGES)
def test_a_page_fits_the_paper_and_prints_no_empty_widget_box(document, watched_page, book_url):
    page, problems = watched_page
    open_for_print(page, f"{book_url}{document}.html", "instructor")
    # Folded blocks print as they are on screen: open every one, so that whatever a reader unfolds fits too.
    page.evaluate("() => document.querySelectorAll('.bd-article details').forEach((d) => { d.open = true; })")
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.documentElement.clientWidth") == PRINT_WIDTH_PX
    overflow = page.evaluate(OVERFLOW_JS)
    assert not overflow["wide"], f"wider than the paper ({overflow['width']} px): {overflow['wide']}"
    assert not overflow["cut"], f"content cut off or in a scroll box on paper: {overflow['cut']}"
    empty = page.evaluate(EMPTY_BOX_JS)
    assert not empty, f"empty boxes on paper: {empty}"
    problems.assert_clean()


def test_the_chapters_are_the_table_of_contents_entries_with_sections():
    documents, chapters = book_structure(TOC)
    assert documents == PAGES
    assert [chapter.name for chapter in chapters] == ["1-security", "2-economy", "3-connectivity"]
    for chapter in chapters:
        assert chapter.documents[0] == f"chapters/{chapter.name}/index"
        assert len(chapter.documents) > 1
        assert all(document.startswith(f"chapters/{chapter.name}/") for document in chapter.documents)


def first_exercise_and_solution(book_html, documents) -> tuple[str, str]:
    """The statement of the first exercise with a solution in ``documents``, and that solution's words."""
    for document in documents:
        soup = BeautifulSoup((book_html / f"{document}.html").read_text(encoding="utf-8"), "html.parser")
        solution = soup.select_one(".solution")
        if solution is None:
            continue
        exercise = soup.select_one(solution.select_one(".admonition-title a")["href"])
        statement = exercise.select_one("section").get_text(" ")
        answer = " ".join(p.get_text(" ") for p in solution.select("section > p"))
        return statement, answer
    raise AssertionError(f"no solution in {documents}")


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return words(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_make_pdf_writes_the_book_and_each_chapter_for_students_and_instructors(book_html, browser, tmp_path):
    from pypdf import PdfReader

    documents, chapters = book_structure(TOC)
    written = make_pdfs(book_html, tmp_path, editions=EDITIONS, log=lambda *args: None, browser=browser)
    names = ["book", *(chapter.name for chapter in chapters)]
    assert set(written) == {tmp_path / edition / f"{name}.pdf" for edition in EDITIONS for name in names}
    for path, count in written.items():
        assert path.stat().st_size > 10_000, path
        assert len(PdfReader(path).pages) == count > 0, path
    for edition in EDITIONS:
        book = written[tmp_path / edition / "book.pdf"]
        in_chapters = [written[tmp_path / edition / f"{chapter.name}.pdf"] for chapter in chapters]
        # Each chapter's pages are in the book, which has the front matter and appendices besides.
        assert all(count >= len(chapter.documents) for count, chapter in zip(in_chapters, chapters))
        assert sum(in_chapters) < book
    # Solutions add pages to the instructor's copy.
    assert written[tmp_path / "instructor" / "book.pdf"] > written[tmp_path / "student" / "book.pdf"]

    statement, answer = first_exercise_and_solution(book_html, chapters[0].documents)
    assert len(words(statement)) > 30 and len(words(answer)) > 30
    student = pdf_text(tmp_path / "student" / f"{chapters[0].name}.pdf")
    instructor = pdf_text(tmp_path / "instructor" / f"{chapters[0].name}.pdf")
    assert words(statement) in student
    assert words(answer) not in student
    assert words(statement) in instructor
    assert words(answer) in instructor
    assert words("Instructor edition") in instructor and words("Instructor edition") not in student
    for phrase in CONTROL_WORDS:
        assert words(phrase) not in student and words(phrase) not in instructor
    assert words("Solution to") not in pdf_text(tmp_path / "student" / "book.pdf")
