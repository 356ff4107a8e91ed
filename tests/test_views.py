"""HTML views for readers: the claim cards."""

from __future__ import annotations

import pandas as pd

from sco_course.views import claim_cards_html

HOSTILE = "<img src=x onerror=alert(1)>"


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


def test_money_in_claim_cards_and_tables_is_not_typeset_as_math_in_jupyterlab():
    """JupyterLab's MathJax would read "US$19.4 trillion … US$23.5 trillion" as TeX; MathJax 3 skips this class."""
    from bs4 import BeautifulSoup

    from sco_course.tables import NOT_MATH, reader_table

    money = "US$19.4 trillion in 2019 and US$23.5 trillion in 2021"
    cards = BeautifulSoup(claim_cards_html(hostile_claim(evidence=money), {}), "html.parser")
    table = BeautifulSoup(reader_table(pd.DataFrame({"note": [money]}), "Money")._repr_html_(), "html.parser")
    for html in (cards, table):
        holder = html.find(string=lambda text: money in text)
        assert any(NOT_MATH in parent.get("class", []) for parent in holder.parents if parent.name), html
