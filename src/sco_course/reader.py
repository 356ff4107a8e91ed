"""The commentary, annotated: the whole text with every claim marked in place.

:func:`annotated_commentary` builds an :class:`AnnotatedCommentary`, an
`anywidget <https://anywidget.dev>`_ whose front end (``web/reader.js``)
draws the text, highlights each statement of the claims register, opens its
verdict and evidence, filters the highlights, and runs the "predict first,
then compare" mode, all in the static book where no Python runs. Everything
it shows is assembled here from the data.

The same module writes what the page publishes for machines and printers:
the register as an escaped HTML table, schema.org ``ClaimReview`` JSON-LD for
each checkable verdict, and the annotations as a W3C Web Annotation
collection anchored in ``data/source/commentary-en.txt``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import posixpath
import re
from functools import lru_cache
from html import escape
from pathlib import Path

import anywidget
import pandas as pd
import traitlets

from sco_course import commentary
from sco_course.data import load, resource
from sco_course.quotes import normalise, piece_spans
from sco_course.register import (
    CHECKABLE_TYPES,
    CLAIM_TYPE_LABELS,
    THEME_LABELS,
    VERDICT_STYLE,
    assessment,
    claim_numbers,
    claim_sources,
    coverage,
    part_in_words,
    verb_for,
)
from sco_course.web_assets import PACKAGE_WEB_DIR
from sco_course.wording import spell

PAGE = "chapters/the-commentary-annotated.ipynb"
BOOK_ROOT = Path(__file__).resolve().parents[2]
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

STUDENT_KINDS = {
    "fact": ("fact", "number", "causal", "prediction"),
    "opinion": ("opinion",),
    "framing": ("framing", "formulation"),
}
"""A student's mark of kind -> the register's claim types it matches."""
STUDENT_KIND_LABELS = {"fact": "Fact", "opinion": "Opinion", "framing": "Framing"}
STUDENT_ACCURACY = {
    "accurate": ("accurate", "accurate_but_dated"),
    "inaccurate": ("inaccurate", "misleading"),
    "cant_tell": ("unverifiable", "mixed_evidence", "partly_accurate"),
}
"""A student's verdict on a fact -> the register's verdicts it matches."""
STUDENT_ACCURACY_LABELS = {"accurate": "Accurate", "inaccurate": "Inaccurate", "cant_tell": "Can't tell"}

RATING_SCALE = {"inaccurate": 1, "misleading": 2, "partly_accurate": 3, "accurate_but_dated": 4, "accurate": 5}
"""ClaimReview ratingValue (1 worst, 5 best); unverifiable and mixed evidence get no number."""

SHORT_CLAIM_LENGTH = 75
TAG_LABELS = {"formulation": "Formulation", "causal": "Cause as fact"}
"""Shorter names for the tags in the text, where the register's label is long."""


# --- pieces of a claim ---------------------------------------------------------

def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def is_checkable(claim_type: str) -> bool:
    return claim_type in CHECKABLE_TYPES


def verdict_words(verdict: str) -> str:
    return VERDICT_STYLE[verdict][0]


def tag_label(claim_type: str, verdict: str) -> str:
    """What a claim's tag in the text says: the verdict, or for a statement not fact-checked its kind."""
    if is_checkable(claim_type):
        return verdict_words(verdict)
    return TAG_LABELS.get(claim_type, CLAIM_TYPE_LABELS[claim_type])


def own_words(row) -> tuple[int, int]:
    """Where the statement's own words sit in its block: the last piece of its quotation."""
    return piece_spans(row.quote, commentary.block(int(row.block)).text)[-1]


