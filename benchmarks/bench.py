"""Performance benchmark of the course book: build times, page weight, time to interactive.

This is a benchmark, not a test: it measures this machine and writes a report;
it fails only if a build fails or the browser cannot open a page.

Run it with ``make bench`` (sets up the environment first), or directly::

    .venv/bin/python benchmarks/bench.py [--runs 3] [--keep] [--html DIR]

It writes ``_build/bench/report.md`` and ``_build/bench/report.json`` (and the
build logs beside them). It never writes to ``_build/html``: every build runs in
a fresh copy of the book's sources in a temporary folder, whose
``node_modules`` is a link to the project's. ``--html DIR`` skips the builds and
measures an already built site; ``--keep`` keeps the temporary copy.

What it measures:

1. Builds (``jupyter-book build . -n -W --keep-going``, as ``make book`` runs it):
   a clean build; a no-change rebuild; a rebuild after appending a space to a
   markdown cell of one chapter notebook; a rebuild after appending a comment
   to a code cell of the same notebook (one notebook is executed again); and,
   with both edits reverted, a build with a warm execution cache but no
   doctrees and no HTML, which costs everything a clean build does except
   running notebooks. The execution share of the clean build is given two ways:
   the per-notebook execution times that jupyter-cache records, and the clean
   build's time minus the warm-cache build's time. Peak memory comes from
   ``os.wait4`` (``ru_maxrss``: the largest single process, the build or one of
   its kernels) and from sampling the resident memory of the whole process tree
   every 0.1 s (build plus kernels at the same moment). Last, nbclient runs a
   notebook holding only ``pass`` and one holding only the imports the
   chapters share: the fixed cost each executed notebook pays.
2. Pages, in headless Chromium (``/usr/bin/chromium`` through Python
   playwright), the built site served on 127.0.0.1 by a threaded
   ``http.server`` (``tests/helpers.serve``), every request not to 127.0.0.1
   aborted and counted:

   * first visit: a new browser context per page of ``_toc.yml``; every
     response body is recorded once per URL, its gzip size computed with
     Python's ``gzip`` (level 6; a file that gzip would not make smaller, such
     as a woff2 font or a PNG, counts at its raw size, as servers send those
     uncompressed); the JavaScript share counts script responses;
   * later pages: one browser context visits the landing page, then every
     other page in table-of-contents order; a page's cost is what it fetches
     whose URL the context has not fetched before. Playwright turns Chromium's
     HTTP cache off while requests are routed (which is how off-machine
     requests are aborted), so the cache is modelled by URL: a file fetched
     once is free afterwards, as with the ``Cache-Control: max-age`` headers of
     common static hosts (a host that only allows revalidation adds one 304
     round trip per file, without a body);
   * time to interactive: a script added to every frame before the page's own
     scripts records, for each widget view (the ``.widget-subarea`` that the
     ipywidgets embed manager inserts before each view's script tag) and each
     Folium map (the ``<iframe srcdoc>``), when its control first has a size
     on screen (``.sco-tl-mark`` for a timeline, the first input of an
     explorer, the ``select`` of a dropdown, ``path.leaflet-interactive`` in a
     map), checked on every animation frame and every 50 ms ("drawn"), and
     when the next task after that runs ("interactive": the main thread is
     free to handle a click). Times are from navigation start
     (``performance.timeOrigin``); the median of ``--runs`` cold visits.
3. A baseline with the libraries' default CDN wiring, computed from npm
   packages installed by ``npm ci`` (see the report for how and its limits).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "tests"))
from helpers import serve, toc_files  # noqa: E402  (the tests' server and TOC reader)

OUT_DIR = PROJECT_ROOT / "_build" / "bench"
NODE_MODULES = PROJECT_ROOT / "node_modules"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
BUILD_COMMAND = ["build", ".", "-n", "-W", "--keep-going"]
BUILD_TIMEOUT = 900  # seconds, per build
COPY_SKIP = {".git", ".venv", "node_modules", "_build", ".pytest_cache", "__pycache__",
             ".ipynb_checkpoints", "tests", "benchmarks"}

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 900}
READY_TIMEOUT = 45.0  # seconds to wait for a page's widgets and maps
GZIP_LEVEL = 6
KB = 1000

# Targets the report is checked against.
TARGET_CLEAN_BUILD_S = 60.0
TARGET_NO_CHANGE_S = 5.0
TARGET_LATER_PAGE_GZIP = 100 * KB
MINIMAL_JB1_TEXT_PAGE_GZIP = 830 * KB  # a text-only page of a minimal JB1 book, for scale

STATIC_ASSETS = "_static/sco-assets/"
LEAFLET_CORE = ("leaflet/dist/leaflet.js", "leaflet/dist/leaflet.css")
# The theme's default icon files (its script and its full solid font), and the book's replacements for them.
THEME_ICON_FILES = ("scripts/fontawesome.js", "vendor/fontawesome/webfonts/fa-solid-900.woff2")
# What myst-nb's default widget wiring fetches for a page of anywidgets (npm package, file), and the
# book's small loader that replaces them on such pages.
DEFAULT_WIDGET_FILES = (("requirejs", "require.js"), ("@jupyter-widgets/html-manager", "dist/embed-amd.js"),
                        ("anywidget", "dist/index.js"))
ANYWIDGET_LOADER = "sco-anywidget-static.js"
BOOK_ICON_FILES = (f"{STATIC_ASSETS}fa-solid-subset.woff", f"{STATIC_ASSETS}sco-icon-font.css")

# Injected into every frame before its own scripts (see the module docstring, 2).
PROBE_JS = r"""
(() => {
  if (window.__scoBench) return;
  const S = window.__scoBench = {origin: performance.timeOrigin, marks: {}, top: window === window.top};
  const now = () => performance.timeOrigin + performance.now();
  const KINDS = [
    ["timeline", ".sco-timeline", ".sco-tl-mark"],
    ["explorer", ".sco-ex", "input, select"],
    ["choice views", ".sco-cv", "select"],
    ["dropdown", ".widget-dropdown", "select"],
    ["slider", ".widget-slider", ".noUi-handle, input"],
    ["widget", ".jupyter-widgets", "input, select, button, textarea, [tabindex], .widget-html-content"],
  ];
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  function mark(key, info) {
    if (S.marks[key]) return;
    const m = S.marks[key] = Object.assign({drawn: now()}, info);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { m.interactive = now(); };
    channel.port2.postMessage(null);
  }
  function checkWidgets() {
    const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
    S.views = views.length;
    views.forEach((script, index) => {
      const key = "widget-" + index;
      if (S.marks[key]) return;
      const area = script.previousElementSibling;
      if (!area || !area.classList.contains("widget-subarea")) return;
      for (const [kind, container, ready] of KINDS) {
        const box = area.querySelector(container);
        if (!box) continue;
        const control = Array.from(box.querySelectorAll(ready)).find(shown);
        if (control) mark(key, {kind: kind, selector: container + " " + ready.split(",")[0].trim()});
        return;
      }
    });
  }
  function checkMap() {
    const paths = document.querySelectorAll("path.leaflet-interactive");
    if (paths.length && Array.from(paths).some(shown)) {
      mark("map", {kind: "map", selector: "path.leaflet-interactive", paths: paths.length,
                   controls: document.querySelectorAll(".leaflet-control").length});
    }
  }
  const check = () => { try { S.top ? checkWidgets() : checkMap(); } catch (error) { S.error = String(error); } };
  const started = now();
  const frame = () => { check(); if (now() - started < 60000) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const timer = setInterval(() => { check(); if (now() - started > 60000) clearInterval(timer); }, 50);
})();
"""


# --- small helpers -------------------------------------------------------------

def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def gzip_size(body: bytes) -> int:
    """Bytes on the wire with gzip; files gzip cannot shrink are sent as they are."""
    return min(len(gzip.compress(body, compresslevel=GZIP_LEVEL)), len(body))


def short(path: str) -> str:
    """A file's name, with a long content hash shortened (Sphinx names images by their hash)."""
    name = Path(path).name
    stem, dot, suffix = name.rpartition(".")
    return f"{stem[:8]}….{suffix}" if dot and len(stem) > 24 else name


def kb(value: float | None) -> str:
    return "–" if value is None else f"{value / KB:,.1f}"


def pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def package_version(package: str) -> str | None:
    manifest = NODE_MODULES / package / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.is_file() else None


def machine_info() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "not found"
    versions = {}
    from importlib.metadata import PackageNotFoundError, version
    for name in ("jupyter-book", "sphinx", "myst-nb", "jupyter-cache", "pydata-sphinx-theme",
                 "sphinx-book-theme", "ipywidgets", "anywidget", "folium", "playwright"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(), "chromium": chromium, "packages": versions,
        "load_average_at_start": os.getloadavg(),
    }


def busy_cpu_seconds() -> tuple[float, float]:
    """(busy CPU seconds of the whole machine, CPU seconds of this process) so far."""
    import psutil
    import resource
    times = psutil.cpu_times()
    machine = sum(getattr(times, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq", "steal"))
    own = resource.getrusage(resource.RUSAGE_SELF)
    return machine, own.ru_utime + own.ru_stime


# --- builds --------------------------------------------------------------------

class TreeMemorySampler(threading.Thread):
    """Samples the resident memory of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_total = 0
        self._done = threading.Event()

    def run(self) -> None:
        import psutil
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._done.is_set():
            try:
                processes = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            total = 0
            for process in processes:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    pass
            self.peak_total = max(self.peak_total, total)
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join(timeout=5)


def copy_book(destination: Path) -> Path:
    """A fresh copy of the book's sources, with ``node_modules`` linked to the project's."""
    def skip(folder: str, names: list[str]) -> list[str]:
        # Also skips what is neither a file nor a folder, such as the IPC sockets of a running kernel.
        return [n for n in names if n in COPY_SKIP or not (os.path.isfile(os.path.join(folder, n))
                                                           or os.path.isdir(os.path.join(folder, n)))]

    shutil.copytree(PROJECT_ROOT, destination, ignore=skip)
    (destination / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    return destination


def cache_records(book: Path) -> dict[str, dict]:
    """jupyter-cache's records: notebook -> execution seconds and when it was cached."""
    cache_dir = book / "_build" / ".jupyter_cache"
    if not cache_dir.is_dir():
        return {}
    from jupyter_cache import get_cache
    records = {}
    for record in get_cache(cache_dir).list_cache_records():
        uri = Path(record.uri)
        try:
            uri = uri.relative_to(book)
        except ValueError:
            pass
        records[f"{record.pk}:{uri}"] = {
            "notebook": str(uri), "execution_seconds": (record.data or {}).get("execution_seconds"),
            "created": str(record.created),
        }
    return records


def run_build(book: Path, label: str) -> dict:
    """Build the book in ``book`` as ``make book`` does; time it and sample its memory."""
    before = cache_records(book)
    log_path = OUT_DIR / f"build-{label}.log"
    command = [str(JUPYTER_BOOK), *BUILD_COMMAND]
    log(f"build '{label}' ...")
    machine_before, self_before = busy_cpu_seconds()
    with open(log_path, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=book, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        sampler = TreeMemorySampler(process.pid)
        sampler.start()
        timer = threading.Timer(BUILD_TIMEOUT, lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        timer.cancel()
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    machine_after, self_after = busy_cpu_seconds()
    build_cpu = usage.ru_utime + usage.ru_stime
    # The build's kernels are reaped by the build, so its rusage covers its whole tree.
    others = (machine_after - machine_before) - build_cpu - (self_after - self_before)
    if process.returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"build '{label}' failed (exit {process.returncode}); log {log_path}:\n{tail}")
    after = cache_records(book)
    executed = sorted(record["notebook"] for key, record in after.items() if before.get(key) != record)
    log(f"build '{label}': {elapsed:.1f} s, {len(executed)} notebook(s) executed")
    return {
        "label": label, "wall_seconds": round(elapsed, 2),
        "cpu_seconds": round(build_cpu, 2), "other_processes_cpu_seconds": round(max(others, 0.0), 1),
        "max_rss_single_process_mib": round(usage.ru_maxrss / 1024, 1),
        "peak_rss_process_tree_mib": round(sampler.peak_total / 2**20, 1),
        "notebooks_executed": executed, "log": str(log_path.relative_to(PROJECT_ROOT)),
    }


def chapter_notebook(book: Path) -> Path:
    """The first notebook of the TOC inside a chapter folder (else the first notebook)."""
    notebooks = [book / f"{doc}.ipynb" for doc in toc_files(book / "_toc.yml") if (book / f"{doc}.ipynb").is_file()]
    if not notebooks:
        raise SystemExit("the table of contents names no notebook")
    nested = [nb for nb in notebooks if len(nb.relative_to(book).parts) >= 3]
    return (nested or notebooks)[0]


def edit_notebook(path: Path, cell_type: str, suffix: str) -> None:
    """Append ``suffix`` to the first cell of ``cell_type`` (markdown: a space; code: a comment)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if c["cell_type"] == cell_type)
    source = cell["source"]
    if isinstance(source, list):
        if source:
            source[-1] += suffix
        else:
            source.append(suffix)
    else:
        cell["source"] = source + suffix
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


FLOOR_IMPORTS = ("import pandas as pd\nimport matplotlib.pyplot as plt\nfrom IPython.display import HTML, Markdown\n"
                 "from myst_nb import glue\nfrom sco_course.data import load")


def measure_kernel_floor(book: Path, repeats: int = 2) -> dict:
    """What every executed notebook pays before its own work: a kernel, and the imports the chapters share."""
    import nbformat
    from nbclient import NotebookClient

    def run(source: str) -> float:
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        start = time.perf_counter()
        NotebookClient(notebook, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(book / "chapters")}}).execute()
        return time.perf_counter() - start

    empty = [run("pass") for _ in range(repeats)]
    imports = [run(FLOOR_IMPORTS) for _ in range(repeats)]
    log(f"kernel floor: empty notebook {min(empty):.1f} s, shared imports {min(imports):.1f} s")
    return {"empty_notebook_seconds": round(min(empty), 2), "imports_notebook_seconds": round(min(imports), 2),
            "imports": FLOOR_IMPORTS, "repeats": repeats}


def measure_builds(book: Path) -> dict:
    """The five builds of the module docstring, in order, in the copy at ``book``."""
    results = {"clean": run_build(book, "clean")}
    results["clean"]["execution_by_notebook"] = {
        record["notebook"]: record["execution_seconds"] for record in cache_records(book).values()
    }
    results["no_change"] = run_build(book, "no-change")

    notebook = chapter_notebook(book)
    original = notebook.read_bytes()
    results["edited_notebook"] = str(notebook.relative_to(book))
    edit_notebook(notebook, "markdown", " ")
    results["markdown_edit"] = run_build(book, "markdown-edit")
    edit_notebook(notebook, "code", "\n# edited by the benchmark")
    results["code_edit"] = run_build(book, "code-edit")
    notebook.write_bytes(original)

    shutil.rmtree(book / "_build" / "html")
    shutil.rmtree(book / "_build" / ".doctrees", ignore_errors=True)
    results["warm_cache"] = run_build(book, "warm-cache")

    results["kernel_floor"] = measure_kernel_floor(book)
    clean = results["clean"]
    recorded = sum(v for v in clean["execution_by_notebook"].values() if v)
    clean["execution_seconds_recorded"] = round(recorded, 2)
    clean["execution_seconds_by_difference"] = round(clean["wall_seconds"] - results["warm_cache"]["wall_seconds"], 2)
    return results


# --- pages in Chromium ----------------------------------------------------------

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
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
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


# --- baseline: the libraries' default CDN wiring -----------------------------------

def npm_file_for(url: str) -> tuple[str, str, str] | None:
    """(npm package, version the URL names, file in the package) for a CDN URL, if npm has it."""
    if match := re.match(r"https://cdn\.jsdelivr\.net/npm/((?:@[^/]+/)?[^@/]+)@([^/]+)/(.+)$", url):
        return match.group(1), match.group(2), match.group(3)
    if match := re.match(r"https://code\.jquery\.com/jquery-([\d.]+)\.min\.js$", url):
        return "jquery", match.group(1), "dist/jquery.min.js"
    if match := re.match(r"https://cdnjs\.cloudflare\.com/ajax/libs/Leaflet\.awesome-markers/([\d.]+)/(.+)$", url):
        # npm's "leaflet.awesome-markers" has no 2.0.2; drmonty-leaflet-awesome-markers repackages that release.
        folder = "js" if match.group(2).endswith(".js") else "css"
        return "drmonty-leaflet-awesome-markers", match.group(1), f"{folder}/{match.group(2)}"
    return None


def folium_default_assets() -> dict:
    """Sizes of the files a default ``folium.Map`` loads from CDNs, from the npm copies."""
    import folium

    assets, missing = [], []
    for name, url in [*folium.Map.default_js, *folium.Map.default_css]:
        found = npm_file_for(url)
        file = NODE_MODULES / found[0] / found[2] if found else None
        if not found or not file.is_file():
            missing.append({"name": name, "url": url,
                            "reason": "not published on npm" if not found else f"{found[0]}/{found[2]} not installed (npm ci)"})
            continue
        body = file.read_bytes()
        installed = package_version(found[0])
        assets.append({"name": name, "url": url, "npm": f"{found[0]}@{installed}", "file": found[2],
                       "wanted_version": found[1], "version_matches": installed == found[1],
                       "raw": len(body), "gzip": gzip_size(body), "leaflet_core": found[0] == "leaflet"})
    fonts_dir = NODE_MODULES / "@fortawesome" / "fontawesome-free" / "webfonts"
    webfonts = sorted(fonts_dir.glob("*.woff2")) if fonts_dir.is_dir() else []
    fonts = {"files": [p.name for p in webfonts], "raw": sum(p.stat().st_size for p in webfonts),
             "gzip": sum(gzip_size(p.read_bytes()) for p in webfonts)}
    return {"assets": assets, "not_counted": missing, "fontawesome_webfonts_woff2": fonts,
            "raw": sum(a["raw"] for a in assets), "gzip": sum(a["gzip"] for a in assets)}


def mystnb_default_widget_scripts() -> list[dict]:
    """The scripts myst-nb loads from CDNs for widgets by default, and the versions we serve instead."""
    from myst_nb.core.config import ipywidgets_js_factory

    ours = {"requirejs": package_version("requirejs"), "@jupyter-widgets/html-manager":
            package_version("@jupyter-widgets/html-manager")}
    scripts = []
    for url in ipywidgets_js_factory():
        if "require" in url:
            package, version = "requirejs", re.search(r"/([\d.]+)/", url).group(1)
        else:
            package, version = "@jupyter-widgets/html-manager", re.search(r"@([\d.]+)/", url).group(1)
        scripts.append({"url": url, "package": package, "default_version": version, "our_version": ours[package],
                        "same_version": version == ours[package], "minified": ".min." in url})
    return scripts


def theme_icon_files() -> list[dict]:
    """The theme's Font Awesome script and full solid font, which its defaults load on every page, sized."""
    import pydata_sphinx_theme

    static = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    files = []
    for relative in THEME_ICON_FILES:
        body = (static / relative).read_bytes()
        compressed = len(body) if relative.endswith(".woff2") else gzip_size(body)
        files.append({"path": f"_static/{relative}", "raw": len(body), "gzip": compressed})
    return files


def default_widget_files() -> list[dict]:
    """The scripts the default widget wiring fetches on a page of anywidgets, sized from the npm copies."""
    files = []
    for package, relative in DEFAULT_WIDGET_FILES:
        body = (NODE_MODULES / package / relative).read_bytes()
        files.append({"path": f"{package}/{relative}", "raw": len(body), "gzip": gzip_size(body)})
    return files


def baseline(pages: dict, folium_defaults: dict, icon_files: list[dict], widget_files: list[dict]) -> dict:
    """Per page: our first-visit bytes and the same page with the default CDN wiring."""
    rows = {}
    for document, data in pages.items():
        files = data["first_visit"]["files"]
        maps = sum(1 for item in data["timing"]["items"] if item["what"].startswith("map"))
        ours_leaflet = [f for f in files if f["path"].startswith(STATIC_ASSETS) and f["path"].endswith(LEAFLET_CORE)]
        ours = {"raw": data["first_visit"]["raw"], "gzip": data["first_visit"]["gzip"]}
        base = dict(ours)
        if maps:
            base = {key: base[key] - sum(f[key] for f in ours_leaflet) + folium_defaults[key] for key in ("raw", "gzip")}
        loaded = {f["path"] for f in files}
        widgets = any(item["what"].startswith("widget") for item in data["timing"]["items"])
        if widgets and not any(path.endswith("embed-amd.js") for path in loaded):
            ours_loader = [f for f in files if f["path"].endswith(ANYWIDGET_LOADER)]
            base = {key: base[key] + sum(f[key] for f in widget_files) - sum(f[key] for f in ours_loader)
                    for key in ("raw", "gzip")}
        swap_in = [f for f in icon_files if f["path"] not in loaded]
        swap_out = [f for f in files if f["path"] in BOOK_ICON_FILES]
        base = {key: base[key] + sum(f[key] for f in swap_in) - sum(f[key] for f in swap_out) for key in ("raw", "gzip")}
        rows[document] = {"maps": maps, "ours": ours, "baseline": base,
                          "ours_leaflet": {k: sum(f[k] for f in ours_leaflet) for k in ("raw", "gzip")},
                          "heavier_than_baseline": ours["gzip"] > base["gzip"] or ours["raw"] > base["raw"]}
    return rows


# --- report --------------------------------------------------------------------

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
        slow = sorted(clean["execution_by_notebook"].items(), key=lambda kv: -(kv[1] or 0))[:3]
        results.append(target(
            f"clean build under {TARGET_CLEAN_BUILD_S:.0f} s", clean["wall_seconds"] < TARGET_CLEAN_BUILD_S,
            seconds(clean["wall_seconds"]),
            why=(f"running the notebooks takes {seconds(clean['execution_seconds_by_difference'])} of it "
                 f"(jupyter-cache records {seconds(clean['execution_seconds_recorded'])}; slowest: "
                 + ", ".join(f"{Path(n).stem} {v:.1f} s" for n, v in slow if v) + "); the rest (reading, "
                 f"writing, copying assets) is {seconds(builds['warm_cache']['wall_seconds'])}"),
            fix=(f"the {len(clean['execution_by_notebook'])} notebooks run one after another and each pays about "
                 f"{seconds((builds.get('kernel_floor') or {}).get('imports_notebook_seconds'))} for a kernel and the "
                 "shared imports before its own work, so fewer, longer notebooks or lighter imports at the top of "
                 "each notebook cut the most; executing the notebooks two at a time "
                 "(the machine has 2 cores and the build uses one) before the build, into the same jupyter-cache, "
                 "is an option to evaluate; keeping _build/.jupyter_cache between CI runs brings a build down to "
                 f"the warm-cache {seconds(builds['warm_cache']['wall_seconds'])}")))
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


def render_markdown(report: dict) -> str:
    lines: list[str] = []
    add = lines.append
    machine = report["machine"]
    add("# Performance benchmark of the course book")
    add("")
    add(f"Run {report['started']} in {report['duration_seconds']:.0f} s on {machine['cores']} cores "
        f"({machine['cpu']}), {machine['memory_gib']} GiB; Python {machine['python']}; {machine['chromium']}. "
        f"Load average at start {', '.join(f'{x:.2f}' for x in machine['load_average_at_start'])}, at end "
        f"{', '.join(f'{x:.2f}' for x in report['load_average_at_end'])} (other work on the machine slows builds). "
        f"Packages: " + ", ".join(f"{k} {v}" for k, v in machine["packages"].items() if v) + ".")
    add("")
    builds = report.get("builds")
    if builds:
        runs = [b for b in builds.values() if isinstance(b, dict) and "other_processes_cpu_seconds" in b]
        others = sum(b["other_processes_cpu_seconds"] for b in runs)
        share = others / max(sum(b["wall_seconds"] for b in runs), 1.0)
        add("")
        add(f"While the book was being built, other processes on the machine used {others:,.0f} CPU seconds, "
            f"{share:.2f} of a core on average.")
        if share > 0.25:
            add("**The machine was busy with other work during this run**: wall times (and probably the times "
                "to interactive) are inflated and vary more than on an idle machine; CPU times and bytes are not "
                "affected.")
    add("")
    add("Regenerate with `make bench`; method in `benchmarks/bench.py`'s docstring and below. "
        "Sizes in KB are 1000 bytes; \"gzip\" is the body compressed with Python's gzip at level 6.")
    add("")

    add("## Targets")
    add("")
    add("| target | measured | met? | why missed, and what would fix it |")
    add("| --- | --- | --- | --- |")
    for t in report["targets"]:
        explanation = "" if t["met"] else f"{t['why']}. Fix: {t['fix']}."
        verdict = ("met" if t["met"] else "met with shared files cached; **missed** read in order"
                   if t.get("met_with_shared_cached") else "**missed**")
        add(f"| {t['target']} | {t['measured']} | {verdict} | {explanation} |")
    add("")

    builds = report.get("builds")
    if builds:
        add("## Build times")
        add("")
        add(f"Each build is `jupyter-book {' '.join(BUILD_COMMAND)}` in a fresh copy of the sources "
            "(temporary folder), one after another. Peak memory: `ru_maxrss` of the largest single process "
            "(the build or a kernel, from `os.wait4`) and the sampled peak of the whole process tree.")
        add("")
        add("| build | wall time | CPU time | notebooks executed | peak RSS, one process | peak RSS, process tree |")
        add("| --- | --- | --- | --- | --- | --- |")
        names = {"clean": "clean (empty _build)", "no_change": "no-change rebuild",
                 "markdown_edit": f"after a space added to a markdown cell of {builds['edited_notebook']}",
                 "code_edit": "after a comment added to a code cell of the same notebook",
                 "warm_cache": "warm execution cache, no doctrees, no HTML (edits reverted)"}
        for key, name in names.items():
            b = builds[key]
            add(f"| {name} | {seconds(b['wall_seconds'])} | {seconds(b['cpu_seconds'])} | "
                f"{len(b['notebooks_executed'])} | {b['max_rss_single_process_mib']:.0f} MiB | "
                f"{b['peak_rss_process_tree_mib']:.0f} MiB |")
        clean = builds["clean"]
        add("")
        add(f"Where the clean build's {seconds(clean['wall_seconds'])} go: running notebooks "
            f"{seconds(clean['execution_seconds_by_difference'])} by difference (clean minus warm-cache build; "
            f"includes starting a kernel per notebook) and {seconds(clean['execution_seconds_recorded'])} as "
            f"recorded by jupyter-cache ({pct(clean['execution_seconds_recorded'], clean['wall_seconds'])} of the "
            f"build); everything else (Sphinx reading and writing, bibliography, copying assets) "
            f"{seconds(builds['warm_cache']['wall_seconds'])}.")
        add("")
        floor = builds.get("kernel_floor")
        if floor:
            count = len(clean["execution_by_notebook"])
            add(f"Fixed cost per notebook, measured with nbclient outside the build: a notebook holding only `pass` "
                f"takes {seconds(floor['empty_notebook_seconds'])} (start and stop a kernel); one holding only the "
                f"imports the chapters share (pandas, matplotlib, IPython.display, myst_nb.glue, sco_course.data) "
                f"{seconds(floor['imports_notebook_seconds'])}. The {count} notebooks thus spend about "
                f"{seconds(count * floor['imports_notebook_seconds'])} of the execution time before their own work. "
                f"JB1 runs Sphinx with one job, so notebooks execute one after another: the clean build used "
                f"{seconds(clean['cpu_seconds'])} of CPU in {seconds(clean['wall_seconds'])}, "
                f"{clean['cpu_seconds'] / clean['wall_seconds']:.1f} of the {report['machine']['cores']} cores on "
                f"average; on an idle machine its wall time would be a little above its CPU time.")
            add("")
        add("| notebook | execution (jupyter-cache) |")
        add("| --- | --- |")
        for notebook, value in sorted(clean["execution_by_notebook"].items(), key=lambda kv: -(kv[1] or 0)):
            add(f"| {notebook} | {seconds(value)} |")
        add("")

    page_data = report.get("pages")
    if page_data:
        pages = page_data["pages"]
        add("## What a first-time reader downloads, per page")
        add("")
        add("New browser context per page (empty cache), every response recorded once per URL. JS = script "
            "responses (inline scripts, widget state and map `srcdoc` count as HTML). Requests leaving the "
            "machine were aborted and are counted; there should be none.")
        add("")
        add("| page | requests | raw KB | gzip KB | JS share (gzip) | page HTML gzip KB | widgets | maps | "
            "off-machine requests | failed requests | page errors |")
        add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for document in page_data["documents"]:
            p = pages[document]
            first = p["first_visit"]
            html = sum(f["gzip"] for f in first["files"] if f["category"] == "page HTML")
            items = p["timing"]["items"]
            add(f"| {document} | {first['requests']} | {kb(first['raw'])} | {kb(first['gzip'])} | "
                f"{pct(first['js_gzip'], first['gzip'])} | {kb(html)} | "
                f"{sum(1 for i in items if i['what'].startswith('widget'))} | "
                f"{sum(1 for i in items if i['what'].startswith('map'))} | {len(p['external_requests'])} | "
                f"{len(p['failed_requests'])} | {len(p['page_errors'])} |")
        add("")
        add(f"For scale: a text-only page of a minimal JB1 book costs a first-time reader about "
            f"{MINIMAL_JB1_TEXT_PAGE_GZIP / KB:.0f} KB gzip. Where this book's bytes go:")
        add("")
        for line in shared_costs(page_data):
            add(f"- {line}")
        add("")
        add("### What the reader pays for (gzip KB by kind of file)")
        add("")
        categories = CATEGORIES
        add("| page | " + " | ".join(categories) + " | largest files |")
        add("| --- | " + " | ".join("---" for _ in categories) + " | --- |")
        for document in page_data["documents"]:
            files = pages[document]["first_visit"]["files"]
            sums = [sum(f["gzip"] for f in files if f["category"] == c) for c in categories]
            top = ", ".join(f"{short(f['path'])} {kb(f['gzip'])}" for f in files[:3])
            add(f"| {document} | " + " | ".join(kb(s) for s in sums) + f" | {top} |")
        add("")
        add("### The largest files, site-wide")
        add("")
        add("| file | kind | raw KB | gzip KB | JS | pages loading it |")
        add("| --- | --- | --- | --- | --- | --- |")
        for entry in report["largest_assets"][:15]:
            add(f"| {entry['path']} | {entry['category']} | {kb(entry['raw'])} | {kb(entry['gzip'])} | "
                f"{'yes' if entry['js'] else ''} | {entry['pages']} of {len(pages)} |")
        add("")

        add("## Later pages, once the shared assets are cached")
        add("")
        add("One browser context visits the landing page, then every page in table-of-contents order; a page "
            "costs what it fetches whose URL the context had not fetched before (Playwright turns Chromium's HTTP "
            "cache off while it routes requests, so the cache is modelled by URL, as a host sending "
            "`Cache-Control: max-age` would behave). \"Own files\" counts only the files that no other page loads: "
            "the page's cost once every shared file is cached, whichever page fetched it first. The last column "
            "gives the worst case for each page: only the landing page was read before.")
        add("")
        own = page_own_bytes(pages)
        add(f"| page | new requests | new raw KB | new gzip KB | under {TARGET_LATER_PAGE_GZIP / KB:.0f} KB? | "
            "largest new files | own files: gzip KB | after the landing page only: gzip KB |")
        add("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for document in page_data["documents"]:
            later = pages[document]["after_previous_pages"]
            only = pages[document]["after_landing_only"]
            verdict = "landing page" if later["position"] == 0 else (
                "yes" if later["gzip"] < TARGET_LATER_PAGE_GZIP else "**no**")
            top = ", ".join(f"{short(f['path'])} {kb(f['gzip'])}" for f in later["files"][:3])
            add(f"| {document} | {later['requests']} | {kb(later['raw'])} | {kb(later['gzip'])} | {verdict} | "
                f"{top} | {kb(own[document]['gzip'])} | {kb(only['gzip'])} |")
        add("")
        add(f"Off-machine requests in this sequence: {len(page_data['sequential_external_requests'])}.")
        add("")

        add("## Time until each widget and map is drawn and interactive")
        add("")
        add("From navigation start, served from 127.0.0.1, cold visit (new context). \"Drawn\": the control first "
            "has a size on screen (checked each animation frame and every 50 ms); \"interactive\": the next task "
            "after that ran, so a click would be handled. Median of the runs, range of \"interactive\" in brackets.")
        add("")
        add("| page | runs | first contentful paint | load event | widget or map | waits for | drawn | "
            "interactive |")
        add("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for document in page_data["documents"]:
            timing = pages[document]["timing"]
            if not timing["items"]:
                continue
            nav = timing["navigation_ms"]
            for index, item in enumerate(timing["items"]):
                lead = (f"| {document} | {timing['runs']} | {ms(nav['first_contentful_paint'])} | {ms(nav['load'])} "
                        if index == 0 else "| | | | ")
                spread = item["interactive_range_ms"]
                missing = f" ({item['missing_runs']} run(s) never ready)" if item["missing_runs"] else ""
                add(lead + f"| {item['what']} | `{item['selector']}` | {ms(item['drawn_ms'])} | "
                    f"{ms(item['interactive_ms'])} [{ms(spread[0]) if spread else '–'}–"
                    f"{ms(spread[1]) if spread else '–'}]{missing} |")
        add("")

    base = report.get("baseline")
    if base:
        defaults = report["folium_defaults"]
        add("## Baseline: the same pages with the libraries' default CDN wiring")
        add("")
        add("| page | widgets | maps | ours raw KB | baseline raw KB | ours gzip KB | baseline gzip KB | "
            "difference gzip KB |")
        add("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for document, row in base.items():
            diff = row["ours"]["gzip"] - row["baseline"]["gzip"]
            widgets = sum(1 for i in report["pages"]["pages"][document]["timing"]["items"] if i["what"].startswith("widget"))
            add(f"| {document} | {widgets} | {row['maps']} | {kb(row['ours']['raw'])} | {kb(row['baseline']['raw'])} | "
                f"{kb(row['ours']['gzip'])} | {kb(row['baseline']['gzip'])} | {'+' if diff > 0 else ''}{kb(diff)} |")
        add("")
        add("How the baseline is computed:")
        add("")
        add("- Pages with a map: our first-visit bytes, minus the Leaflet JS and CSS we serve from "
            "`_static/sco-assets`, plus the files a default `folium.Map` (Folium "
            f"{report['machine']['packages'].get('folium')}) loads from CDNs, sized from the npm packages of the "
            "same names and versions installed by `npm ci` (devDependencies):")
        add("")
        add("  | Folium asset | npm file | raw KB | gzip KB | note |")
        add("  | --- | --- | --- | --- | --- |")
        for asset in defaults["assets"]:
            note = "" if asset["version_matches"] else f"Folium names {asset['wanted_version']}; sized with the installed version"
            if asset["npm"].startswith("drmonty-"):
                note = "npm's `leaflet.awesome-markers` has no 2.0.2; this package repackages that release"
            add(f"  | {asset['name']} | {asset['npm']}/{asset['file']} | {kb(asset['raw'])} | {kb(asset['gzip'])} | {note} |")
        for missing in defaults["not_counted"]:
            add(f"  | {missing['name']} | – | 0 | 0 | not counted: {missing['reason']} ({missing['url']}) |")
        add(f"  | **total** | | {kb(defaults['raw'])} | {kb(defaults['gzip'])} | |")
        add("")
        fonts = defaults["fontawesome_webfonts_woff2"]
        add(f"- Font Awesome's webfonts ({len(fonts['files'])} woff2 files, {kb(fonts['raw'])} KB) are left out: a "
            "browser downloads a font only when a glyph needs it, and the course maps draw no Font Awesome icon. A "
            "map with icon markers would add them.")
        widget_files = report["default_widget_files"]
        add("- Pages with widgets: myst-nb's default wiring loads RequireJS and the ipywidgets embed manager from "
            "CDNs, and the embed manager fetches anywidget's front-end module from a CDN. On pages whose widgets are "
            "all anywidgets the book loads its own small loader instead; there the baseline adds "
            + ", ".join(f"`{f['path']}` ({kb(f['gzip'])} KB gzip)" for f in widget_files)
            + ", sized from the npm copies, and takes the book's loader out. It leaves out the icon font the embed "
            "manager also fetched (78 KB in this book's earlier measurements), so the saving it shows is a lower "
            "bound. On pages with standard ipywidgets the book serves the same embed manager, so the baseline "
            "counts the same bytes. The default URLs and versions:")
        for script in report["mystnb_default_widget_scripts"]:
            add(f"  - {script['url']}: {script['package']} {script['default_version']}"
                f"{' (minified)' if script['minified'] else ''}; we serve {script['our_version']}"
                f"{'' if script['same_version'] else ' (a different version)'}.")
        add("  Measured once outside this benchmark (npm, 2026-11-26): html-manager 1.0.6's `dist/embed-amd.js` is "
            "4,377,864 bytes raw, 1,130 KB gzip, against 3,629 KB raw and 916 KB gzip for the 1.0.15 sized here, so the "
            "real default is about 215 KB gzip heavier than the baseline shows on widget pages; cdnjs's minified require.js 2.3.4 would be "
            "lighter than our unminified 2.3.8 (87 KB raw, 21 KB gzip). Adding html-manager 1.0.6 to the "
            "devDependencies to size it here would double `node_modules` (its JupyterLab 3 dependencies), so it "
            "is not.")
        script, font = report["theme_icon_files"]
        add(f"- Every page: the theme's defaults load Font Awesome's script (`{script['path']}`, {kb(script['raw'])} KB "
            f"raw, {kb(script['gzip'])} KB gzip), which turns each icon into an inline SVG, and its full solid font "
            f"(`{font['path']}`, {kb(font['raw'])} KB), both sized from the installed theme. The book leaves the "
            "script out (`src/sco_course/templates/`), since the theme's stylesheet draws the same icons with the web "
            "font, and serves a subset of the font with only the icons the book uses (`sco_course.icon_font`). The "
            "baseline adds the script and the full font back and takes the subset and its stylesheet out.")
        add("- Otherwise the default wiring loads the same theme files, so the rest of the baseline equals our bytes.")
        add("- Limits: CDN responses would come with their own compression (often Brotli, smaller than gzip) and "
            "could already be in a reader's cache from another site (browsers partition caches per site since "
            "2020, so in practice they are not); map tiles are not counted in either (the course maps draw none "
            "by default); Leaflet's version is that of the npm package we ship when Folium names another.")
        add("")
    return "\n".join(lines) + "\n"


# --- main ----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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
