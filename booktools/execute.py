"""Execute the book's notebooks in parallel into the build's execution cache.

With ``execute_notebooks: cache``, ``jupyter-book build`` (myst-nb) executes
every notebook whose code is not in the jupyter-cache, one after another, in
the single Sphinx process: a clean build of the course uses one core of the
machine. Run before the build, this module executes the notebooks the cache
lacks several at a time (one kernel each, ``--jobs`` of them, one per core by
default) as myst-nb would: the same settings from ``_config.yml`` (cell
timeout, errors allowed or not, notebook metadata overrides, exclude
patterns), the notebook's own folder as working directory, and the
environment a build gives its kernels (``SCO_COURSE_BOOK_SOURCE``, which the
Sphinx extension sets to the book's source folder, so that the maps link their
assets from ``_static``). It stores each result in the same cache, under the
key myst-nb looks up (the hash jupyter-cache computes from the code cells and
the kernelspec), so the build then reads every notebook from the cache
("Using cached notebook") and executes none.

It also gives the text its values: each Markdown cell's ``{eval}`` expressions
are evaluated when the run reaches that cell, as jupyterlab-myst evaluates them
live, and stored in the cached notebook for the build's ``{eval}`` role
(:mod:`sco_course.book.inline_eval`). A cached notebook that lacks a value its
text now quotes runs again.

A cell error, or an ``{eval}`` expression without a value fit to show, fails
it: it runs the other notebooks, then prints each failed notebook with its
traceback and exits with status 1, before the build starts.

Usage, from the project root::

    python -m booktools.execute [SOURCE] [--config _config.yml] [--toc SOURCE/_toc.yml]
                                [--path-output DIR] [--jobs N]

``SOURCE``, ``--config``, ``--toc`` and ``--path-output`` mean what they mean
to ``jupyter-book build``. With a mode other than ``cache`` in the
configuration it does nothing (the build executes, or does not, itself).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import multiprocessing
import os
import re
import sys
import threading
import time
import traceback
from contextlib import nullcontext
from pathlib import Path, PurePosixPath
from tempfile import TemporaryDirectory

from booktools.book import CONFIG, toc_notebooks

# jsonschema, which nbformat and jupyter-book import, loads rfc3987-syntax if it is
# installed (jupyter-events asks for it) to check the "iri" string format, and that
# module builds a grammar on import: 1.7 s on an idle core, in this process and in
# every worker. Notebook and _config.yml validation never check that format (nor
# any format), so this process and its workers leave it out: jsonschema skips it
# quietly when it cannot be imported.
sys.modules.setdefault("rfc3987_syntax", None)

ANSI = re.compile(r"\x1b\[[0-9;]*m")
QUOTED = re.compile(r"""(['"]).*\1""", re.S)
"""The ``text/plain`` of a str: JupyterLab would show its quotes in the sentence."""


def log(message: str) -> None:
    print(f"[execute {time.strftime('%H:%M:%S')}] {message}", flush=True)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


# --- what myst-nb would do -------------------------------------------------------

def book_settings(source: Path, config: Path):
    """myst-nb's configuration for a build of ``source`` with ``config``, as jupyter-book sets it."""
    from jupyter_book.config import get_final_config
    from myst_nb.core.config import NbParserConfig

    sphinx_config, _ = get_final_config(user_yaml=Path(config), cli_config={"latex_individualpages": False},
                                         sourcedir=Path(source))
    fields = {field.name for field in dataclasses.fields(NbParserConfig)}
    return NbParserConfig(**{key[3:]: value for key, value in sphinx_config.items()
                             if key.startswith("nb_") and key[3:] in fields})


def cache_folder(settings, source: Path, path_output: Path | None) -> Path:
    """Where myst-nb keeps the cache: the configured path, else ``<output>/_build/.jupyter_cache``."""
    if settings.execution_cache_path:
        return Path(settings.execution_cache_path).resolve()
    return (Path(path_output or source) / "_build" / ".jupyter_cache").resolve()


def prepared(path: Path, settings):
    """The notebook as myst-nb hands it to jupyter-cache, and its settings after its metadata's overrides."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    kernel = notebook.metadata.get("kernelspec", {}).get("name")
    for pattern, alias in (settings.kernel_rgx_aliases or {}).items():
        if kernel is not None and re.fullmatch(pattern, kernel):
            notebook.metadata["kernelspec"]["name"] = alias
            break
    overrides = dict(notebook.metadata.get(settings.metadata_key, {}) or {})
    overrides.pop("output_folder", None)
    try:
        return notebook, settings.copy(**overrides)
    except Exception:  # myst-nb warns and keeps the book's settings
        return notebook, settings


def excluded(path: Path, settings) -> bool:
    posix = PurePosixPath(path.as_posix())
    return any(posix.match(pattern) for pattern in settings.execution_excludepatterns)


# --- executing one notebook (in a worker process) ----------------------------------

class InlineValueError(Exception):
    """An ``{eval}`` expression that has no value fit to show where the text quotes it."""


def evaluating_client():
    """nbclient's ``NotebookClient`` that also evaluates each Markdown cell's ``{eval}``
    expressions when it reaches the cell, in the kernel's state at that point, as
    jupyterlab-myst does when the cell is run live (``user_expressions`` of an empty
    execute request). Each result's ``text/plain`` is stored as a hidden output of the
    code cell before it, where the book's ``{eval}`` role reads it
    (:mod:`sco_course.book.inline_eval`)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.util import ensure_async

    from sco_course.book import inline_eval

    class EvaluatingClient(NotebookClient):
        def reset_execution_trackers(self) -> None:
            super().reset_execution_trackers()
            self.last_code_cell = None
            self.values: dict[str, tuple[str, int]] = {}

        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            if cell.cell_type == "markdown" and (wanted := inline_eval.expressions(cell.source)):
                await self.evaluate(wanted, cell_index)
                return cell
            if cell.cell_type == "code" and cell.source.strip():
                self.last_code_cell = cell
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

        async def evaluate(self, wanted: list[str], cell_index: int) -> None:
            where = f"Markdown cell {cell_index} (counting from 0)"
            if self.last_code_cell is None:
                raise InlineValueError(f"{where} quotes {{eval}}`{wanted[0]}` before any code cell has run")
            message = await ensure_async(self.kc.execute("", silent=True, store_history=False,
                                                         user_expressions={expression: expression
                                                                           for expression in wanted}))
            reply = await self.async_wait_for_reply(message)
            results = reply["content"].get("user_expressions", {})
            for expression in wanted:
                result = results.get(expression, {"status": "error", "ename": "NoReply", "evalue": ""})
                text = result.get("data", {}).get("text/plain")
                if result["status"] != "ok" or text is None:
                    raise InlineValueError(f"{where}: {{eval}}`{expression}` gives "
                                           f"{result.get('ename', 'no text')}: {result.get('evalue', '')}")
                if QUOTED.fullmatch(text):
                    raise InlineValueError(
                        f"{where}: {{eval}}`{expression}` shows {text}, quotes and all, as JupyterLab shows "
                        "a str; set it on the page's Prose (sco_course.wording), whose values show as text")
                if expression in self.values:
                    first, first_cell = self.values[expression]
                    if text != first:
                        raise InlineValueError(f"{where}: {{eval}}`{expression}` is now {text!r}, but "
                                               f"{first!r} in Markdown cell {first_cell}; a page quotes one value")
                    continue
                self.values[expression] = (text, cell_index)
                self.last_code_cell.outputs.append(nbformat.from_dict(inline_eval.stored_value(expression, text)))

    return EvaluatingClient


def run_notebook(path: str, timeout: int | None, allow_errors: bool, in_temp: bool, kernel: str | None = None) -> dict:
    """Execute the notebook at ``path`` in a fresh kernel as myst-nb's cache mode does, and
    evaluate its ``{eval}`` expressions (:func:`evaluating_client`).

    ``kernel`` replaces the kernel name of the notebook's kernelspec (myst-nb's
    kernel aliases). Returns the executed notebook (as JSON text), the seconds
    it took, and the traceback text if a cell failed.
    """
    import nbformat
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    notebook = nbformat.read(path, as_version=4)
    if kernel is not None:
        notebook.metadata["kernelspec"]["name"] = kernel
    # As jupyter-cache does: the notebook's own metadata may set these two.
    overrides = notebook.metadata.get("execution", {})
    timeout = overrides.get("timeout", timeout)
    allow_errors = overrides.get("allow_errors", allow_errors)
    cwd_context = TemporaryDirectory() if in_temp else nullcontext(str(Path(path).parent))
    error = None
    started = time.perf_counter()
    with cwd_context as cwd:
        # shutdown_kernel="immediate": the outputs are in hand, so the kernel is
        # stopped at once instead of waiting for it to exit (up to seconds).
        client = evaluating_client()(notebook, resources={"metadata": {"path": os.path.abspath(cwd)}},
                                     timeout=timeout, allow_errors=allow_errors, record_timing=False,
                                     shutdown_kernel="immediate")
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError, InlineValueError) as failure:
            error = f"{failure.__class__.__name__}\n{traceback.format_exc()}"
    return {"path": path, "notebook": nbformat.writes(notebook), "seconds": time.perf_counter() - started,
            "error": error}


def _watch_parent(parent: int) -> None:
    """In a worker: exit as soon as the process that started it is gone (stopped by ``timeout``,
    say) rather than run the notebooks still queued; its kernel then stops too, as ipykernel
    watches its own parent. (nbclient catches SIGTERM and SIGINT in the worker to stop the
    kernel, so the worker would otherwise live on.)"""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def run_notebooks(tasks: list[tuple], jobs: int):
    """Run :func:`run_notebook` on each ``(path, timeout, allow_errors, in_temp[, kernel])``, ``jobs`` at a time,
    in worker processes; yield ``(path, outcome)`` as each ends, in that order.

    A worker that fails (its kernel could not start, or died) gives an outcome
    with ``notebook`` None and the error. If the caller stops early (Ctrl+C),
    the notebooks not started yet are dropped.
    """
    context = multiprocessing.get_context("spawn")  # no inherited database connection or threads
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context,
                                                  initializer=_watch_parent, initargs=(os.getpid(),))
    finished = False
    try:
        futures = {pool.submit(run_notebook, str(path), *settings): path for path, *settings in tasks}
        for future in concurrent.futures.as_completed(futures):
            path = futures[future]
            try:
                outcome = future.result()
            except Exception as error:
                outcome = {"path": str(path), "notebook": None, "seconds": None,
                           "error": f"{error.__class__.__name__}: {error}"}
            yield path, outcome
        finished = True
    finally:
        if not finished:
            # Stop the notebooks running now too; the pool has no public way to. Their
            # kernels stop when they see their worker gone.
            for process in list((pool._processes or {}).values()):
                process.kill()
        pool.shutdown(wait=finished, cancel_futures=not finished)


