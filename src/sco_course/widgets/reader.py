"""The commentary, annotated: the whole text with every claim marked in place.

:func:`annotated_commentary` builds an :class:`AnnotatedCommentary`, an
`anywidget <https://anywidget.dev>`_ whose front end (``web/reader.js``)
draws the text, highlights each statement of the claims register, opens its
verdict and evidence, filters the highlights, and runs the "predict first,
then compare" mode, all in the static book where no Python runs. Everything
it shows is assembled here from the data. What the page publishes for
machines and printers is in :mod:`sco_course.register_exports`.
"""

from __future__ import annotations

import hashlib

import anywidget
import pandas as pd
import traitlets

from sco_course import commentary
from sco_course.data import load
from sco_course.pages import page_link, page_title
from sco_course.quotes import normalise
from sco_course.register import (
    CHECKABLE_TYPES,
    CLAIM_TYPE_LABELS,
    THEME_LABELS,
    VERDICT_STYLE,
    assessment,
    cell_text,
    claim_numbers,
    coverage,
    is_checkable,
    part_in_words,
    statements,
    verb_for,
    verdict_words,
)
from sco_course.register_exports import PAGE, own_words, source_links, web_annotations
from sco_course.widgets import front_end
from sco_course.wording import spell

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

TAG_LABELS = {"formulation": "Formulation", "causal": "Cause as fact"}
"""Shorter names for the tags in the text, where the register's label is long."""


# --- pieces of a claim ---------------------------------------------------------

def tag_label(claim_type: str, verdict: str) -> str:
    """What a claim's tag in the text says: the verdict, or for a statement not fact-checked its kind."""
    if is_checkable(claim_type):
        return verdict_words(verdict)
    return TAG_LABELS.get(claim_type, CLAIM_TYPE_LABELS[claim_type])


def fingerprint(row) -> str:
    """A short hash of what a student marks: the claim's id, place and words."""
    text = f"{row.id}|{int(row.block)}|{normalise(row.quote)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def register_version(claims: pd.DataFrame) -> str:
    """A short hash of the whole register: changes whenever any row does."""
    text = claims.to_csv(index=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def claim_payload(row, number: int | None) -> dict:
    """One register row as the front end needs it; every value is plain text."""
    start, end = own_words(row)
    block_text = commentary.block(int(row.block)).text
    document = cell_text(row.tested_in).partition("#")[0]
    as_written = cell_text(row.verdict_as_written)
    return {
        "id": row.id,
        "number": number,
        "block": int(row.block),
        "start": start,
        "end": end,
        "words": block_text[start:end],
        "quote": cell_text(row.quote),
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
        "translation_note": cell_text(row.translation_note),
        "evidence": cell_text(row.evidence),
        "sources": source_links(row.evidence_refs),
        "tested_in": "" if document == PAGE else page_link(cell_text(row.tested_in), PAGE),
        "tested_in_title": "" if document == PAGE else page_title(document),
        "fingerprint": fingerprint(row),
    }


# --- counts and the course's assessment -------------------------------------------

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
    made = statements(claims)
    measured = coverage(claims)
    by_verdict = [
        {"verdict": verdict, "label": label, "glyph": glyph, "count": int((made["verdict"] == verdict).sum())}
        for verdict, (label, _, glyph) in VERDICT_STYLE.items() if verdict != "no_claim"
    ]
    by_theme = []
    for theme, label in THEME_LABELS.items():
        rows = made[made["theme"] == theme]
        checkable = rows[rows["claim_type"].isin(CHECKABLE_TYPES)]
        not_supported = int(checkable["verdict"].isin(["misleading", "inaccurate"]).sum())
        by_theme.append({"theme": theme, "label": label, "count": len(rows), "checkable": len(checkable),
                         "not_supported": not_supported,
                         "text": theme_text(len(rows), len(checkable), not_supported)})
    return {
        "rows": len(claims),
        "statements": len(made),
        "no_claim": len(claims) - len(made),
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

    _esm = front_end.module("reader-text.js", "reader-panel.js", "reader.js")
    _css = front_end.stylesheet("reader.css")

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
    made = statements(claims)
    verdict_labels = {verdict: label for verdict, (label, _, _) in VERDICT_STYLE.items() if verdict != "no_claim"}
    return AnnotatedCommentary(
        blocks=[{"number": block.number, "kind": block.kind, "text": block.text} for block in commentary.blocks()],
        claims=[claim_payload(row, numbers.get(row.id)) for row in claims.itertuples()],
        summary=summary(claims),
        verdict_options=_options(verdict_labels, set(made["verdict"]),
                                 {verdict: glyph for verdict, (_, _, glyph) in VERDICT_STYLE.items()}),
        theme_options=_options(THEME_LABELS, set(made["theme"])),
        type_options=_options({key: label for key, label in CLAIM_TYPE_LABELS.items() if key != "no_claim"},
                              set(made["claim_type"])),
        scoring=scoring_rule(),
        register_version=register_version(claims),
        annotations=web_annotations(claims),
    )


