"""HTML views of the claims register for readers: the claim cards (tables: :mod:`sco_course.tables`)."""

from __future__ import annotations

from html import escape

import pandas as pd

from sco_course.data import load
from sco_course.register import CLAIM_TYPE_LABELS, VERDICT_STYLE, claim_numbers, claim_sources, tested_on
from sco_course.tables import NOT_MATH


def _source_html(source) -> str:
    label = escape(source.label)
    if source.url.startswith(("http://", "https://")):
        return f'<a href="{escape(source.url)}">{label}</a>'
    return label


def _verdict_html(verdict: str) -> str:
    label, _, symbol = VERDICT_STYLE[verdict]
    return f'<span aria-hidden="true">{symbol}</span> {escape(label)}'


def claim_cards_html(rows: pd.DataFrame, numbers: dict[str, int]) -> str:
    """The register's ``rows`` as cards: quotation, verdict, evidence, translation note, sources.

    ``numbers`` gives each claim's number in the text (see
    :func:`sco_course.register.claim_numbers`). Each card's id is
    ``claim-<id>``, so other pages can link to it. Every text is escaped.
    """
    if rows.empty:
        return '<p class="sco-claims-empty">No statement of the commentary is tested on this page.</p>'
    cards = []
    for row in rows.itertuples():
        parts = [
            f'<article class="sco-claim sco-verdict-{escape(row.verdict)}" id="claim-{escape(row.id)}">',
            f'<p class="sco-claim-where">Claim {numbers.get(row.id, "")} · paragraph {row.block} · '
            f"{escape(CLAIM_TYPE_LABELS[row.claim_type])}</p>",
            f'<p class="sco-claim-quote"><q class="commentary">{escape(row.quote)}</q></p>',
            f'<p class="sco-claim-verdict"><strong>Verdict:</strong> {_verdict_html(row.verdict)}</p>',
            f"<p>{escape(row.evidence)}</p>",
        ]
        if not pd.isna(row.translation_note):
            as_written = ("" if pd.isna(row.verdict_as_written)
                          else f" <strong>As written in English:</strong> {_verdict_html(row.verdict_as_written)}.")
            parts.append(f'<p class="sco-claim-translation"><strong>Translation:</strong> '
                         f"{escape(row.translation_note)}{as_written}</p>")
        sources = claim_sources(row.evidence_refs)
        if sources:
            parts.append('<p class="sco-claim-sources"><strong>Sources:</strong> '
                         + "; ".join(_source_html(source) for source in sources) + "</p>")
        parts.append("</article>")
        cards.append("".join(parts))
    return f'<div class="sco-claims {NOT_MATH}">' + "".join(cards) + "</div>"


def claim_cards_for(page: str) -> str:
    """Cards for the register's statements that ``page`` ('chapters/x/y.ipynb') tests."""
    claims = load("claims")
    return claim_cards_html(tested_on(page, claims), claim_numbers(claims))
