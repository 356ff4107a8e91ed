"""The claims register published for other readers: people, search engines, annotation tools.

* :func:`register_table_html`: the whole register as an escaped HTML table,
  the annotated page's text alternative;
* :func:`claim_reviews`: a schema.org ``ClaimReview`` for each checkable
  verdict (JSON-LD, see :func:`json_ld_script`);
* :func:`web_annotations`: every statement as a W3C Web Annotation anchored
  in ``data/source/commentary-en.txt``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import posixpath
from html import escape

import pandas as pd

from sco_course import commentary
from sco_course.data import load, resource
from sco_course.pages import page_link, page_title
from sco_course.quotes import normalise, piece_spans
from sco_course.register import (
    CLAIM_TYPE_LABELS,
    VERDICT_STYLE,
    cell_text,
    claim_numbers,
    claim_sources,
    is_checkable,
    statements,
    verdict_words,
)
from sco_course.tables import NOT_MATH
from sco_course.wording import spell

PAGE = "chapters/the-commentary-annotated.ipynb"
COURSE_NAME = "Reading a source critically: the SCO in a 2022 commentary"
SITE_URL_ENV = "SCO_COURSE_SITE_URL"
"""The book's public address (e.g. ``https://example.org/sco-course``); without
it the page's machine-readable URLs are relative to the page."""
TEXT_IDENTIFIER_NAME = "commentary-en.txt"

AUTHOR = "Cui Zheng"
SOURCE_DATE = commentary.PUBLISHED.strftime("%Y-%m-%d")
ONLINE_HEADLINE = "Empowering the SCO to start a new journey"
ONLINE_COPY_URL = "https://www.breakinglatest.news/world/empowering-the-sco-to-start-a-new-journey-xinhua-english-news-cn/"
PUBLISHER = "Guangming Daily"
RATING_SCALE = {"inaccurate": 1, "misleading": 2, "partly_accurate": 3, "accurate_but_dated": 4, "accurate": 5}
"""ClaimReview ratingValue (1 worst, 5 best); unverifiable and mixed evidence get no number."""

SHORT_CLAIM_LENGTH = 75


def own_words(row) -> tuple[int, int]:
    """Where the statement's own words sit in its block: the last piece of its quotation."""
    return piece_spans(row.quote, commentary.block(int(row.block)).text)[-1]


def source_links(evidence_refs) -> list[dict]:
    """The sources behind a claim as {label, url}; url is empty unless it is a web address."""
    return [
        {"label": source.label,
         "url": source.url if source.url.startswith(("http://", "https://")) else ""}
        for source in claim_sources(evidence_refs)
    ]


def _sources_html(evidence_refs) -> str:
    links = []
    for source in source_links(evidence_refs):
        label = escape(source["label"])
        links.append(f'<a href="{escape(source["url"])}">{label}</a>' if source["url"] else label)
    return "; ".join(links)


def _verdict_cell(row) -> str:
    label, _, glyph = VERDICT_STYLE[row.verdict]
    cell = f'<span aria-hidden="true">{escape(glyph)}</span> {escape(label)}'
    if cell_text(row.verdict_as_written):
        cell += f" (as written in English: {escape(verdict_words(row.verdict_as_written))})"
    return cell


