"""The claims register: its vocabulary, its coverage of the text, its counts and its sources.

* ``VERDICT_STYLE``, ``CLAIM_TYPE_LABELS`` and ``THEME_LABELS`` name the
  register's values for readers; every page uses them.
* :func:`coverage` measures how much of the commentary the rows account for.
* :func:`assessment` writes the course's overall assessment from the counts.
* :func:`claim_sources` resolves a row's ``evidence_refs`` to the sources
  that were read.

Every sentence of the text must be covered by a register row: a claim, or an
explicit ``no_claim`` mark. Coverage counts the word characters of each
sentence that fall inside some row's span (white space and punctuation do
not count), so a row that quotes half a sentence leaves the other half
uncovered until another row accounts for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from sco_course import commentary
from sco_course.data import BIBLIOGRAPHY, load
from sco_course.wording import spell

WORD = re.compile(r"\w")

VERDICT_STYLE = {
    # verdict: (label, colour, symbol). From supported to not supported, then the
    # statements that are not fact-checked. Okabe-Ito colours, told apart by the
    # symbol as well, so that colour is never the only cue.
    "accurate": ("Accurate", "#009E73", "✓"),
    "accurate_but_dated": ("Accurate but dated", "#56B4E9", "◷"),
    "partly_accurate": ("Partly accurate", "#0072B2", "◐"),
    "mixed_evidence": ("Mixed evidence", "#CC79A7", "±"),
    "unverifiable": ("Unverifiable", "#F0E442", "?"),
    "misleading": ("Misleading", "#E69F00", "!"),
    "inaccurate": ("Inaccurate", "#D55E00", "✗"),
    "not_checkable": ("Not fact-checked", "#BBBBBB", "○"),
    "no_claim": ("No claim", "#EEEEEE", "·"),
}
CHECKABLE_TYPES = ("fact", "number", "causal", "prediction")
def is_checkable(claim_type: str) -> bool:
    """Whether the course fact-checks a statement of this type."""
    return claim_type in CHECKABLE_TYPES


def verdict_words(verdict: str) -> str:
    """A verdict as a reader sees it named."""
    return VERDICT_STYLE[verdict][0]


def statements(claims: pd.DataFrame) -> pd.DataFrame:
    """The register's rows that make a statement (all but the passages with no claim)."""
    return claims[claims["claim_type"] != "no_claim"]


CLAIM_TYPE_LABELS = {
    "fact": "Fact",
    "number": "Number",
    "causal": "Cause stated as fact",
    "prediction": "Prediction",
    "opinion": "Opinion",
    "framing": "Framing",
    "formulation": "Set political formulation",
    "no_claim": "No claim",
}
THEME_LABELS = {
    "opening": "Byline, opening, caption and attribution",
    "security": "Stabilizer of regional peace and security",
    "economy": "Strong engine of global economic recovery",
    "connectivity": "A catalyst for regional connectivity",
    "conclusion": "Conclusion",
}


@dataclass
class Coverage:
    """Sentences and word characters of the text that rows account for."""

    sentences: int = 0
    sentences_covered: int = 0
    characters: int = 0
    characters_covered: int = 0
    uncovered: list[str] = field(default_factory=list)
    """Each sentence not wholly covered, with its uncovered words marked."""

    @property
    def sentence_share(self) -> float:
        return self.sentences_covered / self.sentences if self.sentences else 1.0

    @property
    def character_share(self) -> float:
        return self.characters_covered / self.characters if self.characters else 1.0


def coverage(claims: pd.DataFrame | None = None) -> Coverage:
    """Measure how much of the commentary ``claims`` (default: the register) covers."""
    claims = load("claims") if claims is None else claims
    spans: dict[int, list[tuple[int, int]]] = {}
    for row in claims.itertuples():
        spans.setdefault(int(row.block), []).append((int(row.start), int(row.end)))
    result = Coverage()
    for sentence in commentary.sentences():
        block_spans = spans.get(sentence.block, [])
        missing = []
        words = 0
        for offset, character in enumerate(sentence.text, start=sentence.start):
            if not WORD.match(character):
                continue
            words += 1
            if not any(start <= offset < end for start, end in block_spans):
                missing.append(offset)
        result.sentences += 1
        result.characters += words
        result.characters_covered += words - len(missing)
        if missing:
            text = commentary.block(sentence.block).text
            result.uncovered.append(f"block {sentence.block}: {text[missing[0]:missing[-1] + 1][:80]!r}")
        else:
            result.sentences_covered += 1
    return result


def verdict_tally(claims: pd.DataFrame) -> dict[str, int]:
    """How many checkable statements received each verdict, and how many were not fact-checked."""
    checkable = claims[claims["claim_type"].isin(CHECKABLE_TYPES)]
    tally = {verdict: int((checkable["verdict"] == verdict).sum()) for verdict in VERDICT_STYLE}
    tally["checkable"] = len(checkable)
    tally["not_checkable"] = int((claims["verdict"] == "not_checkable").sum())
    tally["translation_notes"] = int(claims["translation_note"].notna().sum())
    return tally


def part_in_words(count: int, total: int) -> str:
    """A part of a whole in words: 'none', 'all nine', 'one', '16'."""
    if count == 0:
        return "none"
    if count == total and total > 1:
        return f"all {spell(total)}"
    return spell(count)


def verb_for(count: int) -> str:
    return "is" if count == 1 else "are"