# --- the whole book ----------------------------------------------------------------

@dataclasses.dataclass
class Plan:
    cached: list[Path]
    skipped: list[Path]
    to_run: list[tuple[Path, object, str | None]]  # (path, its settings, its kernel's name)


def plan(notebooks: list[Path], settings, cache) -> Plan:
    """Which notebooks the cache already holds, which the build would not execute, and which to run."""
    result = Plan([], [], [])
    previous = {}
    for record in cache.list_cache_records():
        previous[record.uri] = (record.data or {}).get("execution_seconds") or 0.0
    for path in notebooks:
        notebook, own = prepared(path, settings)
        if own.execution_mode != "cache" or excluded(path, own):
            result.skipped.append(path)
            continue
        if holds_every_value(cache, notebook):
            result.cached.append(path)
        else:
            result.to_run.append((path, own, notebook.metadata.get("kernelspec", {}).get("name")))
    # Longest first (last recorded time, else file size), so that no worker is left with a long one at the end.
    result.to_run.sort(key=lambda item: (previous.get(str(item[0]), 0.0), item[0].stat().st_size), reverse=True)
    return result


def holds_every_value(cache, notebook) -> bool:
    """Whether the cache holds this notebook's code run, with a value for every ``{eval}`` its text has
    now (the cache keys on code alone, so a text that quotes something new needs a new run)."""
    from sco_course.book import inline_eval

    try:
        record = cache.match_cache_notebook(notebook)
    except KeyError:
        return False
    wanted = {expression for cell in notebook.cells if cell.cell_type == "markdown"
              for expression in inline_eval.expressions(cell.source)}
    return not wanted or wanted <= inline_eval.stored_expressions(cache.get_cache_bundle(record.pk).nb)


