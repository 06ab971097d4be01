"""The tantivy schema derived from haystack's SearchIndex fields, and the
conversion of prepared haystack data to tantivy documents and back."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import tantivy
from haystack.constants import DJANGO_CT, DJANGO_ID, ID

from textkit import analysis

NGRAM_SUFFIX = "__ng"
LONG_GRAM_SUFFIX = "__ng4"
# Followed by the digest of the list of whole words (textkit.whole_words): another list is
# another schema, and the index asks to be rebuilt.
WHOLE_WORD_SUFFIX = "__w"
# Fills a whole-word field up to the length of its four-character gram field (see pre_tokenized).
# No query asks for it: listed words are Chinese characters only.
PADDING = " "

TEXT = "text"
KEYWORD = "keyword"
INTEGER = "integer"
FLOAT = "float"
BOOLEAN = "boolean"
DATE = "date"
DATETIME = "datetime"
STORED = "stored"  # given back with a hit, never searched

_KINDS = {
    "string": TEXT,
    "ngram": TEXT,
    "edge_ngram": TEXT,
    "keyword": KEYWORD,
    "integer": INTEGER,
    "float": FLOAT,
    "boolean": BOOLEAN,
    "date": DATE,
    "datetime": DATETIME,
    "stored": STORED,
}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str
    multi: bool = False
    boost: float = 1.0
    stored: bool = True

    @property
    def ngram_name(self) -> str:
        return self.name + NGRAM_SUFFIX

    @property
    def long_gram_name(self) -> str:
        return self.name + LONG_GRAM_SUFFIX

    @property
    def whole_word_name(self) -> str:
        return self.name + WHOLE_WORD_SUFFIX + analysis.whole_words().digest


SYSTEM_FIELDS = (
    FieldSpec(ID, KEYWORD),
    FieldSpec(DJANGO_CT, KEYWORD),
    FieldSpec(DJANGO_ID, KEYWORD),
)


def field_specs(search_fields: Mapping[str, Any]) -> dict[str, FieldSpec]:
    """One spec per index field name, from UnifiedIndex.all_searchfields().

    Multi-valued fields and haystack's facet shadows are keywords: they are
    filtered and counted by exact value, never analysed.
    """
    specs = {spec.name: spec for spec in SYSTEM_FIELDS}
    for name, field in sorted(search_fields.items()):
        kind = _KINDS.get(field.field_type or "string", TEXT)
        if kind == TEXT and (field.is_multivalued or getattr(field, "facet_for", None)):
            kind = KEYWORD
        specs[field.index_fieldname or name] = FieldSpec(
            field.index_fieldname or name,
            kind,
            multi=bool(field.is_multivalued),
            boost=float(field.boost or 1.0),
            stored=bool(field.stored),
        )
    return specs


def fingerprint(specs: Mapping[str, FieldSpec]) -> str:
    """Changes whenever the schema would; stored next to the index."""
    payload = json.dumps(
        [[s.name, s.kind, s.multi, s.stored] for s in sorted(specs.values(), key=lambda s: s.name)]
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def build_schema(specs: Mapping[str, FieldSpec]) -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for spec in specs.values():
        if spec.kind == TEXT:
            # Text arrives pre-tokenised (textkit.analysis); the tokenizer name
            # only matters to tantivy's own query parser, which we never use.
            # "freq": no positions. Nothing asks for a phrase on the token fields (phrases run
            # on the bigram fields), and analysis hands indexing their tokens unordered.
            builder.add_text_field(spec.name, stored=spec.stored, tokenizer_name="raw", index_option="freq")
            builder.add_text_field(spec.ngram_name, stored=False, tokenizer_name="raw")
            builder.add_text_field(spec.long_gram_name, stored=False, tokenizer_name="raw")
            builder.add_text_field(spec.whole_word_name, stored=False, tokenizer_name="raw", index_option="freq")
        elif spec.kind == KEYWORD:
            builder.add_text_field(spec.name, stored=True, fast=True, tokenizer_name="raw")
        elif spec.kind == INTEGER:
            builder.add_integer_field(spec.name, stored=True, indexed=True, fast=True)
        elif spec.kind == FLOAT:
            builder.add_float_field(spec.name, stored=True, indexed=True, fast=True)
        elif spec.kind == BOOLEAN:
            builder.add_boolean_field(spec.name, stored=True, indexed=True, fast=True)
        elif spec.kind in (DATE, DATETIME):
            builder.add_date_field(spec.name, stored=True, indexed=True, fast=True)
        elif spec.kind == STORED:
            builder.add_bytes_field(spec.name, stored=True, indexed=False, fast=False)
    return builder.build()


def to_datetime(value: datetime.date | datetime.datetime) -> datetime.datetime:
    """tantivy dates are UTC instants; a calendar date is its UTC midnight."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)
        return value.astimezone(datetime.UTC)
    return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class AnalysedText:
    """One text value with its tokens and grams as plain tuples: cheap to pickle, so a bulk
    import can analyse in worker processes and build documents in the process that writes
    (tantivy documents themselves pickle 100× slower than they are built)."""

    text: str
    tokens: list[tuple[str, int, int]]  # (token, start, end); position = list index
    grams: list[tuple[int, str, int, int]]  # (position, gram, start, end)
    long_grams: list[tuple[int, str, int, int]]  # the same, four characters long
    whole_words: list[tuple[str, int, int]]  # (listed word, start, end) of every occurrence


