"""A widget's front end: its own ES module in ``web/``, after the shared helpers of ``web/dom.js``.

anywidget loads each front end as one self-contained module (in the static
book from the page's saved state), so a widget cannot import a sibling
file; the helpers, and a large front end's parts, are joined into one module
instead.
"""

from __future__ import annotations

from pathlib import Path

WEB_DIR = Path(__file__).parent / "web"


def module(*names: str) -> str:
    """One ES module: the shared helpers, then the files ``web/<name>`` in order (the last exports)."""
    return "\n".join((WEB_DIR / file).read_text(encoding="utf-8") for file in ("dom.js", *names))


def stylesheet(name: str) -> Path:
    """The stylesheet ``web/<name>``."""
    return WEB_DIR / name
