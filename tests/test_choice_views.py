"""The drop-down between precomputed views, from Python."""

from __future__ import annotations

import pytest
import traitlets

from sco_course.widgets import ChoiceViews, choice_views


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
