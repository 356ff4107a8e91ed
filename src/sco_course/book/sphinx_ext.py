"""Sphinx extension that makes the book's interactive outputs work offline.

* Serves the widget libraries from ``_static/sco-assets`` instead of a CDN
  (the ``nb_ipywidgets_js`` setting of myst-nb).
* Copies the npm files listed in :mod:`sco_course.book.web_assets` into the build.
* Marks the environment so that notebooks executed by the build link map
  assets from ``_static`` (see :func:`sco_course.book.web_assets.book_source_dir`).
* Adds small accessibility repairs to the theme's pages (``web/a11y.js``,
  ``web/book.css``).
* Leaves out the theme's Font Awesome script (``templates/``): the theme's
  stylesheet draws the same icons with Font Awesome's web font, of which the
  book serves a subset with only the icons it uses (:mod:`sco_course.book.icon_font`).
* On pages whose widgets are all anywidgets, replaces the ipywidgets embed
  manager (about 0.9 MB gzip) with ``web/anywidget-static.js``, which draws
  them from the saved widget state; the embed manager is copied into the
  build only if a page needs it (the course's pages do not; the fixture
  book's standard-widget page does).
* Gives every page the book's icon (``web/favicon.svg``, and ``favicon.ico``
  at the root for browsers that ask for it) and a "Cite" button leading to the
  landing page's citation, made from ``CITATION.cff``.
* One setting publishes the book with its repository: ``repository: url:`` in
  ``_config.yml``, or the environment variable ``SCO_COURSE_REPOSITORY_URL``
  (which wins; ``SCO_COURSE_REPOSITORY_BRANCH`` likewise for ``branch:``).
  With an address, every page's header has a repository button, the citation
  names the repository, and notebook pages have the theme's launch buttons
  (Binder, and JupyterHub if ``launch_buttons: jupyterhub_url:`` is set);
  without one, none of these (:func:`publishing_options`).
* Writes the book's root ``index.html`` as a titled page that redirects to
  the landing page (sphinx-external-toc's redirect has no title or language).
* Numbers exercises from 1 in each chapter (:func:`number_exercises_per_chapter`).
* Drops duplicate ``<script>`` entries that Sphinx would otherwise emit twice
  (a duplicated inline ``THEBE_JS_URL`` declaration errors in the console).
"""

from __future__ import annotations

import html
import json
import os
import shutil
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms.post_transforms import SphinxPostTransform

from sco_course.book import inline_eval
from sco_course.book.icon_font import write_icon_subset
from sco_course.book.web_assets import (
    BOOK_SOURCE_ENV,
    EMBED_MANAGER_PACKAGES,
    PACKAGE_WEB_DIR,
    STATIC_SUBDIR,
    MissingWebAssets,
    find_node_modules,
    npm_asset_files,
    npm_package,
)

REQUIRE_CONFIG = "sco-require-config.js"
A11Y_REPAIRS = "sco-a11y.js"
BOOK_CSS = "sco-book.css"
PRINT_CSS = "sco-print.css"
ANYWIDGET_STATIC = "sco-anywidget-static.js"
ICON_FONT_CSS = "sco-icon-font.css"
FAVICON_SVG = PACKAGE_WEB_DIR / "favicon.svg"
FAVICON_ICO = PACKAGE_WEB_DIR / "favicon.ico"
REPOSITORY_URL_ENV = "SCO_COURSE_REPOSITORY_URL"
REPOSITORY_BRANCH_ENV = "SCO_COURSE_REPOSITORY_BRANCH"
REPOSITORY_LAUNCH_SERVICES = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url")
"""The theme's launch services that open a notebook from the repository (the theme fails without one)."""
CITATION_FILE = "CITATION.cff"
CITATION_SECTION = "citing-and-reusing-the-module"
"""The anchor of the landing page's section on citing the book (its heading's slug)."""
TEMPLATES_DIR = Path(__file__).parent / "templates"
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"
# Models the static anywidget loader can stand in for: anywidgets, and the
# layout model every widget references (the loader leaves layouts at their defaults).
LIGHT_LOADER_MODELS = {("anywidget", "AnyModel"), ("@jupyter-widgets/base", "LayoutModel")}


def widget_scripts() -> dict[str, dict]:
    """The three scripts, in load order, that render embedded widget state."""
    return {
        f"{STATIC_SUBDIR}/requirejs/require.js": {},
        f"{STATIC_SUBDIR}/{REQUIRE_CONFIG}": {},
        f"{STATIC_SUBDIR}/@jupyter-widgets/html-manager/dist/embed-amd.js": {},
    }


def _configure(app: Sphinx, config) -> None:
    try:
        node_modules = find_node_modules(Path(app.srcdir).resolve())
        app.sco_npm_files = npm_asset_files(node_modules)
    except MissingWebAssets as error:
        raise ExtensionError(str(error)) from None
    app.sco_node_modules = node_modules
    config.nb_ipywidgets_js = widget_scripts()
    config.templates_path = [str(TEMPLATES_DIR), *config.templates_path]
    config.html_favicon = config.html_favicon or str(FAVICON_SVG)
    config.html_theme_options = publishing_options(config.html_theme_options, os.environ)
    citation = Path(app.srcdir) / CITATION_FILE
    if citation.is_file():
        metadata = yaml.safe_load(citation.read_text(encoding="utf-8"))
        repository = config.html_theme_options["repository_url"]
        config.myst_substitutions = {**config.myst_substitutions,
                                     "course_citation": course_citation(metadata, repository)}


