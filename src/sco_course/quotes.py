"""Finding a quotation in a text, and cutting a text into sentences.

Pure text functions, shared by the commentary reader and the register's
validation. A quotation may differ from its source only in white space and
in curly versus straight quotation marks; an ellipsis (``…`` or ``...``)
marks an omission, so the pieces around it must appear in order.
"""

from __future__ import annotations

import re

ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
# A sentence ends at . ? or ! (with any closing quotation mark) before white
# space or the end of the text; "9.Xinhua" (a caption run into its credit)
# also ends one.
SENTENCE_END = re.compile(r"[.?!][\"”’]?(?=\s|$)|(?<=\d)\.(?=[A-Z])")


class QuoteNotFound(ValueError):
    """A quotation is not in the text it claims to come from."""


def normalise(text: str) -> str:
    """Straight quotation marks and single spaces: the only liberties a quotation may take."""
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip()


def piece_spans(quote: str, text: str) -> list[tuple[int, int]]:
    """Where each ellipsis-separated piece of ``quote`` sits in ``text``.

    Spans are ``(start, end)`` character offsets, ``end`` exclusive, in
    reading order. Raises :class:`QuoteNotFound` if a piece is missing or out
    of order. ``text`` must have single spaces, as the commentary does.
    """
    searchable = text.translate(QUOTE_MARKS)
    pieces = [normalise(piece) for piece in ELLIPSIS.split(quote.strip())]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        raise QuoteNotFound("the quotation is empty")
    spans, position = [], 0
    for piece in pieces:
        found = searchable.find(piece, position)
        if found < 0:
            where = f" after character {position}" if position else ""
            raise QuoteNotFound(f"{piece[:60]!r} is not in the text{where}")
        spans.append((found, found + len(piece)))
        position = found + len(piece)
    return spans


def locate(quote: str, text: str) -> tuple[int, int]:
    """``(start, end)`` of ``quote`` in ``text``, from its first piece to its last."""
    spans = piece_spans(quote, text)
    return spans[0][0], spans[-1][1]


def text_blocks(full: str) -> list[tuple[int, str]]:
    """The non-empty lines of ``full``, stripped, each with its offset in ``full``."""
    found = []
    for match in re.finditer(r"[^\n]+", full):
        stripped = match.group().strip()
        if stripped:
            found.append((match.start() + match.group().index(stripped), stripped))
    return found


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` that holds a word."""
    spans, start = [], 0
    for end in [match.end() for match in SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[start:end]
        if re.search(r"\w", piece):
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, len(piece.rstrip()) + start))
        start = end
    return spans
