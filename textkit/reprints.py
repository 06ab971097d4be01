"""Reprints (通稿): the same story printed by several outlets, found on normalised text.

Pure (no Django): the knowledge base's service (articles/services/reprints.py) and the
measurement (bench/reprints.py) call these same functions.

A text is compared by its set of character 5-grams after `analysis.normalize` (OpenCC to
simplified, cross-strait vocabulary, width, case and punctuation folding) with every character
that is not a letter or digit dropped, so a 新华社 story printed in traditional characters by a
Hong Kong paper and in simplified by 人民网 has the same grams, and line breaks, spacing and
punctuation style do not count. Two printings are the same story when the sets are close
(Jaccard ≥ SAME_JACCARD) or when the shorter text is almost all inside the longer one
(containment ≥ SAME_CONTAINMENT: a shortened printing, or one with a lead sentence of the
outlet's own) — measured on real printings in tests/data/reprints (bench/reprints.py).

Candidates are found without comparing every pair: a MinHash signature (datasketch) of the
grams is cut into BANDS bands of ROWS values, and each band is hashed to one 63-bit key
(`band_keys`); texts sharing any key are candidates (LSH), then compared exactly. With 3 rows a
band, a pair at Jaccard 0.35 shares a key with probability 0.83, at 0.5 with 0.99, at 0.05
with 0.005. The keys depend on NUM_PERM, the seed and the permutation scheme below: changing
any of them means re-keying every stored text (`manage.py find_reprints`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from textkit.analysis import normalize

SHINGLE = 5
BANDS = 40
ROWS = 3
NUM_PERM = BANDS * ROWS
SEED = 20260
SCHEME = "affine32"  # datasketch ≥ 2.0's default, named so an upgrade cannot silently change it
# A text of fewer grams than this (about 30 characters: a caption, a one-line brief) is never
# called a reprint: short texts share too little to tell one story from a formula.
MIN_SHINGLES = 25
# Same story: measured on tests/data/reprints (bench/reprints.py, bench/results/reprints.json).
# Printings of one story rewritten by each outlet from the same release share 0.35–0.6 of
# their grams; a printing cut short shares little of the whole but is almost all inside it.
SAME_JACCARD = 0.4
SAME_CONTAINMENT = 0.8
# Candidates checked for one text, those sharing most keys first; a key shared by more texts
# than MAX_BUCKET is skipped as boilerplate.
MAX_CANDIDATES = 200
MAX_BUCKET = 500

_DROP = re.compile(r"[\W_]+")


def matching_text(text: str) -> str:
    """The normalised letters and digits of a text: the form printings are compared in."""
    return _DROP.sub("", normalize(text))


def shingles(text: str) -> frozenset[str]:
    """The character SHINGLE-grams of the matching text (one gram for a shorter text)."""
    folded = matching_text(text)
    if len(folded) <= SHINGLE:
        return frozenset([folded]) if folded else frozenset()
    return frozenset(folded[i : i + SHINGLE] for i in range(len(folded) - SHINGLE + 1))


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # The permutations are drawn once; every signature copies them.
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def signature(grams: Iterable[str]) -> np.ndarray:
    """The MinHash values (NUM_PERM unsigned integers) of a set of grams."""
    template = _template()
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=template.permutations)
    sketch.update_batch([gram.encode("utf-8") for gram in grams])
    return sketch.hashvalues


def band_keys(grams: frozenset[str]) -> list[int]:
    """The LSH keys of a text: one signed 63-bit integer per band (fits a BigIntegerField).
    Empty for a text too short to be compared."""
    if len(grams) < MIN_SHINGLES:
        return []
    values = signature(grams).astype("<u8")
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)  # non-negative, below 2**63
    return keys


@dataclass(frozen=True)
class Similarity:
    jaccard: float  # shared grams / all grams of the two
    containment: float  # shared grams / grams of the shorter text
    smaller: int  # grams of the shorter text

    @property
    def same_story(self) -> bool:
        if self.smaller < MIN_SHINGLES:
            return False
        return self.jaccard >= SAME_JACCARD or self.containment >= SAME_CONTAINMENT


def similarity(a: frozenset[str], b: frozenset[str]) -> Similarity:
    if not a or not b:
        return Similarity(0.0, 0.0, min(len(a), len(b)))
    shared = len(a & b)
    smaller = min(len(a), len(b))
    return Similarity(shared / (len(a) + len(b) - shared), shared / smaller, smaller)


def same_story(a: str, b: str) -> bool:
    """Whether two texts are printings of the same story."""
    return similarity(shingles(a), shingles(b)).same_story


class KeyIndex:
    """Band keys → texts, in memory: the stand-in for the knowledge base's indexed table."""

    def __init__(self) -> None:
        self.buckets: dict[int, list[Hashable]] = {}

    def add(self, ident: Hashable, keys: Iterable[int]) -> None:
        for key in keys:
            self.buckets.setdefault(key, []).append(ident)

    def candidates(self, keys: Iterable[int], *, limit: int = MAX_CANDIDATES) -> list[Hashable]:
        """Texts sharing a key, those sharing most first; a key shared by more than MAX_BUCKET
        texts is boilerplate common to a whole outlet, not a story, and is skipped."""
        shared: Counter[Hashable] = Counter()
        for key in keys:
            members = self.buckets.get(key, ())
            if len(members) <= MAX_BUCKET:
                shared.update(members)
        return [ident for ident, _ in shared.most_common(limit)]


def best_match(grams: frozenset[str], candidates: Iterable[tuple[Hashable, frozenset[str]]]
               ) -> tuple[Hashable, Similarity] | None:
    """The candidate that is most similar (Jaccard) among those printing the same story."""
    best: tuple[Hashable, Similarity] | None = None
    for ident, other in candidates:
        found = similarity(grams, other)
        if found.same_story and (best is None or found.jaccard > best[1].jaccard):
            best = (ident, found)
    return best


def cluster(texts: Iterable[tuple[Hashable, str]]) -> dict[Hashable, Hashable]:
    """Stories among texts given in the order they were printed (earliest first): each text
    joins the story of its most similar earlier printing, else starts one. Returns each text's
    first printing (itself for a first printing). Stories are never merged afterwards, so a
    passage quoted in two different stories cannot chain them together through a third text.
    The knowledge base assigns imported articles the same way (articles/services/reprints.py)."""
    index = KeyIndex()
    grams: dict[Hashable, frozenset[str]] = {}
    first: dict[Hashable, Hashable] = {}
    for ident, text in texts:
        own = shingles(text)
        keys = band_keys(own)
        match = best_match(own, ((other, grams[other]) for other in index.candidates(keys)))
        first[ident] = first[match[0]] if match else ident
        grams[ident] = own
        index.add(ident, keys)
    return first
