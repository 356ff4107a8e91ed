"""A widget's front end: its own ES module in ``web/``, after the shared helpers of ``web/dom.js``.

anywidget loads each front end as one self-contained module (in the static
book from the page's saved state), so a widget cannot import a sibling
file; the helpers are put in front of its code instead.
"""

from __future__ import annotations

from pathlib import Path

WEB_DIR = Path(__file__).parent / "web"


def module(name: str) -> str:
    """The ES module for ``web/<name>``, with the shared helpers before it."""
    return "\n".join((WEB_DIR / file).read_text(encoding="utf-8") for file in ("dom.js", name))


def stylesheet(name: str) -> Path:
    """The stylesheet ``web/<name>``."""
    return WEB_DIR / name
