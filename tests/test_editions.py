"""The student and instructor editions (booktools/editions.py, `make student`, `make instructor`)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import venv
import zipfile
from pathlib import Path

import nbformat
import pytest

from booktools import editions
from helpers import PROJECT_ROOT, toc_notebooks

SOURCE_NOTEBOOKS = toc_notebooks(PROJECT_ROOT)
EXERCISE_LABELS = [label for path in SOURCE_NOTEBOOKS for cell in nbformat.read(path, as_version=4).cells
                   for label in re.findall(r"```\{exercise\}[^\n]*\n:label:\s*(\S+)", "".join(cell.source))]
"""Every exercise of the book, in book order, read straight from the notebooks."""
BUILD_TOOLS = ("jupyter-book", "sphinx", "sphinx-exercise", "myst-nb", "playwright", "pytest", "docutils")


def cells_text(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells)


def solution_fences(text: str) -> list[str]:
    return re.findall(r"```\{solution(?:-start|-end)?\}", text)


def markdown(text: str):
    return nbformat.v4.new_markdown_cell(text)


def code(text: str, *tags: str):
    cell = nbformat.v4.new_code_cell(text)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def notebook(*cells):
    return nbformat.v4.new_notebook(cells=list(cells))


@pytest.fixture(scope="module")
def pages():
    return {edition: editions.edition_pages(edition) for edition in editions.EDITIONS}


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    """Both editions, zipped (as `make student` and `make instructor` write them) and unzipped."""
    output = tmp_path_factory.mktemp("editions")
    built = {}
    for edition in editions.EDITIONS:
        archive = editions.build_edition(edition, output)
        with zipfile.ZipFile(archive) as bundle:
            bundle.extractall(output / "unzipped")
        built[edition] = (archive, output / "unzipped" / editions.BUNDLE_NAME.format(edition=edition))
    return built


# --- The small pieces, on made-up notebooks --------------------------------------------------------

def test_markdown_blocks_give_the_source_back_and_find_nested_fences():
    source = ("Intro\n\n````{solution} ex-a\n:class: dropdown\n\n```python\nx = 1\n```\n````\n\n"
              "```{exercise}\n:label: ex-b\n\nDo it.\n```\nEnd\n")
    blocks = editions.markdown_blocks(source)
    assert "".join(block.text for block in blocks) == source
    assert [block.directive for block in blocks] == [None, "solution", None, "exercise", None]
    assert blocks[1].label == "ex-a" and "x = 1" in blocks[1].body
    assert blocks[3].label == "ex-b" and blocks[3].body == "Do it."


def test_solutions_are_split_off_in_both_forms():
    book = notebook(
        markdown("# Page\n\n```{exercise}\n:label: ex-one\n\nCount.\n```\n\n```{solution-start} ex-one\n"
                 ":class: dropdown\n```"),
        code("answer = 41 + 1\nanswer"),
        markdown("Forty-two.\n\n```{solution-end}\n```\n\n```{exercise}\n:label: ex-two\n\nWhy?\n```\n\n"
                 "```{solution} ex-two\n:class: dropdown\n\nBecause.\n```\n\nAfter."),
    )
    stripped, exercises = editions.split_solutions(book)
    text = cells_text(stripped)
    assert not solution_fences(text)
    assert "41 + 1" not in text and "Forty-two" not in text and "Because" not in text
    assert "Count." in text and "Why?" in text and "After." in text
    assert [cell.cell_type for cell in stripped.cells] == ["markdown", "code", "markdown"]
    assert stripped.cells[1].source == ""  # room for the student's answer
    assert [exercise.label for exercise in exercises] == ["ex-one", "ex-two"]
    assert exercises[0].solution == [("code", "answer = 41 + 1\nanswer"), ("markdown", "Forty-two.")]
    assert exercises[1].solution == [("markdown", "Because.")]
    nbformat.validate(stripped)


def test_an_unclosed_solution_is_an_error():
    with pytest.raises(ValueError, match="no {solution-end}"):
        editions.split_solutions(notebook(markdown("```{exercise}\n:label: ex-a\n\nQ\n```\n\n"
                                                   "```{solution-start} ex-a\n```")))


def test_build_only_cells_go_unless_a_later_cell_or_the_text_needs_them():
    book = notebook(
        code("import pandas as pd\nfrom sco_course.wording import Prose\n\nprose = Prose()"),
        code("total = 3", "remove-cell"),
        code("shown = 2", "remove-cell"),
        code("prose.first = shown", "remove-cell"),
        code("prose.second = 1", "remove-cell"),
        markdown("Quoted: {eval}`prose.first` and {eval}`prose.second`."),
        code("year = 2021\nprint(year, shown)", "hide-input"),
        code("for year in (1, 2):\n    prose[f'y{year}'] = year", "remove-cell"),
        code("year", "hide-input"),
        code("prose.never_quoted = 4", "remove-cell"),
    )
    kept = editions.drop_build_only_cells(book)
    sources = [cell.source for cell in kept.cells]
    assert not any(source.startswith(("total", "prose.never_quoted")) for source in sources)
    # Quoted by the text, though a later cell sets another of prose's values.
    assert any(source.startswith("prose.first") for source in sources)
    assert any(source.startswith("shown = 2") for source in sources)
    assert any(source.startswith("for year") for source in sources)  # the last cell reads its `year`
    assert len(sources) == 8


def test_runtime_requirements_follow_the_lock():
    lock = (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8")
    pins = editions.runtime_requirements(lock)
    pinned_in_lock = set(re.findall(r"^\S+==\S+", lock, re.M))
    assert set(pins) <= pinned_in_lock
    names = {editions.normalized(pin.split("==")[0]) for pin in pins}
    for package in ("jupyterlab", "ipykernel", "pandas", "folium", "matplotlib", "pybtex", "frictionless", "numpy",
                    "nbclient", "tornado"):
        assert package in names, package
    for tool in BUILD_TOOLS:
        assert tool not in names, tool


def test_a_made_up_lock_is_closed_over_its_via_lines():
    lock = ("a==1\n    # via -r requirements.in\nb==2\n    # via\n    #   a\n    #   z\n"
            "c==3\n    # via b\nz==9\n    # via -r requirements.in\n")
    assert editions.runtime_requirements(lock, packages=("a",)) == ["a==1", "b==2", "c==3"]
    with pytest.raises(ValueError, match="nothere"):
        editions.runtime_requirements(lock, packages=("nothere",))


# --- The course's own notebooks --------------------------------------------------------------------

def is_instructor_page(path) -> bool:
    return path.relative_to(PROJECT_ROOT).with_suffix("").as_posix() in editions.INSTRUCTOR_PAGES


STUDENT_NOTEBOOKS = [path for path in SOURCE_NOTEBOOKS if not is_instructor_page(path)]


def test_the_instructor_edition_has_every_notebook_and_the_student_one_all_but_the_assessment_items(pages):
    assert [page.path for page in pages["instructor"]] == [path.relative_to(PROJECT_ROOT) for path in SOURCE_NOTEBOOKS]
    assert [page.path for page in pages["student"]] == [path.relative_to(PROJECT_ROOT) for path in STUDENT_NOTEBOOKS]
    assert any(path.name == "assessment-items.ipynb" for path in SOURCE_NOTEBOOKS)


def test_the_course_has_exercises_with_solutions(pages):
    assert len(EXERCISE_LABELS) >= 30
    solved = [exercise for page in pages["instructor"] for exercise in page.exercises if exercise.solution]
    assert len(solved) >= 30


def test_student_notebooks_hold_no_solution(pages):
    for page in pages["student"]:
        text = cells_text(page.notebook)
        assert not solution_fences(text), page.path
        code_cells = {cell.source for cell in page.notebook.cells if cell.cell_type == "code"}
        for exercise in page.exercises:
            for kind, solution in exercise.solution:
                if kind == "code":
                    assert solution not in code_cells, (page.path, solution[:200])
                    continue
                for line in solution.splitlines():
                    if len(line.strip()) > 25:
                        assert line.strip() not in text, (page.path, line)


def test_student_notebooks_keep_every_exercise(pages):
    text = "\n".join(cells_text(page.notebook) for page in pages["student"])
    assert re.findall(r"```\{exercise\}\n:label:\s*(\S+)", text) == EXERCISE_LABELS


def test_instructor_notebooks_keep_every_solution(pages):
    for page in pages["instructor"]:
        text = cells_text(page.notebook)
        original = cells_text(nbformat.read(PROJECT_ROOT / page.path, as_version=4))
        assert solution_fences(text) == solution_fences(original), page.path
        for solution in editions.solution_texts(page.exercises):
            assert solution.strip() in text, (page.path, solution[:80])


def test_no_build_only_cell_is_left_unless_needed_and_those_left_are_folded(pages):
    """Each ``remove-cell`` cell an edition keeps computes something a later cell or the text uses,
    and JupyterLab shows it folded, as the book hides it."""
    for edition in editions.EDITIONS:
        for page in pages[edition]:
            cells = page.notebook.cells
            for index, cell in enumerate(cells):
                if editions.is_tagged_build_only(cell):
                    later = set().union(*(editions.names_used(other.source) or set()
                                          for other in cells[index + 1:] if other.cell_type == "code"),
                                        *(editions.names_quoted(other.source)
                                          for other in cells[index + 1:] if other.cell_type == "markdown"))
                    assert editions.names_defined(cell.source) & later, (page.path, cell.source[:200])
                    assert cell.metadata.get("jupyter", {}).get("source_hidden"), (page.path, cell.source[:200])


def test_cells_the_book_shows_collapsed_stay(pages):
    for edition in editions.EDITIONS:
        for page in pages[edition]:
            original = nbformat.read(PROJECT_ROOT / page.path, as_version=4)
            shown = {cell.source for cell in original.cells if cell.cell_type == "code"
                     and not editions.is_tagged_build_only(cell) and "myst_nb" not in cell.source}
            if edition == "student":
                shown -= set(editions.solution_texts(page.exercises))
            assert shown <= {cell.source for cell in page.notebook.cells}, page.path


def test_edition_notebooks_are_valid_cleared_and_need_no_myst_nb(pages):
    for edition in editions.EDITIONS:
        for page in pages[edition]:
            nbformat.validate(page.notebook)
            ids = [cell.id for cell in page.notebook.cells]
            assert len(ids) == len(set(ids)), page.path
            for cell in page.notebook.cells:
                if cell.cell_type == "code":
                    assert cell.outputs == [] and cell.execution_count is None
                    assert not re.search(r"^from myst_nb import", cell.source, re.M), page.path


def test_answer_keys_list_every_exercise_in_book_order(pages):
    keys = editions.answer_keys_markdown(pages["instructor"])
    assert re.findall(r"^### Exercise \d+ \((\S+)\)$", keys, re.M) == EXERCISE_LABELS
    for page in pages["instructor"]:
        for exercise in page.exercises:
            for solution in editions.solution_texts([exercise]):
                assert solution in keys
    page_html = editions.answer_keys_html(keys)
    assert page_html.count("<h3>Exercise ") == len(EXERCISE_LABELS)
    assert "<script" not in page_html and "@media print" in page_html


def test_exercises_are_numbered_from_one_in_each_chapter(pages):
    keys = editions.answer_keys_markdown(pages["instructor"])
    first_of_chapter_2 = re.search(r"^## .+\n\n\*chapters/2-economy/how-big\.ipynb\*\n\n### Exercise (\d+)",
                                   keys, re.M)
    second_of_chapter_2 = re.search(r"^## .+\n\n\*chapters/2-economy/a-hundred-times\.ipynb\*\n\n### Exercise (\d+)",
                                    keys, re.M)
    assert first_of_chapter_2.group(1) == "1"
    how_big = next(page for page in pages["instructor"] if page.path.name == "how-big.ipynb")
    assert second_of_chapter_2.group(1) == str(len(how_big.exercises) + 1)


# --- The zips ---------------------------------------------------------------------------------------

def test_the_zips_hold_the_expected_files(bundles):
    data_files = {path.relative_to(PROJECT_ROOT).as_posix() for path in (PROJECT_ROOT / "data").rglob("*")
                  if path.is_file()}
    package_files = {path.relative_to(PROJECT_ROOT).as_posix() for path in (PROJECT_ROOT / "src").rglob("*")
                     if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path)}
    notebooks = {edition: {path.relative_to(PROJECT_ROOT).as_posix() for path in chosen}
                 for edition, chosen in (("instructor", SOURCE_NOTEBOOKS), ("student", STUDENT_NOTEBOOKS))}
    common = {"README.md", "requirements.txt", "pyproject.toml", *editions.PROJECT_FILES}
    for edition, (archive, _) in bundles.items():
        folder = editions.BUNDLE_NAME.format(edition=edition)
        with zipfile.ZipFile(archive) as bundle:
            names = set(bundle.namelist())
        assert all(name.startswith(f"{folder}/") for name in names)
        names = {name.removeprefix(f"{folder}/") for name in names}
        keys = {"answer-keys.md", "answer-keys.html"}
        leaflet = {f"node_modules/{name}" for name in editions.LEAFLET_FILES}
        expected = (common | data_files | package_files | notebooks[edition] | leaflet
                    | (keys if edition == "instructor" else set()))
        assert names == expected, (sorted(names - expected), sorted(expected - names))


def test_the_bundles_requirements_install_the_package_editable(bundles):
    for _, folder in bundles.values():
        lines = (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()
        assert lines[-1] == "-e ."
        assert not any(line.split("==")[0] in BUILD_TOOLS for line in lines)
        assert any(line.startswith("jupyterlab-myst==") for line in lines)  # the text renders, values and all
        pyproject = (folder / "pyproject.toml").read_text(encoding="utf-8")
        assert 'name = "sco-course"' in pyproject and "[tool.pytest" not in pyproject
        readme = (folder / "README.md").read_text(encoding="utf-8")
        assert "pip install -r requirements.txt" in readme and "jupyterlab" in readme


def test_the_bundles_package_finds_its_data_without_settings(bundles):
    """As installed from the bundle (editable), the package reads the bundle's data/, no variable set."""
    _, folder = bundles["student"]
    environment = {key: value for key, value in os.environ.items() if key not in ("SCO_COURSE_DATA_DIR", "PYTHONPATH")}
    environment["PYTHONPATH"] = str(folder / "src")
    script = ("from sco_course import data\nprint(data.data_dir())\n"
              "print(len(data.load('summits')), len(data.load('claims')))")
    result = subprocess.run([sys.executable, "-c", script], cwd=folder / "chapters", env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    found, counts = result.stdout.splitlines()[:2]
    assert Path(found) == folder / "data"
    assert all(int(count) > 0 for count in counts.split())


def test_make_student_and_instructor_call_the_module():
    planned = subprocess.run(["make", "-n", "student", "instructor"], cwd=PROJECT_ROOT, capture_output=True,
                             text=True, timeout=60)
    assert planned.returncode == 0, planned.stderr
    assert "-m booktools.editions student" in planned.stdout
    assert "-m booktools.editions instructor" in planned.stdout


# --- The student edition, installed from scratch and run --------------------------------------------

OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
           "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
"""For running the notebooks: any web request from Python fails (kernels talk over 127.0.0.1)."""


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_the_student_edition_installs_and_runs_offline(bundles, tmp_path):
    """A fresh virtual environment, the bundle's requirements from the package index, every notebook run."""
    _, folder = bundles["student"]
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("SCO_COURSE_DATA_DIR", "PYTHONPATH", "VIRTUAL_ENV")}
    environment["JUPYTER_CONFIG_DIR"] = str(tmp_path / "jupyter-config")
    environment["JUPYTER_DATA_DIR"] = str(tmp_path / "jupyter-data")
    environment["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "jupyter-runtime")
    environment["MPLCONFIGDIR"] = str(tmp_path / "matplotlib")
    started = time.monotonic()
    venv.EnvBuilder(with_pip=True).create(tmp_path / "venv")
    python = str(tmp_path / "venv" / "bin" / "python")
    installed = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                "-r", "requirements.txt"], cwd=folder, env=environment,
                               capture_output=True, text=True, timeout=1500)
    assert installed.returncode == 0, installed.stderr[-4000:]
    install_seconds = time.monotonic() - started
    notebooks = sorted(str(path.relative_to(folder)) for path in (folder / "chapters").rglob("*.ipynb"))
    assert len(notebooks) == len(STUDENT_NOTEBOOKS)
    ran = subprocess.run([python, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                          "--ExecutePreprocessor.timeout=300", "--output-dir", str(tmp_path / "executed"),
                          *notebooks], cwd=folder, env={**environment, **OFFLINE},
                         capture_output=True, text=True, timeout=800)
    assert ran.returncode == 0, ran.stderr[-6000:]
    executed = sorted((tmp_path / "executed").glob("*.ipynb"))
    assert len(executed) == len(notebooks)
    for path in executed:
        result = nbformat.read(path, as_version=4)
        errors = [output for cell in result.cells if cell.cell_type == "code" for output in cell.outputs
                  if output.output_type == "error"]
        assert not errors, (path.name, errors[:1])
        # The maps inline the bundle's Leaflet rather than link a CDN's.
        markup = json.dumps([cell.outputs for cell in result.cells if cell.cell_type == "code"])
        assert not re.search(r"cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|unpkg\.com", markup), path.name
        assert any(cell.get("outputs") for cell in result.cells if cell.cell_type == "code"), path.name
    print(f"installed in {install_seconds:.0f} s, ran {len(notebooks)} notebooks in "
          f"{time.monotonic() - started - install_seconds:.0f} s")
