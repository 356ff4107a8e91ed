"""`make live`: JupyterLab from the Python environment alone, on 127.0.0.1, its address printed."""

from __future__ import annotations

import os
import re
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.request

from booktools import live
from helpers import PROJECT_ROOT

URL = re.compile(r"http://127\.0\.0\.1:(\d+)/lab\?token=(\w+)")


def test_allow_root_only_as_root(tmp_path):
    assert "--allow-root" in live.lab_command(8888, tmp_path, as_root=True)
    assert "--allow-root" not in live.lab_command(8888, tmp_path, as_root=False)


def test_binds_to_localhost_at_the_given_port_only(tmp_path):
    command = live.lab_command(8123, tmp_path, as_root=False, open_browser=False)
    assert "--ip=127.0.0.1" in command
    assert "--port=8123" in command
    assert "--ServerApp.port_retries=0" in command
    assert "--no-browser" in command
    assert f"--ServerApp.root_dir={tmp_path}" in command


def planned_commands(target: str) -> str:
    """What ``make target`` would run if both the Python and the npm installs were out of date."""
    planned = subprocess.run(["make", "-n", "-W", "package.json", "-W", "requirements.txt", target],
                             cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert planned.returncode == 0, planned.stderr
    return planned.stdout


def test_make_live_needs_no_node():
    planned = planned_commands("live")
    assert "booktools.live" in planned
    assert "pip install" in planned
    assert "npm" not in planned
    assert "node_modules" not in planned


def test_make_book_still_installs_both():
    planned = planned_commands("book")
    assert "pip install" in planned
    assert "npm ci" in planned


def read_until_url(process: subprocess.Popen, timeout: float) -> tuple[str, str]:
    """Lines printed by ``process`` until one holds the lab URL: (the URL or '', everything printed)."""
    lines: queue.Queue[str] = queue.Queue()

    def pump():
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    printed = ""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=min(left, 1))
        except queue.Empty:
            if process.poll() is not None and lines.empty():
                break
            continue
        printed += line
        if found := URL.search(line):
            return found.group(0), printed
    return "", printed


def test_live_prints_a_working_url_as_the_current_user(tmp_path):
    port = live.free_port()
    (tmp_path / "hello.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "run")}
    process = subprocess.Popen(
        [sys.executable, "-m", "booktools.live", "--port", str(port), "--no-browser", "--notebook-dir", str(tmp_path)],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        start_new_session=True)
    try:
        url, printed = read_until_url(process, timeout=60)
        assert url, f"no URL printed:\n{printed[-3000:]}"
        assert URL.search(url).group(1) == str(port)
        assert "JupyterLab is ready" in printed
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
            assert "JupyterLab" in response.read().decode("utf-8", "replace")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/hello.ipynb?token="
                                    f"{URL.search(url).group(2)}", timeout=10) as response:
            assert response.status == 200
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode is not None
