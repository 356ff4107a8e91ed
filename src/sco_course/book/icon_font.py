"""A small Font Awesome font holding only the icons the built book uses.

The theme draws its icons with Font Awesome's solid web font (156 KB, on
every page). After a build, this module finds the icons in use (icon classes
in the HTML, and the glyphs the theme's stylesheets name themselves), writes
a subset of the font with just those glyphs, and a stylesheet that declares
it for their code points only (``unicode-range``). A browser then downloads
the full font only for an icon outside the subset, so an icon that the scan
missed still shows; it just costs the full download.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

FONT_FAMILY = "Font Awesome 6 Free"
# The TrueType copy of the same font: reading WOFF2 would need the Brotli module.
SOLID_FONT = Path("vendor") / "fontawesome" / "webfonts" / "fa-solid-900.ttf"
SUBSET_FONT = "fa-solid-subset.woff"

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_ICON_SELECTOR = re.compile(r"^\.(fa-[\w-]+):(?:before|after)$")
_QUOTED_VALUE = re.compile(r'(?:content|--[\w-]+):"([^"]*)"')
_ICON_CLASS = re.compile(r'class="([^"]*\bfa-[^"]*)"')
_PRIVATE_USE = range(0xE000, 0xF900)


def code_points(css_string: str) -> set[int]:
    """Private-use code points in a CSS string, written as escapes or as characters."""
    points = {int(match, 16) for match in re.findall(r"\\([0-9a-fA-F]{4,5})", css_string)}
    points.update(ord(char) for char in css_string if ord(char) in _PRIVATE_USE)
    return {point for point in points if point in _PRIVATE_USE}


def read_stylesheet(css: str) -> tuple[dict[str, set[int]], set[int]]:
    """(icon class -> code points, code points the stylesheet's other rules use)."""
    icons: dict[str, set[int]] = {}
    others: set[int] = set()
    for selectors, body in _RULE.findall(css):
        names = [_ICON_SELECTOR.match(selector.strip()) for selector in selectors.split(",")]
        values = _QUOTED_VALUE.findall(body)
        if all(names) and values:
            for name in names:
                icons[name.group(1)] = code_points(values[0])
        else:
            for value in values:
                others |= code_points(value)
    return icons, others


def icon_classes(html: str) -> set[str]:
    """The ``fa-*`` classes on the elements of a page."""
    return {token for classes in _ICON_CLASS.findall(html) for token in classes.split() if token.startswith("fa-")}


def glyphs_in_use(html_root: Path) -> set[int]:
    """Code points of the icons the built book at ``html_root`` shows."""
    icons: dict[str, set[int]] = {}
    used: set[int] = set()
    static = html_root / "_static"
    for stylesheet in sorted([*static.glob("*.css"), *static.glob("styles/*.css")]):
        found, others = read_stylesheet(stylesheet.read_text(encoding="utf-8"))
        icons.update(found)
        used |= others
    for page in html_root.rglob("*.html"):
        if "_static" in page.parts:
            continue
        for name in icon_classes(page.read_text(encoding="utf-8")):
            used |= icons.get(name, set())
    return used


def subset_font(font_file: Path, points: set[int]) -> bytes:
    """A WOFF font with only the glyphs for ``points`` from ``font_file``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    font = TTFont(font_file, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    font.flavor = "woff"
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=False)
    return buffer.getvalue()


def font_face_css(points: set[int], font_url: str) -> str:
    """An ``@font-face`` rule that serves ``points`` from the subset font."""
    ranges = ",".join(f"U+{point:04X}" for point in sorted(points))
    return (f'@font-face{{font-family:"{FONT_FAMILY}";font-style:normal;font-weight:900;font-display:block;'
            f'src:url({font_url}) format("woff");unicode-range:{ranges}}}\n')


def write_icon_subset(html_root: Path, target_dir: Path, css_name: str) -> set[int]:
    """Write the subset font and its stylesheet into ``target_dir``; return the code points kept."""
    points = glyphs_in_use(html_root)
    css = (font_face_css(points, SUBSET_FONT) if points else "").encode("utf-8")
    css_file, font_file = target_dir / css_name, target_dir / SUBSET_FONT
    # The stylesheet lists the glyphs, so an unchanged one means the font need not be made again.
    if css_file.is_file() and css_file.read_bytes() == css and (font_file.is_file() or not points):
        return points
    target_dir.mkdir(parents=True, exist_ok=True)
    css_file.write_bytes(css)
    if points:
        font_file.write_bytes(subset_font(html_root / "_static" / SOLID_FONT, points))
    return points
