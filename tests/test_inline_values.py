"""The values a page's text quotes (``{eval}`prose.name` ``) reach the built book as JupyterLab shows them.

Small books of their own, built as ``make book`` builds (the notebooks run first by
``booktools.execute``, which evaluates each Markdown cell's expressions at that cell):
``build`` layer, a few seconds each.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import build_book
from test_build_errors import output_of, write_book

pytestmark = pytest.mark.build

SETUP = "from sco_course.wording import Prose, spell\n\nprose = Prose()\nprose.n_states = spell(9)\nprose.year = 2022"


def write_page(book, cells: list[tuple[str, str]], name: str = "page"):
    """A book with one notebook of ``(kind, source)`` cells, kind "md" or "code" (the notebook
    rewritten if the book exists)."""
    if not book.exists():
        book.mkdir()
        write_book(book, {name: "1"})
    notebook = nbformat.read(book / f"{name}.ipynb", as_version=4)
    notebook.cells = [nbformat.v4.new_markdown_cell(f"# {name}")] + [
        nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
        for kind, source in cells]
    nbformat.write(notebook, book / f"{name}.ipynb")
    return book


def page_text(tmp_path, name: str = "page") -> str:
    html = (tmp_path / "out" / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_text_shows_each_value_as_text_without_quotes(tmp_path):
    book = write_page(tmp_path / "book", [("code", SETUP),
                                          ("md", "All {eval}`prose.n_states` met in {eval}`prose.year`.")])
    result = build_book(book, tmp_path / "out", pre_execute=True)
    assert result.returncode == 0, output_of(result)[-4000:]
    assert "All nine met in 2022." in page_text(tmp_path)


def test_a_text_that_quotes_a_new_value_runs_its_notebook_again(tmp_path):
    book = write_page(tmp_path / "book", [("code", SETUP), ("md", "All {eval}`prose.n_states`.")])
    assert build_book(book, tmp_path / "out", pre_execute=True).returncode == 0
    write_page(tmp_path / "book", [("code", SETUP), ("md", "In {eval}`prose.year`.")])
    result = build_book(book, tmp_path / "out", pre_execute=True)
    assert result.returncode == 0, output_of(result)[-4000:]
    assert "1 to run" in result.stdout
    assert "In 2022." in page_text(tmp_path)


@pytest.mark.parametrize(("cells", "message"), [
    ([("code", SETUP), ("md", "We count {eval}`prose.n_members`.")],
     "Markdown cell 2 (counting from 0): {eval}`prose.n_members` gives AttributeError"),
    ([("code", 'word = "nine"'), ("md", "All {eval}`word`.")],
     "{eval}`word` shows 'nine', quotes and all"),
    ([("md", "Too soon: {eval}`prose.year`."), ("code", SETUP)],
     "Markdown cell 1 (counting from 0) quotes {eval}`prose.year` before any code cell has run"),
    ([("code", SETUP), ("md", "In {eval}`prose.year`."), ("code", "prose.year = 2023"),
      ("md", "Still {eval}`prose.year`.")],
     "{eval}`prose.year` is now '2023', but '2022' in Markdown cell 2; a page quotes one value"),
], ids=["undefined", "quoted-str", "before-any-code", "two-values"])
def test_a_value_the_text_cannot_show_stops_the_build_naming_page_and_cell(tmp_path, cells, message):
    book = write_page(tmp_path / "book", cells, name="quoting_page")
    result = build_book(book, tmp_path / "out", pre_execute=True)
    assert result.returncode != 0
    assert "quoting_page.ipynb" in output_of(result)
    assert message in output_of(result)
    assert "Running Jupyter-Book" not in output_of(result)


def test_a_build_whose_notebooks_were_not_run_first_says_how_to_run_them(tmp_path):
    book = write_page(tmp_path / "book", [("code", SETUP), ("md", "All {eval}`prose.n_states`.")])
    result = build_book(book, tmp_path / "out", pre_execute=False)
    assert result.returncode != 0
    assert "no value for {eval}`prose.n_states`" in output_of(result)
    assert "python -m booktools.execute" in output_of(result)