def publishing_options(theme_options: dict, environ) -> dict:
    """The theme's options with the book's repository, if it has one, switched on or off as a whole.

    The repository's address is ``SCO_COURSE_REPOSITORY_URL`` if set, else
    ``repository: url:`` of ``_config.yml`` (``repository_url`` here); its
    branch likewise. With an address: the repository button and the launch
    services configured under ``launch_buttons``. Without: neither, whatever
    ``launch_buttons`` says, so that the default configuration can name
    mybinder.org and still build a book with no launch button.
    """
    options = dict(theme_options)
    url = (environ.get(REPOSITORY_URL_ENV, "").strip() or options.get("repository_url") or "").strip().rstrip("/")
    url = url.removesuffix(".git")
    branch = environ.get(REPOSITORY_BRANCH_ENV, "").strip() or options.get("repository_branch") or "main"
    options.update(repository_url=url, repository_branch=branch, use_repository_button=bool(url))
    if not url:
        options["launch_buttons"] = {**(options.get("launch_buttons") or {}),
                                     **{service: "" for service in REPOSITORY_LAUNCH_SERVICES}}
    return options


def course_citation(metadata: dict, repository: str = "") -> str:
    """How to cite the book, in Markdown, from the metadata of its ``CITATION.cff``.

    ``repository``, the address the book is published with, comes before the
    addresses the metadata may hold.
    """
    authors = "; ".join(author.get("name") or f"{author['family-names']}, {author['given-names']}"
                        for author in metadata["authors"])
    citation = f"{authors}. *{metadata['title']}*, version {metadata['version']}."
    url = repository or metadata.get("repository-code") or metadata.get("url")
    return f"{citation} <{url}>" if url else citation


class KeepRepositoryAddress(SphinxPostTransform):
    """A link that shows the repository's address keeps showing all of it, as a citation must.

    pydata-sphinx-theme shortens the text of a GitHub or GitLab link that is its
    own address to ``org/repo`` (``ShortenLinkTransform``, priority 400); a link
    whose text is no longer a plain string is left alone.
    """

    default_priority = 390
    formats = ("html",)

    def run(self, **kwargs) -> None:
        address = self.config.html_theme_options.get("repository_url")
        if not address:
            return
        for reference in self.document.findall(nodes.reference):
            text = next(iter(reference.children), None)
            if isinstance(text, nodes.Text) and str(text) == reference.get("refuri") and str(text).startswith(address):
                reference.children[0] = nodes.inline(str(text), str(text))


def _add_header_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """A "Cite" button in each page's header; the repository button drawn with an icon the book serves.

    The book serves a subset of Font Awesome's solid icons only
    (:mod:`sco_course.book.icon_font`), not the brand icons the theme would use.
    """
    buttons = context.get("header_buttons")
    if buttons is None:
        return
    for button in buttons:
        if button.get("label") == "source-repository-button":
            button["icon"] = "fa-solid fa-code-branch"
    landing_page = "" if pagename == app.config.root_doc else context["pathto"](app.config.root_doc)
    buttons.append({
        "type": "link",
        "url": f"{landing_page}#{CITATION_SECTION}",
        "tooltip": "How to cite this book",
        "text": "Cite",
        "icon": "fa-solid fa-quote-left",
        "label": "cite-button",
    })
    os.environ[BOOK_SOURCE_ENV] = str(Path(app.srcdir).resolve())


def needs_embed_manager(widget_state: dict) -> bool:
    """Whether saved widget state holds a model that only the ipywidgets embed manager can draw."""
    models = widget_state.get("state", {}).values()
    return any((model.get("model_module"), model.get("model_name")) not in LIGHT_LOADER_MODELS for model in models)


