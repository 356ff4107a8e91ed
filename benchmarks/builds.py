"""Running one build of a copy of the book, timed, with its memory sampled.

A build is what ``make book`` runs: ``python -m booktools.execute`` (the
notebooks the execution cache lacks, in parallel) and then ``jupyter-book
build . -n -W --keep-going``; or, with ``pre_execute=False``, the Sphinx build
alone, which executes the notebooks itself one after another (the way the book
was built before the pre-execution).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

from benchmarks.common import NODE_MODULES, OUT_DIR, PROJECT_ROOT, busy_cpu_seconds, log
from booktools.book import JUPYTER_BOOK, STRICT_FLAGS, execute_command

BUILD_COMMAND = ["build", ".", *STRICT_FLAGS]
BUILD_TIMEOUT = 900  # seconds, per step of a build
COPY_SKIP = {".git", ".venv", "node_modules", "_build", ".pytest_cache", "__pycache__",
             ".ipynb_checkpoints", "tests", "benchmarks", "booktools"}
SPHINX_EXECUTES = re.compile(r"^(\S+\.ipynb): Executing notebook", re.MULTILINE)


class TreeMemorySampler(threading.Thread):
    """Samples the resident memory of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_total = 0
        self._done = threading.Event()

    def run(self) -> None:
        import psutil
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._done.is_set():
            try:
                processes = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            total = 0
            for process in processes:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    pass
            self.peak_total = max(self.peak_total, total)
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join(timeout=5)


def copy_book(destination: Path) -> Path:
    """A fresh copy of the book's sources, with ``node_modules`` linked to the project's."""
    def skip(folder: str, names: list[str]) -> list[str]:
        # Also skips what is neither a file nor a folder, such as the IPC sockets of a running kernel.
        return [n for n in names if n in COPY_SKIP or not (os.path.isfile(os.path.join(folder, n))
                                                           or os.path.isdir(os.path.join(folder, n)))]

    shutil.copytree(PROJECT_ROOT, destination, ignore=skip)
    (destination / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    return destination


def cache_records(book: Path) -> dict[str, dict]:
    """jupyter-cache's records: notebook -> execution seconds and when it was cached."""
    cache_dir = book / "_build" / ".jupyter_cache"
    if not cache_dir.is_dir():
        return {}
    from jupyter_cache import get_cache
    records = {}
    for record in get_cache(cache_dir).list_cache_records():
        uri = Path(record.uri)
        try:
            uri = uri.relative_to(book)
        except ValueError:
            pass
        records[f"{record.pk}:{uri}"] = {
            "notebook": str(uri), "execution_seconds": (record.data or {}).get("execution_seconds"),
            "created": str(record.created),
        }
    return records



def run_step(command: list[str], cwd: Path, out) -> dict:
    """Run one command of a build, its output into ``out``; wall time, CPU, peak memory, exit code."""
    out.write(f"$ {' '.join(command)}\n")
    out.flush()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    sampler = TreeMemorySampler(process.pid)
    sampler.start()
    timer = threading.Timer(BUILD_TIMEOUT, lambda: os.killpg(process.pid, signal.SIGKILL))
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    timer.cancel()
    sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    # The build's kernels are reaped by the build, so its rusage covers its whole tree.
    return {"wall": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "max_rss": usage.ru_maxrss,
            "peak_tree": sampler.peak_total, "returncode": process.returncode}


def run_build(book: Path, label: str, pre_execute: bool = True) -> dict:
    """Build the book in ``book`` as ``make book`` does (or, without ``pre_execute``, the Sphinx build alone);
    time it and sample its memory."""
    before = cache_records(book)
    log_path = OUT_DIR / f"build-{label}.log"
    steps = [("pre-execution", execute_command(book), PROJECT_ROOT)] if pre_execute else []
    steps.append(("sphinx", [str(JUPYTER_BOOK), *BUILD_COMMAND], book))
    log(f"build '{label}' ...")
    machine_before, self_before = busy_cpu_seconds()
    results = {}
    with open(log_path, "w", encoding="utf-8") as out:
        for name, command, cwd in steps:
            sphinx_log_start = out.tell()
            results[name] = run_step(command, cwd, out)
            if results[name]["returncode"] != 0:
                tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
                raise SystemExit(f"build '{label}' failed in its {name} step (exit {results[name]['returncode']}); "
                                 f"log {log_path}:\n{tail}")
    machine_after, self_after = busy_cpu_seconds()
    with open(log_path, encoding="utf-8", errors="replace") as text:
        text.seek(sphinx_log_start)
        sphinx_executed = sorted(os.path.relpath(path, book) for path in SPHINX_EXECUTES.findall(text.read()))
    elapsed = sum(step["wall"] for step in results.values())
    build_cpu = sum(step["cpu"] for step in results.values())
    others = (machine_after - machine_before) - build_cpu - (self_after - self_before)
    after = cache_records(book)
    executed = sorted(record["notebook"] for key, record in after.items() if before.get(key) != record)
    log(f"build '{label}': {elapsed:.1f} s, {len(executed)} notebook(s) executed"
        + (f" ({len(sphinx_executed)} by the Sphinx build)" if pre_execute else ""))
    return {
        "label": label, "wall_seconds": round(elapsed, 2),
        "cpu_seconds": round(build_cpu, 2), "other_processes_cpu_seconds": round(max(others, 0.0), 1),
        "max_rss_single_process_mib": round(max(step["max_rss"] for step in results.values()) / 1024, 1),
        "peak_rss_process_tree_mib": round(max(step["peak_tree"] for step in results.values()) / 2**20, 1),
        "notebooks_executed": executed, "log": str(log_path.relative_to(PROJECT_ROOT)),
        "pre_execution": pre_execute, "sphinx_executed_notebooks": sphinx_executed,
        "step_wall_seconds": {name: round(step["wall"], 2) for name, step in results.items()},
    }
