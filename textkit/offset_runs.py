"""A normalised text's map back to the original, small enough to store beside it in the index.

Placing a snippet needs the matches' places in the displayed text: the normalised text is
searched and each match mapped back through MappedText.span. Normalising a whole article on
every search hit was the costliest part of a search (bench/profile_search.py); the index stores
the normalised text and this map instead, computed once when the document is indexed.

MappedText keeps two offsets per character. Written as differences from the character's own
place (start − i, end − (i + 1)) they are constant along every stretch that normalisation did
not resize, so runs of equal differences describe the whole map: none at all for most texts
(every length-preserving change keeps the identity map), a few for a text whose vocabulary or
document numbers changed length. Pure Python, no Django.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from textkit.mapped_text import MappedText


def encode(mapped: MappedText) -> list[int]:
    """[i, start − i, end − (i + 1), …] at every character where the differences change; [] for
    the identity map."""
    if mapped.is_identity:
        return []
    runs: list[int] = []
    last: tuple[int, int] | None = None
    for i, (start, end) in enumerate(zip(mapped.starts, mapped.ends, strict=True)):
        delta = (start - i, end - i - 1)
        if delta != last:
            runs += (i, *delta)
            last = delta
    return runs


@dataclass(frozen=True)
class StoredMap:
    """A normalised text with its map back (encode's runs): MappedText's text and span()."""

    text: str
    runs: Sequence[int] = ()
    firsts: list[int] = field(init=False, repr=False, compare=False)  # where each run starts

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", list(self.runs[0::3]))

    def _deltas(self, i: int) -> tuple[int, int]:
        if not self.runs:
            return 0, 0
        k = bisect.bisect_right(self.firsts, i) - 1  # the first run starts at 0 (encode)
        return self.runs[3 * k + 1], self.runs[3 * k + 2]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised characters [start, end): MappedText.span."""
        if start >= end:
            raise ValueError("empty span")
        first = start + self._deltas(start)[0]
        if not self.runs:
            return first, end
        # The largest end over [start, end): within a run ends grow by one per character, so
        # each run's largest is at its last character inside the range.
        k = bisect.bisect_right(self.firsts, start) - 1
        last_end = 0
        for j in range(k, len(self.firsts)):
            run_start = self.firsts[j]
            if run_start >= end:
                break
            next_start = self.firsts[j + 1] if j + 1 < len(self.firsts) else end
            at = min(end, next_start) - 1
            if at < start:
                continue
            last_end = max(last_end, at + 1 + self.runs[3 * j + 2])
        return first, last_end