def register_table_html(claims: pd.DataFrame | None = None) -> str:
    """The whole register as an HTML table, every text escaped; row ids are ``claim-<id>``."""
    claims = load("claims") if claims is None else claims
    numbers = claim_numbers(claims)
    head = ("<tr><th scope=\"col\">No.</th><th scope=\"col\">Paragraph</th><th scope=\"col\">Statement</th>"
            "<th scope=\"col\">Type</th><th scope=\"col\">Verdict</th><th scope=\"col\">Evidence</th>"
            "<th scope=\"col\">Sources</th><th scope=\"col\">Tested in</th></tr>")
    rows = []
    for row in claims.itertuples():
        note = cell_text(row.translation_note)
        evidence = escape(cell_text(row.evidence)) + (f" <em>Translation:</em> {escape(note)}" if note else "")
        document = cell_text(row.tested_in).partition("#")[0]
        tested = ("" if document == PAGE or not document
                  else f'<a href="{escape(page_link(cell_text(row.tested_in), PAGE))}">{escape(page_title(document) or document)}</a>')
        rows.append(
            f'<tr id="claim-{escape(row.id)}"><td>{numbers.get(row.id, "")}</td><td>{int(row.block)}</td>'
            f'<td><q class="commentary">{escape(cell_text(row.quote))}</q></td>'
            f"<td>{escape(CLAIM_TYPE_LABELS[row.claim_type])}</td><td>{_verdict_cell(row)}</td>"
            f"<td>{evidence}</td><td>{_sources_html(row.evidence_refs)}</td><td>{tested}</td></tr>"
        )
    return (f'<details class="sco-register {NOT_MATH}"><summary>The claims register as a table '
            f"({spell(len(claims))} rows)</summary>"
            '<div class="sco-register-scroll"><table class="table sco-register-table">'
            "<caption>Every row of the claims register, in reading order. No. is the statement's number "
            "in the annotated text; rows without a number make no claim.</caption>"
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div></details>")


def site_url() -> str:
    """The book's public address from ``SCO_COURSE_SITE_URL``, without a trailing slash, or ''."""
    return os.environ.get(SITE_URL_ENV, "").strip().rstrip("/")


def claim_url(claim_id: str, site: str | None = None) -> str:
    """The address of a claim's review: absolute if the site's address is known, else relative to the page."""
    site = site_url() if site is None else site
    page = posixpath.basename(page_link(PAGE, PAGE))
    prefix = f"{site}/{posixpath.dirname(PAGE)}/" if site else ""
    return f"{prefix}{page}#claim-{claim_id}"


def review_date() -> str:
    """The day the register was last reviewed, as ``datapackage.json`` records it (``x-reviewed``)."""
    return resource("claims")["x-reviewed"]


def short_claim(quote: str, limit: int = SHORT_CLAIM_LENGTH) -> str:
    """The quotation in at most about ``limit`` characters, cut at a word."""
    text = normalise(quote)
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:…")
    return cut + "…"


def _course() -> dict:
    site = site_url()
    return {"@type": "Organization", "name": COURSE_NAME, **({"url": f"{site}/"} if site else {})}


def _rating(verdict: str) -> dict:
    rating = {"@type": "Rating", "alternateName": verdict_words(verdict), "name": verdict_words(verdict)}
    if verdict in RATING_SCALE:
        rating.update(ratingValue=RATING_SCALE[verdict], bestRating=max(RATING_SCALE.values()),
                      worstRating=min(RATING_SCALE.values()))
    return rating


def _item_reviewed() -> dict:
    return {
        "@type": "Claim",
        "author": {"@type": "Person", "name": AUTHOR},
        "datePublished": SOURCE_DATE,
        "appearance": {
            "@type": "CreativeWork",
            "headline": ONLINE_HEADLINE,
            "url": ONLINE_COPY_URL,
            "datePublished": SOURCE_DATE,
            "author": {"@type": "Person", "name": AUTHOR},
            "publisher": {"@type": "Organization", "name": PUBLISHER},
        },
    }


def claim_reviews(claims: pd.DataFrame | None = None) -> list[dict]:
    """A schema.org ClaimReview for every checkable statement of the register."""
    claims = load("claims") if claims is None else claims
    published = review_date()
    return [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": claim_url(row.id),
            "claimReviewed": short_claim(row.quote),
            "reviewRating": _rating(row.verdict),
            "author": _course(),
            "datePublished": published,
            "itemReviewed": _item_reviewed(),
        }
        for row in claims.itertuples() if is_checkable(row.claim_type)
    ]


def json_ld_script(data) -> str:
    """``data`` as a JSON-LD script element, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def text_identifier(full_text: str) -> str:
    """An IRI naming the exact text (RFC 6920 ``ni:`` hash name) that the positions count in."""
    digest = hashlib.sha256(full_text.encode("utf-8")).digest()
    return "ni:///sha-256;" + base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def text_selectors(full_text: str, start: int, end: int, context: int = 30) -> list[dict]:
    """A TextQuoteSelector and a TextPositionSelector for ``full_text[start:end]``."""
    return [
        {"type": "TextQuoteSelector", "exact": full_text[start:end],
         "prefix": full_text[max(0, start - context):start], "suffix": full_text[end:end + context]},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def _annotation_body(row) -> list[dict]:
    verdict = verdict_words(row.verdict)
    if is_checkable(row.claim_type):
        value = f"Verdict: {verdict}. {cell_text(row.evidence)}"
    else:
        value = f"{CLAIM_TYPE_LABELS[row.claim_type]}, not fact-checked. {cell_text(row.evidence)}"
    if cell_text(row.translation_note):
        value += f" Translation: {cell_text(row.translation_note)}"
        if cell_text(row.verdict_as_written):
            value += f" Verdict on the English as written: {verdict_words(row.verdict_as_written)}."
    return [
        {"type": "TextualBody", "purpose": "assessing" if is_checkable(row.claim_type) else "classifying",
         "value": value, "format": "text/plain", "language": "en"},
        {"type": "TextualBody", "purpose": "tagging", "value": verdict},
        {"type": "TextualBody", "purpose": "tagging", "value": CLAIM_TYPE_LABELS[row.claim_type]},
    ]


def web_annotations(claims: pd.DataFrame | None = None) -> dict:
    """Every statement of the register as a W3C Web Annotation, in one AnnotationCollection.

    Each annotation targets the statement's own words (the last piece of
    its quotation) in the whole text file; its id is the claim's address.
    """
    claims = load("claims") if claims is None else claims
    full_text = commentary.full_text()
    source = text_identifier(full_text)
    created = review_date()
    items = []
    for row in statements(claims).itertuples():
        start, end = own_words(row)
        offset = commentary.block(int(row.block)).offset
        items.append({
            "id": claim_url(row.id),
            "type": "Annotation",
            "motivation": "assessing" if is_checkable(row.claim_type) else "classifying",
            "creator": {"type": "Organization", "name": COURSE_NAME},
            "created": created,
            "body": _annotation_body(row),
            "target": {"source": source, "scope": ONLINE_COPY_URL,
                       "selector": text_selectors(full_text, offset + start, offset + end)},
        })
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": (f"The course's verdicts on {AUTHOR}, “{ONLINE_HEADLINE}” ({SOURCE_DATE}); positions count "
                  f"characters in the course's copy of the English text ({TEXT_IDENTIFIER_NAME})"),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
