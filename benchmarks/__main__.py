"""Run the benchmark: ``python -m benchmarks [--runs 3] [--keep] [--html DIR]`` (``make bench``)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import benchmarks
from benchmarks.assess import assess, largest_assets
from benchmarks.baseline import (baseline, default_widget_files, folium_default_assets, mystnb_default_widget_scripts,
                                 theme_icon_files)
from benchmarks.builds import copy_book
from benchmarks.common import NODE_MODULES, OUT_DIR, log, machine_info
from benchmarks.pages import measure_pages
from benchmarks.report import render_markdown
from benchmarks.scenarios import measure_builds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=benchmarks.__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold visits per page with widgets or maps (timing)")
    parser.add_argument("--html", type=Path, help="measure this built site instead of building the book")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy of the book")
    args = parser.parse_args(argv)

    if not (NODE_MODULES / "jquery" / "package.json").is_file():
        raise SystemExit("node_modules lacks the benchmark's npm packages: run `npm ci` (`make setup` does).")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    started = time.time()
    report: dict = {"started": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                    "machine": machine_info()}
    workdir = None
    try:
        if args.html:
            site = args.html.resolve()
        else:
            workdir = Path(tempfile.mkdtemp(prefix="sco-bench-"))
            book = copy_book(workdir / "book")
            log(f"building a copy of the book in {book}")
            report["builds"] = measure_builds(book)
            site = book / "_build" / "html"
        if not (site / "index.html").is_file():
            raise SystemExit(f"{site} holds no built book")
        log(f"measuring pages of {site} in Chromium")
        report["pages"] = measure_pages(site, max(args.runs, 1))
        report["folium_defaults"] = folium_default_assets()
        report["mystnb_default_widget_scripts"] = mystnb_default_widget_scripts()
        report["theme_icon_files"] = theme_icon_files()
        report["default_widget_files"] = default_widget_files()
        report["baseline"] = baseline(report["pages"]["pages"], report["folium_defaults"], report["theme_icon_files"],
                                      report["default_widget_files"])
        report["largest_assets"] = largest_assets(report["pages"]["pages"])
        report["targets"] = assess(report.get("builds"), report["pages"], report["baseline"])
    finally:
        if workdir and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif workdir:
            log(f"kept {workdir}")
    report["duration_seconds"] = round(time.time() - started, 1)
    report["load_average_at_end"] = os.getloadavg()
    (OUT_DIR / "report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    (OUT_DIR / "report.md").write_text(render_markdown(report), encoding="utf-8")
    log(f"report: {OUT_DIR / 'report.md'} and report.json ({report['duration_seconds']:.0f} s)")
    for t in report["targets"]:
        verdict = "met   " if t["met"] else "PARTLY" if t.get("met_with_shared_cached") else "MISSED"
        log(f"{verdict} {t['target']}: {t['measured']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
