"""Precomputed views: the HTML table helper and the drop-down widget."""

from __future__ import annotations

import pandas as pd
import pytest
import traitlets

from sco_course.views import ChoiceViews, choice_views, frame_html

HOSTILE = "<img src=x onerror=alert(1)>"


def test_frame_html_escapes_every_cell_and_the_caption():
    html = frame_html(pd.DataFrame({"name": [HOSTILE], HOSTILE: [None]}), caption=HOSTILE)
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 3
    assert "<td></td>" in html


def test_choice_views_keeps_the_options_in_order_and_starts_at_the_first():
    widget = choice_views("Theme:", {"All": "<p>all</p>", "Security": "<p>security</p>"})
    assert isinstance(widget, ChoiceViews)
    assert (widget.label, widget.options, widget.views, widget.index) == (
        "Theme:", ["All", "Security"], ["<p>all</p>", "<p>security</p>"], 0)


def test_choice_views_can_be_switched_from_python_within_its_options():
    widget = choice_views("Theme:", {"All": "a", "Security": "b"})
    seen = []
    widget.observe(lambda change: seen.append(change["new"]), names="index")
    widget.index = 1
    assert seen == [1]
    with pytest.raises(traitlets.TraitError, match="between 0 and 1"):
        widget.index = 2


def test_choice_views_needs_a_view():
    with pytest.raises(ValueError, match="at least one view"):
        choice_views("Theme:", {})
