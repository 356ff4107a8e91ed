"""The book's pages: links from one page to another, and their titles."""

from __future__ import annotations

import json
import posixpath
import re
from functools import lru_cache
from pathlib import Path

BOOK_ROOT = Path(__file__).resolve().parents[2]
"""The book's source folder (holding ``_toc.yml`` and ``chapters/``)."""


def page_link(target: str, page: str) -> str:
    """``target`` ('chapters/x/y.ipynb#anchor') as a URL relative to ``page``'s HTML ('' for '')."""
    document, _, anchor = target.partition("#")
    if not document:
        return ""
    html = re.sub(r"\.(ipynb|md)$", ".html", document)
    relative = posixpath.relpath(html, posixpath.dirname(page))
    return relative + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=32)
def page_title(document: str) -> str:
    """The H1 of a book page ('chapters/x/y.ipynb'), or '' if it has none."""
    path = BOOK_ROOT / document
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        cells = json.loads(text)["cells"]
        text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    heading = re.search(r"^# (.+)$", text, re.M)
    return heading.group(1).strip() if heading else ""
