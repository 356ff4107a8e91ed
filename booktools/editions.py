"""Editions of the course a student or an instructor can run anywhere with Python.

``python -m booktools.editions student`` (``make student``) writes
``_build/editions/sco-course-student.zip``; ``instructor`` (``make instructor``)
writes ``sco-course-instructor.zip``. Each zip holds one folder with:

* ``chapters/``: the notebooks the table of contents names, at the same paths
  as in the book (the student edition without the assessment items, whose
  rubrics give the answers away). The student edition has no solutions: no ``{solution}``
  block, and nothing between a ``{solution-start}`` and its ``{solution-end}``
  (markdown and code cells alike; an empty code cell is left for the answer).
  Both editions drop the build-only cells: ``remove-cell`` cells that no
  later cell needs, in its code or in the ``{eval}`` values of its text. Cells the book
  shows with hidden input or output (``hide-input``, ``remove-input``...) stay.
* ``node_modules/leaflet/``: Leaflet's script, style sheet and licence, which
  the maps inline, so that they draw offline.
* ``data/``, ``references.bib`` and the course package (``src/sco_course`` with
  a ``pyproject.toml``), installed in editable mode by the requirements file,
  so that :func:`sco_course.data.load` finds ``data/`` beside ``src/`` with no
  environment variable set.
* ``requirements.txt``: the part of the project's lock needed to run the
  notebooks in JupyterLab, with its pins (no Jupyter Book, Sphinx or Playwright).
* ``README.md``: how to install and open it, offline once installed.
* Instructor edition only: ``answer-keys.md`` and ``answer-keys.html``, every
  exercise with its solution, chapter by chapter in book order.
"""

from __future__ import annotations

import argparse
import ast
import copy
import html
import re
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from booktools.book import PROJECT_ROOT, toc_notebooks
from sco_course.book import inline_eval
from sco_course.book.web_assets import LEAFLET_CSS, LEAFLET_JS, find_node_modules

EDITIONS = ("student", "instructor")
OUTPUT_DIR = PROJECT_ROOT / "_build" / "editions"
BUNDLE_NAME = "sco-course-{edition}"
ANSWER_KEYS = "answer-keys"

BUILD_ONLY_TAG = "remove-cell"
"""The book never shows a cell with this tag; it is build-only unless a later cell needs a name it defines."""

RUNTIME_PACKAGES = ("jupyterlab", "jupyterlab-myst", "ipykernel", "ipywidgets", "anywidget", "nbconvert", "pandas",
                    "folium", "matplotlib", "pycountry", "frictionless", "jsonschema", "pybtex")
"""What running the notebooks needs: JupyterLab (with jupyterlab-myst, which renders their MyST text
and its ``{eval}`` values) and what the course package imports. The requirements file holds
these and everything they need, with the pins of requirements.txt."""

LEAFLET_FILES = (LEAFLET_JS, LEAFLET_CSS, "leaflet/LICENSE")
"""Copied from the project's ``node_modules``: the maps inline Leaflet from the nearest
``node_modules`` (:mod:`sco_course.maps.offline`), so they draw with no network."""

INSTRUCTOR_PAGES = {"chapters/assessment-items"}
"""Notebooks only the instructor edition holds: the assessment items carry their rubrics and example answers."""

PROJECT_FILES = ("references.bib", "LICENSE", "LICENSE-content.md", "CITATION.cff")
"""Files copied from the project's root as they are (``references.bib`` is read by the package)."""

FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,}|:{3,})\s*(?:\{(?P<directive>[\w:-]+)\})?\s*(?P<argument>.*)$")


# --- Markdown: fenced blocks and MyST directives -------------------------------------------------

@dataclass
class Block:
    """A stretch of a markdown cell: plain text, or one fenced block (a MyST directive or code)."""
    text: str
    directive: str | None = None
    argument: str = ""

    @property
    def body(self) -> str:
        """A directive's content: the lines inside the fence, without its ``:option:`` lines."""
        lines = self.text.splitlines()[1:-1]
        while lines and re.match(r"^:[\w-]+:", lines[0]):
            lines.pop(0)
        return "\n".join(lines).strip()

    @property
    def label(self) -> str:
        found = re.search(r"^:label:\s*(\S+)", self.text, re.M)
        return found.group(1) if found else self.argument.strip()


