"""The Whoosh baseline as the issue names it: haystack's own Whoosh backend, full-text fields
analysed by jieba's ChineseAnalyzer (jieba.analyse), after OpenCC t2s so traditional input meets
simplified text (the same first step every engine gets). Keyword fields stay whole so filters and
facets work. Used only by the benchmarks (bench/settings.py selects it).
"""

from __future__ import annotations

from typing import Any

from jieba.analyse.analyzer import STOP_WORDS, ChineseTokenizer
from whoosh.analysis import LowercaseFilter, StemFilter, StopFilter

from bench.whoosh_backend import KejikuWhooshBackend, WhooshEngine
from textkit.analysis import to_simplified


class SimplifiedChineseTokenizer(ChineseTokenizer):
    def __call__(self, text: str, **kwargs: Any):
        return super().__call__(to_simplified(text), **kwargs)


def chinese_analyzer() -> Any:
    """jieba.analyse.ChineseAnalyzer with t2s first."""
    return SimplifiedChineseTokenizer() | LowercaseFilter() | StopFilter(stoplist=STOP_WORDS, minsize=1) | StemFilter()


class JiebaWhooshBackend(KejikuWhooshBackend):
    """The project's Whoosh backend (keyword fields whole, queries over every text field) with
    jieba's own analyzer instead of textkit.analysis."""

    def text_analyzer(self) -> Any:
        return chinese_analyzer()


class JiebaWhooshEngine(WhooshEngine):
    backend = JiebaWhooshBackend
