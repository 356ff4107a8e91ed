"""Constants, targets and small helpers shared by the benchmark's modules."""

from __future__ import annotations

import gzip
import json
import os
import platform
import subprocess
import time
from pathlib import Path

from booktools.book import PROJECT_ROOT
from booktools.chromium import CHROMIUM

OUT_DIR = PROJECT_ROOT / "_build" / "bench"
NODE_MODULES = PROJECT_ROOT / "node_modules"
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


