"""The project's paths, its table of contents and the strict book build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT_ROOT / "_config.yml"
BUILD_DIR = PROJECT_ROOT / "_build"
BOOK_HTML = BUILD_DIR / "html"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
STRICT_FLAGS = ("-n", "-W", "--keep-going")
"""What ``make book`` passes to ``jupyter-book build``: nitpicky, warnings are errors, report them all."""


def toc_files(toc_path: Path) -> list[str]:
    """Every document named in a jb-book ``_toc.yml``, root first, without suffix."""
    toc = yaml.safe_load(Path(toc_path).read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))
            for part in entry.get("parts", []):
                walk(part.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return files


def toc_notebooks(source: Path, toc_path: Path | None = None) -> list[Path]:
    """The ``.ipynb`` files the table of contents of the book in ``source`` names, in its order."""
    source = Path(source)
    documents = toc_files(toc_path or source / "_toc.yml")
    return [source / f"{document}.ipynb" for document in documents if (source / f"{document}.ipynb").is_file()]


def build_command(source: Path, output: Path | None = None, config: Path = CONFIG,
                  toc: Path | None = None) -> list[str]:
    """``jupyter-book build`` of ``source``, strict, with the project's ``_config.yml``."""
    command = [str(JUPYTER_BOOK), "build", str(source), "--config", str(config),
               "--toc", str(toc or Path(source) / "_toc.yml")]
    if output is not None:
        command += ["--path-output", str(output)]
    return [*command, *STRICT_FLAGS]


def run(command: list[str], timeout: float, env: dict | None = None) -> subprocess.CompletedProcess:
    """``subprocess.run`` from PROJECT_ROOT, output captured; on timeout its whole process group
    (the build and its kernels) is killed before ``subprocess.TimeoutExpired`` is raised."""
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        raise subprocess.TimeoutExpired(command, timeout, stdout, stderr) from None
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def execute_command(source: Path, output: Path | None = None, config: Path = CONFIG,
                    toc: Path | None = None, jobs: int | None = None) -> list[str]:
    """``python -m booktools.execute`` for the build ``build_command`` describes (run it from PROJECT_ROOT)."""
    command = [sys.executable, "-m", "booktools.execute", str(source), "--config", str(config),
               "--toc", str(toc or Path(source) / "_toc.yml")]
    if output is not None:
        command += ["--path-output", str(output)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return command


def build_book(source: Path, output: Path, timeout: int = 240, env: dict | None = None,
               pre_execute: bool = False) -> subprocess.CompletedProcess:
    """Build ``source`` strictly with the project's ``_config.yml`` into ``output``.

    ``env`` adds environment variables for the build and the kernels it starts.
    With ``pre_execute``, the notebooks are first run in parallel into the
    build's cache (:mod:`booktools.execute`), as ``make book`` does; if that
    fails, its result is returned and the book is not built. ``timeout`` (in
    seconds) is for the whole; the tests' own limit is longer (pyproject.toml).
    """
    environment = {**os.environ, **(env or {})}
    deadline = time.monotonic() + timeout
    if not pre_execute:
        return run(build_command(source, output), timeout, environment)
    executed = run(execute_command(source, output), timeout, environment)
    if executed.returncode != 0:
        return executed
    built = run(build_command(source, output), max(deadline - time.monotonic(), 1.0), environment)
    return subprocess.CompletedProcess(built.args, built.returncode, executed.stdout + built.stdout,
                                       executed.stderr + built.stderr)