def markdown_blocks(source: str) -> list[Block]:
    """``source`` cut into plain-text stretches and top-level fenced blocks, in order; joined, they give it back."""
    blocks: list[Block] = []
    text: list[str] = []
    lines = source.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        opening = FENCE_OPEN.match(lines[index].rstrip("\n"))
        if not opening:
            text.append(lines[index])
            index += 1
            continue
        fence = opening.group("fence")
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = next((at for at in range(index + 1, len(lines)) if closing.match(lines[at].rstrip("\n"))),
                   len(lines) - 1)
        if text:
            blocks.append(Block("".join(text)))
            text = []
        blocks.append(Block("".join(lines[index:end + 1]), opening.group("directive"),
                            opening.group("argument").strip()))
        index = end + 1
    if text:
        blocks.append(Block("".join(text)))
    return blocks


def tidy_markdown(text: str) -> str:
    """No runs of blank lines, no blank lines at either end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# --- Exercises and solutions ----------------------------------------------------------------------

@dataclass
class Exercise:
    label: str
    text: str
    solution: list[tuple[str, str]] = field(default_factory=list)
    """The solution's parts, in order: ("markdown", text) or ("code", source)."""


@dataclass
class Page:
    """One notebook of an edition, and the exercises it holds."""
    path: Path
    """Relative to the project (and bundle) root."""
    title: str
    notebook: nbformat.NotebookNode
    exercises: list[Exercise]


def split_solutions(notebook: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[Exercise]]:
    """The notebook without its solutions, and its exercises each with its solution.

    A solution is a ``{solution}`` block, or everything from a ``{solution-start}``
    block to its ``{solution-end}``, across cells. Where a solution spanning cells
    held code, one empty code cell is left for the student's answer.
    """
    stripped = copy.deepcopy(notebook)
    exercises: dict[str, Exercise] = {}
    cells = []
    open_solution: Exercise | None = None
    for cell in notebook.cells:
        if cell.cell_type == "code":
            if open_solution is None:
                cells.append(copy.deepcopy(cell))
            else:
                open_solution.solution.append(("code", cell.source))
            continue
        if cell.cell_type != "markdown":
            cells.append(copy.deepcopy(cell))
            continue
        kept: list[str] = []
        for block in markdown_blocks(cell.source):
            if open_solution is not None:
                if block.directive == "solution-end":
                    if any(kind == "code" for kind, _ in open_solution.solution):
                        cells.append(markdown_cell_from(cell, kept, fresh_id=True))
                        cells.append(nbformat.v4.new_code_cell(""))
                        kept = []
                    open_solution = None
                elif block.directive is None and not block.text.strip():
                    continue
                else:
                    open_solution.solution.append(("markdown", block.text))
            elif block.directive == "exercise":
                exercises[block.label] = Exercise(block.label, block.body)
                kept.append(block.text)
            elif block.directive == "solution":
                exercise_for(exercises, block.label).solution.append(("markdown", block.body))
            elif block.directive == "solution-start":
                open_solution = exercise_for(exercises, block.label)
            else:
                kept.append(block.text)
        cells.append(markdown_cell_from(cell, kept))
    if open_solution is not None:
        raise ValueError(f"{{solution-start}} {open_solution.label} has no {{solution-end}}")
    stripped.cells = [cell for cell in cells if cell.cell_type != "markdown" or cell.source.strip()]
    for exercise in exercises.values():
        exercise.solution = [(kind, tidy_markdown(text) if kind == "markdown" else text)
                             for kind, text in exercise.solution if text.strip()]
    return stripped, list(exercises.values())


def exercise_for(exercises: dict[str, Exercise], label: str) -> Exercise:
    if label not in exercises:
        raise ValueError(f"a solution refers to {label!r}, which is not an exercise above it")
    return exercises[label]


