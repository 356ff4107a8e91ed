"""The book on paper: PDFs of the built book, printed by the system Chromium.

``make pdf`` (after ``make book``) writes, for the student edition::

    _build/pdf/student/book.pdf           every page in the table of contents
    _build/pdf/student/1-security.pdf     one per chapter: its index page and its sections

and ``make pdf EDITION=instructor`` the same files under ``_build/pdf/instructor/``,
with the exercises' solutions printed. From the shell::

    python -m booktools.pdf [--html _build/html] [--out _build/pdf] [--edition student|instructor|both]

Each page of the book is printed on its own (with the print stylesheet,
``src/sco_course/book/web/print.css``) once its widgets and maps have drawn;
the pages' PDFs are then joined with pypdf, with one bookmark per page. The
book is served on 127.0.0.1 and every request to another host is aborted:
nothing leaves the machine. The instructor edition is asked for by a class on
``<html>`` (``sco-print-solutions``), which only this tool sets: a reader
printing a page from the browser never gets the solutions.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urlparse

import yaml

from booktools.book import BOOK_HTML, BUILD_DIR, CONFIG, PROJECT_ROOT
from booktools.chromium import LOCAL_HOSTS, launch
from booktools.server import serve

PDF_DIR = BUILD_DIR / "pdf"
EDITIONS = ("student", "instructor")
SOLUTIONS_CLASS = "sco-print-solutions"
"""The class on ``<html>`` that makes the print stylesheet print the solutions."""
BOOK_NAME = "book"
BOOK_TITLE = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["title"]
PAPER = {"format": "A4", "margin": {"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}}
PRINT_WIDTH_PX = round((210 - 2 * 14) / 25.4 * 96)
"""The width of the printed text on A4 with those margins, in CSS pixels (688)."""
RENDER_TIMEOUT_MS = 30_000
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'

# True once every widget on the page has drawn something (or said it could not)
# and every map in an iframe has drawn its shapes or tiles.
RENDERED = """() => {
  const views = [...document.querySelectorAll('%s')];
  const widgetsDrawn = views.every((script) => {
    const area = script.previousElementSibling;
    return area && area.textContent.trim().length > 0 && area.getBoundingClientRect().height > 0;
  });
  const mapsDrawn = [...document.querySelectorAll('iframe')].every((frame) => {
    const doc = frame.contentDocument;
    if (!doc || doc.readyState !== 'complete') return false;
    if (!doc.querySelector('.leaflet-container')) return doc.body && doc.body.children.length > 0;
    return doc.querySelectorAll('.leaflet-pane path, .leaflet-pane img').length > 0;
  });
  return widgetsDrawn && mapsDrawn;
}""" % WIDGET_VIEW


@dataclass
class Chapter:
    """A chapter of the book: the documents of one ``_toc.yml`` entry with sections."""

    name: str
    documents: list[str] = field(default_factory=list)


def book_structure(toc_path: Path) -> tuple[list[str], list[Chapter]]:
    """Every document in the table of contents, in order, and the chapters (entries with sections)."""
    toc = yaml.safe_load(Path(toc_path).read_text(encoding="utf-8"))
    documents = [toc["root"]]
    chapters = []

    def walk(entries) -> list[str]:
        found = []
        for entry in entries or []:
            inner = walk(entry.get("sections")) + walk(entry.get("chapters"))
            for part in entry.get("parts", []):
                inner += walk(part.get("chapters"))
            own = [entry["file"]] if "file" in entry else []
            if own and inner:
                path = Path(own[0])
                name = path.parent.name if path.name == "index" else path.name
                chapters.append(Chapter(name, own + inner))
            found += own + inner
        return found

    documents += walk(toc.get("chapters"))
    for part in toc.get("parts", []):
        documents += walk(part.get("chapters"))
    return documents, chapters


@dataclass
class PrintedPage:
    document: str
    title: str
    pdf: bytes


def _guard(context, problems: list[str]) -> None:
    def route(route):
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            problems.append(url)
            route.abort()

    context.route("**/*", route)


def _header_and_footer(title: str, edition: str) -> tuple[str, str]:
    """Chromium's header and footer for a printed page: its title, the edition, page numbers."""
    style = "font-size:8px;width:100%;padding:0 14mm;color:#444;display:flex;justify-content:space-between;gap:8mm;"
    note = "Instructor edition: with solutions" if edition == "instructor" else ""
    header = f'<div style="{style}"><span>{escape(title)}</span><span>{note}</span></div>'
    footer = (f'<div style="{style}"><span>{escape(BOOK_TITLE)}</span>'
              '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')
    return header, footer


def wait_for_render(page, timeout_ms: int = RENDER_TIMEOUT_MS) -> None:
    """Wait until every widget and map on the loaded page has drawn."""
    page.wait_for_function(RENDERED, timeout=timeout_ms)