def store(cache, path: Path, outcome: dict) -> None:
    """Put an executed notebook into the cache as myst-nb does (or record its traceback)."""
    import nbformat
    from jupyter_cache.base import CacheBundleIn
    from jupyter_cache.cache.db import NbProjectRecord

    stage = cache.add_nb_to_project(str(path))
    NbProjectRecord.remove_tracebacks([stage.pk], cache.db)
    if outcome["error"]:
        NbProjectRecord.set_traceback(stage.uri, outcome["error"], cache.db)
        return
    notebook = nbformat.reads(outcome["notebook"], as_version=4)
    cache.cache_notebook_bundle(CacheBundleIn(notebook, stage.uri, data={"execution_seconds": outcome["seconds"]}),
                                check_validity=False, overwrite=True)


def execute_book(source: Path, config: Path = CONFIG, toc: Path | None = None, path_output: Path | None = None,
                 jobs: int | None = None) -> int:
    """Execute what the cache of a build of ``source`` lacks; 0 if every notebook ran, else 1."""
    from jupyter_cache import get_cache

    from sco_course.book.web_assets import BOOK_SOURCE_ENV

    source = Path(source).absolute()
    settings = book_settings(source, config)
    if settings.execution_mode != "cache":
        log(f"execute_notebooks is '{settings.execution_mode}', not 'cache': nothing to do before the build")
        return 0
    notebooks = toc_notebooks(source, toc)
    cache_path = cache_folder(settings, source, path_output)
    cache = get_cache(cache_path)
    work = plan(notebooks, settings, cache)
    jobs = max(1, min(jobs or default_jobs(), len(work.to_run) or 1))
    log(f"{len(notebooks)} notebook(s) in the table of contents: {len(work.cached)} in the cache"
        + (f", {len(work.skipped)} left to the build" if work.skipped else "")
        + f", {len(work.to_run)} to run" + (f", {jobs} at a time" if work.to_run else ""))
    if not work.to_run:
        return 0

    # The kernels inherit this process's environment, as they inherit the build's.
    os.environ[BOOK_SOURCE_ENV] = str(source.resolve())
    started = time.perf_counter()
    failures = []
    tasks = [(path, own.execution_timeout, own.execution_allow_errors, own.execution_in_temp, kernel)
             for path, own, kernel in work.to_run]
    for path, outcome in run_notebooks(tasks, jobs):
        name = os.path.relpath(path, source)
        store(cache, path, outcome)
        if outcome["error"]:
            failures.append((name, outcome["error"]))
            log(f"FAILED {name}" + (f" after {outcome['seconds']:.1f} s" if outcome["seconds"] else ""))
        else:
            log(f"executed {name} in {outcome['seconds']:.1f} s")
    log(f"ran {len(work.to_run)} notebook(s) in {time.perf_counter() - started:.1f} s")
    for name, error in failures:
        text = error if sys.stderr.isatty() else ANSI.sub("", error)
        print(f"\nNotebook {source / name} failed:\n{text}", file=sys.stderr, flush=True)
    if failures:
        print(f"\n{len(failures)} notebook(s) failed: " + ", ".join(name for name, _ in failures), file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, nargs="?", default=Path("."), help="the book's folder (default: .)")
    parser.add_argument("--config", type=Path, help="the _config.yml (default: SOURCE/_config.yml)")
    parser.add_argument("--toc", type=Path, help="the _toc.yml (default: SOURCE/_toc.yml)")
    parser.add_argument("--path-output", type=Path, help="the build's output folder, as for jupyter-book")
    parser.add_argument("--jobs", "-j", type=int, default=None, help="notebooks at a time (default: one per core)")
    args = parser.parse_args(argv)
    try:
        return execute_book(args.source, args.config or args.source / "_config.yml", args.toc, args.path_output,
                            args.jobs)
    except KeyboardInterrupt:
        log("interrupted: the notebooks not run yet are left to the next run")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
