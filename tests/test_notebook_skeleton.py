"""Every chapter notebook follows the course skeleton."""

from __future__ import annotations

import json
import re

import pytest

from helpers import PROJECT_ROOT, toc_files

REFERENCE_PAGES = {"chapters/appendix/data-and-sources", "chapters/assessment-items"}
SKELETON = ["## Overview", "## Prerequisites and time", "## Exercises", "## Summary", "## Sources"]
CHAPTER_NOTEBOOKS = [
    document for document in toc_files(PROJECT_ROOT / "_toc.yml")
    if (PROJECT_ROOT / f"{document}.ipynb").is_file() and document not in REFERENCE_PAGES
]


def markdown_lines(document: str) -> list[str]:
    cells = json.loads((PROJECT_ROOT / f"{document}.ipynb").read_text(encoding="utf-8"))["cells"]
    return [line for cell in cells if cell["cell_type"] == "markdown" for line in "".join(cell["source"]).splitlines()]


@pytest.mark.parametrize("document", CHAPTER_NOTEBOOKS)
def test_notebook_has_the_skeleton_in_order(document):
    lines = markdown_lines(document)
    headings = [line for line in lines if line in SKELETON]
    assert headings == SKELETON, f"{document}: sections {headings}"
    assert sum(1 for line in lines if re.match(r"^# ", line)) == 1, "exactly one H1"
    assert any("Learning objectives" in line for line in lines)


@pytest.mark.parametrize("document", CHAPTER_NOTEBOOKS)
def test_notebook_has_at_least_three_exercises(document):
    assert sum(line.strip() == "```{exercise}" for line in markdown_lines(document)) >= 3


CODE_LINE_LIMIT = 88
"""The widest code line the book's column shows without scrolling sideways (also PEP 8's 'black' width)."""


@pytest.mark.parametrize("document", [document for document in toc_files(PROJECT_ROOT / "_toc.yml")
                                      if (PROJECT_ROOT / f"{document}.ipynb").is_file()])
def test_code_lines_fit_the_column(document):
    cells = json.loads((PROJECT_ROOT / f"{document}.ipynb").read_text(encoding="utf-8"))["cells"]
    too_long = [f"cell {number}: {line}" for number, cell in enumerate(cells, start=1) if cell["cell_type"] == "code"
                for line in "".join(cell["source"]).splitlines() if len(line) > CODE_LINE_LIMIT]
    assert not too_long, f"{len(too_long)} code lines wider than {CODE_LINE_LIMIT} characters:\n" + "\n".join(too_long)


ALL_NOTEBOOKS = [document for document in toc_files(PROJECT_ROOT / "_toc.yml")
                 if (PROJECT_ROOT / f"{document}.ipynb").is_file()]


@pytest.mark.parametrize("document", ALL_NOTEBOOKS)
def test_cells_the_book_never_shows_are_folded_live_and_the_text_quotes_through_prose(document):
    """JupyterLab folds what the book removes, and every value the text quotes is ``prose.<name>``,
    which shows as text (glue roles would show raw in JupyterLab)."""
    cells = json.loads((PROJECT_ROOT / f"{document}.ipynb").read_text(encoding="utf-8"))["cells"]
    unfolded = [number for number, cell in enumerate(cells, start=1) if cell["cell_type"] == "code"
                and "remove-cell" in cell["metadata"].get("tags", [])
                and not cell["metadata"].get("jupyter", {}).get("source_hidden")]
    assert not unfolded, f"remove-cell cells not folded live (metadata jupyter.source_hidden): {unfolded}"
    text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    assert "{glue" not in text
    quoted = re.findall(r"\{eval\}`([^`]*)`", text)
    assert all(re.fullmatch(r"prose\.[A-Za-z_]\w*", expression) for expression in quoted), quoted