def markdown_cell_from(cell: nbformat.NotebookNode, texts: list[str], fresh_id: bool = False) -> nbformat.NotebookNode:
    """A copy of the markdown ``cell`` holding ``texts``; with a new id for the first part of a split cell."""
    kept = copy.deepcopy(cell)
    kept.source = tidy_markdown("".join(texts))
    if fresh_id:
        kept.id = nbformat.v4.new_markdown_cell().id
    return kept


def solution_texts(exercises: list[Exercise]) -> list[str]:
    """Every solution's markdown and code, as it appears in the book's notebook."""
    return [text for exercise in exercises for _, text in exercise.solution]


# --- Build-only cells -----------------------------------------------------------------------------

def syntax_tree(source: str) -> ast.AST | None:
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def bound_names(tree: ast.AST, changed: bool = True) -> set[str]:
    """Names a piece of code binds (assigned, imported, defined) and, with ``changed``, the names
    whose items or attributes it sets."""
    defined: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            defined.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif changed and isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, ast.Store):
            root = node.value
            while isinstance(root, (ast.Subscript, ast.Attribute)):
                root = root.value
            if isinstance(root, ast.Name):
                defined.add(root.id)
    return defined


def names_defined(source: str) -> set[str] | None:
    """Names a cell binds or changes; None if it is not plain Python (an IPython magic): anything may be."""
    tree = syntax_tree(source)
    return None if tree is None else bound_names(tree)


def loop_and_argument_names(tree: ast.AST) -> set[str]:
    """Names code binds for itself before reading them: loop and comprehension targets, parameters."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.comprehension, ast.For, ast.AsyncFor)):
            bound |= {name.id for name in ast.walk(node.target) if isinstance(name, ast.Name)}
        elif isinstance(node, ast.arguments):
            parameters = [*node.posonlyargs, *node.args, *node.kwonlyargs, node.vararg, node.kwarg]
            bound |= {parameter.arg for parameter in parameters if parameter is not None}
    return bound


def names_quoted(markdown: str) -> set[str]:
    """Names a Markdown cell's ``{eval}`` expressions read."""
    used: set[str] = set()
    for expression in inline_eval.expressions(markdown):
        tree = syntax_tree(expression)
        used |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} if tree else set()
    return used


def names_used(source: str) -> set[str] | None:
    """Names a cell reads from earlier cells (read before the cell binds them itself, statement by
    statement); None if it is not plain Python (it may read anything)."""
    tree = syntax_tree(source)
    if tree is None:
        return None
    used: set[str] = set()
    bound_so_far: set[str] = set()
    for statement in tree.body:
        read = {node.id for node in ast.walk(statement) if isinstance(node, ast.Name)
                and isinstance(node.ctx, ast.Load)}
        used |= read - loop_and_argument_names(statement) - bound_so_far
        bound_so_far |= bound_names(statement)
    return used


