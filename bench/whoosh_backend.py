"""The Whoosh comparison baseline: haystack's own Whoosh backend, with full-text fields
analysed by textkit.analysis (jieba search mode after the same normalisation) and keyword
fields kept whole. bench/whoosh_jieba.py swaps in jieba's own analyzer, which is what the
benchmarks measure (bench/settings.py selects it with BENCH_WHOOSH_DIR).

Benchmark code, never production (kejiku.settings offers only tantivy; Whoosh is in the
`bench` extra of pyproject.toml): one writer, documents silently dropped under several
processes (django-haystack #1556, #1792), unmaintained.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from haystack.backends.whoosh_backend import WhooshEngine as HaystackWhooshEngine
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, TEXT
from whoosh.qparser import MultifieldParser

from search.backends.query_plan import CONTENT, ContentText, Leaf, Node, Structured
from textkit import analysis


class KejikuTokenizer(Tokenizer):
    def __call__(self, value: str, positions: bool = False, chars: bool = False, **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, **kwargs)
        for position, analysed in enumerate(analysis.tokenize(value)):
            token.original = token.text = analysed.text
            token.boost = 1.0
            if positions:
                token.pos = position
            if chars:
                token.startchar, token.endchar = analysed.start, analysed.end
            yield token


class KejikuWhooshBackend(WhooshSearchBackend):
    text_field_names: list[str]

    def text_analyzer(self) -> Any:
        """The analyzer of every full-text field (the benchmarks' jieba baseline overrides it)."""
        return KejikuTokenizer()

    def setup(self) -> None:
        super().setup()
        # Like the tantivy backend, a content query spans every full-text
        # field (the title is not repeated in the document field).
        self.parser = MultifieldParser(self.text_field_names, schema=self.schema)

    def build_schema(self, fields: dict[str, Any]) -> tuple[str, Any]:
        content_field_name, schema = super().build_schema(fields)
        self.text_field_names = []
        for field in fields.values():
            name = field.index_fieldname
            if field.field_type == "keyword" and not field.is_multivalued:
                replacement = ID(stored=True)
            elif isinstance(schema[name], TEXT):
                replacement = TEXT(
                    stored=True, analyzer=self.text_analyzer(), field_boost=field.boost, sortable=True,
                    spelling=field.document,
                )
                self.text_field_names.append(name)
            else:
                continue
            schema.remove(name)
            schema.add(name, replacement)
        return content_field_name, schema


def _whoosh_text(node: Node | Leaf) -> str:
    """A structured plan's words as Whoosh query syntax: what the query mix asks (words, phrases,
    their alternatives and exclusions over the content), each word then parsed by Whoosh over
    every full-text field (KejikuWhooshBackend.setup)."""
    if isinstance(node, Leaf):
        if node.field != CONTENT or not isinstance(node.value, ContentText):
            raise ValueError(f"the Whoosh baseline searches words only, not {node.field}:")
        words = [*node.value.include, *(f"NOT {w}" for w in node.value.exclude)]
        return "(" + " AND ".join(words) + ")" if len(words) > 1 else words[0]
    inner = f" {node.connector} ".join(_whoosh_text(child) for child in node.children)
    return f"NOT ({inner})" if node.negated else f"({inner})"


class StructuredWhooshQuery(WhooshSearchQuery):
    """haystack's Whoosh query, reading the plans search.service builds (search.backends.query_plan)
    instead of their repr: without it every search of the baseline found nothing."""

    def build_query_fragment(self, field: str, filter_type: str, value: Any) -> str:
        if isinstance(value, Structured):
            return _whoosh_text(value.root)
        return super().build_query_fragment(field, filter_type, value)


class WhooshEngine(HaystackWhooshEngine):
    backend = KejikuWhooshBackend
    query = StructuredWhooshQuery
