"""Bad input stops the build with a message that says what and where.

Each test builds a small book of its own, as ``make book`` would (with the
notebooks run first by ``booktools.execute`` where it matters): ``build``
layer, a few seconds each.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

from helpers import PROJECT_ROOT, build_book
from sco_course.book.web_assets import BOOK_SOURCE_ENV
from sco_course.data import DATA_DIR_ENV, PROJECT_DATA_DIR

pytestmark = pytest.mark.build


def write_book(folder, chapters: dict[str, str | None], link_node_modules: bool = True):
    """A one-page book plus chapters: name -> notebook code, or None for a page left out."""
    toc = "format: jb-book\nroot: index\n"
    if chapters:
        toc += "chapters:\n" + "".join(f"  - file: {name}\n" for name in chapters)
    (folder / "_toc.yml").write_text(toc, encoding="utf-8")
    (folder / "index.md").write_text("# Index\n", encoding="utf-8")
    for name, code in chapters.items():
        if code is None:
            continue
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell(code)]
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, folder / f"{name}.ipynb")
    (folder / "references.bib").symlink_to(PROJECT_ROOT / "references.bib")
    if link_node_modules:
        (folder / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    return folder


def output_of(result) -> str:
    return result.stdout + result.stderr


@pytest.mark.parametrize(
    ("code", "error"),
    [("1 / 0", "ZeroDivisionError"), ("import a_package_that_is_not_installed", "ModuleNotFoundError")],
    ids=["failing-cell", "missing-python-package"],
)
@pytest.mark.parametrize("pre_execute", [False, True], ids=["in-the-build", "run-before-the-build"])
def test_a_failing_notebook_fails_the_build_and_is_named(tmp_path, code, error, pre_execute):
    (tmp_path / "book").mkdir()
    chapters = {"working_chapter": "1 + 1"} if pre_execute else {}
    book = write_book(tmp_path / "book", {**chapters, "broken_chapter": code})
    result = build_book(book, tmp_path / "out", pre_execute=pre_execute)
    assert result.returncode != 0
    assert "broken_chapter.ipynb" in output_of(result)
    assert error in output_of(result)
    if pre_execute:  # the notebooks ran first and stopped make before the build
        assert "Running Jupyter-Book" not in output_of(result)
        assert "executed working_chapter.ipynb" in output_of(result)


ENVIRONMENT_CODE = """import os
from pathlib import Path
print("cwd:", Path.cwd().name)
print("book source:", os.environ.get({variable!r}))
"""


def test_notebooks_run_before_the_build_are_what_the_build_would_have_run(tmp_path):
    """The build finds every notebook in the cache, and they ran as the build runs them."""
    (tmp_path / "book" / "part").mkdir(parents=True)
    code = ENVIRONMENT_CODE.format(variable=BOOK_SOURCE_ENV)
    # Different code: the cache keys on it, so two notebooks of the same code share their outputs.
    book = write_book(tmp_path / "book", {"first": code + "# first", "part/second": code + "# second"})
    result = build_book(book, tmp_path / "out", pre_execute=True)
    assert result.returncode == 0, output_of(result)[-4000:]
    assert "2 to run" in result.stdout
    assert result.stdout.count("Using cached notebook") == 2
    assert "Executing notebook" not in output_of(result)
    html = tmp_path / "out" / "_build" / "html"
    assert "cwd: book" in (html / "first.html").read_text(encoding="utf-8")
    assert "cwd: part" in (html / "part" / "second.html").read_text(encoding="utf-8")
    for page in ("first.html", "part/second.html"):
        assert f"book source: {book.resolve()}" in (html / page).read_text(encoding="utf-8")


def test_a_toc_entry_without_a_page_fails_the_build(tmp_path):
    (tmp_path / "book").mkdir()
    book = write_book(tmp_path / "book", {"chapter_never_written": None})
    result = build_book(book, tmp_path / "out")
    assert result.returncode != 0
    assert "nonexisting document 'chapter_never_written'" in output_of(result)


def test_missing_front_end_assets_fail_the_build_with_the_fix(tmp_path):
    (tmp_path / "book").mkdir()
    book = write_book(tmp_path / "book", {}, link_node_modules=False)
    result = build_book(book, tmp_path / "out")
    assert result.returncode != 0
    assert "No node_modules folder found" in output_of(result)
    assert "npm ci" in output_of(result)


def test_a_broken_data_table_fails_the_build_with_the_validation_message(tmp_path):
    broken = tmp_path / "data"
    shutil.copytree(PROJECT_DATA_DIR, broken)
    membership = broken / "membership.csv"
    lines = membership.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("AFG,sco_partner,2025-09-01", "AFG,sco_partner,2025-09-31")
    membership.write_text("".join(lines), encoding="utf-8")
    (tmp_path / "book").mkdir()
    book = write_book(tmp_path / "book", {"uses_data": "from sco_course.data import load\nload('membership')"})
    result = build_book(book, tmp_path / "out", env={DATA_DIR_ENV: str(broken)})
    assert result.returncode != 0
    assert "data/membership.csv, row 3, column 'start_date': value '2025-09-31': is not a real calendar date" in output_of(result)
