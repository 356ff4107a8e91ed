"""The commentary's text: its blocks, its sentences, and where a quotation sits.

The text is ``data/source/commentary-en.txt``, the English version exactly as
circulated (one block per line, blocks separated by a blank line). A *block*
is what the reader sees as one numbered unit: the byline, a paragraph, the
photo caption, a heading or the print attribution. Their kinds are declared
in ``datapackage.json`` (resource ``commentary``), not guessed from the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from sco_course import quotes
from sco_course.data import load, resource

PUBLISHED = pd.Timestamp("2022-09-15")
"""The day the commentary was published in *Guangming Daily* (its byline's date)."""


@dataclass(frozen=True)
class Block:
    """One numbered unit of the text."""

    number: int
    kind: str
    text: str
    offset: int
    """Where the block starts in the whole file (Web Annotation positions count from there)."""


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == block(block).text[start:end]``."""

    block: int
    start: int
    end: int
    text: str


@lru_cache(maxsize=2)
def _cached_blocks(full: str, kinds: tuple[tuple[int, str], ...]) -> tuple[Block, ...]:
    kind_of = dict(kinds)
    return tuple(Block(number, kind_of.get(number, "paragraph"), text, offset)
                 for number, (offset, text) in enumerate(quotes.text_blocks(full), start=1))


def full_text() -> str:
    """The whole file, as Web Annotation positions count it."""
    return load("commentary")


def blocks() -> tuple[Block, ...]:
    """The text's blocks, numbered from 1 in reading order."""
    kinds = resource("commentary")["x-block-kinds"]
    return _cached_blocks(full_text(), tuple(sorted((int(number), kind) for number, kind in kinds.items())))


def block(number: int) -> Block:
    """Block ``number`` (from 1)."""
    found = blocks()
    if not 1 <= number <= len(found):
        raise IndexError(f"the commentary has blocks 1 to {len(found)}, not {number}")
    return found[number - 1]


def sentences() -> list[Sentence]:
    """Every sentence of every block; a heading, byline or attribution counts as one."""
    return [
        Sentence(item.number, start, end, item.text[start:end])
        for item in blocks()
        for start, end in quotes.sentence_spans(item.text)
    ]


def locate(quote: str, block_number: int) -> tuple[int, int]:
    """``(start, end)`` of ``quote`` in block ``block_number``; see :func:`sco_course.quotes.locate`."""
    return quotes.locate(quote, block(block_number).text)


def find_block(quote: str) -> int:
    """The number of the first block that holds ``quote``; raises :class:`~sco_course.quotes.QuoteNotFound`."""
    for item in blocks():
        try:
            quotes.locate(quote, item.text)
        except quotes.QuoteNotFound:
            continue
        return item.number
    raise quotes.QuoteNotFound(f"{quote[:60]!r} is not in the commentary")
