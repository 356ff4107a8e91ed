"""Shared helpers for the test suite: building books, serving them, paths."""

from __future__ import annotations

import contextlib
import functools
import os
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BOOK_HTML = PROJECT_ROOT / "_build" / "html"
FIXTURE_BOOK = PROJECT_ROOT / "tests" / "fixture_book"
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def build_book(source: Path, output: Path, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build ``source`` strictly with the project's ``_config.yml`` into ``output``.

    ``env`` adds environment variables for the build and the kernels it starts.
    """
    command = [
        str(JUPYTER_BOOK), "build", str(source),
        "--config", str(PROJECT_ROOT / "_config.yml"),
        "--toc", str(source / "_toc.yml"),
        "--path-output", str(output),
        "-n", "-W", "--keep-going",
    ]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def toc_files(toc_path: Path) -> list[str]:
    """Every document named in a jb-book ``_toc.yml``, root first, without suffix."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def set_range_input(locator, value: int) -> None:
    """Move a range slider with the keyboard, as a reader without a mouse would."""
    locator.focus()
    current = int(locator.input_value())
    key = "ArrowRight" if value > current else "ArrowLeft"
    for _ in range(abs(value - current)):
        locator.press(key)


def map_frame(page):
    """The first map on the page, scrolled fully into view.

    Leaflet focuses the map on mousedown, which scrolls a half-visible map
    into view between mousedown and mouseup; a reader scrolls to it first.
    """
    page.locator("iframe").first.scroll_into_view_if_needed()
    return page.frame_locator("iframe").first