def is_tagged_build_only(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "code" and BUILD_ONLY_TAG in cell.get("metadata", {}).get("tags", [])


def drop_build_only_cells(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without the ``remove-cell`` code cells no later cell needs.

    Read from the end, keeping the names later cells read before binding them
    (code, and the ``{eval}`` expressions of the text), so that a build-only
    cell needed only by another build-only cell goes too. A ``remove-cell``
    cell a later cell needs stays (it computes a name the reader's code or
    text uses), tag and all. A cell that only sets a name's attributes or
    items (``prose.n = ...``) leaves that name needed by the cells before it.
    """
    kept: list[nbformat.NotebookNode] = []
    needed: set[str] = set()
    needs_anything = False
    for cell in reversed(notebook.cells):
        if cell.cell_type != "code":
            kept.append(cell)
            needed |= names_quoted(cell.source) if cell.cell_type == "markdown" else set()
            continue
        tree = syntax_tree(cell.source)
        defined = None if tree is None else bound_names(tree)
        if is_tagged_build_only(cell) and not needs_anything and defined is not None and not defined & needed:
            continue
        kept.append(cell)
        used = names_used(cell.source)
        if used is None:
            needs_anything = True
        else:
            needed = (needed - bound_names(tree, changed=False)) | used
    trimmed = copy.copy(notebook)
    trimmed.cells = list(reversed(kept))
    return trimmed


def cleared(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """No outputs and no execution counts: the reader runs the notebook."""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return notebook


def page_title(notebook: nbformat.NotebookNode) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and (heading := re.search(r"^# (.+)$", cell.source, re.M)):
            return heading.group(1).strip()
    return ""


def edition_page(path: Path, edition: str, root: Path = PROJECT_ROOT) -> Page:
    """The notebook at ``path`` as ``edition`` has it, with its exercises and solutions."""
    notebook = nbformat.read(path, as_version=4)
    without_solutions, exercises = split_solutions(notebook)
    shown = without_solutions if edition == "student" else copy.deepcopy(notebook)
    shown = cleared(drop_build_only_cells(shown))
    nbformat.validate(shown)
    return Page(path.relative_to(root), page_title(notebook), shown, exercises)


def edition_pages(edition: str, root: Path = PROJECT_ROOT) -> list[Page]:
    if edition not in EDITIONS:
        raise ValueError(f"no edition {edition!r}; the editions are {', '.join(EDITIONS)}")
    return [edition_page(path, edition, root) for path in toc_notebooks(root)
            if edition == "instructor" or path.relative_to(root).with_suffix("").as_posix() not in INSTRUCTOR_PAGES]


# --- Answer keys ----------------------------------------------------------------------------------

def toc_chapters(root: Path = PROJECT_ROOT) -> list[list[str]]:
    """The documents of each top-level entry of ``_toc.yml`` (a chapter and its sections), in order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))

    def documents(entry) -> list[str]:
        found = [entry["file"]] if "file" in entry else []
        for section in entry.get("sections", []):
            found += documents(section)
        return found

    return [documents(entry) for entry in toc.get("chapters", [])]


def numbered_exercises(pages: list[Page], root: Path = PROJECT_ROOT) -> list[tuple[Page, list[tuple[int, Exercise]]]]:
    """Each page with its exercises numbered as the book numbers them: from 1 in each chapter."""
    chapter_of = {document: index for index, chapter in enumerate(toc_chapters(root)) for document in chapter}
    counters: dict[int, int] = {}
    numbered = []
    for page in pages:
        chapter = chapter_of.get(page.path.with_suffix("").as_posix(), -1)
        entries = []
        for exercise in page.exercises:
            counters[chapter] = counters.get(chapter, 0) + 1
            entries.append((counters[chapter], exercise))
        numbered.append((page, entries))
    return numbered


def answer_keys_markdown(pages: list[Page], root: Path = PROJECT_ROOT) -> str:
    """Every exercise and its solution, page by page in book order, as one Markdown document."""
    parts = ["# Answer keys\n",
             "Every exercise of the course with its solution, page by page in the order of the book. "
             "Exercises are numbered from 1 in each chapter, as in the book. Values written "
             "⟨prose.name⟩ are computed when the notebook runs; a solution's code is shown "
             "as it stands in the notebook.\n"]
    for page, exercises in numbered_exercises(pages, root):
        if not exercises:
            continue
        parts.append(f"## {page.title}\n\n*{page.path.as_posix()}*\n")
        for number, exercise in exercises:
            parts.append(f"### Exercise {number} ({exercise.label})\n\n{exercise.text}\n")
            parts.append("#### Solution\n")
            if not exercise.solution:
                parts.append("*No solution is given in the book (an open or discussion question).*\n")
            for kind, text in exercise.solution:
                parts.append(f"```python\n{text}\n```\n" if kind == "code" else f"{text}\n")
    return "\n".join(parts)


