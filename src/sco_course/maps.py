"""Folium maps that work in the static book with no network.

Folium's ``Map`` loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs
by default. :func:`offline_map` keeps only Leaflet and takes it from the
book's own ``_static`` folder (during a book build) or inlines it from
``node_modules`` (when an instructor runs the notebook live), and draws no
tile layer unless asked to.
"""

from __future__ import annotations

from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from sco_course.web_assets import (
    LEAFLET_CSS,
    LEAFLET_JS,
    STATIC_SUBDIR,
    book_source_dir,
    find_node_modules,
)


def static_prefix(book_source: Path, notebook_dir: Path) -> str:
    """URL prefix, relative to the built page, of ``_static/sco-assets/``.

    A Folium map is an ``<iframe srcdoc>``, whose relative URLs resolve
    against the page that holds it, so the prefix depends on how deep the
    notebook sits below the book's source folder.
    """
    try:
        depth = len(notebook_dir.resolve().relative_to(book_source.resolve()).parts)
    except ValueError:
        raise ValueError(f"Notebook folder {notebook_dir} is not inside the book source {book_source}") from None
    return "../" * depth + f"_static/{STATIC_SUBDIR}/"


class _PlainAttribution(MacroElement):
    """Replace Leaflet's attribution prefix (a flag icon and link) with plain text."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.setPrefix("Leaflet");
        {% endmacro %}"""
    )


def _inline_leaflet(figure) -> None:
    node_modules = find_node_modules(Path.cwd().resolve())
    css = (node_modules / LEAFLET_CSS).read_text(encoding="utf-8")
    js = (node_modules / LEAFLET_JS).read_text(encoding="utf-8")
    figure.header.add_child(Element(f"<style>{css}</style>"), name="leaflet_css")
    figure.header.add_child(Element(f"<script>{js}</script>"), name="leaflet")


def offline_map(**map_options) -> folium.Map:
    """A ``folium.Map`` with no tiles and only local Leaflet assets.

    Keyword arguments go to :class:`folium.Map`; ``tiles`` defaults to
    ``None`` so that drawing the map sends no request.
    """
    map_options.setdefault("tiles", None)
    fmap = folium.Map(**map_options)
    book_source = book_source_dir()
    if book_source is not None:
        prefix = static_prefix(book_source, Path.cwd())
        fmap.default_js = [("leaflet", prefix + LEAFLET_JS)]
        fmap.default_css = [("leaflet_css", prefix + LEAFLET_CSS)]
    else:
        fmap.default_js = []
        fmap.default_css = []
        _inline_leaflet(fmap.get_root())
    _PlainAttribution().add_to(fmap)
    return fmap
