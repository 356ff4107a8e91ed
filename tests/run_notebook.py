"""Execute notebooks, each in a fresh kernel in its own folder; exit non-zero if any cell fails.

Used by tests/test_robustness.py inside a network namespace whose only
interface is loopback (the kernels talk to their client over it), to prove
that the notebooks need no network. The notebooks start in the order given,
``--jobs`` at a time, with the cell timeout and error settings of the book's
``_config.yml``, as a reader's Jupyter would run them: without the book
build's environment.

    python tests/run_notebook.py [--jobs N] NOTEBOOK...
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))  # run as a script: booktools sits at the project root

from booktools.book import CONFIG  # noqa: E402
from booktools.execute import ANSI, book_settings, default_jobs, run_notebooks  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--jobs", "-j", type=int, default=default_jobs())
    args = parser.parse_args(argv)
    settings = book_settings(PROJECT_ROOT, CONFIG)
    tasks = [(path.resolve(), settings.execution_timeout, settings.execution_allow_errors, False)
             for path in args.notebooks]
    failed = []
    for path, outcome in run_notebooks(tasks, args.jobs):
        status = "FAILED" if outcome["error"] else "ran"
        print(f"[{time.strftime('%H:%M:%S')}] {status} {path} in {outcome['seconds'] or 0:.1f} s", flush=True)
        if outcome["error"]:
            failed.append(path)
            print(f"{path} failed:\n{ANSI.sub('', outcome['error'])}", file=sys.stderr, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
