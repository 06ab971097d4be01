"""Long domain words indexed whole, so that searching one reads a single posting list.

A word of five or more Chinese characters is otherwise a phrase of four-character grams whose
positions must be compared in every document that has both grams: at 1,000,000 articles,
国际科技创新中心 (in 65% of them) spent ~100 ms there, twice per search (hits, then facets).
Lucene's answer to frequent phrases is "common grams": index the frequent combination as one
term. Here the combinations are the domain dictionary's seed terms (fixtures/domain_terms.txt)
of five or more Chinese characters: the policy formulations analysts search for.

Each occurrence of a listed word in the normalised text, overlapping ones included, is one
token, so a listed word's term matches exactly the documents its gram phrase matches, with the
same frequency. The list is part of the index's schema (its digest names the field): editing it
makes the index ask for a reindex rather than leave older documents without their terms.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import ahocorasick_rs

from textkit.ngrams import runs

MIN_LENGTH = 5


class WholeWords:
    """The listed words (already normalised) and an automaton that finds them."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if len(w) >= MIN_LENGTH and runs(w) == [(0, len(w), True)])
        ordered = sorted(self.words)
        self.digest = hashlib.blake2b("\n".join(ordered).encode(), digest_size=4).hexdigest()
        self._automaton = ahocorasick_rs.AhoCorasick(ordered) if ordered else None

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def occurrences(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) of every occurrence of a listed word in text, overlapping ones
        included, in no particular order."""
        if self._automaton is None:
            return []
        return [(text[start:end], start, end) for _, start, end in self._automaton.find_matches_as_indexes(
            text, overlapping=True
        )]
