"""The annotated commentary: its payload, its escaping, and what it publishes for machines."""

from __future__ import annotations

import csv
import json
import re
import shutil

import pandas as pd
import pytest
import traitlets

from helpers import PROJECT_ROOT
from sco_course import commentary, data, pages, register, register_exports as exports
from sco_course.widgets import reader
from sco_course.quotes import normalise, piece_spans
from sco_course.register import CHECKABLE_TYPES, VERDICT_STYLE

HOSTILE_SENTENCE = 'A <b>bold</b> test of <script>alert("quote")</script> markup.'
HOSTILE_EVIDENCE = "<img src=x onerror=alert(1)> evidence </script><b>x</b>"
HOSTILE_NOTE = "<b>note</b><script>alert('note')</script>"
TESTED_IN = "chapters/2-economy/how-big.ipynb#gdp-anchor"


def claims() -> pd.DataFrame:
    return data.load("claims")


def write_claims(folder, rows: list[dict]) -> None:
    with (folder / "claims.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with (folder / "claims.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in header} for row in rows)


@pytest.fixture
def hostile_data(tmp_path, monkeypatch):
    """A copy of data/ whose text and register hold markup: a claim quotes it, its evidence carries more."""
    copy = tmp_path / "data"
    shutil.copytree(data.PROJECT_DATA_DIR, copy)
    text_file = copy / "source" / "commentary-en.txt"
    lines = text_file.read_text(encoding="utf-8").split("\n")
    second = next(index for index, line in enumerate(lines) if line.startswith("Against the backdrop"))
    lines[second] += " " + HOSTILE_SENTENCE
    text_file.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(copy))
    block_two = lines[second]
    start = block_two.index(HOSTILE_SENTENCE)
    base = claims().set_index("id")
    keep = {key: base.loc[key] for key in ("c001", "c007")}
    rows = [
        {"id": "c001", **{column: _cell(keep["c001"][column]) for column in base.columns}},
        {"id": "c007", **{column: _cell(keep["c007"][column]) for column in base.columns}},
        {"id": "c099", "block": "2", "start": str(start), "end": str(start + len(HOSTILE_SENTENCE)),
         "quote": HOSTILE_SENTENCE, "theme": "opening", "claim_type": "fact", "verdict": "misleading",
         "verdict_as_written": "inaccurate", "translation_note": HOSTILE_NOTE, "evidence": HOSTILE_EVIDENCE,
         "evidence_refs": "events:con-guangming-commentary-2022", "tested_in": TESTED_IN},
        {"id": "c098", "block": "3", "start": "0", "end": "16", "quote": "The picture show", "theme": "opening",
         "claim_type": "no_claim", "verdict": "no_claim", "evidence": "Describes the photo.",
         "tested_in": exports.PAGE},
    ]
    write_claims(copy, rows)
    return copy


def _cell(value) -> str:
    if pd.isna(value):
        return ""
    return str(value)


# --- the payload ---------------------------------------------------------------------

def test_payload_numbers_statements_and_anchors_each_on_its_own_words():
    register = claims()
    widget = reader.annotated_commentary(register)
    payload = {claim["id"]: claim for claim in widget.claims}
    assert list(payload) == list(register["id"])
    numbered = [claim["number"] for claim in widget.claims if claim["number"] is not None]
    assert numbered == list(range(1, (register["claim_type"] != "no_claim").sum() + 1))
    for row in register.itertuples():
        claim = payload[row.id]
        text = commentary.block(row.block).text
        assert (claim["start"], claim["end"]) == piece_spans(row.quote, text)[-1]
        assert claim["words"] == text[claim["start"]:claim["end"]]
        assert (claim["number"] is None) == (row.claim_type == "no_claim")
        assert claim["checkable"] == (row.claim_type in CHECKABLE_TYPES)
        assert claim["verdict_label"] == VERDICT_STYLE[row.verdict][0] and claim["glyph"] == VERDICT_STYLE[row.verdict][2]


def test_payload_carries_the_blocks_in_order_with_their_kinds():
    widget = reader.annotated_commentary(claims())
    assert [block["number"] for block in widget.blocks] == list(range(1, len(commentary.blocks()) + 1))
    assert [block["kind"] for block in widget.blocks].count("heading") == 3
    assert widget.blocks[0]["kind"] == "byline" and widget.blocks[-1]["kind"] == "attribution"


