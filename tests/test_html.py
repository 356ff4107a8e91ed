"""Checks on the built HTML and the sources that need no browser."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from helpers import PROJECT_ROOT, toc_files
from sco_course.book.sphinx_ext import needs_embed_manager

SOURCE_SKIP = {".venv", "node_modules", "_build", ".git"}


def html_pages(html_root: Path) -> list[Path]:
    return sorted(path for path in html_root.rglob("*.html") if "_static" not in path.parts)


def documents(page: Path):
    """The page's parsed HTML and that of every ``<iframe srcdoc>`` in it (Folium maps)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    yield soup
    for frame in soup.find_all("iframe", srcdoc=True):
        yield BeautifulSoup(frame["srcdoc"], "html.parser")


def off_machine_references(soup) -> list[str]:
    found = []
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in soup.find_all(tag, **{attribute: True}):
            url = urlparse(element[attribute])
            if url.scheme not in ("", "data") or url.netloc:
                found.append(f"<{tag} {attribute}={element[attribute]}>")
    return found


def source_notebooks() -> list[Path]:
    return sorted(
        path for path in PROJECT_ROOT.rglob("*.ipynb")
        if not SOURCE_SKIP.intersection(path.relative_to(PROJECT_ROOT).parts)
        and ".ipynb_checkpoints" not in path.parts
    )


def test_every_toc_entry_has_a_page(book_html):
    for document in toc_files(PROJECT_ROOT / "_toc.yml"):
        assert (book_html / f"{document}.html").is_file(), f"_toc.yml names {document}, which has no page"


@pytest.mark.parametrize("which", ["book", "fixture"])
def test_no_script_stylesheet_or_image_points_off_the_machine(which, book_html, fixture_book_html):
    root = book_html if which == "book" else fixture_book_html
    problems = {
        str(page.relative_to(root)): refs
        for page in html_pages(root)
        for soup in documents(page)
        if (refs := off_machine_references(soup))
    }
    assert not problems, problems


@pytest.mark.parametrize("which", ["book", "fixture"])
def test_every_image_has_alt_text(which, book_html, fixture_book_html):
    root = book_html if which == "book" else fixture_book_html
    missing = [
        f"{page.relative_to(root)}: {image.get('src', '')[:60]}"
        for page in html_pages(root)
        for soup in documents(page)
        for image in soup.find_all("img")
        if not image.get("alt", "").strip()
    ]
    assert not missing, missing


def test_no_page_loads_the_theme_icon_script(book_html):
    """Font Awesome's script (540 KB gzip) is left out; the theme's CSS and web font draw the icons."""
    loading = [
        str(page.relative_to(book_html))
        for page in html_pages(book_html)
        if any("fontawesome" in script["src"] for script in next(documents(page)).find_all("script", src=True))
    ]
    assert not loading, loading


def test_notebook_figures_are_vector_images(book_html):
    """Charts are SVG (``show_figures_as_svg``): sharp when zoomed and lighter than PNG."""
    figures = {
        f"{page.relative_to(book_html)}: {image['src']}"
        for page in html_pages(book_html)
        for image in next(documents(page)).select(".cell_output img")
    }
    assert figures, "no figures found in cell outputs: the selector is wrong"
    raster = sorted(figure for figure in figures if not figure.endswith(".svg"))
    assert not raster, raster


def widget_loaders(root: Path) -> dict[str, tuple[bool, set[str]]]:
    """Per page with widgets: whether its state needs the embed manager, and which loaders it loads."""
    loaders = {}
    for page in html_pages(root):
        soup = next(documents(page))
        state = soup.find("script", type="application/vnd.jupyter.widget-state+json")
        if state is None:
            continue
        sources = {script["src"].split("?")[0].rsplit("/", 1)[-1] for script in soup.find_all("script", src=True)}
        loaders[str(page.relative_to(root))] = (needs_embed_manager(json.loads(state.string)),
                                                sources & {"embed-amd.js", "sco-anywidget-static.js"})
    return loaders


@pytest.mark.parametrize("which", ["book", "fixture"])
def test_each_widget_page_loads_the_lighter_loader_that_can_draw_it(which, book_html, fixture_book_html):
    loaders = widget_loaders(book_html if which == "book" else fixture_book_html)
    assert loaders, "no page with widgets found"
    wrong = {page: found for page, (needs_manager, found) in loaders.items()
             if found != ({"embed-amd.js"} if needs_manager else {"sco-anywidget-static.js"})}
    assert not wrong, wrong


@pytest.mark.parametrize("which", ["book", "fixture"])
def test_the_embed_manager_is_copied_only_into_a_build_that_needs_it(which, book_html, fixture_book_html):
    root = book_html if which == "book" else fixture_book_html
    needed = any(needs_manager for needs_manager, _ in widget_loaders(root).values())
    assert needed == (which == "fixture")
    manager = root / "_static" / "sco-assets" / "@jupyter-widgets" / "html-manager" / "dist" / "embed-amd.js"
    assert manager.is_file() == needed
    assert (root / "_static" / "sco-assets" / "requirejs" / "require.js").is_file() == needed


def test_only_anywidgets_and_layouts_skip_the_embed_manager():
    def state(*models):
        return {"state": {str(i): {"model_module": module, "model_name": name} for i, (module, name) in enumerate(models)}}

    assert not needs_embed_manager(state(("anywidget", "AnyModel"), ("@jupyter-widgets/base", "LayoutModel")))
    assert needs_embed_manager(state(("anywidget", "AnyModel"), ("@jupyter-widgets/controls", "LinkModel")))
    assert needs_embed_manager(state(("@jupyter-widgets/controls", "IntSliderModel")))


def test_committed_notebooks_carry_no_outputs():
    notebooks = source_notebooks()
    assert notebooks, "no notebooks found: the search path is wrong"
    dirty = []
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if any(cell.get("outputs") or cell.get("execution_count") is not None for cell in cells if cell["cell_type"] == "code"):
            dirty.append(str(path.relative_to(PROJECT_ROOT)))
    assert not dirty, f"strip outputs from: {dirty}"


def test_off_machine_references_are_detected():
    soup = BeautifulSoup(
        '<script src="https://cdn.example/x.js"></script><link href="//cdn.example/x.css">'
        '<img src="local.png" alt="a"><script src="_static/local.js"></script>',
        "html.parser",
    )
    assert off_machine_references(soup) == [
        "<script src=https://cdn.example/x.js>",
        "<link href=//cdn.example/x.css>",
    ]
