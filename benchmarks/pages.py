"""The built site in headless Chromium: bytes per page (first visit, later pages) and time to interactive."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from urllib.parse import urlparse

from benchmarks.common import PROJECT_ROOT, READY_TIMEOUT, STATIC_ASSETS, VIEWPORT, gzip_size, kb, log
from booktools.book import toc_files
from booktools.chromium import launch
from booktools.server import serve

PROBE_JS = (Path(__file__).parent / "probe.js").read_text(encoding="utf-8")

CATEGORIES = ["page HTML", "theme and Sphinx", "widget libraries", "Leaflet", "course's own scripts",
              "images", "other"]


def category(path: str) -> str:
    """What a file is for, from its path in the site (one of CATEGORIES)."""
    if path.startswith(STATIC_ASSETS + "leaflet/"):
        return "Leaflet"
    if path.startswith(STATIC_ASSETS + "sco-") and not path.endswith("sco-require-config.js"):
        return "course's own scripts"
    if path.startswith(STATIC_ASSETS):
        return "widget libraries"
    if path.startswith("_static/") or path == "searchindex.js":
        return "theme and Sphinx"
    if path.startswith("_images/"):
        return "images"
    if path.endswith(".html") or path.endswith("/"):
        return "page HTML"
    return "other"


class PageVisit:
    """Everything recorded while one page was open."""

    def __init__(self, page, base_url: str, site: Path):
        self.page, self.base_url, self.site = page, base_url, site
        self.responses = []
        self.failed = []
        self.errors = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("response", lambda response: self.responses.append(response))
        page.on("requestfailed", lambda request: urlparse(request.url).hostname == "127.0.0.1"
                and self.failed.append(f"{request.url} ({request.failure})"))

    def site_path(self, url: str) -> str:
        return urlparse(url).path.lstrip("/")

    def body(self, response) -> bytes:
        try:
            return response.body()
        except Exception:  # the body was dropped: read the served file instead
            file = self.site / self.site_path(response.url)
            return file.read_bytes() if file.is_file() else b""

    def files(self, gzip_cache: dict) -> dict[str, dict]:
        """One entry per URL fetched (repeats of a URL count once)."""
        files = {}
        for response in self.responses:
            url = response.url
            if not url.startswith("http") or url in files:
                continue
            if response.status >= 400:
                self.failed.append(f"{url} ({response.status})")
            body = self.body(response) if response.status < 300 else b""
            path = self.site_path(url)
            key = (path, len(body))
            if key not in gzip_cache:
                gzip_cache[key] = gzip_size(body)
            resource_type = response.request.resource_type
            content_type = response.headers.get("content-type", "")
            files[url] = {
                "path": path, "status": response.status, "type": resource_type, "category": category(path),
                "raw": len(body), "gzip": gzip_cache[key],
                "js": resource_type == "script" or "javascript" in content_type or path.endswith(".js"),
            }
        return files


def wait_until_ready(page, timeout: float) -> dict:
    """Wait until every widget view and every map iframe of the page has been drawn."""
    deadline = time.monotonic() + timeout
    while True:
        top = page.evaluate("window.__scoBench || {}")
        views = page.evaluate('document.querySelectorAll(\'script[type="application/vnd.jupyter.widget-view+json"]\').length')
        maps = []
        for frame in page.main_frame.child_frames:
            try:
                state = frame.evaluate("window.__scoBench || null")
            except Exception:
                state = None
            if frame.url == "about:srcdoc" or (state is not None and not state.get("top")):
                maps.append((state or {}).get("marks", {}).get("map"))
        marks = top.get("marks", {})
        widgets = [marks.get(f"widget-{index}") for index in range(views)]
        done = all(m and "interactive" in m for m in widgets + maps)
        if done or time.monotonic() > deadline:
            return {"origin": top.get("origin"), "widgets": widgets, "maps": maps, "complete": done}
        page.wait_for_timeout(100)


def page_timings(page, ready: dict) -> dict:
    origin = ready["origin"]

    def relative(mark):
        if not mark:
            return None
        return {**mark, "drawn": mark["drawn"] - origin,
                "interactive": (mark["interactive"] - origin) if "interactive" in mark else None}

    navigation = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0] || {};
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return {dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
                first_contentful_paint: fcp ? fcp.startTime : null};
    }""")
    return {"navigation": navigation, "widgets": [relative(m) for m in ready["widgets"]],
            "maps": [relative(m) for m in ready["maps"]], "complete": ready["complete"]}


def new_context(browser, external: list):
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(PROBE_JS)

    def route(route):
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            external.append(url)
            route.abort()

    context.route("**/*", route)
    return context


