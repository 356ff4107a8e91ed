"""Robustness: notebooks run offline in any order, links resolve, files stay small."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from helpers import PROJECT_ROOT, toc_notebooks

MAX_FILE_BYTES = 5 * 1024 * 1024
# Every notebook of the book, two at a time, each in a fresh kernel: about 30 s on an idle
# 2-core machine, 60-90 s on a busy one. The run's limit leaves room for a much busier
# machine and still ends before the test's own (pytest-timeout), so a stall is reported
# with the notebooks' output.
OFFLINE_RUN_TIMEOUT = 480
OFFLINE_JOBS = 2


def book_notebooks() -> list[Path]:
    return toc_notebooks(PROJECT_ROOT)


def offline(command: list[str]) -> list[str]:
    """``command`` run in a new network namespace with only the loopback interface up."""
    return ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "offline", *command]


def can_isolate_network() -> bool:
    if not (shutil.which("unshare") and shutil.which("ip")):
        return False
    return subprocess.run(offline(["true"]), capture_output=True).returncode == 0


@pytest.mark.slow
@pytest.mark.timeout(OFFLINE_RUN_TIMEOUT + 60)
@pytest.mark.skipif(not can_isolate_network(), reason="needs `unshare --net` and `ip` (root or user namespaces)")
def test_every_notebook_runs_in_a_fresh_kernel_with_no_network_in_any_order():
    notebooks = book_notebooks()
    assert notebooks
    # A new order every run; set NOTEBOOK_ORDER_SEED to repeat one. They start in this
    # order, OFFLINE_JOBS at a time, so a notebook that needs another's files fails.
    seed = os.environ.get("NOTEBOOK_ORDER_SEED") or str(random.randrange(10**6))
    order = random.Random(seed).sample(notebooks, len(notebooks))
    command = [sys.executable, str(PROJECT_ROOT / "tests" / "run_notebook.py"), "--jobs", str(OFFLINE_JOBS),
               *map(str, order)]
    # A session of its own, so that a stalled run is stopped with its workers and kernels.
    process = subprocess.Popen(offline(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=OFFLINE_RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail(f"the notebooks did not finish offline in {OFFLINE_RUN_TIMEOUT} s (NOTEBOOK_ORDER_SEED={seed}); "
                    f"finished so far:\n{stdout[-3000:]}")
    assert process.returncode == 0, (
        f"notebooks failed offline (NOTEBOOK_ORDER_SEED={seed}):\n{stdout[-2000:]}\n{stderr[-6000:]}"
    )


def test_the_network_namespace_really_has_no_network():
    if not can_isolate_network():
        pytest.skip("needs `unshare --net`")
    probe = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=2)"  # TEST-NET-1, never routed
    result = subprocess.run(offline([sys.executable, "-c", probe]), capture_output=True, text=True)
    assert result.returncode != 0 and "Network is unreachable" in result.stderr


def internal_links(html_root: Path):
    for page in sorted(html_root.rglob("*.html")):
        if "_static" in page.parts:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for anchor in soup.find_all("a", href=True):
            url = urlparse(anchor["href"])
            if url.scheme or url.netloc or not url.path:
                continue
            yield page, url


def test_every_internal_link_resolves(book_html):
    ids_of: dict[Path, set[str]] = {}  # each target page parsed once

    def ids(page: Path) -> set[str]:
        if page not in ids_of:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            ids_of[page] = {element["id"] for element in soup.find_all(id=True)}
        return ids_of[page]

    broken = []
    for page, url in internal_links(book_html):
        target = (page.parent / unquote(url.path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{page.relative_to(book_html)} -> {url.path}")
        elif url.fragment and target.suffix == ".html" and url.fragment not in ids(target):
            broken.append(f"{page.relative_to(book_html)} -> {url.path}#{url.fragment}")
    assert not broken, broken


def test_no_committed_file_is_over_5_mb():
    files = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert files, "git ls-files listed nothing"
    large = [name for name in files if (PROJECT_ROOT / name).is_file() and (PROJECT_ROOT / name).stat().st_size > MAX_FILE_BYTES]
    assert not large, large
