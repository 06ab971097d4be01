"""A QueryPlan compiled to a tantivy Query.

A query word matches a document when it occurs in it as a substring (a
phrase over the bigram field, or over the four-character gram field for a
word of four or more Chinese characters): a word typed without spaces is read as the
phrase it spells, so 极端条件实验装置 does not match a story that merely
mentions 极端, 条件, 实验 and 装置 somewhere. Only when that phrase occurs
nowhere in the index (科技金融政策, several words run together) is the word
read as its dictionary words typed with spaces, each of which must occur.
jieba search-mode tokens on the token fields add BM25 score, so documents
that contain the word as a real token rank above substring-only matches,
and title fields (boost) rank above body fields.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import tantivy
from tantivy import Occur, Query

from search.backends.query_plan import CONTENT, ContentText, Leaf, Node, is_phrase, unquote
from search.backends.tantivy_schema import (
    BOOLEAN,
    DATE,
    DATETIME,
    FLOAT,
    INTEGER,
    KEYWORD,
    TEXT,
    FieldSpec,
    to_datetime,
)
from textkit import analysis, ngrams
from textkit.analysis import QueryWord
from textkit.ngrams import Gram

# Real-token matches weigh more than the substring phrase they imply.
TOKEN_WEIGHT = 2.0
SUBSTRING_WEIGHT = 1.0

_FIELD_TYPES = {
    INTEGER: tantivy.FieldType.Integer,
    FLOAT: tantivy.FieldType.Float,
    BOOLEAN: tantivy.FieldType.Boolean,
    DATE: tantivy.FieldType.Date,
    DATETIME: tantivy.FieldType.Date,
}


class IndexFacts:
    """What compiling asks of the index it compiles for.

    Whether any document matches a query lets an unspaced word be read as separate words only
    when its phrase is nowhere in the index. Term statistics keep a long word's substring
    phrase weighing what its bigram phrase weighed: tantivy scores a phrase with the summed idf
    of its terms, and ⌈n/4⌉ four-character grams sum to less than n-1 bigrams, which let token
    matches outrank it (judged query 科技金融: the story using it 9 times fell below one using it once).
    """

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self.searcher = searcher

    def exists(self, query: Query) -> bool:
        return bool(self.searcher.search(query, limit=1, count=False).hits)

    def _idf(self, field: str, terms: Iterable[str]) -> float:
        # tantivy's BM25 idf (tantivy::query::bm25::idf), summed as its phrase weight sums it
        total = self.searcher.num_docs
        return sum(
            math.log(1 + (total - (n := self.searcher.doc_freq(field, term)) + 0.5) / (n + 0.5)) for term in terms
        )

    def long_phrase_weight(self, field: FieldSpec, word: QueryWord) -> float:
        """The boost that gives the word's four-character gram phrase, or its whole-word term,
        its bigram phrase's idf."""
        if not word.long_grams:
            return 1.0
        if word.whole:
            long_idf = self._idf(field.whole_word_name, [word.text])
        else:
            long_idf = self._idf(field.long_gram_name, (gram for _, gram in word.long_grams))
        return self._idf(field.ngram_name, (g.text for g in word.grams)) / long_idf if long_idf > 0 else 1.0


class QueryError(ValueError):
    """The plan asks for something this index cannot answer."""


def _bool(clauses: Sequence[tuple[Occur, Query]]) -> Query:
    return Query.boolean_query(list(clauses))


def _gram_query(schema: tantivy.Schema, field: str, grams: Sequence[Gram]) -> Query:
    if any(g.prefix for g in grams):
        patterns = [(g.offset, re.escape(g.text) + ".?" if g.prefix else re.escape(g.text)) for g in grams]
        if len(patterns) == 1:
            return Query.regex_query(schema, field, patterns[0][1])
        return Query.regex_phrase_query(schema, field, patterns)
    if len(grams) == 1:
        return Query.term_query(schema, field, grams[0].text)
    return Query.phrase_query(schema, field, [(g.offset, g.text) for g in grams])


def _phrase(schema: tantivy.Schema, field: FieldSpec, word: QueryWord) -> Query:
    """The word as a substring of the field: one term when it is a listed whole word, else over
    the four-character grams when it has them (fewer, rarer terms: at 100k articles
    国际科技创新中心 reads 2 position lists instead of 7, and no positions as a whole word)."""
    if word.whole:
        return Query.term_query(schema, field.whole_word_name, word.text)
    grams = word.long_grams
    if not grams:
        return _gram_query(schema, field.ngram_name, word.grams)
    if len(grams) == 1:
        return Query.term_query(schema, field.long_gram_name, grams[0][1])
    return Query.phrase_query(schema, field.long_gram_name, list(grams))


