"""Listed long words are indexed whole: one term that matches, and scores, exactly as the word's
four-character gram phrase does, without comparing positions (issue #6, 1M search)."""

from __future__ import annotations

import dataclasses

import pytest
import tantivy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from search.backends.tantivy_compile import IndexFacts, _phrase
from search.backends.tantivy_schema import WHOLE_WORD_SUFFIX, build_schema, register_analyzers, to_document
from search.backends.tantivy_store import IndexStore
from textkit import analysis
from textkit.ngrams import positions
from textkit.whole_words import WholeWords


@pytest.fixture(scope="module")
def specs():
    from haystack import connections

    return connections["default"].get_backend().specs


def test_only_words_of_five_or_more_chinese_characters_are_listed():
    listed = WholeWords(["国际科技创新中心", "人工智能", "丁薛祥", "6G通信网络", "十五五规划纲要", "科技 金融政策"])
    assert listed.words == {"国际科技创新中心", "十五五规划纲要"}


def test_the_seed_formulations_are_listed_in_their_matching_form():
    listed = analysis.whole_words()
    assert {"国际科技创新中心", "高水平科技自立自强", "新型举国体制", "国家战略科技力量"} <= listed.words
    assert "人工智能" not in listed  # four characters: already one four-character gram


def test_every_occurrence_is_found_overlapping_ones_included():
    listed = WholeWords(["科技自立自强", "高水平科技自立自强", "国际科技创新中心"])
    text = "实现高水平科技自立自强，建设国际科技创新中心和国际科技创新中心"
    assert sorted(listed.occurrences(text)) == [
        ("国际科技创新中心", 14, 22),
        ("国际科技创新中心", 23, 31),
        ("科技自立自强", 5, 11),
        ("高水平科技自立自强", 2, 11),
    ]


def test_traditional_text_yields_the_simplified_term_padded_to_the_long_grams():
    terms = analysis.index_terms("北京建設國際科技創新中心")
    whole = terms.whole_words.split()
    assert whole[0] == "国际科技创新中心"
    assert set(whole[1:]) == {analysis.PADDING}
    assert len(whole) == len(positions(terms.long_grams)) == 12 - 3


def test_a_query_word_knows_it_is_listed():
    assert analysis.analyze_word("國際科技創新中心").whole
    assert not analysis.analyze_word("区域科技创新").whole
    assert not analysis.analyze_word("人工智能").whole


def test_the_list_names_the_field_so_another_list_asks_for_a_reindex(specs, tmp_path, monkeypatch):
    store = IndexStore(tmp_path, build_schema(specs))
    assert not store.needs_reindex
    name = specs["text"].whole_word_name
    assert name.startswith("text" + WHOLE_WORD_SUFFIX)

    monkeypatch.setattr(analysis, "whole_words", lambda: WholeWords(["国际科技创新中心", "新型举国体制"]))
    assert specs["text"].whole_word_name != name
    assert IndexStore(tmp_path, build_schema(specs)).needs_reindex


# Pieces of listed words and their neighbours, so that words occur often, overlap, run into
# each other (中心国际…) and appear cut short.
PIECES = st.sampled_from(
    ["国际科技创新中心", "國際科技創新中心", "国际科技", "创新中心", "科技创新", "高水平", "科技自立自强",
     "自立", "新型举国体制", "举国", "国家战略科技力量", "区域科技创新中心", "中心", "，", "2026", " "]
)
DOCS = st.lists(st.lists(PIECES, min_size=1, max_size=12).map("".join), min_size=1, max_size=8)
WORDS = ["国际科技创新中心", "科技自立自强", "高水平科技自立自强", "新型举国体制", "国家战略科技力量", "区域科技创新中心"]


@settings(max_examples=150, deadline=None)
@given(docs=DOCS)
# Found here once: grams side by side bridged the digits (textkit.ngrams.query_long_grams).
@example(docs=["国际科技2026创新中心", "建设国际科技创新中心"])
def test_the_whole_word_term_matches_and_scores_as_the_gram_phrase(specs, docs):
    schema = build_schema(specs)
    index = register_analyzers(tantivy.Index(schema))
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    for text in docs:
        writer.add_document(to_document(specs, {"text": text}))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()
    facts, spec = IndexFacts(searcher), specs["text"]

    def scores(word):
        query = tantivy.Query.boost_query(_phrase(schema, spec, word), facts.long_phrase_weight(spec, word))
        return {address.doc: score for score, address in searcher.search(query, limit=len(docs)).hits}

    for text in WORDS:
        word = analysis.analyze_word(text)
        assert word.whole
        as_term, as_phrase = scores(word), scores(dataclasses.replace(word, whole=False))
        assert set(as_term) == {n for n, doc in enumerate(docs) if text in analysis.normalize(doc)}
        assert as_term == pytest.approx(as_phrase, rel=1e-5)
