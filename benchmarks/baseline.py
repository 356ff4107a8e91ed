"""A baseline: the same pages with the libraries' default CDN wiring, sized from the npm packages."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.common import (ANYWIDGET_LOADER, BOOK_ICON_FILES, DEFAULT_WIDGET_FILES, LEAFLET_CORE, NODE_MODULES,
                               STATIC_ASSETS, THEME_ICON_FILES, gzip_size, package_version)


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