def test_payload_resolves_sources_links_chapter_and_both_readings(hostile_data):
    claim = next(item for item in reader.annotated_commentary().claims if item["id"] == "c099")
    events = data.load("events").set_index("id")
    assert [source["url"] for source in claim["sources"]] == [events.loc["con-guangming-commentary-2022", "source_url"]]
    assert claim["tested_in"] == "2-economy/how-big.html#gdp-anchor"
    assert claim["tested_in_title"] == pages.page_title("chapters/2-economy/how-big.ipynb") != ""
    assert (claim["verdict_label"], claim["as_written_label"]) == ("Misleading", "Inaccurate")
    assert claim["translation_note"] == HOSTILE_NOTE


def test_a_claim_tested_on_this_page_links_nowhere(hostile_data):
    claim = next(item for item in reader.annotated_commentary().claims if item["id"] == "c098")
    assert claim["tested_in"] == "" and claim["number"] is None


@pytest.mark.parametrize("tested_in, expected", [
    ("chapters/2-economy/how-big.ipynb#gdp", "2-economy/how-big.html#gdp"),
    ("chapters/synthesis.ipynb", "synthesis.html"),
    ("chapters/glossary.md#sco", "glossary.html#sco"),
    ("chapters/reading-the-source.ipynb", "reading-the-source.html"),
    ("", ""),
])
def test_chapter_links_are_relative_to_this_page(tested_in, expected):
    assert pages.page_link(tested_in, exports.PAGE) == expected


def test_sources_are_each_listed_once():
    for row in claims().itertuples():
        urls = [source["url"] for source in exports.source_links(row.evidence_refs) if source["url"]]
        assert len(urls) == len(set(urls)), row.id


def test_only_web_addresses_become_links(monkeypatch):
    monkeypatch.setattr(exports, "claim_sources", lambda refs: [
        register.Source("A", "javascript", "", "javascript:alert(1)"), register.Source("B", "web", "", "https://x.org/")])
    assert [source["url"] for source in exports.source_links("x")] == ["", "https://x.org/"]


def test_marks_are_tied_to_the_claims_words_and_the_register_to_all_its_rows():
    register = claims()
    row = next(register.itertuples())
    changed = row._replace(quote=row.quote + " more")
    assert reader.fingerprint(row) != reader.fingerprint(changed)
    assert reader.fingerprint(row) == reader.fingerprint(row._replace(verdict="inaccurate"))
    edited = register.copy()
    edited.loc[0, "evidence"] = "changed"
    assert reader.register_version(register) != reader.register_version(edited)


def test_the_widget_refuses_an_unknown_claim():
    widget = reader.annotated_commentary(claims())
    widget.selected = "c004"
    with pytest.raises(traitlets.TraitError, match="no claim"):
        widget.selected = "c999"


# --- counts, assessment and scoring --------------------------------------------------

def test_summary_counts_every_statement_by_verdict_and_by_theme():
    register = claims()
    summary = reader.summary(register)
    statements = register[register["claim_type"] != "no_claim"]
    assert sum(item["count"] for item in summary["by_verdict"]) == len(statements) == summary["statements"]
    assert sum(item["count"] for item in summary["by_theme"]) == len(statements)
    assert summary["rows"] == len(register) and summary["no_claim"] == len(register) - len(statements)


def frame(*rows: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"claim_type": claim_type, "verdict": verdict} for claim_type, verdict in rows])


def test_assessment_writes_counts_as_a_person_would():
    text = register.assessment(frame(("fact", "accurate"), ("number", "accurate"), ("causal", "accurate"),
                                   ("opinion", "not_checkable"), ("no_claim", "no_claim")))
    assert "four statements" in text and "of which three can be checked" in text
    assert "all three are accurate" in text and "none partly accurate" in text
    assert "none misleading or inaccurate" in text and "for none the evidence" in text
    assert "The other one statement is an opinion" in text
    assert not re.search(r"\b0\b|\b\d of the \d\b", text), text


def test_assessment_is_the_course_s_and_neutral():
    text = register.assessment(claims())
    assert text.startswith("The course's assessment:")
    assert not re.search(r"\b(propaganda|lies|liars?|dishonest\w*|deceptive)\b", text, re.I)


def test_every_claim_type_and_verdict_is_matched_by_exactly_one_student_answer():
    rule = reader.scoring_rule()
    for claim_type in ("fact", "number", "causal", "prediction", "opinion", "framing", "formulation"):
        assert sum(claim_type in item["matches"] for item in rule["kinds"].values()) == 1, claim_type
    for verdict in ("accurate", "accurate_but_dated", "partly_accurate", "mixed_evidence", "unverifiable",
                    "misleading", "inaccurate"):
        assert sum(verdict in item["matches"] for item in rule["accuracy"].values()) == 1, verdict
    assert "“Fact” matches fact, number" in reader.scoring_rule_text()