def analyse_text(text: str) -> AnalysedText:
    return AnalysedText(text, *analysis.analyze_document_tuples(text))


def analyse_prepared(specs: Mapping[str, FieldSpec], prepared: Mapping[str, Any]) -> dict[str, Any]:
    """prepared (haystack's full_prepare) with every full-text value analysed; to_document
    of the result equals to_document of prepared."""
    out = dict(prepared)
    for name, value in prepared.items():
        spec = specs.get(name)
        if spec is not None and spec.kind == TEXT:
            out[name] = [analyse_text(str(item)) for item in _values(value) if str(item)]
    return out


def pre_tokenized(
    value: str | AnalysedText,
) -> tuple[
    tantivy.PreTokenizedString, tantivy.PreTokenizedString, tantivy.PreTokenizedString, tantivy.PreTokenizedString
]:
    """The token field, the bigram field, the four-character gram field and the whole-word
    field of one text value.

    The whole-word field is padded to as many tokens as the four-character gram field has:
    BM25 normalises by the field's length in tokens, so a listed word's term then scores as its
    gram phrase scored (IndexFacts.long_phrase_weight restores the idf), and the ranking does
    not move. The padding is one repeated object, cheaper than a Token per gram."""
    done = value if isinstance(value, AnalysedText) else analyse_text(value)
    Token = tantivy.Token  # a local alias in the hottest loop of indexing
    whole = [Token(text, 0, start, end) for text, start, end in done.whole_words]
    whole += [Token(PADDING, 0, 0, 0)] * (len(done.long_grams) - len(whole))
    return (
        tantivy.PreTokenizedString(
            done.text, [Token(text, n, start, end) for n, (text, start, end) in enumerate(done.tokens)]
        ),
        tantivy.PreTokenizedString(
            done.text, [Token(text, position, start, end) for position, text, start, end in done.grams]
        ),
        tantivy.PreTokenizedString(
            done.text, [Token(text, position, start, end) for position, text, start, end in done.long_grams]
        ),
        tantivy.PreTokenizedString(done.text, whole),
    )


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return [v for v in value if v is not None]
    return [value]


def to_document(specs: Mapping[str, FieldSpec], prepared: Mapping[str, Any]) -> tantivy.Document:
    doc = tantivy.Document()
    for name, value in prepared.items():
        spec = specs.get(name)
        if spec is None:
            continue
        for item in _values(value):
            if spec.kind == TEXT:
                text = item if isinstance(item, AnalysedText) else str(item)
                if not text:
                    continue
                tokens, grams, long_grams, whole_words = pre_tokenized(text)
                doc.add_pre_tokenized_text(spec.name, tokens)
                doc.add_pre_tokenized_text(spec.ngram_name, grams)
                doc.add_pre_tokenized_text(spec.long_gram_name, long_grams)
                doc.add_pre_tokenized_text(spec.whole_word_name, whole_words)
            elif spec.kind == KEYWORD:
                doc.add_text(spec.name, str(item))
            elif spec.kind == INTEGER:
                doc.add_integer(spec.name, int(item))
            elif spec.kind == FLOAT:
                doc.add_float(spec.name, float(item))
            elif spec.kind == BOOLEAN:
                doc.add_boolean(spec.name, bool(item))
            elif spec.kind in (DATE, DATETIME):
                doc.add_date(spec.name, to_datetime(item))
            elif spec.kind == STORED:
                doc.add_bytes(spec.name, str(item).encode())
    return doc


def from_stored(spec: FieldSpec, values: list[Any]) -> Any:
    """A stored tantivy value back in the Python type haystack expects."""
    if spec.kind == DATE:
        values = [v.date() if isinstance(v, datetime.datetime) else v for v in values]
    if spec.kind == STORED:
        values = [bytes(v).decode() for v in values]
    if spec.multi:
        return values
    if spec.kind == TEXT:
        return "\n".join(values) if values else None
    return values[0] if values else None
