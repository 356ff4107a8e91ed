"""The builds the benchmark measures, in order, in a copy of the book; and the fixed cost of a notebook."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from benchmarks.builds import cache_records, run_build
from benchmarks.common import log
from booktools.book import toc_files
from booktools.execute import default_jobs


def chapter_notebook(book: Path) -> Path:
    """The first notebook of the TOC inside a chapter folder (else the first notebook)."""
    notebooks = [book / f"{doc}.ipynb" for doc in toc_files(book / "_toc.yml") if (book / f"{doc}.ipynb").is_file()]
    if not notebooks:
        raise SystemExit("the table of contents names no notebook")
    nested = [nb for nb in notebooks if len(nb.relative_to(book).parts) >= 3]
    return (nested or notebooks)[0]


def edit_notebook(path: Path, cell_type: str, suffix: str) -> None:
    """Append ``suffix`` to the first cell of ``cell_type`` (markdown: a space; code: a comment)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if c["cell_type"] == cell_type)
    source = cell["source"]
    if isinstance(source, list):
        if source:
            source[-1] += suffix
        else:
            source.append(suffix)
    else:
        cell["source"] = source + suffix
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


FLOOR_IMPORTS = ("import pandas as pd\nimport matplotlib.pyplot as plt\nfrom IPython.display import HTML, Markdown\n"
                 "from sco_course.data import load\nfrom sco_course.wording import Prose")


def measure_kernel_floor(book: Path, repeats: int = 2) -> dict:
    """What every executed notebook pays before its own work: a kernel, and the imports the chapters share."""
    import nbformat
    from nbclient import NotebookClient

    def run(source: str) -> float:
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        start = time.perf_counter()
        NotebookClient(notebook, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(book / "chapters")}}).execute()
        return time.perf_counter() - start

    empty = [run("pass") for _ in range(repeats)]
    imports = [run(FLOOR_IMPORTS) for _ in range(repeats)]
    log(f"kernel floor: empty notebook {min(empty):.1f} s, shared imports {min(imports):.1f} s")
    return {"empty_notebook_seconds": round(min(empty), 2), "imports_notebook_seconds": round(min(imports), 2),
            "imports": FLOOR_IMPORTS, "repeats": repeats}



def measure_builds(book: Path) -> dict:
    """The builds of the package docstring, in order, in the copy at ``book``."""
    results = {"clean": run_build(book, "clean")}
    results["clean"]["execution_by_notebook"] = {
        record["notebook"]: record["execution_seconds"] for record in cache_records(book).values()
    }
    results["pre_execution_jobs"] = default_jobs()
    results["no_change"] = run_build(book, "no-change")

    notebook = chapter_notebook(book)
    original = notebook.read_bytes()
    results["edited_notebook"] = str(notebook.relative_to(book))
    edit_notebook(notebook, "markdown", " ")
    results["markdown_edit"] = run_build(book, "markdown-edit")
    edit_notebook(notebook, "code", "\n# edited by the benchmark")
    results["code_edit"] = run_build(book, "code-edit")
    notebook.write_bytes(original)

    shutil.rmtree(book / "_build" / "html")
    shutil.rmtree(book / "_build" / ".doctrees", ignore_errors=True)
    results["warm_cache"] = run_build(book, "warm-cache")

    # The same clean build the old way, last (the operating system's file cache is warm by now,
    # which favours it): no pre-execution, so the Sphinx build runs every notebook itself.
    shutil.rmtree(book / "_build")
    results["clean_serial"] = run_build(book, "clean-serial", pre_execute=False)
    results["clean_serial"]["execution_by_notebook"] = {
        record["notebook"]: record["execution_seconds"] for record in cache_records(book).values()
    }

    results["kernel_floor"] = measure_kernel_floor(book)
    clean = results["clean"]
    recorded = sum(v for v in clean["execution_by_notebook"].values() if v)
    clean["execution_seconds_recorded"] = round(recorded, 2)
    clean["execution_seconds_by_difference"] = round(clean["wall_seconds"] - results["warm_cache"]["wall_seconds"], 2)
    serial = results["clean_serial"]
    serial["execution_seconds_recorded"] = round(sum(v for v in serial["execution_by_notebook"].values() if v), 2)
    results["clean_speedup"] = round(serial["wall_seconds"] / clean["wall_seconds"], 2)
    log(f"clean build: {serial['wall_seconds']:.1f} s the old way, {clean['wall_seconds']:.1f} s with the "
        f"notebooks run {results['pre_execution_jobs']} at a time first: {results['clean_speedup']:.2f} times faster")
    return results