def _presence(
    schema: tantivy.Schema, word: QueryWord, fields: Sequence[FieldSpec], facts: IndexFacts | None
) -> Query:
    """Matches exactly the documents in which the word occurs as a substring."""
    clauses = []
    for f in fields:
        boost = f.boost * SUBSTRING_WEIGHT * (facts.long_phrase_weight(f, word) if facts else 1.0)
        clauses.append((Occur.Should, Query.boost_query(_phrase(schema, f, word), boost)))
    return _bool(clauses)


def _parts(word: QueryWord) -> tuple[QueryWord, ...]:
    """The distinct dictionary words of a word typed without spaces, or ()
    when it is one word or has single characters, which would make a
    words-anywhere match almost everything."""
    if word.required == (word.text,) or any(len(t) < 2 for t in word.required):
        return ()
    parts = (analysis.analyze_word(t) for t in dict.fromkeys(word.required))
    return tuple(p for p in parts if p is not None)


def resolve_word(
    schema: tantivy.Schema, typed: str, fields: Sequence[FieldSpec], facts: IndexFacts | None = None
) -> tuple[QueryWord, ...]:
    """The words that must all match for one typed word or "quoted phrase".

    A word is its own phrase; an unquoted word whose phrase occurs nowhere
    in the index (asked through facts; never without them) stands for its
    dictionary words, as if typed with spaces: 科技金融政策 → 科技金融 政策,
    科技科技 → 科技.
    """
    word = analysis.analyze_word(unquote(typed))
    if word is None:
        return ()
    if is_phrase(typed) or facts is None:
        return (word,)
    parts = _parts(word)
    if parts and not facts.exists(_presence(schema, word, fields, None)):
        return parts
    return (word,)


def word_query(
    schema: tantivy.Schema, word: QueryWord, fields: Sequence[FieldSpec], facts: IndexFacts | None = None
) -> Query:
    clauses = [(Occur.Must, _presence(schema, word, fields, facts))]
    for token in word.tokens:
        for f in fields:
            clauses.append(
                (Occur.Should, Query.boost_query(Query.term_query(schema, f.name, token), f.boost * TOKEN_WEIGHT))
            )
    return _bool(clauses)


def content_query(
    schema: tantivy.Schema, text: ContentText, fields: Sequence[FieldSpec], facts: IndexFacts | None = None
) -> Query:
    """Every included word must match, no excluded word may. A word given
    twice counts once, so 科技 科技 … finds and ranks exactly like 科技."""
    clauses: list[tuple[Occur, Query]] = []
    included: dict[str, QueryWord] = {}
    for typed in text.include:
        for word in resolve_word(schema, typed, fields, facts):
            included.setdefault(word.text, word)
    clauses += [(Occur.Must, word_query(schema, word, fields, facts)) for word in included.values()]
    for typed in text.exclude:
        words = resolve_word(schema, typed, fields, facts)
        if words:
            # Excluded: only whether they match counts, not how much.
            every = _bool([(Occur.Must, _presence(schema, word, fields, None)) for word in words])
            clauses.append((Occur.MustNot, every))
    if not included:
        if not clauses:
            # Nothing searchable (only punctuation): nothing matches.
            return Query.empty_query()
        clauses.append((Occur.Must, Query.all_query()))
    return _bool(clauses)


def near_query(schema: tantivy.Schema, words: Sequence[str], within: int, fields: Sequence[FieldSpec]) -> Query:
    """The words within `within` characters of each other, in the order typed or its reverse:
    one phrase over the bigram field whose words may stand apart by that many positions
    (tantivy's slop). Every Chinese character takes a position (textkit.ngrams), a run of
    Latin letters or digits one, spaces and punctuation none: the distance is counted in
    characters, words of other scripts counting one and what separates words nothing."""
    analysed = [analysis.analyze_word(word) for word in words]
    if any(word is None or any(g.prefix for g in word.grams) for word in analysed):
        raise QueryError("邻近检索的每个词都要有两个以上的字")
    clauses = []
    for order in (analysed, analysed[::-1]):
        terms: list[tuple[int, str]] = []
        offset = 0
        for word in order:
            terms.extend((offset + gram.offset, gram.text) for gram in word.grams)
            offset += ngrams.positions_taken(word.text)
        for f in fields:
            phrase = Query.phrase_query(schema, f.ngram_name, terms, slop=within)
            clauses.append((Occur.Should, Query.boost_query(phrase, f.boost)))
    return _bool(clauses)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    return [value]


