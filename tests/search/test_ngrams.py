"""The bigram field: a query word's gram phrase occurs exactly where the word
occurs as a substring."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from search.ngrams import Gram, index_grams, query_grams


def phrase_matches(doc: str, word: str) -> bool:
    """Python model of tantivy's phrase query over index_grams(doc)."""
    at: dict[int, set[str]] = {}
    for position, _, _, gram in index_grams(doc):
        at.setdefault(position, set()).add(gram)
    grams = query_grams(word)
    if not grams:
        return False

    def hit(gram: Gram, position: int) -> bool:
        terms = at.get(position, set())
        if gram.prefix:
            return any(t == gram.text or (t.startswith(gram.text) and len(t) == 2) for t in terms)
        return gram.text in terms

    return any(all(hit(g, start + i) for i, g in enumerate(grams)) for start in at)


def test_index_grams_of_mixed_text():
    assert [(p, g) for p, _, _, g in index_grams("北京2026年")] == [(0, "北京"), (0, "京"), (1, "2026"), (2, "年")]


def test_query_grams():
    assert query_grams("北京大学") == [Gram("北京"), Gram("京大"), Gram("大学")]
    assert query_grams("钢") == [Gram("钢", prefix=True)]
    assert query_grams("京2026") == [Gram("京"), Gram("2026")]
    assert query_grams("6g通信") == [Gram("6g"), Gram("通信")]


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
    if word and word[-1].isascii() and start + length < len(doc) and doc[start + length].isalnum() \
            and doc[start + length].isascii():
        return
    if word and query_grams(word) and " " not in word and "," not in word:
        assert phrase_matches(doc, word)


@settings(max_examples=400, deadline=None)
@given(doc=TEXT, word=st.lists(CJK, min_size=1, max_size=4).map("".join))
def test_chinese_words_match_only_where_they_occur(doc, word):
    assert phrase_matches(doc, word) == (word in doc)
