""""Did you mean" for queries that find nothing.

Only words the index really lacks are corrected: a word counts as found
when the search itself would match it (as a substring, or as its dictionary
words — tantivy_compile.resolve_word), so 手撕钢, which jieba never emits as
a token, is kept as typed. Candidates are the domain dictionary and indexed
terms sharing a first character with the word; the closest one that
actually occurs in the index wins, and a single character never does.
Cheap enough to run only when a search found nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import tantivy

from search.backends.query_plan import ContentText
from search.backends.tantivy_compile import IndexFacts, content_query
from search.backends.tantivy_schema import FieldSpec
from textkit import analysis

MIN_SIMILARITY = 0.5
PREFIX_CANDIDATES = 400
MIN_SUGGESTION = 2  # characters; one character is no correction of a word


def _candidates(searcher: tantivy.Searcher, fields: Sequence[str], word: str) -> set[str]:
    found = {w for w in analysis.domain_words() if abs(len(w) - len(word)) <= 2}
    # Two prefixes: in a large index the one-character prefix alone may hit
    # the limit before reaching the right neighbourhood.
    for field in fields:
        for prefix in {word[:1], word[:2]}:
            for term, _ in searcher.terms_with_prefix(field, prefix, limit=PREFIX_CANDIDATES):
                if abs(len(term) - len(word)) <= 2:
                    found.add(term)
    return {c for c in found if len(c) >= MIN_SUGGESTION}


def is_found(searcher: tantivy.Searcher, schema: tantivy.Schema, fields: Sequence[FieldSpec], word: str) -> bool:
    """Would a search for this one word match some document?"""
    facts = IndexFacts(searcher)
    return facts.exists(content_query(schema, ContentText((word,)), fields, facts))


def suggest_word(searcher: tantivy.Searcher, fields: Sequence[str], word: str) -> str | None:
    """The closest indexed word to a word the index lacks, or None."""
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


def suggest(
    searcher: tantivy.Searcher, schema: tantivy.Schema, fields: Sequence[FieldSpec], text: str
) -> str | None:
    """The query with its missing words replaced by their closest known
    word, or None when every word is found or none could be improved."""
    token_fields = sorted(f.name for f in fields)
    changed = False
    out = []
    for word in analysis.analyze_query(text).words:
        replacement = None
        if not is_found(searcher, schema, fields, word.text):
            replacement = suggest_word(searcher, token_fields, word.text)
        changed |= replacement is not None
        out.append(replacement or word.text)
    return " ".join(out) if changed else None
