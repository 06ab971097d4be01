"""Highlighting on the displayed text, in either script.

Matches are found on the normalised text (so 科技 finds 科技 in a
traditional story) and mapped back through the normalisation offset map;
the displayed text is HTML-escaped piece by piece and only our own <mark>
tags are added.
"""

from __future__ import annotations

import bisect
import html
import itertools
import json

from textkit import analysis, offset_runs
from textkit.analysis import AnalyzedQuery
from textkit.mapped_text import MappedText

ELLIPSIS = "…"


def needles(query: AnalyzedQuery) -> set[str]:
    """What to mark: each query word as typed (normalised) and its
    dictionary words, never stray single characters of a longer word."""
    found: set[str] = set()
    for word in query.words:
        found.add(word.text)
        found.update(t for t in word.required if len(t) > 1)
    return {n for n in found if n.strip()}


def match_spans(text: str, query: AnalyzedQuery,
                mapped: MappedText | offset_runs.StoredMap | None = None) -> list[tuple[int, int]]:
    """Merged [start, end) spans of text (original offsets) to mark; mapped is the text's
    normalised form with its map back, when the index stored it (snippet_source)."""
    wanted = needles(query)
    if not text or not wanted:
        return []
    mapped = mapped or analysis.normalize_with_offsets(text)
    spans = []
    for needle in wanted:
        start = mapped.text.find(needle)
        while start >= 0:
            spans.append(mapped.span(start, start + len(needle)))
            start = mapped.text.find(needle, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _render(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    parts = []
    pos = lo
    for start, end in spans:
        start, end = max(start, lo), min(end, hi)
        if start >= end:
            continue
        parts.append(html.escape(text[pos:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    parts.append(html.escape(text[pos:hi]))
    return "".join(parts)


def highlight(text: str, query: AnalyzedQuery) -> str:
    """The whole text, escaped, with every match in <mark>."""
    return _render(text, match_spans(text, query), 0, len(text))


def _window(spans: list[tuple[int, int]], lo: int, size: int, length: int) -> tuple[int, int]:
    """[lo, hi) of about size characters from lo, moved so that it never
    cuts a match: a start inside a match moves back to the match's start, an
    end inside a match moves back before it (or past it, if the match fills
    the window). spans are match_spans(): ascending, disjoint, never touching."""
    lo = max(0, min(lo, length - size))
    for start, end in spans:
        if start < lo < end:
            lo = start
    hi = min(length, lo + size)
    for start, end in spans:
        if start < hi < end:
            hi = start if start > lo else end
    return lo, hi


class _Windows:
    """_window and the marked characters inside it in O(log n) per window: a frequent word
    matches 20-30 times in an article, and trying a window at each match while scanning every
    match for each was quadratic (a quarter of a search's snippet time)."""

    def __init__(self, spans: list[tuple[int, int]], size: int, length: int) -> None:
        self.size, self.length = size, length
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.marked = [0, *itertools.accumulate(end - start for start, end in spans)]

    def _inside(self, at: int) -> int | None:
        """The index of the match with start < at < end, if any."""
        i = bisect.bisect_left(self.starts, at) - 1
        return i if i >= 0 and self.ends[i] > at else None

    def window(self, lo: int) -> tuple[int, int]:
        lo = max(0, min(lo, self.length - self.size))
        i = self._inside(lo)
        if i is not None:
            lo = self.starts[i]
        hi = min(self.length, lo + self.size)
        i = self._inside(hi)
        if i is not None:
            hi = self.starts[i] if self.starts[i] > lo else self.ends[i]
        return lo, hi

    def score(self, lo: int, hi: int) -> int:
        """Marked characters in [lo, hi), which cuts no match: the matches wholly inside."""
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_right(self.ends, hi)
        return self.marked[last] - self.marked[first] if last > first else 0


def snippet_source(text: str) -> str:
    """What snippet() needs of a text, computed once when the text is indexed: the normalised
    form of the text it places snippets in, and the map back (textkit.offset_runs)."""
    mapped = analysis.normalize_with_offsets(" ".join(text.split()))
    return json.dumps([mapped.text, offset_runs.encode(mapped)], ensure_ascii=False, separators=(",", ":"))


def snippet(text: str, query: AnalyzedQuery, size: int = 160, prepared: str | None = None) -> str:
    """An escaped window of about size characters around the densest
    matches, never cutting a match; the start of the text when nothing
    matches. prepared is snippet_source(text), as the index stored it: the
    text is then not normalised again (the same snippet, a fraction of the time)."""
    text = " ".join(text.split())
    stored = offset_runs.StoredMap(*json.loads(prepared)) if prepared else None
    spans = match_spans(text, query, stored)
    if len(text) <= size:
        return _render(text, spans, 0, len(text))
    best, best_score = (0, min(len(text), size)), -1
    windows = _Windows(spans, size, len(text))
    for first, _ in spans:
        lo, hi = windows.window(first - size // 4)
        score = windows.score(lo, hi)
        if score > best_score:
            best, best_score = (lo, hi), score
    lo, hi = best
    prefix = ELLIPSIS if lo > 0 else ""
    suffix = ELLIPSIS if hi < len(text) else ""
    return prefix + _render(text, spans, lo, hi) + suffix
