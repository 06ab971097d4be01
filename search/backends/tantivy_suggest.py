""""Did you mean" for queries that find nothing.

Candidates are the domain dictionary and indexed terms sharing a first
character with the word; the closest one that actually occurs in the index
wins. Cheap enough to run only when a search found nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import tantivy

from search import analysis

MIN_SIMILARITY = 0.5
PREFIX_CANDIDATES = 400


def _candidates(searcher: tantivy.Searcher, fields: Sequence[str], word: str) -> set[str]:
    found = {w for w in analysis.domain_words() if abs(len(w) - len(word)) <= 2}
    # Two prefixes: in a large index the one-character prefix alone may hit
    # the limit before reaching the right neighbourhood.
    for field in fields:
        for prefix in {word[:1], word[:2]}:
            for term, _ in searcher.terms_with_prefix(field, prefix, limit=PREFIX_CANDIDATES):
                if abs(len(term) - len(word)) <= 2:
                    found.add(term)
    return found


def suggest_word(searcher: tantivy.Searcher, fields: Sequence[str], word: str) -> str | None:
    if any(searcher.doc_freq(f, word) for f in fields):
        return None
    best, best_key = None, (MIN_SIMILARITY, 0)
    for candidate in _candidates(searcher, fields, word):
        if candidate == word:
            continue
        ratio = difflib.SequenceMatcher(None, word, candidate).ratio()
        if ratio < MIN_SIMILARITY:
            continue
        frequency = sum(searcher.doc_freq(f, candidate) for f in fields)
        # Closest first; among equally close words, the most common one.
        if frequency and (ratio, frequency) >= best_key:
            best, best_key = candidate, (ratio, frequency)
    return best


def suggest(searcher: tantivy.Searcher, fields: Sequence[str], text: str) -> str | None:
    """The query with unknown words replaced by their closest known word,
    or None when no word could be improved."""
    words = analysis.analyze_query(text).words
    changed = False
    out = []
    for word in words:
        replacement = suggest_word(searcher, fields, word.text)
        changed |= replacement is not None
        out.append(replacement or word.text)
    return " ".join(out) if changed else None
