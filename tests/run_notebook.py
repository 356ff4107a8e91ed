"""Execute one notebook in a fresh kernel, in its own folder; exit non-zero on any error.

Used by tests/test_robustness.py inside a network namespace whose only
interface is loopback (the kernel talks to its client over it), to prove
that the notebooks need no network.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CELL_TIMEOUT = 120


def main(path: str) -> None:
    notebook_path = Path(path).resolve()
    notebook = nbformat.read(notebook_path, as_version=4)
    client = NotebookClient(notebook, kernel_name="python3", timeout=CELL_TIMEOUT,
                            resources={"metadata": {"path": str(notebook_path.parent)}})
    client.execute()


if __name__ == "__main__":
    main(sys.argv[1])
