"""The benchmark's verdicts (targets met or missed, why, what would fix it) and the summaries the report lists."""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import (BOOK_ICON_FILES, KB, TARGET_CLEAN_BUILD_S, TARGET_LATER_PAGE_GZIP, TARGET_NO_CHANGE_S,
                               kb, seconds, short)
from benchmarks.pages import totals


def page_own_bytes(pages: dict) -> dict[str, dict]:
    """Per page, the bytes of the files that no other page loads: its cost once every shared file is cached."""
    loaded_by: dict[str, int] = {}
    for data in pages.values():
        for f in data["first_visit"]["files"]:
            loaded_by[f["path"]] = loaded_by.get(f["path"], 0) + 1
    return {document: totals([f for f in data["first_visit"]["files"] if loaded_by[f["path"]] == 1])
            for document, data in pages.items()}


def target(name: str, met: bool, measured: str, why: str = "", fix: str = "") -> dict:
    return {"target": name, "met": met, "measured": measured, "why": "" if met else why, "fix": "" if met else fix}


def assess(builds: dict | None, page_data: dict | None, base: dict | None) -> list[dict]:
    results = []
    if builds:
        clean = builds["clean"]
        serial = builds.get("clean_serial")
        slow = sorted(clean["execution_by_notebook"].items(), key=lambda kv: -(kv[1] or 0))[:3]
        results.append(target(
            f"clean build under {TARGET_CLEAN_BUILD_S:.0f} s", clean["wall_seconds"] < TARGET_CLEAN_BUILD_S,
            seconds(clean["wall_seconds"]) + (f" ({seconds(serial['wall_seconds'])} with the notebooks run by the "
                                              "Sphinx build, one after another)" if serial else ""),
            why=(f"running the notebooks takes {seconds(clean['execution_seconds_by_difference'])} of it "
                 f"(jupyter-cache records {seconds(clean['execution_seconds_recorded'])}, "
                 f"{builds.get('pre_execution_jobs')} at a time; slowest: "
                 + ", ".join(f"{Path(n).stem} {v:.1f} s" for n, v in slow if v) + "); the rest (reading, "
                 f"writing, copying assets) is {seconds(builds['warm_cache']['wall_seconds'])}"),
            fix=(f"the {len(clean['execution_by_notebook'])} notebooks run {builds.get('pre_execution_jobs')} at a "
                 "time before the Sphinx build, and each pays about "
                 f"{seconds((builds.get('kernel_floor') or {}).get('imports_notebook_seconds'))} for a kernel and the "
                 "shared imports before its own work, so fewer, longer notebooks or lighter imports at the top of "
                 "each notebook cut the most; more cores run more notebooks at a time; keeping "
                 "_build/.jupyter_cache between CI runs brings a build down to "
                 f"the warm-cache {seconds(builds['warm_cache']['wall_seconds'])}")))
        in_sphinx = {key: builds[key]["sphinx_executed_notebooks"] for key in ("clean", "code_edit")
                     if builds[key].get("pre_execution")}
        if in_sphinx:
            missed = sorted({name for names in in_sphinx.values() for name in names})
            results.append(target(
                "the Sphinx build executes no notebook once they have run before it",
                not missed, f"{len(missed)} notebook(s) executed by the Sphinx build after the pre-execution "
                            f"(clean build and code-edit rebuild)",
                why="the build did not find them in the cache: " + ", ".join(missed),
                fix=("booktools/execute.py stores results under the key myst-nb looks up; compare its settings "
                     "(kernel name, notebook metadata, exclude patterns) with myst-nb's after an upgrade")))
        nochange = builds["no_change"]["wall_seconds"]
        results.append(target(
            f"no-change rebuild under {TARGET_NO_CHANGE_S:.0f} s", nochange < TARGET_NO_CHANGE_S, seconds(nochange),
            why=("with nothing to do, the time is start-up: Python, jupyter-book, Sphinx and every extension "
                 "imported, the pickled environment loaded, every source checked for changes"),
            fix=("fewer Sphinx extensions, or running sphinx-build on the configuration that "
                 "`jupyter-book config sphinx` writes, may cut it (not measured here)")))
    if base:
        heavier = [d for d, row in base.items() if row["heavier_than_baseline"]]
        results.append(target(
            "no page heavier for a first-time reader than with the default wiring", not heavier,
            f"{len(base) - len(heavier)} of {len(base)} pages at or below the baseline",
            why="heavier: " + ", ".join(heavier), fix="see the per-page comparison"))
    if page_data:
        pages = page_data["pages"]
        later = {d: p["after_previous_pages"] for d, p in pages.items() if p["after_previous_pages"]["position"] > 0}
        own = page_own_bytes(pages)
        over = [d for d, new in later.items() if new["gzip"] >= TARGET_LATER_PAGE_GZIP]
        over_own = [d for d in later if own[d]["gzip"] >= TARGET_LATER_PAGE_GZIP]
        why, causes = [], set()
        for document in over:
            new = later[document]
            by_kind = {}
            for f in new["files"]:
                by_kind[f["category"]] = by_kind.get(f["category"], 0) + f["gzip"]
            causes.update(kind for kind, size in by_kind.items() if size >= 0.25 * new["gzip"])
            why.append(f"{document} {kb(new['gzip'])} KB (" + ", ".join(
                f"{kind} {kb(size)}" for kind, size in sorted(by_kind.items(), key=lambda kv: -kv[1])[:3]) + ")")
        fixes = {
            "widget libraries": "the first page with standard ipywidgets pays once for the embed manager "
                                "(embed-amd.js) and its icon font; pages whose widgets are all anywidgets load the "
                                "book's small loader instead",
            "Leaflet": "the first page with a map pays once for Leaflet, which the later map pages reuse; moving a "
                       "map page later in the book or a lighter map library would move or cut it",
            "images": "chart images: fewer or simpler charts per page",
            "page HTML": "the page's own HTML carries its widget state and map data inline: fewer widget models, "
                         "coarser GeoJSON or data loaded from a shared file would shrink it",
        }
        in_order = (f"read in order from the landing page, {len(later) - len(over)} of {len(later)} later pages "
                    f"under (largest {kb(max((n['gzip'] for n in later.values()), default=0))} KB)")
        with_shared = (f"with every file that two or more pages load already cached, {len(later) - len(over_own)} of "
                       f"{len(later)} (largest {kb(max((own[d]['gzip'] for d in later), default=0))} KB)")
        result = target(
            f"later pages under {TARGET_LATER_PAGE_GZIP / KB:.0f} KB gzip once the shared assets are cached",
            not over and not over_own, f"{with_shared}; {in_order}",
            why="over: " + "; ".join(why + [f"{d} {kb(own[d]['gzip'])} KB of its own files" for d in over_own]),
            fix="; ".join(fixes.get(cause, f"{cause}: see the largest new files") for cause in sorted(causes)))
        if not over_own and over:
            result["met_with_shared_cached"] = True
        results.append(result)
    return results