def visit(context, base_url: str, site: Path, document: str, gzip_cache: dict) -> dict:
    page = context.new_page()
    recorder = PageVisit(page, base_url, site)
    page.goto(base_url + f"{document}.html", wait_until="load", timeout=60_000)
    ready = wait_until_ready(page, READY_TIMEOUT)
    try:
        page.wait_for_load_state("networkidle", timeout=15_000)
    except Exception:
        pass
    result = {"timings": page_timings(page, ready), "files": recorder.files(gzip_cache), "failed": recorder.failed,
              "errors": recorder.errors}
    page.close()
    return result


def totals(files) -> dict:
    files = list(files)
    raw = sum(f["raw"] for f in files)
    packed = sum(f["gzip"] for f in files)
    js_raw = sum(f["raw"] for f in files if f["js"])
    js_gzip = sum(f["gzip"] for f in files if f["js"])
    return {"requests": len(files), "raw": raw, "gzip": packed, "js_raw": js_raw, "js_gzip": js_gzip}


def measure_pages(site: Path, runs: int) -> dict:
    """First-visit bytes, later-page bytes and time to interactive for every TOC page."""
    from playwright.sync_api import sync_playwright

    documents = toc_files(PROJECT_ROOT / "_toc.yml")
    gzip_cache: dict = {}
    pages: dict[str, dict] = {}
    with serve(site) as base_url, sync_playwright() as playwright:
        browser = launch(playwright)
        # First visits, each in a new context (empty cache); repeated for timing where a page has widgets or maps.
        for document in documents:
            samples = []
            for run in range(runs):
                external: list[str] = []
                context = new_context(browser, external)
                result = visit(context, base_url, site, document, gzip_cache)
                context.close()
                samples.append(result["timings"])
                if run == 0:
                    files = result["files"]
                    pages[document] = {"first_visit": {**totals(files.values()), "files": sorted(
                        files.values(), key=lambda f: -f["gzip"])}, "external_requests": external,
                        "failed_requests": result["failed"], "page_errors": result["errors"]}
                else:
                    pages[document]["external_requests"] += external
                    pages[document]["failed_requests"] += result["failed"]
                    pages[document]["page_errors"] += result["errors"]
                timings = result["timings"]
                if run == 0 and not (timings["widgets"] or timings["maps"]):
                    break
            pages[document]["timing_samples"] = samples
            first = pages[document]["first_visit"]
            log(f"first visit {document}: {first['requests']} requests, {kb(first['gzip'])} KB gzip"
                f" ({len(samples)} run(s))")

        # Later pages: one context, landing page first, then every page in TOC order.
        external = []
        context = new_context(browser, external)
        seen: set[str] = set()
        for index, document in enumerate(documents):
            result = visit(context, base_url, site, document, gzip_cache)
            new = [f for url, f in result["files"].items() if url not in seen]
            seen.update(result["files"])
            pages[document]["after_previous_pages"] = {**totals(new), "files": sorted(new, key=lambda f: -f["gzip"]),
                                                       "position": index}
        context.close()
        pages["_sequential_external_requests"] = external
        browser.close()

    landing = documents[0]
    landing_paths = {f["path"] for f in pages[landing]["first_visit"]["files"]}
    for document in documents:
        new = [f for f in pages[document]["first_visit"]["files"] if f["path"] not in landing_paths]
        pages[document]["after_landing_only"] = {**totals(new), "files": new}
        pages[document]["timing"] = summarise_timings(pages[document]["timing_samples"])
    return {"documents": documents, "pages": pages, "sequential_external_requests": pages.pop("_sequential_external_requests")}


def summarise_timings(samples: list[dict]) -> dict:
    """Median (and range) over runs of each widget's and map's drawn/interactive times."""
    def med(values):
        values = [v for v in values if v is not None]
        return round(statistics.median(values), 1) if values else None

    def spread(values):
        values = [v for v in values if v is not None]
        return [round(min(values), 1), round(max(values), 1)] if values else None

    items = []
    for group in ("widgets", "maps"):
        for index in range(len(samples[0][group])):
            marks = [sample[group][index] for sample in samples]
            known = next((m for m in marks if m), {})
            items.append({
                "what": f"{group[:-1]} {index + 1}: {known.get('kind', '?')}", "selector": known.get("selector"),
                "drawn_ms": med([m and m["drawn"] for m in marks]),
                "interactive_ms": med([m and m["interactive"] for m in marks]),
                "interactive_range_ms": spread([m and m["interactive"] for m in marks]),
                "missing_runs": sum(1 for m in marks if not m or m.get("interactive") is None),
            })
    nav = {key: med([s["navigation"].get(key) for s in samples])
           for key in ("first_contentful_paint", "dom_content_loaded", "load")}
    return {"runs": len(samples), "navigation_ms": nav, "items": items}
