"""The bigram field: a query word's gram phrase occurs exactly where the word
occurs as a substring."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from textkit.ngrams import (
    GAP,
    Gram,
    gram_text,
    long_gram_text,
    positions,
    positions_taken,
    query_grams,
    query_long_grams,
)


def phrase_matches(doc: str, word: str) -> bool:
    """Python model of tantivy's phrase query (with offsets) over gram_text(doc)."""
    at = dict(positions(gram_text(doc)))
    grams = query_grams(word)
    if not grams:
        return False

    def hit(gram: Gram, position: int) -> bool:
        term = at.get(position, "")
        if gram.prefix:
            return term == gram.text or (term.startswith(gram.text) and len(term) == 2)
        return gram.text == term

    return any(all(hit(g, start + g.offset) for g in grams) for start in at)


def test_grams_of_mixed_text_take_a_position_each():
    assert positions(gram_text("北京2026年")) == [(0, "北京"), (1, "京"), (2, "2026"), (3, "年")]
    assert positions(gram_text("科技，6G通信")) == [(0, "科技"), (1, "技"), (2, "6G"), (3, "通信"), (4, "信")]
    assert gram_text("，。") == ""


def test_query_grams():
    assert query_grams("北京大学") == [Gram("北京"), Gram("京大", offset=1), Gram("大学", offset=2)]
    assert query_grams("钢") == [Gram("钢", prefix=True)]
    assert query_grams("京2026") == [Gram("京"), Gram("2026", offset=1)]
    assert query_grams("6g通信") == [Gram("6g"), Gram("通信", offset=1)]
    # 京 alone says that its run ends there.
    assert query_grams("北京2026") == [Gram("北京"), Gram("京", offset=1), Gram("2026", offset=2)]
    assert query_grams("科技 金融") == [Gram("科技"), Gram("技", offset=1), Gram("金融", offset=2)]
    assert positions_taken("北京2026") == 3


def test_a_phrase_across_a_run_boundary_needs_the_boundary():
    assert phrase_matches("科技，金融", "科技 金融")
    assert not phrase_matches("科技金融", "科技 金融")
    assert phrase_matches("北京2026", "北京2026")


def test_substrings_jieba_misses_are_found():
    assert phrase_matches("北京大学第一医院", "北京大学")
    assert phrase_matches("全国人民代表大会常务委员会", "人民代表大会")
    assert not phrase_matches("北京的大学", "北京大学")