def prepare_for_print(page, edition: str = "student", beforeprint: bool = True) -> None:
    """Put a loaded page of the book in the state in which it is printed.

    Widgets and maps have drawn; the page is laid out at the width of the
    paper (maps redraw for it) with print media; the instructor edition's class
    is set or removed; and, with ``beforeprint``, the page has been told it is
    about to be printed, as a browser's print command tells it (the toggle
    buttons then open every folded solution: the print stylesheet must hide
    them again in the student edition).
    """
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, not {edition!r}")
    wait_for_render(page)
    page.set_viewport_size({"width": PRINT_WIDTH_PX, "height": 900})
    page.emulate_media(media="print")
    page.evaluate("([name, on]) => document.documentElement.classList.toggle(name, on)",
                  [SOLUTIONS_CLASS, edition == "instructor"])
    if beforeprint:
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.evaluate("() => document.fonts.ready")
    # Leaflet redraws a resized map after a short delay.
    page.wait_for_timeout(300)
    wait_for_render(page)


def print_pages(browser, base_url: str, documents: list[str], edition: str,
                log=print) -> dict[str, PrintedPage]:
    """Print each document of the built book served at ``base_url`` to PDF bytes."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, not {edition!r}")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    off_machine: list[str] = []
    _guard(context, off_machine)
    printed = {}
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: log(f"[pdf] error on the page: {error}"))
        for document in documents:
            started = time.monotonic()
            page.goto(f"{base_url}{document}.html", wait_until="networkidle")
            prepare_for_print(page, edition)
            title = page.locator("article h1").first.text_content().strip().rstrip("#").strip()
            header, footer = _header_and_footer(title, edition)
            pdf = page.pdf(**PAPER, print_background=True, display_header_footer=True,
                           header_template=header, footer_template=footer, outline=False)
            printed[document] = PrintedPage(document, title, pdf)
            log(f"[pdf] {edition}: {document} ({time.monotonic() - started:.1f} s)")
    finally:
        context.close()
    if off_machine:
        raise RuntimeError(f"pages asked for files off this machine (aborted): {sorted(set(off_machine))}")
    return printed


def join(pages: list[PrintedPage], target: Path, title: str) -> int:
    """Write ``pages`` as one PDF with a bookmark per page; return its page count."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for printed in pages:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(printed.pdf)))
        writer.add_outline_item(title=printed.title, page_number=start)
    writer.add_metadata({"/Title": title})
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def make_pdfs(html: Path = BOOK_HTML, out: Path = PDF_DIR, editions=("student",),
              toc: Path = PROJECT_ROOT / "_toc.yml", log=print, browser=None) -> dict[Path, int]:
    """Write the whole book and each chapter as PDF for each edition; return {file: page count}.

    ``browser`` is a playwright Chromium to print with; without it, one is started and closed.
    """
    html, out = Path(html), Path(out)
    if not (html / "index.html").is_file():
        raise FileNotFoundError(f"No built book in {html}: run 'make book' first.")
    documents, chapters = book_structure(toc)
    with contextlib.ExitStack() as stack:
        base_url = stack.enter_context(serve(html))
        if browser is None:
            from playwright.sync_api import sync_playwright

            browser = launch(stack.enter_context(sync_playwright()))
            stack.callback(browser.close)
        written = {}
        for edition in editions:
            printed = print_pages(browser, base_url, documents, edition, log)
            folder = out / edition
            suffix = " (instructor edition)" if edition == "instructor" else ""
            target = folder / f"{BOOK_NAME}.pdf"
            written[target] = join([printed[d] for d in documents], target, BOOK_TITLE + suffix)
            for chapter in chapters:
                target = folder / f"{chapter.name}.pdf"
                pages = [printed[d] for d in chapter.documents]
                written[target] = join(pages, target, pages[0].title + suffix)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the built book to PDF: the whole book and one file per chapter.")
    parser.add_argument("--html", type=Path, default=BOOK_HTML, help="the built book (default: _build/html)")
    parser.add_argument("--out", type=Path, default=PDF_DIR, help="folder for the PDFs (default: _build/pdf)")
    parser.add_argument("--edition", choices=[*EDITIONS, "both"], default="student",
                        help="student (no solutions, the default), instructor (with solutions) or both")
    args = parser.parse_args(argv)
    editions = EDITIONS if args.edition == "both" else (args.edition,)
    started = time.monotonic()
    try:
        written = make_pdfs(args.html, args.out, editions)
    except FileNotFoundError as error:
        parser.exit(1, f"{error}\n")
    for path, pages in written.items():
        print(f"{path} ({pages} pages, {path.stat().st_size / 1e6:.1f} MB)")
    print(f"[pdf] done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