def _choose_widget_loader(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    state_script = next((s for s in scripts or () if s.attributes.get("type") == WIDGET_STATE_TYPE), None)
    if state_script is None:
        return
    if needs_embed_manager(json.loads(state_script.attributes["body"])):
        app.sco_embed_manager_needed = True
        return
    # Sphinx stores the files added with add_js_file under _static/.
    embed_scripts = {f"_static/{path}" for path in widget_scripts()}
    scripts[:] = [script for script in scripts if str(script.filename or "") not in embed_scripts]
    app.add_js_file(f"{STATIC_SUBDIR}/{ANYWIDGET_STATIC}", loading_method="defer")


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.exists():
        source_stat, target_stat = source.stat(), target.stat()
        if source_stat.st_size == target_stat.st_size and source_stat.st_mtime <= target_stat.st_mtime:
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def _write_static_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target_dir = Path(app.outdir) / "_static" / STATIC_SUBDIR
    with_embed_manager = getattr(app, "sco_embed_manager_needed", False)
    for relative in app.sco_npm_files:
        if with_embed_manager or npm_package(relative) not in EMBED_MANAGER_PACKAGES:
            _copy_if_changed(app.sco_node_modules / relative, target_dir / relative)
    if with_embed_manager:
        _copy_if_changed(PACKAGE_WEB_DIR / "require-config.js", target_dir / REQUIRE_CONFIG)
    _copy_if_changed(PACKAGE_WEB_DIR / "a11y.js", target_dir / A11Y_REPAIRS)
    _copy_if_changed(PACKAGE_WEB_DIR / "book.css", target_dir / BOOK_CSS)
    _copy_if_changed(PACKAGE_WEB_DIR / "print.css", target_dir / PRINT_CSS)
    _copy_if_changed(PACKAGE_WEB_DIR / "anywidget-static.js", target_dir / ANYWIDGET_STATIC)
    _copy_if_changed(FAVICON_ICO, Path(app.outdir) / "favicon.ico")
    write_icon_subset(Path(app.outdir), target_dir, ICON_FONT_CSS)


def _name_the_book_once(app: Sphinx, exception: Exception | None) -> None:
    """The landing page, titled like the book, is not suffixed with the book's title again.

    Sphinx's layout template sets the suffix itself, so the page's context
    cannot drop it.
    """
    if exception is not None or app.builder.name != "html":
        return
    landing = Path(app.outdir) / f"{app.config.root_doc}.html"
    book_title = html.escape(app.config.html_title, quote=False)
    doubled = f"<title>{book_title} &#8212; {book_title}</title>"
    text = landing.read_text(encoding="utf-8")
    if doubled in text:
        landing.write_text(text.replace(doubled, f"<title>{book_title}</title>"), encoding="utf-8")


def redirect_page(title: str, target: str) -> str:
    """A page that sends its reader on to ``target`` at once, with a title and a link for those who wait."""
    title, target = html.escape(title), html.escape(target)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="Refresh" content="0; url={target}">\n'
        '<link rel="icon" href="favicon.ico">\n</head>\n'
        f'<body>\n<p><a href="{target}">{title}</a></p>\n</body>\n</html>\n'
    )


def _write_root_redirect(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    page = redirect_page(app.config.html_title or app.config.project, f"{app.config.root_doc}.html")
    index = Path(app.outdir) / "index.html"
    if not index.is_file() or index.read_text(encoding="utf-8") != page:
        index.write_text(page, encoding="utf-8")


def _drop_duplicate_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        # Inline scripts come with a filename of None or "" depending on who added them.
        key = (str(script.filename or ""), script.attributes.get("body"))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _descendants(env, docname: str) -> list[str]:
    found = []
    for child in env.toctree_includes.get(docname, []):
        found += [child, *_descendants(env, child)]
    return found


def number_exercises_per_chapter(app: Sphinx, env) -> list[str]:
    """Number exercises from 1 in each chapter (a top-level entry of the table of contents).

    Sphinx numbers them across the whole book, so that chapter 1's first
    exercise would be "Exercise 8". Runs after Sphinx has assigned the numbers
    (``env-get-updated``); headings, solutions and references all read them
    from ``env.toc_fignumbers``. Returns the pages whose numbers it set.
    """
    renumbered: set[str] = set()
    for chapter in env.toctree_includes.get(app.config.root_doc, []):
        entries = sorted(
            (number, docname, target)
            for docname in (chapter, *_descendants(env, chapter))
            for target, number in env.toc_fignumbers.get(docname, {}).get("exercise", {}).items()
        )
        for new_number, (_, docname, target) in enumerate(entries, start=1):
            env.toc_fignumbers[docname]["exercise"][target] = (new_number,)
            renumbered.add(docname)
    return sorted(renumbered)


def setup(app: Sphinx) -> dict:
    inline_eval.setup(app)
    app.connect("config-inited", _configure)
    app.add_post_transform(KeepRepositoryAddress)
    app.add_js_file(f"{STATIC_SUBDIR}/{A11Y_REPAIRS}", loading_method="defer")
    app.add_css_file(f"{STATIC_SUBDIR}/{BOOK_CSS}")
    app.add_css_file(f"{STATIC_SUBDIR}/{PRINT_CSS}", media="print")
    app.add_css_file(f"{STATIC_SUBDIR}/{ICON_FONT_CSS}")
    app.connect("build-finished", _write_static_assets)
    # Before sphinx-external-toc, which writes a bare redirect only where none exists.
    app.connect("build-finished", _write_root_redirect, priority=400)
    # After Sphinx's own numbering (default priority 500).
    app.connect("env-get-updated", number_exercises_per_chapter, priority=900)
    # After the theme adds its header buttons (priority 501).
    app.connect("html-page-context", _add_header_links, priority=600)
    app.connect("build-finished", _name_the_book_once)
    # Late, so that scripts other extensions add for this page are seen too.
    app.connect("html-page-context", _choose_widget_loader, priority=800)
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
