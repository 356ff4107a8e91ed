"""JupyterLab on the book's notebooks, for working through them live (``make live``).

Needs only the Python environment (no Node.js). The server listens on
127.0.0.1 only, with a fresh token, and the address to open (token included)
is printed once the server answers. ``--allow-root`` is passed only when
running as root (uid 0), as in most containers; JupyterLab refuses root
otherwise. From the shell::

    python -m booktools.live [--port 8888] [--notebook-dir .] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
DEFAULT_PORT = 8888
PROJECT_ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT = 120
"""Seconds to wait for the server to answer before giving up."""


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def lab_command(port: int, notebook_dir: Path, as_root: bool, open_browser: bool = True) -> list[str]:
    """The ``jupyter lab`` command, bound to 127.0.0.1 at ``port`` (no other port tried)."""
    command = [sys.executable, "-m", "jupyterlab", f"--ip={HOST}", f"--port={port}",
               "--ServerApp.port_retries=0", f"--ServerApp.root_dir={notebook_dir}"]
    if not open_browser:
        command.append("--no-browser")
    if as_root:
        command.append("--allow-root")
    return command


def lab_url(port: int, token: str) -> str:
    return f"http://{HOST}:{port}/lab?token={token}"


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_until_ready(process: subprocess.Popen, port: int, token: str, timeout: float = READY_TIMEOUT) -> bool:
    """True once the server answers its status API; False if it exits or ``timeout`` passes first."""
    deadline = time.monotonic() + timeout
    status = f"http://{HOST}:{port}/api/status?token={token}"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if answers(status):
            return True
        time.sleep(0.5)
    return False


def banner(url: str) -> str:
    rule = "=" * min(max(len(url), 40), 100)
    return (f"\n{rule}\nJupyterLab is ready. Open this address in a browser:\n\n    {url}\n\n"
            f"Stop it with Ctrl+C.\n{rule}\n")


def end_group(process: subprocess.Popen, force: bool = False) -> None:
    """Signal the server's process group (it and its kernels); on Windows, the server alone."""
    if hasattr(os, "killpg"):
        os.killpg(process.pid, signal.SIGKILL if force else signal.SIGTERM)
    elif force:
        process.kill()
    else:
        process.terminate()


def stop(process: subprocess.Popen) -> None:
    """Stop the server and its kernels."""
    if process.poll() is not None:
        return
    end_group(process)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        end_group(process, force=True)
        process.wait()


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start JupyterLab on 127.0.0.1 for the book's notebooks.")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT}; a free one if that is taken)")
    parser.add_argument("--notebook-dir", type=Path, default=PROJECT_ROOT)
    parser.add_argument("--no-browser", action="store_true", help="do not try to open a browser")
    args = parser.parse_args(argv)

    port = args.port
    if not port_is_free(port):
        port = free_port()
        print(f"Port {args.port} is in use; using {port}.", flush=True)
    token = secrets.token_hex(24)
    # Stopped by a signal (a closed terminal, `kill`, `timeout`), the server is stopped too.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _exit_on_signal)
    command = lab_command(port, args.notebook_dir.resolve(), running_as_root(), open_browser=not args.no_browser)
    # The token goes through the environment, so that it is not visible in the process list.
    process = subprocess.Popen(command, env={**os.environ, "JUPYTER_TOKEN": token}, start_new_session=True)
    try:
        if not wait_until_ready(process, port, token):
            print("JupyterLab did not start; see its messages above.", file=sys.stderr, flush=True)
            stop(process)
            return 1
        print(banner(lab_url(port, token)), flush=True)
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop(process)


if __name__ == "__main__":
    sys.exit(main())