def largest_assets(pages: dict) -> list[dict]:
    """Every file any page loads, largest first, with how many pages load it."""
    by_path: dict[str, dict] = {}
    for document, data in pages.items():
        for f in data["first_visit"]["files"]:
            entry = by_path.setdefault(f["path"], {**{k: f[k] for k in ("path", "category", "raw", "gzip", "js")}, "pages": 0})
            entry["pages"] += 1
    return sorted(by_path.values(), key=lambda e: -e["gzip"])


def shared_costs(page_data: dict) -> list[str]:
    """Bullets: what every page, every widget page and every map page pays for (files of 1 KB gzip or more)."""
    pages = page_data["pages"]

    def kinds(document):
        items = pages[document]["timing"]["items"]
        return {"widget": any(i["what"].startswith("widget") for i in items),
                "map": any(i["what"].startswith("map") for i in items)}

    def common(documents):
        sets = [{f["path"]: f for f in pages[d]["first_visit"]["files"]} for d in documents]
        shared = set.intersection(*(set(files) for files in sets)) if sets else set()
        return {path: sets[0][path] for path in shared}

    everywhere = common(page_data["documents"])
    text_only = [d for d in page_data["documents"] if not any(kinds(d).values())]
    lines = []

    def describe(files: dict, minimum: int = 1 * KB) -> str:
        big = sorted((f for f in files.values() if f["gzip"] >= minimum), key=lambda f: -f["gzip"])
        return ", ".join(f"{short(f['path'])} {kb(f['gzip'])}" for f in big[:6])

    if text_only:
        sizes = [pages[d]["first_visit"]["gzip"] for d in text_only]
        lines.append(f"Text-only pages ({len(text_only)}) cost {kb(min(sizes))}–{kb(max(sizes))} KB gzip.")
    total = sum(f["gzip"] for f in everywhere.values())
    icons = sum(f["gzip"] for f in everywhere.values() if "fontawesome" in f["path"] or f["path"] in BOOK_ICON_FILES)
    lines.append(f"Every page loads {kb(total)} KB gzip of shared files, {kb(icons)} KB of it the icon font and "
                 f"its stylesheet; the largest: {describe(everywhere, 5 * KB)} KB.")
    for kind, label in (("widget", "widgets"), ("map", "maps")):
        group = [d for d in page_data["documents"] if kinds(d)[kind]]
        if group:
            extra = {p: f for p, f in common(group).items() if p not in everywhere}
            lines.append(f"Pages with {label} ({len(group)}) add {kb(sum(f['gzip'] for f in extra.values()))} KB "
                         f"gzip of shared files: {describe(extra)} KB; plus their own HTML (with the widget state "
                         f"or map inline) and images.")
    return lines