# --- escaping ------------------------------------------------------------------------

def test_register_table_escapes_quote_evidence_and_note(hostile_data):
    html = exports.register_table_html()
    for raw in ("<b>bold", "<script>alert", "<img", "</script><b>", "<b>note"):
        assert raw not in html, raw
    assert html.count("&lt;script&gt;") == 2
    assert '<tr id="claim-c099">' in html and '<a href="2-economy/how-big.html#gdp-anchor">' in html


def test_json_ld_cannot_close_its_script_element(hostile_data):
    script = exports.json_ld_script(exports.claim_reviews())
    body = script[len('<script type="application/ld+json">'):-len("</script>")]
    assert "</" not in body
    reviews = json.loads(body)
    assert reviews[-1]["claimReviewed"].startswith('A <b>bold</b> test')


# --- ClaimReview ----------------------------------------------------------------------

def test_every_checkable_verdict_has_a_claim_review_with_the_required_fields():
    register = claims()
    checkable = register[register["claim_type"].isin(CHECKABLE_TYPES)]
    reviews = exports.claim_reviews(register)
    assert len(reviews) == len(checkable)
    for review, row in zip(reviews, checkable.itertuples()):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["url"].endswith(f"the-commentary-annotated.html#claim-{row.id}")
        claim = review["claimReviewed"]
        assert 0 < len(claim) <= exports.SHORT_CLAIM_LENGTH
        assert normalise(row.quote).startswith(claim.rstrip("…")), row.id
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"] == VERDICT_STYLE[row.verdict][0]
        if "ratingValue" in rating:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["author"]["name"] == exports.COURSE_NAME and review["datePublished"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"] == {"@type": "Person", "name": "Cui Zheng"}
        assert item["datePublished"] == "2022-09-15"
        assert item["appearance"]["headline"] == "Empowering the SCO to start a new journey"
        assert item["appearance"]["publisher"] == {"@type": "Organization", "name": "Guangming Daily"}


def test_claim_reviews_use_the_site_address_when_one_is_set(monkeypatch):
    monkeypatch.setenv(exports.SITE_URL_ENV, "https://example.org/sco/")
    review = exports.claim_reviews(claims())[0]
    assert review["url"].startswith("https://example.org/sco/chapters/the-commentary-annotated.html#claim-c")
    assert review["author"]["url"] == "https://example.org/sco/"


def test_reviews_are_dated_by_the_register_not_by_the_build():
    reviewed = data.resource("claims")["x-reviewed"]
    assert {review["datePublished"] for review in exports.claim_reviews(claims())} == {reviewed}
    assert {item["created"] for item in exports.web_annotations(claims())["first"]["items"]} == {reviewed}


def test_short_claims_are_cut_at_a_word():
    assert exports.short_claim("a " * 50, limit=20) == "a a a a a a a a a…"
    assert exports.short_claim("Short claim.") == "Short claim."


# --- Web Annotation ----------------------------------------------------------------------

def test_web_annotations_anchor_each_statement_by_quote_and_position():
    register = claims()
    collection = exports.web_annotations(register)
    full = commentary.full_text()
    items = collection["first"]["items"]
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    statements = register[register["claim_type"] != "no_claim"]
    assert collection["total"] == len(items) == len(statements)
    for item, row in zip(items, statements.itertuples()):
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert full[start:end] == quote["exact"]
        assert full[:start].endswith(quote["prefix"]) and full[end:].startswith(quote["suffix"])
        assert len(quote["prefix"]) == min(30, start) and len(quote["suffix"]) == min(30, len(full) - end)
        assert full.count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
        offset = commentary.block(row.block).offset
        assert (start - offset, end - offset) == piece_spans(row.quote, commentary.block(row.block).text)[-1]
        assert item["target"]["source"] == exports.text_identifier(full)
        assert item["motivation"] == ("assessing" if row.claim_type in CHECKABLE_TYPES else "classifying")
        bodies = item["body"]
        assert bodies[0]["type"] == "TextualBody" and row.evidence in bodies[0]["value"]
        assert {"type": "TextualBody", "purpose": "tagging", "value": VERDICT_STYLE[row.verdict][0]} in bodies


def test_the_text_identifier_names_the_exact_text():
    assert exports.text_identifier("a").startswith("ni:///sha-256;")
    assert exports.text_identifier("a") != exports.text_identifier("b")


# --- the page --------------------------------------------------------------------------

def test_the_page_comes_right_after_reading_the_source():
    toc = (PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "- file: chapters/reading-the-source\n  - file: chapters/the-commentary-annotated\n" in toc
