"""Precomputed views that a reader switches between without a kernel.

The views are computed in Python when the book is built; a control is
linked to a ``widgets.Stack`` in the browser (``jslink``), so choosing an
option shows its view in the static book as well as live.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import pandas as pd


def frame_html(frame: pd.DataFrame, caption: str = "") -> str:
    """A DataFrame as an HTML table with every cell escaped."""
    head = "".join(f"<th>{escape(str(column))}</th>" for column in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{'' if pd.isna(value) else escape(str(value))}</td>" for value in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    caption_html = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f'<table class="table sco-view-table">{caption_html}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def choice_views(label: str, views: dict[str, str]) -> widgets.VBox:
    """A dropdown that shows one of several precomputed HTML views.

    ``views`` maps each option's label to its (already escaped) HTML.
    """
    if not views:
        raise ValueError("choice_views needs at least one view")
    options = list(views)
    dropdown = widgets.Dropdown(options=options, index=0, description=label, style={"description_width": "initial"},
                                layout=widgets.Layout(width="max-content"))
    stack = widgets.Stack([widgets.HTML(views[option]) for option in options], selected_index=0)
    widgets.jslink((dropdown, "index"), (stack, "selected_index"))
    return widgets.VBox([dropdown, stack])
