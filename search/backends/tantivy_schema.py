"""The tantivy schema derived from haystack's SearchIndex fields, and the
conversion of prepared haystack data to tantivy documents and back."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import Any

import tantivy
from haystack.constants import DJANGO_CT, DJANGO_ID, ID

from textkit import analysis, ngrams

NGRAM_SUFFIX = "__ng"
LONG_GRAM_SUFFIX = "__ng4"
# Followed by the digest of the list of whole words (textkit.whole_words): another list is
# another schema, and the index asks to be rebuilt.
WHOLE_WORD_SUFFIX = "__w"
# A full-text value as written, stored beside its token field (which is indexed from terms).
STORED_TEXT_SUFFIX = "__text"

# Analyzers of the token, gram and whole-word fields: the terms arrive space-separated
# (textkit.analysis.index_terms), tantivy splits them (one position each), and the
# four-character gram field drops the GAP terms that keep its positions in step with the
# bigrams'. tantivy's own "whitespace" analyzer is registered under its name by tantivy.
TERMS = "whitespace"
GAPPED_TERMS = "kejiku_gapped_terms"


def analyzers() -> dict[str, tantivy.TextAnalyzer]:
    """The analyzers every Index this schema is opened with must have registered."""
    gapped = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(
        tantivy.Filter.custom_stopword([ngrams.GAP])
    )
    return {GAPPED_TERMS: gapped.build()}


def register_analyzers(index: tantivy.Index) -> tantivy.Index:
    """index, able to add documents of this schema."""
    for name, analyzer in analyzers().items():
        index.register_tokenizer(name, analyzer)
    return index

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

    @property
    def stored_text_name(self) -> str:
        return self.name + STORED_TEXT_SUFFIX


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


# How fields are laid out in the index (suffixes, analyzers, positions): part of the fingerprint.
# 2: terms handed over as strings (issue #23), the text stored beside its token field.
LAYOUT = 2


def fingerprint(specs: Mapping[str, FieldSpec]) -> str:
    """Changes whenever the schema would; stored next to the index."""
    payload = json.dumps(
        [LAYOUT, [[s.name, s.kind, s.multi, s.stored] for s in sorted(specs.values(), key=lambda s: s.name)]]
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def build_schema(specs: Mapping[str, FieldSpec]) -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for spec in specs.values():
        if spec.kind == TEXT:
            # "freq": no positions. Nothing asks for a phrase on the token fields (phrases run
            # on the bigram fields), and analysis hands indexing their tokens unordered.
            builder.add_text_field(spec.name, stored=False, tokenizer_name=TERMS, index_option="freq")
            builder.add_text_field(spec.ngram_name, stored=False, tokenizer_name=TERMS)
            builder.add_text_field(spec.long_gram_name, stored=False, tokenizer_name=GAPPED_TERMS)
            builder.add_text_field(spec.whole_word_name, stored=False, tokenizer_name=TERMS, index_option="freq")
            if spec.stored:
                builder.add_bytes_field(spec.stored_text_name, stored=True, indexed=False, fast=False)
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
    """One text value with the terms of each of its fields (textkit.analysis.index_terms): five
    strings, cheap to pickle, so a bulk import can analyse in worker processes."""

    text: str
    terms: analysis.IndexTerms


def analyse_text(text: str) -> AnalysedText:
    return AnalysedText(text, analysis.index_terms(text))


def analyse_prepared(specs: Mapping[str, FieldSpec], prepared: Mapping[str, Any]) -> dict[str, Any]:
    """prepared (haystack's full_prepare) with every full-text value analysed; to_document
    of the result equals to_document of prepared."""
    out = dict(prepared)
    for name, value in prepared.items():
        spec = specs.get(name)
        if spec is not None and spec.kind == TEXT:
            out[name] = [analyse_text(str(item)) for item in _values(value) if str(item)]
    return out


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
                if not isinstance(item, AnalysedText):
                    if not str(item):
                        continue
                    item = analyse_text(str(item))
                doc.add_text(spec.name, item.terms.tokens)
                doc.add_text(spec.ngram_name, item.terms.grams)
                doc.add_text(spec.long_gram_name, item.terms.long_grams)
                doc.add_text(spec.whole_word_name, item.terms.whole_words)
                if spec.stored:
                    doc.add_bytes(spec.stored_text_name, item.text.encode())
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


def stored_values(
    specs: Mapping[str, FieldSpec], stored: Mapping[str, list[Any]], wanted: Container[str] | None = None
) -> dict[str, Any]:
    """A stored tantivy document as haystack's field values, by index field name; only the
    wanted ones if given (a caller asking for ids and dates decodes no article text)."""
    values: dict[str, Any] = {}
    for name, found in stored.items():
        spec = specs.get(name)
        if spec is None and name.endswith(STORED_TEXT_SUFFIX):
            spec = specs.get(name.removesuffix(STORED_TEXT_SUFFIX))
        field = spec.name if spec else name
        if wanted is None or field in wanted:
            values[field] = from_stored(spec, found) if spec else found
    return values


def from_stored(spec: FieldSpec, values: list[Any]) -> Any:
    """A stored tantivy value back in the Python type haystack expects."""
    if spec.kind == DATE:
        values = [v.date() if isinstance(v, datetime.datetime) else v for v in values]
    if spec.kind in (STORED, TEXT):
        values = [bytes(v).decode() for v in values]
    if spec.multi:
        return values
    if spec.kind == TEXT:
        return "\n".join(values) if values else None
    return values[0] if values else None
