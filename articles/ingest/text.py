"""Character-level helpers shared by the steps: punctuation classes, widths, simplified views."""

from __future__ import annotations

import re
from functools import lru_cache

from textkit.analysis import to_simplified
from textkit.punctuation import CLAUSE_ENDS, ELLIPSIS, SENTENCE_END, SENTENCE_ENDS

CJK = r"\u4e00-\u9fff\u3400-\u4dbf"
# A printed line ending in one of these closes its sentence: a trailing ellipsis counts too.
LINE_COMPLETE = SENTENCE_ENDS + ELLIPSIS
# Marks after which a paragraph may legitimately end although no sentence closed.
SOFT_END = "；;：:—）)】」』"
CLOSING_QUOTES = "”’」』\"'"
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    """Simplified view of a short string, for pattern matching only (never stored)."""
    return to_simplified(text)


def width(text: str) -> float:
    """Printed width in ideographs: full-width characters count 1, ASCII and spaces 0.5."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    if not stripped:
        return False
    last = stripped[-1]
    if last in LINE_COMPLETE:
        return True
    if last in CLOSING_QUOTES:
        body = stripped.rstrip(CLOSING_QUOTES)
        return bool(body) and body[-1] in LINE_COMPLETE
    return False


def ends_paragraph(text: str) -> bool:
    """True when a paragraph of an ordinary (non-column) page may end here."""
    stripped = text.rstrip()
    return ends_sentence(stripped) or (bool(stripped) and stripped[-1] in SOFT_END + CLOSING_QUOTES)


def has_clause_punct(text: str) -> bool:
    return any(ch in CLAUSE_ENDS for ch in text)


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def first_sentence(text: str, limit: int = 30) -> str:
    """The first sentence without its final mark, cut to `limit` characters (… marks a cut)."""
    match = SENTENCE_END.search(text)
    sentence = text[: match.start()] if match else text
    sentence = sentence.strip()
    if len(sentence) > limit:
        return sentence[:limit] + "…"
    return sentence