def readable_myst(text: str) -> str:
    """MyST roles as plain Markdown, for the HTML answer keys."""
    text = re.sub(r"\{eval\}`([^`]+)`", r"⟨\1⟩", text)
    text = re.sub(r"\{term\}`([^`<]+?)(?:\s*<[^`]+>)?`", r"*\1*", text)
    text = re.sub(r"\{cite(?::\w+)?\}`([^`]+)`", r"[\1]", text)
    text = re.sub(r"\{doc\}`(?:([^`<]+?)\s*<[^`]+>|([^`]+))`", lambda m: (m.group(1) or m.group(2)).strip(), text)
    return text


def answer_keys_html(markdown: str) -> str:
    """The Markdown answer keys as one printable HTML page (no script, no external file)."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(readable_myst(markdown))
    style = ("body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
             "pre{background:#f4f4f4;padding:.6rem;overflow-x:auto;white-space:pre-wrap}"
             "h2{border-top:2px solid #333;padding-top:1rem;margin-top:2.5rem}"
             "h3{margin-top:1.8rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem}"
             "@media print{h2{break-before:page}h3,h4{break-after:avoid}pre{break-inside:avoid}}")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape('Answer keys')}</title>\n<style>{style}</style>\n</head>\n"
            f"<body>\n{body}</body>\n</html>\n")


# --- Requirements, package, README -----------------------------------------------------------------

def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(lock_text: str) -> dict[str, tuple[str, set[str]]]:
    """requirements.txt as {package: (its pinned line, the packages it is there for)} (from '# via')."""
    entries: dict[str, tuple[str, set[str]]] = {}
    current = None
    for line in lock_text.splitlines():
        if pinned := re.match(r"^([A-Za-z0-9][\w.-]*)==\S+", line):
            current = normalized(pinned.group(1))
            entries[current] = (line.strip(), set())
        elif current and (via := re.match(r"^\s+#\s+(?:via\s+)?(\S.*)$", line)):
            for name in via.group(1).split(","):
                name = name.strip()
                if name and name != "via" and not name.startswith("-"):
                    entries[current][1].add(normalized(name))
        elif not line.startswith(" "):
            current = None
    return entries


def runtime_requirements(lock_text: str, packages=RUNTIME_PACKAGES) -> list[str]:
    """The pinned lines of ``packages`` and of everything they need, in the lock's order."""
    entries = lock_entries(lock_text)
    missing = [name for name in packages if normalized(name) not in entries]
    if missing:
        raise ValueError(f"not in requirements.txt: {', '.join(missing)}")
    needed = {normalized(name) for name in packages}
    grew = True
    while grew:
        grew = False
        for name, (_, wanted_by) in entries.items():
            if name not in needed and wanted_by & needed:
                needed.add(name)
                grew = True
    return [line for name, (line, _) in entries.items() if name in needed]


def requirements_text(root: Path = PROJECT_ROOT) -> str:
    pins = runtime_requirements((root / "requirements.txt").read_text(encoding="utf-8"))
    return ("# What the notebooks need, pinned as in the course's requirements.txt.\n"
            "# Install from this folder: python -m pip install -r requirements.txt\n"
            + "\n".join(pins)
            + "\n# The course package, from src/ (editable, so that it finds data/ beside it):\n-e .\n")


def package_pyproject(root: Path = PROJECT_ROOT) -> str:
    """The project's pyproject.toml without the test configuration (the bundle has no tests)."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    sections = re.split(r"(?m)^(?=\[)", text)
    return "".join(section for section in sections if not section.startswith("[tool.pytest")).rstrip() + "\n"


def readme_text(edition: str, pages: list[Page]) -> str:
    folder = BUNDLE_NAME.format(edition=edition)
    contents = "\n".join(f"- `{page.path.as_posix()}`: {page.title}" for page in pages)
    solutions = ("This is the **instructor edition**: the notebooks keep their solutions, and "
                 "`answer-keys.html` (printable) and `answer-keys.md` collect every exercise with "
                 "its solution, chapter by chapter." if edition == "instructor" else
                 "This is the **student edition**: the notebooks hold the exercises without their "
                 "solutions; an empty code cell follows each exercise that asks for code.")
    return f"""# Reading a commentary on the SCO critically with data: notebooks ({edition} edition)