def _typed(spec: FieldSpec, value: Any) -> Any:
    if spec.kind in (DATE, DATETIME):
        if isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        return to_datetime(value)
    if spec.kind == INTEGER:
        return int(value)
    if spec.kind == FLOAT:
        return float(value)
    if spec.kind == BOOLEAN:
        return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}
    return str(value)


def _range(schema: tantivy.Schema, spec: FieldSpec, lo: Any, hi: Any, inc_lo: bool, inc_hi: bool) -> Query:
    if spec.kind not in _FIELD_TYPES:
        raise QueryError(f"range lookups need a numeric or date field, not {spec.name!r}")
    lo = None if lo is None else _typed(spec, lo)
    hi = None if hi is None else _typed(spec, hi)
    return Query.range_query(
        schema, spec.name, _FIELD_TYPES[spec.kind], lo, hi, include_lower=inc_lo, include_upper=inc_hi
    )


def _equals(schema: tantivy.Schema, spec: FieldSpec, value: Any) -> Query:
    if spec.kind == DATE:
        day = _typed(spec, value)
        return Query.range_query(schema, spec.name, tantivy.FieldType.Date, day, day)
    return Query.term_query(schema, spec.name, _typed(spec, value))


def _field_leaf(schema: tantivy.Schema, spec: FieldSpec, leaf: Leaf) -> Query:
    lookup, value = leaf.lookup, leaf.value
    if lookup in ("content", "exact", "contains"):
        return _equals(schema, spec, value)
    if lookup == "in":
        return _bool([(Occur.Should, _equals(schema, spec, v)) for v in _as_list(value)])
    if lookup == "startswith" and spec.kind == KEYWORD:
        return Query.regex_query(schema, spec.name, re.escape(str(value)) + ".*")
    if lookup == "range":
        lo, hi = value
        return _range(schema, spec, lo, hi, True, True)
    bounds = {"gt": (value, None, False, True), "gte": (value, None, True, True),
              "lt": (None, value, True, False), "lte": (None, value, True, True)}
    if lookup in bounds:
        return _range(schema, spec, *bounds[lookup])
    raise QueryError(f"unsupported lookup {lookup!r} on {spec.name!r}")


def compile_leaf(
    schema: tantivy.Schema, specs: Mapping[str, FieldSpec], leaf: Leaf, facts: IndexFacts | None = None
) -> Query:
    text_fields = [s for s in specs.values() if s.kind == TEXT]
    if leaf.field == CONTENT and leaf.lookup == "near":
        words, within = leaf.value
        return near_query(schema, words, within, text_fields)
    if leaf.field == CONTENT:
        return content_query(schema, _content(leaf.value), text_fields, facts)
    spec = specs.get(leaf.field)
    if spec is None:
        raise QueryError(f"unknown search field {leaf.field!r}")
    if spec.kind == TEXT:
        return content_query(schema, _content(leaf.value), [spec], facts)
    # Filters select; they must not change relevance.
    return Query.const_score_query(_field_leaf(schema, spec, leaf), 0.0)


def _content(value: Any) -> ContentText:
    return value if isinstance(value, ContentText) else ContentText(tuple(str(value).split()))


def compile_node(
    schema: tantivy.Schema, specs: Mapping[str, FieldSpec], node: Node | Leaf | None, facts: IndexFacts | None = None
) -> Query:
    """facts (see IndexFacts) let unspaced words fall back to their
    dictionary words when their phrase is nowhere in the index."""
    if node is None:
        return Query.all_query()
    if isinstance(node, Leaf):
        return compile_leaf(schema, specs, node, facts)
    occur = Occur.Should if node.connector == "OR" else Occur.Must
    children = [(occur, compile_node(schema, specs, child, facts)) for child in node.children]
    query = _bool(children) if children else Query.all_query()
    if node.negated:
        return _bool([(Occur.Must, Query.all_query()), (Occur.MustNot, query)])
    return query