def _dated(dated: int, accurate: int) -> str:
    if not dated:
        return ""
    if dated == accurate:
        return " but dated"
    return f" ({spell(dated)} of them dated)"


def _not_supported(misleading: int, inaccurate: int, total: int) -> str:
    text = f"{part_in_words(misleading + inaccurate, total)} misleading or inaccurate"
    return text + (f" ({spell(misleading)} misleading, {spell(inaccurate)} inaccurate)" if misleading and inaccurate else "")


def assessment(claims: pd.DataFrame | None = None) -> str:
    """The course's overall assessment, one neutral paragraph written from the register's counts."""
    claims = load("claims") if claims is None else claims
    made = statements(claims)
    checkable = made[made["claim_type"].isin(CHECKABLE_TYPES)]
    total = len(checkable)
    count = {verdict: int((checkable["verdict"] == verdict).sum()) for verdict in VERDICT_STYLE}
    accurate = count["accurate"] + count["accurate_but_dated"]
    uncertain = count["unverifiable"] + count["mixed_evidence"]
    not_checked = len(made) - total
    sentences = [
        f"The course's assessment: the register finds {spell(len(made))} statements in the "
        f"commentary, of which {part_in_words(total, len(made))} can be checked against evidence."
    ]
    if total:
        sentences.append(
            f"Of these, {part_in_words(accurate, total)} {verb_for(accurate)} accurate{_dated(count['accurate_but_dated'], accurate)}, "
            f"{part_in_words(count['partly_accurate'], total)} partly accurate, "
            f"{_not_supported(count['misleading'], count['inaccurate'], total)}, "
            f"and for {part_in_words(uncertain, total)} the evidence is missing or mixed."
        )
    if not_checked:
        one = not_checked == 1
        kinds = ("statement is an opinion, framing or a set political formulation" if one
                 else "statements are opinions, framing or set political formulations")
        them = "it" if one else "them"
        sentences.append(f"The {'other ' if total else ''}{spell(not_checked)} {kinds}: the course labels and "
                         f"explains {them} but does not judge {them} true or false.")
    return " ".join(sentences)


@dataclass(frozen=True)
class Source:
    """Where a piece of evidence was read: publisher, title, date and address."""

    publisher: str
    title: str
    date: str
    url: str

    @property
    def label(self) -> str:
        """Publisher, title and date, as a reader sees the source named."""
        return ", ".join(part for part in (self.publisher, self.title, self.date) if part)


def cell_text(value) -> str:
    """A table cell as text: "" for a missing value."""
    return "" if value is None or pd.isna(value) else str(value)


def _date_text(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _row_sources(table: str, key_column: str, key: str) -> list[Source]:
    frame = load(table)
    rows = frame[frame[key_column].astype(str) == key]
    if table == "membership" and (rows["status"] == "member").any():
        rows = rows[rows["status"] == "member"]
    return [Source(cell_text(row.source_publisher), cell_text(row.source_title), _date_text(row.source_date),
                   cell_text(row.source_url)) for row in rows.itertuples()]


@lru_cache(maxsize=1)
def _bibliography():
    from pybtex.database import parse_file

    return parse_file(str(BIBLIOGRAPHY)).entries


def _plain(text: str) -> str:
    """BibTeX text without the braces that protect capitals, with typographic quotation marks."""
    return text.replace("{", "").replace("}", "").replace("``", "“").replace("''", "”")


def _bibliography_source(key: str) -> Source:
    entry = _bibliography()[key]
    author = " and ".join(str(person) for person in entry.persons.get("author", []))
    return Source(_plain(author), _plain(entry.fields.get("title", "")), entry.fields.get("year", ""),
                  entry.fields.get("url", ""))


def claim_sources(evidence_refs) -> list[Source]:
    """The sources behind a claim's ``evidence_refs``, each address once, in citation order."""
    found: dict[str, Source] = {}
    for reference in filter(None, cell_text(evidence_refs).split(";")):
        table, _, key = reference.partition(":")
        if table == "references":
            sources = [_bibliography_source(key)]
        elif table == "declaration_endorsements":
            sources = _row_sources("events", "id", key)
        elif table == "connectivity":
            feature = next(feature["properties"] for feature in load("connectivity")["features"]
                           if feature["properties"]["id"] == key)
            sources = [Source(feature["source_publisher"], feature["source_title"], "", feature["source_url"])]
        elif table == "indicator_sources":
            row = load("indicator_sources").set_index("id").loc[key]
            sources = [Source(row["publisher"], row["title"], "", row["url"])]
        else:
            key_column = {"membership": "state", "casualty_reports": "event_id"}.get(table, "id")
            sources = _row_sources(table, key_column, key)
        for source in sources:
            found.setdefault(source.url or f"{source.publisher} {source.title}", source)
    return list(found.values())


def claim_numbers(claims: pd.DataFrame) -> dict[str, int]:
    """Each statement's number in reading order (1, 2, …); rows without a claim get none."""
    ordered = statements(claims).sort_values(["block", "start", "end"])
    return {claim_id: number for number, claim_id in enumerate(ordered["id"], start=1)}


def tested_on(page: str, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The register's statements that ``page`` (a path such as 'chapters/x/y.ipynb') tests or discusses."""
    claims = load("claims") if claims is None else claims
    return claims[claims["tested_in"].str.split("#").str[0] == page]
