"""The Whoosh baseline as the issue names it: haystack's own Whoosh backend, full-text fields
analysed by jieba's ChineseAnalyzer (jieba.analyse), after OpenCC t2s so traditional input meets
simplified text (the same first step every engine gets). Keyword fields stay whole so filters and
facets work. Used only by the benchmarks (bench/settings.py selects it).
"""

from __future__ import annotations

from typing import Any

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from jieba.analyse.analyzer import STOP_WORDS, ChineseTokenizer
from whoosh.analysis import LowercaseFilter, StemFilter, StopFilter
from whoosh.fields import ID, TEXT
from whoosh.qparser import MultifieldParser

from search.analysis import to_simplified


class SimplifiedChineseTokenizer(ChineseTokenizer):
    def __call__(self, text: str, **kwargs: Any):
        return super().__call__(to_simplified(text), **kwargs)


def chinese_analyzer() -> Any:
    """jieba.analyse.ChineseAnalyzer with t2s first."""
    return SimplifiedChineseTokenizer() | LowercaseFilter() | StopFilter(stoplist=STOP_WORDS, minsize=1) | StemFilter()


class JiebaWhooshBackend(WhooshSearchBackend):
    def setup(self) -> None:
        super().setup()
        text_fields = [name for name, field in self.schema.items()
                       if isinstance(field, TEXT) and isinstance(field.analyzer.items[0], ChineseTokenizer)]
        self.parser = MultifieldParser(text_fields, schema=self.schema)

    def build_schema(self, fields: dict[str, Any]) -> tuple[str, Any]:
        content_field_name, schema = super().build_schema(fields)
        for field in fields.values():
            name = field.index_fieldname
            if field.field_type == "keyword" and not field.is_multivalued:
                replacement = ID(stored=True)
            elif isinstance(schema[name], TEXT):
                replacement = TEXT(stored=True, analyzer=chinese_analyzer(), field_boost=field.boost,
                                   sortable=True, spelling=field.document)
            else:
                continue
            schema.remove(name)
            schema.add(name, replacement)
        return content_field_name, schema


class JiebaWhooshEngine(WhooshEngine):
    backend = JiebaWhooshBackend
