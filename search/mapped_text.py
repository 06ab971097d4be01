"""A string that remembers, for every character, where it came from.

Normalisation (width folding, OpenCC, cross-strait vocabulary) may change the
length of the text; highlights must still land on the displayed text, so
every rewrite keeps a map from normalised characters back to original spans.
Pure Python on purpose: the ingestion pipeline imports it without Django.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class MappedText:
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, tuple(range(len(text))), tuple(range(1, len(text) + 1)))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised characters [start, end)."""
        if start >= end:
            raise ValueError("empty span")
        return self.starts[start], max(self.ends[start:end])

    def replace(self, edits: Iterable[tuple[int, int, str]]) -> MappedText:
        """Apply non-overlapping, ascending (start, end, new) edits.

        An edit of equal length maps character to character; otherwise every
        new character maps to the whole replaced span, which keeps highlights
        covering the right words even when we cannot align inside them.
        """
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for start, end, new in edits:
            if start < pos:
                raise ValueError("overlapping edits")
            chars.append(self.text[pos:start])
            starts.extend(self.starts[pos:start])
            ends.extend(self.ends[pos:start])
            if len(new) == end - start:
                starts.extend(self.starts[start:end])
                ends.extend(self.ends[start:end])
            elif start == end:
                # Pure insertion: anchor on the neighbouring character.
                anchor = self.starts[start] if start < len(self.text) else (
                    self.ends[-1] if self.text else 0
                )
                starts.extend([anchor] * len(new))
                ends.extend([anchor] * len(new))
            else:
                lo, hi = self.span(start, end)
                starts.extend([lo] * len(new))
                ends.extend([hi] * len(new))
            chars.append(new)
            pos = end
        chars.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return MappedText("".join(chars), tuple(starts), tuple(ends))

    def map_clusters(self, fn: Callable[[str], str], clusters: list[tuple[int, int]]) -> MappedText:
        """Rewrite each cluster [start, end) with fn, keeping offsets."""
        edits = []
        for start, end in clusters:
            old = self.text[start:end]
            new = fn(old)
            if new != old:
                edits.append((start, end, new))
        return self.replace(edits) if edits else self

    def convert_aligned(self, fn: Callable[[str], str]) -> MappedText:
        """Apply a whole-text converter (OpenCC) and realign the result.

        OpenCC t2s is length-preserving on every seed, so the fast path is a
        positional map; a diff alignment covers converters that are not.
        """
        new = fn(self.text)
        if new == self.text:
            return self
        if len(new) == len(self.text):
            return MappedText(new, self.starts, self.ends)
        matcher = difflib.SequenceMatcher(None, self.text, new, autojunk=False)
        edits = [
            (i1, i2, new[j1:j2])
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"
        ]
        return self.replace(edits)
