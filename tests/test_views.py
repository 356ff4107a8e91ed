"""Precomputed views: the HTML table helper and the drop-down widget."""

from __future__ import annotations

import pandas as pd
import pytest
import traitlets

from sco_course.views import claim_cards_html, frame_html
from sco_course.widgets import ChoiceViews, choice_views

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


def hostile_claim(**changes) -> pd.DataFrame:
    row = {"id": "c999", "block": 9, "start": 0, "end": 10, "quote": HOSTILE, "theme": "economy",
           "claim_type": "fact", "verdict": "inaccurate", "verdict_as_written": None,
           "translation_note": None, "evidence": HOSTILE, "evidence_refs": "events:samarkand-summit-2022",
           "tested_in": "chapters/synthesis.ipynb"}
    return pd.DataFrame([{**row, **changes}])


def test_claim_cards_escape_quotation_evidence_and_translation_note():
    html = claim_cards_html(hostile_claim(translation_note=HOSTILE, verdict_as_written="misleading"), {"c999": 7})
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 3
    assert 'id="claim-c999"' in html and "Claim 7 · paragraph 9 · Fact" in html
    assert "Inaccurate" in html and "As written in English:</strong> <span aria-hidden=\"true\">!</span> Misleading" in html


def test_claim_cards_link_only_web_sources():
    html = claim_cards_html(hostile_claim(), {})
    assert '<a href="https://astanatimes.com/' in html


def test_claim_cards_say_so_when_a_page_tests_no_claim():
    assert "No statement of the commentary" in claim_cards_html(hostile_claim().iloc[0:0], {})
