"""The front-end files the built book serves from its own ``_static`` folder.

Every file comes from an npm package installed by ``npm ci`` (see
``package.json``); nothing is fetched from a CDN. The Sphinx extension in
:mod:`sco_course.book.sphinx_ext` copies them into ``_static/sco-assets/`` and the
map builder points Folium at the same copies.
"""

from __future__ import annotations

import os
from pathlib import Path

STATIC_SUBDIR = "sco-assets"
"""Folder under ``_static`` that holds the copied npm files (not ``vendor``,
which pydata-sphinx-theme already uses)."""

NPM_FILES: dict[str, tuple[str, ...]] = {
    "requirejs": ("require.js",),
    "@jupyter-widgets/html-manager": ("dist/embed-amd.js", "dist/*.woff2", "dist/*.woff", "dist/*.ttf", "dist/*.eot", "dist/*.svg"),
    "anywidget": ("dist/index.js",),
    "leaflet": ("dist/leaflet.js", "dist/leaflet.css", "dist/images/*.png"),
}
"""npm package -> glob patterns of the files the book needs from it."""

EMBED_MANAGER_PACKAGES = frozenset({"requirejs", "@jupyter-widgets/html-manager"})
"""The packages only a page with standard ipywidgets needs (the embed manager);
a build copies them only when one of its pages has such widgets."""

PACKAGE_WEB_DIR = Path(__file__).parent / "web"
"""The course's own front-end files (not from npm)."""

LEAFLET_JS = "leaflet/dist/leaflet.js"
LEAFLET_CSS = "leaflet/dist/leaflet.css"

BOOK_SOURCE_ENV = "SCO_COURSE_BOOK_SOURCE"
"""Set by the Sphinx extension to the book's source folder, so that notebooks
executed during a book build (in kernels started by the build) link assets
from ``_static`` instead of inlining them."""


class MissingWebAssets(RuntimeError):
    """Raised when the npm packages the book needs are not installed."""


def find_node_modules(start: Path) -> Path:
    """Return the nearest ``node_modules`` folder at or above ``start``."""
    for folder in (start, *start.parents):
        candidate = folder / "node_modules"
        if candidate.is_dir():
            return candidate
    raise MissingWebAssets(
        f"No node_modules folder found at or above {start}. "
        "The book serves its JavaScript locally from npm packages: run `npm ci` "
        "in the project root (`make book` does this)."
    )


def npm_asset_files(node_modules: Path) -> list[Path]:
    """List every file the book needs from ``node_modules``, relative to it.

    Raises :class:`MissingWebAssets` naming the first package or file that is
    missing, so a build never silently ships a page without its scripts.
    """
    found: list[Path] = []
    for package, patterns in NPM_FILES.items():
        package_dir = node_modules / package
        if not package_dir.is_dir():
            raise MissingWebAssets(
                f"npm package '{package}' is not installed in {node_modules}. Run `npm ci`."
            )
        for pattern in patterns:
            matches = sorted(package_dir.glob(pattern))
            if not matches:
                raise MissingWebAssets(
                    f"{package_dir / pattern} matched no file; reinstall with `npm ci`."
                )
            found.extend(path.relative_to(node_modules) for path in matches)
    return found


def npm_package(relative: Path) -> str:
    """The npm package a file (relative to ``node_modules``) belongs to: '@scope/name' or 'name'."""
    parts = relative.parts
    return "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]


def book_source_dir() -> Path | None:
    """The source folder of the book being built, or None outside a build."""
    value = os.environ.get(BOOK_SOURCE_ENV)
    return Path(value) if value else None