The course's executable notebooks, its data and its Python package, to run on
your own computer. {solutions}

## Install (once, needs the internet)

You need Python 3.11 or newer. In a terminal, in this folder (`{folder}`):

```
python -m venv .venv
.venv/bin/python -m pip install -r requirements.txt
```

On Windows, use `.venv\\Scripts\\python` instead of `.venv/bin/python`.
This installs JupyterLab, the libraries the notebooks use and the course
package (`src/sco_course`, which reads the tables in `data/`).

## Open (offline)

```
.venv/bin/python -m jupyterlab chapters
```

JupyterLab opens in your browser (if it does not, open the address it prints,
with its token; as root, for example in a container, add `--allow-root`). Open a notebook and run its cells from the top
(Run > Run All Cells). Nothing needs the internet once installed, except the
background tiles of the maps and the links to sources.

The notebooks are written in MyST Markdown, which JupyterLab shows rendered
with the `jupyterlab-myst` extension the requirements install: exercises,
notes and references as in the book, solutions folded. A number in the text
written `{{eval}}`prose.name`` shows its value once the cells above it have
run (Run All Cells does this); until then it shows the expression itself.

## Contents

{contents}

- `data/`: the course's tables, described in `data/datapackage.json`
- `src/sco_course/`: the course package; `references.bib`: the bibliography

Code: MIT licence (`LICENSE`); text and data: see `LICENSE-content.md`.
"""


# --- The bundle -----------------------------------------------------------------------------------

def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info",
                                                                  ".ipynb_checkpoints"))


def write_bundle(edition: str, folder: Path, root: Path = PROJECT_ROOT) -> list[Page]:
    """The edition's files in ``folder`` (created); the pages written."""
    pages = edition_pages(edition, root)
    folder.mkdir(parents=True)
    for page in pages:
        target = folder / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(page.notebook, target)
    copy_tree(root / "data", folder / "data")
    copy_tree(root / "src" / "sco_course", folder / "src" / "sco_course")
    node_modules = find_node_modules(root)
    for name in LEAFLET_FILES:
        (folder / "node_modules" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(node_modules / name, folder / "node_modules" / name)
    for name in PROJECT_FILES:
        if (root / name).is_file():
            shutil.copy2(root / name, folder / name)
    (folder / "pyproject.toml").write_text(package_pyproject(root), encoding="utf-8")
    (folder / "requirements.txt").write_text(requirements_text(root), encoding="utf-8")
    (folder / "README.md").write_text(readme_text(edition, pages), encoding="utf-8")
    if edition == "instructor":
        keys = answer_keys_markdown(pages, root)
        (folder / f"{ANSWER_KEYS}.md").write_text(keys, encoding="utf-8")
        (folder / f"{ANSWER_KEYS}.html").write_text(answer_keys_html(keys), encoding="utf-8")
    return pages


def zip_folder(folder: Path, archive: Path) -> Path:
    """``folder`` zipped into ``archive``, under its own name, files in sorted order."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                bundle.write(path, (Path(folder.name) / path.relative_to(folder)).as_posix())
    partial.replace(archive)
    return archive


def build_edition(edition: str, output_dir: Path = OUTPUT_DIR, root: Path = PROJECT_ROOT) -> Path:
    """Write ``output_dir/sco-course-<edition>.zip``; its path."""
    name = BUNDLE_NAME.format(edition=edition)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / name
        write_bundle(edition, folder, root)
        return zip_folder(folder, Path(output_dir) / f"{name}.zip")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the student or instructor edition of the course as a zip.")
    parser.add_argument("edition", choices=EDITIONS)
    parser.add_argument("--output-dir", type=Path, default=OUTPUT_DIR)
    args = parser.parse_args(argv)
    archive = build_edition(args.edition, args.output_dir)
    size = archive.stat().st_size / 1e6
    print(f"The {args.edition} edition is written: {archive} ({size:.1f} MB). "
          f"Unzip it and follow its README.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