def fingerprint(row) -> str:
    """A short hash of what a student marks: the claim's id, place and words."""
    text = f"{row.id}|{int(row.block)}|{normalise(row.quote)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def register_version(claims: pd.DataFrame) -> str:
    """A short hash of the whole register: changes whenever any row does."""
    text = claims.to_csv(index=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def page_link(tested_in: str, page: str = PAGE) -> str:
    """``tested_in`` ('chapters/x/y.ipynb#anchor') as a URL relative to ``page``'s HTML."""
    document, _, anchor = _text(tested_in).partition("#")
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


def source_links(evidence_refs) -> list[dict]:
    """The sources behind a claim as {label, url}; url is empty unless it is a web address."""
    return [
        {"label": source.label,
         "url": source.url if source.url.startswith(("http://", "https://")) else ""}
        for source in claim_sources(evidence_refs)
    ]


def claim_payload(row, number: int | None) -> dict:
    """One register row as the front end needs it; every value is plain text."""
    start, end = own_words(row)
    block_text = commentary.block(int(row.block)).text
    document = _text(row.tested_in).partition("#")[0]
    as_written = _text(row.verdict_as_written)
    return {
        "id": row.id,
        "number": number,
        "block": int(row.block),
        "start": start,
        "end": end,
        "words": block_text[start:end],
        "quote": _text(row.quote),
        "theme": row.theme,
        "claim_type": row.claim_type,
        "type_label": CLAIM_TYPE_LABELS[row.claim_type],
        "checkable": is_checkable(row.claim_type),
        "verdict": row.verdict,
        "verdict_label": verdict_words(row.verdict),
        "glyph": VERDICT_STYLE[row.verdict][2],
        "tag_label": tag_label(row.claim_type, row.verdict),
        "verdict_as_written": as_written,
        "as_written_label": verdict_words(as_written) if as_written else "",
        "as_written_glyph": VERDICT_STYLE[as_written][2] if as_written else "",
        "translation_note": _text(row.translation_note),
        "evidence": _text(row.evidence),
        "sources": source_links(row.evidence_refs),
        "tested_in": "" if document == PAGE else page_link(row.tested_in),
        "tested_in_title": "" if document == PAGE else page_title(document),
        "fingerprint": fingerprint(row),
    }


# --- counts and the course's assessment -------------------------------------------

def _statements(claims: pd.DataFrame) -> pd.DataFrame:
    return claims[claims["claim_type"] != "no_claim"]


def coverage_text(claims: pd.DataFrame, measured) -> str:
    """One sentence on how much of the text the register accounts for."""
    no_claim = int((claims["claim_type"] == "no_claim").sum())
    passages = "passage that makes" if no_claim == 1 else "passages that make"
    covered = ("every one" if measured.sentences_covered == measured.sentences
               else spell(measured.sentences_covered))
    return (f"The register's {spell(len(claims))} rows account for {covered} of the text's "
            f"{spell(measured.sentences)} sentences: {spell(len(claims) - no_claim)} statements "
            f"and {spell(no_claim)} {passages} no claim. The {passages.split()[0]} without a claim "
            f"{'is' if no_claim == 1 else 'are'} not highlighted.")


def theme_text(statements: int, checkable: int, not_supported: int) -> str:
    """One section's counts in words: 'six statements, two of them checkable; none is misleading or inaccurate'."""
    text = f"{spell(statements)} {'statement' if statements == 1 else 'statements'}, {part_in_words(checkable, statements)} " \
           f"of them checkable"
    if checkable:
        text += f"; {part_in_words(not_supported, checkable)} {verb_for(not_supported)} misleading or inaccurate"
    return text


def summary(claims: pd.DataFrame) -> dict:
    """Counts by verdict and by theme, the text's coverage, and the assessment."""
    statements = _statements(claims)
    measured = coverage(claims)
    by_verdict = [
        {"verdict": verdict, "label": label, "glyph": glyph, "count": int((statements["verdict"] == verdict).sum())}
        for verdict, (label, _, glyph) in VERDICT_STYLE.items() if verdict != "no_claim"
    ]
    by_theme = []
    for theme, label in THEME_LABELS.items():
        rows = statements[statements["theme"] == theme]
        checkable = rows[rows["claim_type"].isin(CHECKABLE_TYPES)]
        not_supported = int(checkable["verdict"].isin(["misleading", "inaccurate"]).sum())
        by_theme.append({"theme": theme, "label": label, "count": len(rows), "checkable": len(checkable),
                         "not_supported": not_supported,
                         "text": theme_text(len(rows), len(checkable), not_supported)})
    return {
        "rows": len(claims),
        "statements": len(statements),
        "no_claim": len(claims) - len(statements),
        "sentences": measured.sentences,
        "sentences_covered": measured.sentences_covered,
        "coverage_text": coverage_text(claims, measured),
        "by_verdict": [item for item in by_verdict if item["count"]],
        "by_theme": by_theme,
        "assessment": assessment(claims),
    }


def scoring_rule() -> dict:
    """How a student's mark is compared with the register, for the page and the export."""
    return {
        "kinds": {kind: {"label": STUDENT_KIND_LABELS[kind], "matches": list(types),
                         "match_labels": [CLAIM_TYPE_LABELS[claim_type] for claim_type in types]}
                  for kind, types in STUDENT_KINDS.items()},
        "accuracy": {answer: {"label": STUDENT_ACCURACY_LABELS[answer], "matches": list(verdicts),
                              "match_labels": [verdict_words(verdict) for verdict in verdicts]}
                     for answer, verdicts in STUDENT_ACCURACY.items()},
    }


def scoring_rule_text() -> str:
    """The scoring rule in one paragraph of prose."""
    rule = scoring_rule()
    kinds = "; ".join(f"“{item['label']}” matches {_or(item['match_labels'])}" for item in rule["kinds"].values())
    accuracy = "; ".join(f"“{item['label']}” matches {_or(item['match_labels'])}"
                         for item in rule["accuracy"].values())
    return (f"Each statement you mark scores a point for its kind: {kinds}. For a statement the course "
            f"checks (a fact, number, cause stated as fact or prediction), your verdict scores a second point "
            f"if you marked it a fact and: {accuracy}.")


def _or(labels: list[str]) -> str:
    labels = [label.lower() for label in labels]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


# --- the widget -------------------------------------------------------------------

class AnnotatedCommentary(anywidget.AnyWidget):
    """The commentary with every statement highlighted, its verdict one click away.

    Build it with :func:`annotated_commentary`. A notebook may set or observe
    ``selected`` (the id of the open claim, or ``""``), ``mode`` (``"read"``
    or ``"predict"``) and the filters ``verdicts``, ``themes`` and
    ``claim_types`` (what is shown; empty means all) with ``filtered_out``
    (``"dim"`` or ``"hide"`` the others).
    """

    _esm = PACKAGE_WEB_DIR / "reader.js"
    _css = PACKAGE_WEB_DIR / "reader.css"

    blocks = traitlets.List(traitlets.Dict()).tag(sync=True)
    claims = traitlets.List(traitlets.Dict()).tag(sync=True)
    summary = traitlets.Dict().tag(sync=True)
    verdict_options = traitlets.List(traitlets.Dict()).tag(sync=True)
    theme_options = traitlets.List(traitlets.Dict()).tag(sync=True)
    type_options = traitlets.List(traitlets.Dict()).tag(sync=True)
    scoring = traitlets.Dict().tag(sync=True)
    register_version = traitlets.Unicode("").tag(sync=True)
    annotations = traitlets.Dict().tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    mode = traitlets.Enum(("read", "predict"), "read").tag(sync=True)
    verdicts = traitlets.List(traitlets.Unicode()).tag(sync=True)
    themes = traitlets.List(traitlets.Unicode()).tag(sync=True)
    claim_types = traitlets.List(traitlets.Unicode()).tag(sync=True)
    filtered_out = traitlets.Enum(("dim", "hide"), "dim").tag(sync=True)

    @traitlets.validate("selected")
    def _check_selected(self, proposal):
        if proposal["value"] and proposal["value"] not in {claim["id"] for claim in self.claims}:
            raise traitlets.TraitError(f"no claim has the id {proposal['value']!r}")
        return proposal["value"]


def _options(labels: dict[str, str], present: set[str], glyphs: dict[str, str] | None = None) -> list[dict]:
    return [{"value": key, "label": label, **({"glyph": glyphs[key]} if glyphs else {})}
            for key, label in labels.items() if key in present]


def annotated_commentary(claims: pd.DataFrame | None = None) -> AnnotatedCommentary:
    """The reader for the register ``claims`` (default: ``load("claims")``)."""
    claims = load("claims") if claims is None else claims
    numbers = claim_numbers(claims)
    statements = _statements(claims)
    verdict_labels = {verdict: label for verdict, (label, _, _) in VERDICT_STYLE.items() if verdict != "no_claim"}
    return AnnotatedCommentary(
        blocks=[{"number": block.number, "kind": block.kind, "text": block.text} for block in commentary.blocks()],
        claims=[claim_payload(row, numbers.get(row.id)) for row in claims.itertuples()],
        summary=summary(claims),
        verdict_options=_options(verdict_labels, set(statements["verdict"]),
                                 {verdict: glyph for verdict, (_, _, glyph) in VERDICT_STYLE.items()}),
        theme_options=_options(THEME_LABELS, set(statements["theme"])),
        type_options=_options({key: label for key, label in CLAIM_TYPE_LABELS.items() if key != "no_claim"},
                              set(statements["claim_type"])),
        scoring=scoring_rule(),
        register_version=register_version(claims),
        annotations=web_annotations(claims),
    )


# --- the register as an HTML table (the text alternative) --------------------------

def _sources_html(evidence_refs) -> str:
    links = []
    for source in source_links(evidence_refs):
        label = escape(source["label"])
        links.append(f'<a href="{escape(source["url"])}">{label}</a>' if source["url"] else label)
    return "; ".join(links)


def _verdict_cell(row) -> str:
    label, _, glyph = VERDICT_STYLE[row.verdict]
    cell = f'<span aria-hidden="true">{escape(glyph)}</span> {escape(label)}'
    if _text(row.verdict_as_written):
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
        note = _text(row.translation_note)
        evidence = escape(_text(row.evidence)) + (f" <em>Translation:</em> {escape(note)}" if note else "")
        document = _text(row.tested_in).partition("#")[0]
        tested = ("" if document == PAGE or not document
                  else f'<a href="{escape(page_link(row.tested_in))}">{escape(page_title(document) or document)}</a>')
        rows.append(
            f'<tr id="claim-{escape(row.id)}"><td>{numbers.get(row.id, "")}</td><td>{int(row.block)}</td>'
            f'<td><q class="commentary">{escape(_text(row.quote))}</q></td>'
            f"<td>{escape(CLAIM_TYPE_LABELS[row.claim_type])}</td><td>{_verdict_cell(row)}</td>"
            f"<td>{evidence}</td><td>{_sources_html(row.evidence_refs)}</td><td>{tested}</td></tr>"
        )
    return ('<details class="sco-register"><summary>The claims register as a table '
            f"({spell(len(claims))} rows)</summary>"
            '<div class="sco-register-scroll"><table class="table sco-register-table">'
            "<caption>Every row of the claims register, in reading order. No. is the statement's number "
            "in the annotated text; rows without a number make no claim.</caption>"
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div></details>")


# --- machine-readable verdicts and annotations -------------------------------------

def site_url() -> str:
    """The book's public address from ``SCO_COURSE_SITE_URL``, without a trailing slash, or ''."""
    return os.environ.get(SITE_URL_ENV, "").strip().rstrip("/")


def claim_url(claim_id: str, site: str | None = None) -> str:
    """The address of a claim's review: absolute if the site's address is known, else relative to the page."""
    site = site_url() if site is None else site
    page = posixpath.basename(page_link(PAGE, page=PAGE))
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
        value = f"Verdict: {verdict}. {_text(row.evidence)}"
    else:
        value = f"{CLAIM_TYPE_LABELS[row.claim_type]}, not fact-checked. {_text(row.evidence)}"
    if _text(row.translation_note):
        value += f" Translation: {_text(row.translation_note)}"
        if _text(row.verdict_as_written):
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
    for row in _statements(claims).itertuples():
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