# Short alphabets make coincidences (and so mistakes) likely.
CJK = st.sampled_from("北京大学科技金融")
OTHER = st.sampled_from("ab12 ,")
TEXT = st.lists(st.one_of(CJK, CJK, OTHER), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(doc=TEXT, start=st.integers(0, 14), length=st.integers(1, 6))
def test_every_substring_is_found(doc, start, length):
    word = doc[start : start + length].strip(" ,")
    # Latin and digit runs are matched as whole words, not substrings.
    if word and word[0].isascii() and start > 0 and doc[start - 1].isalnum() and doc[start - 1].isascii():
        return
    if (
        word
        and word[-1].isascii()
        and start + length < len(doc)
        and doc[start + length].isalnum()
        and doc[start + length].isascii()
    ):
        return
    if word and query_grams(word) and " " not in word and "," not in word:
        assert phrase_matches(doc, word)


@settings(max_examples=400, deadline=None)
@given(doc=TEXT, word=st.lists(CJK, min_size=1, max_size=4).map("".join))
def test_chinese_words_match_only_where_they_occur(doc, word):
    assert phrase_matches(doc, word) == (word in doc)


def long_phrase_matches(doc: str, word: str) -> bool:
    """Python model of tantivy's phrase query with offsets over long_gram_text(doc)."""
    at = set(positions(long_gram_text(doc)[0]))
    phrase = query_long_grams(word)
    assert phrase, word
    return any(all((p + offset, gram) in at for offset, gram in phrase) for p, _ in at)


def test_long_grams_of_mixed_text():
    text = "建设国际科技创新中心2026年人工智能"
    terms, count = long_gram_text(text)
    assert positions(terms) == [
        (0, "建设国际"),
        (1, "设国际科"),
        (2, "国际科技"),
        (3, "际科技创"),
        (4, "科技创新"),
        (5, "技创新中"),
        (6, "创新中心"),
        (11, "年人工智"),
        (12, "人工智能"),
    ]
    assert count == 9
    # Each gram stands where the bigram it begins with stands.
    bigrams = dict(positions(gram_text(text)))
    assert all(bigrams[p] == gram[:2] for p, gram in positions(terms))
    assert len(terms.split()) == len(gram_text(text).split())
    assert GAP not in {gram for _, gram in positions(terms)}


def test_a_long_phrase_does_not_bridge_two_runs():
    """Found by tests/search/test_whole_words.py: with grams side by side at 0 and 4, a run of
    digits or a lone character between 国际科技 and 创新中心 took exactly the missing position."""
    for doc in ["国际科技2026创新中心", "国际科技，新，创新中心", "国际科技 a 创新中心"]:
        assert not long_phrase_matches(doc, "国际科技创新中心")
        assert not phrase_matches(doc, "国际科技创新中心")
    assert long_phrase_matches("建设国际科技创新中心", "国际科技创新中心")


def test_query_long_grams():
    assert query_long_grams("人工智能") == [(0, "人工智能")]
    assert query_long_grams("国际科技创新中心") == [(0, "国际科技"), (3, "技创新中"), (4, "创新中心")]
    assert query_long_grams("国际科技创新") == [(0, "国际科技"), (2, "科技创新")]
    assert query_long_grams("国际科技创新中心城市") == [(0, "国际科技"), (3, "技创新中"), (6, "中心城市")]
    # Shorter words and words with letters or digits keep the bigram phrase alone.
    assert query_long_grams("丁薛祥") == []
    assert query_long_grams("2026年人工智能") == []
    assert query_long_grams("6g通信网络") == []


@settings(max_examples=400, deadline=None)
@given(doc=TEXT)
def test_long_grams_sit_at_the_position_of_the_bigram_they_begin_with(doc):
    bigrams = dict(positions(gram_text(doc)))
    terms, count = long_gram_text(doc)
    found = positions(terms)
    assert len(found) == count
    assert len(terms.split()) == len(bigrams)  # gaps keep the two fields' positions in step
    for position, gram in found:
        assert len(gram) == 4 and gram in doc
        assert bigrams[position] == gram[:2]


LONG_CJK = st.sampled_from("北京大学科技")


@settings(max_examples=600, deadline=None)
@given(
    doc=st.lists(st.one_of(LONG_CJK, LONG_CJK, LONG_CJK, OTHER), max_size=24).map("".join),
    word=st.lists(LONG_CJK, min_size=4, max_size=10).map("".join),
)
def test_long_gram_phrase_matches_exactly_where_the_word_occurs(doc, word):
    assert long_phrase_matches(doc, word) == (word in doc) == phrase_matches(doc, word)


@settings(max_examples=600, deadline=None)
@given(
    word=st.lists(LONG_CJK, min_size=4, max_size=13).map("".join),
    cuts=st.lists(st.tuples(st.integers(1, 12), st.sampled_from(["1", "ab", "，", "北，", " ", "，京，"])), max_size=3),
)
@example(word="北京大学北京大学", cuts=[(4, "1")])
def test_long_gram_phrase_in_the_word_cut_apart_is_no_looser_than_the_bigram_phrase(word, cuts):
    """The word itself, cut by digits, letters, punctuation or lone characters: the documents
    in which a phrase could bridge two runs. The four-character phrase matches wherever the
    word occurs and never where the bigram phrase does not. (The bigram phrase bridges a
    separator when the run after it begins with the character that ended the run before it:
    北北，北北北 matches 北北北北. Listed whole words never bridge: textkit.whole_words.)"""
    doc = word
    for at, piece in sorted(cuts, reverse=True):
        doc = doc[:at] + piece + doc[at:]
    assert (word in doc) <= long_phrase_matches(doc, word) <= phrase_matches(doc, word)
