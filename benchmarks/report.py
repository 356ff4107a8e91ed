"""The Markdown report, rendered from ``report.md.j2`` with the data that ``report.json`` holds."""

from __future__ import annotations

from pathlib import Path

import jinja2

from benchmarks.assess import page_own_bytes, shared_costs
from benchmarks.builds import BUILD_COMMAND
from benchmarks.common import KB, MINIMAL_JB1_TEXT_PAGE_GZIP, TARGET_LATER_PAGE_GZIP, kb, ms, pct, seconds, short
from benchmarks.pages import CATEGORIES

TEMPLATE = "report.md.j2"
BUILD_NAMES = {
    "clean": "clean (empty _build)",
    "no_change": "no-change rebuild",
    "markdown_edit": "after a space added to a markdown cell of {edited}",
    "code_edit": "after a comment added to a code cell of the same notebook",
    "warm_cache": "warm execution cache, no doctrees, no HTML (edits reverted)",
    "clean_serial": "clean, the old way (the Sphinx build runs the notebooks, one after another)",
}


def verdict(t: dict) -> str:
    if t["met"]:
        return "met"
    return "met with shared files cached; **missed** read in order" if t.get("met_with_shared_cached") else "**missed**"


def steps(build: dict) -> str:
    """Wall time of each step of a build: '31.0 s + 12.2 s', or '–' for the Sphinx build alone."""
    walls = build.get("step_wall_seconds") or {}
    if "pre-execution" not in walls:
        return "–"
    return f"{seconds(walls['pre-execution'])} + {seconds(walls.get('sphinx'))}"


def gzip_of(files: list[dict], kind: str) -> int:
    return sum(f["gzip"] for f in files if f["category"] == kind)


def count_items(page: dict, kind: str) -> int:
    """How many widgets (``kind='widget'``) or maps a page has."""
    return sum(1 for item in page["timing"]["items"] if item["what"].startswith(kind))


def top_files(files: list[dict]) -> str:
    return ", ".join(f"{short(f['path'])} {kb(f['gzip'])}" for f in files[:3])


def later_verdict(later: dict) -> str:
    if later["position"] == 0:
        return "landing page"
    return "yes" if later["gzip"] < TARGET_LATER_PAGE_GZIP else "**no**"


def asset_note(asset: dict) -> str:
    if asset["npm"].startswith("drmonty-"):
        return "npm's `leaflet.awesome-markers` has no 2.0.2; this package repackages that release"
    return "" if asset["version_matches"] else f"Folium names {asset['wanted_version']}; sized with the installed version"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
                             autoescape=False)
    env.filters.update(kb=kb, seconds=seconds, ms=ms, short=short)
    env.globals.update(pct=pct, verdict=verdict, steps=steps, gzip_of=gzip_of, count_items=count_items,
                       top_files=top_files, later_verdict=later_verdict, asset_note=asset_note,
                       loads=lambda values: ", ".join(f"{x:.2f}" for x in values))
    return env


def render_markdown(report: dict) -> str:
    machine = report["machine"]
    builds = report.get("builds")
    context = {"report": report, "machine": machine, "builds": builds, "base": report.get("baseline"),
               "page_data": report.get("pages"),
               "packages": ", ".join(f"{k} {v}" for k, v in machine["packages"].items() if v)}
    if builds:
        runs = [b for b in builds.values() if isinstance(b, dict) and "other_processes_cpu_seconds" in b]
        context["others"] = sum(b["other_processes_cpu_seconds"] for b in runs)
        context["busy_share"] = context["others"] / max(sum(b["wall_seconds"] for b in runs), 1.0)
        context["serial"] = builds.get("clean_serial")
        context["build_command"] = f"jupyter-book {' '.join(BUILD_COMMAND)}"
        context["build_names"] = {key: name.format(edited=builds.get("edited_notebook")) for key, name in BUILD_NAMES.items()}
        context["notebook_rows"] = sorted(builds["clean"]["execution_by_notebook"].items(), key=lambda kv: -(kv[1] or 0))
    if context["page_data"]:
        pages = context["page_data"]["pages"]
        context.update(pages=pages, own=page_own_bytes(pages), shared_costs=shared_costs(context["page_data"]),
                       categories=CATEGORIES, minimal_page_kb=MINIMAL_JB1_TEXT_PAGE_GZIP / KB,
                       later_target_kb=TARGET_LATER_PAGE_GZIP / KB)
    return environment().get_template(TEMPLATE).render(context)
