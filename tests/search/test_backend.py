"""The tantivy backend through haystack's API, on the seed stories."""

from __future__ import annotations

import datetime
import random
import re

import pytest
from haystack import connections
from haystack.inputs import Exact
from haystack.query import SearchQuerySet

from search.outbox import drain
from textkit import analysis

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(search_index, seed_articles):
    assert drain() == len(seed_articles)
    return seed_articles


def found(query: str) -> set[int]:
    return {int(r.pk) for r in SearchQuerySet().auto_query(query)}


def containing(articles, query: str) -> set[int]:
    wanted = analysis.normalize(query)
    return {a.pk for a in articles if wanted in analysis.normalize(f"{a.display_title}\n{a.body}")}


@pytest.mark.parametrize(
    "query",
    [
        "阴和俊", "陰和俊", "丁薛祥",  # names, either script
        "科技金融", "新质生产力", "科技自立自强", "國際科技創新中心",  # terms
        "工信部联节[2026]13号", "工信部联节〔2026〕13号",  # a document number, any brackets
        "赤霄", "手撕钢", "零碳工厂", "亦庄", "怀柔",  # rare words
        "智能硬件", "高质量发展", "信创",  # found in the traditional story too
        "科学院物理研究所",  # inside a longer dictionary word
    ],
)
def test_finds_every_seed_story_that_contains_the_query(indexed, query):
    expected = containing(indexed, query)
    assert expected, f"{query} should occur in some seed"
    assert found(query) == expected


def test_every_long_chinese_substring_finds_exactly_the_stories_containing_it(indexed):
    """Words of four or more Chinese characters are phrases over the four-character grams, with
    the last gram overlapping when the length is not a multiple of four."""
    texts = [analysis.normalize(f"{a.display_title}\n{a.body}") for a in indexed]
    runs = [m.group() for text in texts for m in re.finditer(r"[\u4e00-\u9fff]{4,}", text)]
    rng = random.Random(6)
    words: set[str] = set()
    while len(words) < 150:
        run = rng.choice(runs)
        length = rng.randint(4, min(len(run), 13))
        start = rng.randint(0, len(run) - length)
        words.add(run[start : start + length])
    assert {len(w) for w in words} >= set(range(4, 10))
    for word in sorted(words):
        assert found(word) == containing(indexed, word), word


def test_multi_word_queries_need_every_word(indexed):
    assert found("丁薛祥 科技金融") == containing(indexed, "丁薛祥") & containing(indexed, "科技金融")
    assert found("手撕钢 丁薛祥") == set()


def test_exclusion_and_quoted_phrases(indexed):
    assert found("科技金融 -丁薛祥") == containing(indexed, "科技金融") - containing(indexed, "丁薛祥")
    # Only the interview breaks a line between 科技 and 金融; a quoted phrase
    # keeps the space, unquoted words may be anywhere.
    assert found('"科技 金融"') == {a.pk for a in indexed if re.search(r"科技\s+金融", a.body)} == {indexed[2].pk}
    assert found("科技 金融") == containing(indexed, "科技") & containing(indexed, "金融")


def test_traditional_query_returns_the_same_results_in_the_same_order(indexed):
    pairs = [("产业创新", "產業創新"), ("科技自立自强", "科技自立自強"), ("国家实验室", "國家實驗室")]
    for simplified, traditional in pairs:
        assert [r.pk for r in SearchQuerySet().auto_query(traditional)] == [
            r.pk for r in SearchQuerySet().auto_query(simplified)
        ]


def test_title_matches_rank_above_body_matches(indexed):
    results = list(SearchQuerySet().auto_query("新质生产力"))
    assert results[0].title == "坚持创新驱动 引领发展新质生产力"
    assert results[0].score > results[-1].score


@pytest.mark.parametrize("query", ["科技", "丁薛祥", "國際科技創新中心", "赤霄", "没有这个词"])
def test_a_counts_only_search_counts_matches_and_facets_in_one_pass(indexed, monkeypatch, query):
    """search.service asks for a facet without its own filter as a search of no documents: the
    count then comes from the facets' own pass (a bucket per model), equal to the full search's."""
    from search.backends import tantivy_results

    backend = connections["default"].get_backend()
    facets = {name: {} for name in ("kind", "source", "topics", "year")}
    full = backend.search(query, start_offset=0, end_offset=20, facets=facets)
    one_pass = []
    counted = tantivy_results.matches_counted
    monkeypatch.setattr(tantivy_results, "matches_counted", lambda agg: one_pass.append(1) or counted(agg))
    counts_only = backend.search(query, start_offset=0, end_offset=0, facets=facets)
    assert one_pass == [1]
    assert counts_only["hits"] == full["hits"] == len(containing(indexed, query))
    assert counts_only["facets"] == full["facets"] and counts_only["results"] == []
    assert counts_only["spelling_suggestion"] == full["spelling_suggestion"]


def test_facets_count_every_kind_source_topic_and_year(indexed):
    from articles.models import Topic

    topic = Topic.objects.create(name="科技金融", slug="科技金融")
    for article in indexed[:3]:
        article.topics.add(topic)
    drain()
    counts = SearchQuerySet().all().facet("kind").facet("source").facet("topics").facet("year").facet_counts()
    assert counts["fields"]["kind"] == [("article", 5)]
    assert dict(counts["fields"]["source"]) == {
        "中国高新技术产业导报": 1, "科技日报": 1, "新华社": 1, "央视新闻客户端": 1, "人民日报": 1,
    }
    assert counts["fields"]["topics"] == [("科技金融", 3)]
    assert counts["fields"]["year"] == [(2026, 4), (2025, 1)]
    narrowed = SearchQuerySet().auto_query("丁薛祥").facet("year").facet_counts()
    assert narrowed["fields"]["year"] == [(2025, 1), (2026, 1)]


def test_filters_by_field_and_date_range(indexed):
    february = SearchQuerySet().filter(date__gte=datetime.date(2026, 2, 1), date__lte=datetime.date(2026, 2, 10))
    assert sorted(r.title for r in february) == sorted([indexed[0].title, indexed[3].title])
    assert [r.source for r in SearchQuerySet().filter(source="新华社")] == ["新华社"]
    assert {r.script for r in SearchQuerySet().filter(script="traditional")} == {"traditional"}
    assert SearchQuerySet().filter(year=2025).count() == 1
    assert SearchQuerySet().filter(kind="official").count() == 0
    assert SearchQuerySet().auto_query("科技").narrow("source:人民日报").count() == 1


def test_sort_by_date_both_ways(indexed):
    newest_first = [r.date for r in SearchQuerySet().all().order_by("-date")]
    assert newest_first == sorted((a.published_on for a in indexed), reverse=True)
    assert [r.date for r in SearchQuerySet().all().order_by("date")] == newest_first[::-1]


def test_pagination_has_exact_counts_and_stable_pages(indexed):
    sqs = SearchQuerySet().auto_query("科技").order_by("-date")
    assert sqs.count() == 5
    pages = [[r.pk for r in sqs[start : start + 2]] for start in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert sorted(pk for page in pages for pk in page) == sorted(str(a.pk) for a in indexed)


def test_highlights_are_escaped_marks_on_the_displayed_text(indexed):
    result = SearchQuerySet().auto_query("智能硬件").highlight()[0]
    assert "<mark>智慧硬體</mark>" in result.highlighted["text"][0]
    title = SearchQuerySet().auto_query("科技自立自强").filter(script="traditional").highlight()[0]
    assert title.highlighted["title"] == ["時政微觀察丨從開局之年首次地方考察,讀懂“<mark>科技自立自強</mark>”的深意"]


def test_more_like_this_finds_related_stories(indexed):
    related = [r.title for r in SearchQuerySet().more_like_this(indexed[0])]
    assert indexed[0].title not in related
    # the other report of the same national science and technology conference
    assert related[0] == indexed[1].title


def test_spelling_suggestion_when_nothing_matches(indexed):
    sqs = SearchQuerySet().auto_query("科技金触")
    assert sqs.count() == 0
    assert sqs.spelling_suggestion() == "科技金融"
    assert SearchQuerySet().auto_query("科技金融").spelling_suggestion() is None


def test_exact_input_and_values_list(indexed):
    ids = SearchQuerySet().filter(content=Exact("手撕钢")).values_list("id", flat=True)
    assert list(ids) == [f"articles.article.{indexed[4].pk}"]


def test_punctuation_only_query_finds_nothing(indexed):
    assert SearchQuerySet().auto_query("，。！").count() == 0


def ranked(query: str) -> list[tuple[str, float]]:
    return [(r.pk, r.score) for r in SearchQuerySet().auto_query(query)]


def test_word_typed_without_spaces_is_a_phrase(indexed):
    # The 2026 conference story has 极端条件实验装置; the 为民族复兴 story has
    # 极端, 条件, 实验 and 装置, but never together.
    scattered = {indexed[4].pk}
    assert all(scattered <= containing(indexed, word) for word in ("极端", "条件", "实验", "装置"))
    assert found("极端条件实验装置") == containing(indexed, "极端条件实验装置") == {indexed[0].pk}
    assert found("物理研究所") == containing(indexed, "物理研究所")
    # Space-separated words keep their anywhere-in-the-text meaning.
    assert found("极端 条件 实验 装置") == {indexed[0].pk, indexed[4].pk}


def test_unspaced_words_whose_phrase_is_nowhere_are_read_as_separate_words(indexed):
    assert not containing(indexed, "丁薛祥科技金融")
    assert found("丁薛祥科技金融") == containing(indexed, "丁薛祥") & containing(indexed, "科技金融")
    assert ranked("丁薛祥科技金融") == ranked("丁薛祥 科技金融")
    assert found("科技 -丁薛祥科技金融") == containing(indexed, "科技") - found("丁薛祥 科技金融")
    # A quoted phrase is never split.
    assert found('"丁薛祥科技金融"') == set()


@pytest.mark.parametrize("query", ["科技" * 100, "科技 " * 66 + "科技", "科技、" * 66 + "科技"])
def test_a_long_query_of_one_repeated_frequent_word_is_that_word(indexed, query):
    assert len(query) == 200
    expected = ranked("科技")
    assert len(expected) == 5
    assert ranked(query) == expected


def test_spelling_suggestion_only_for_words_the_index_lacks(indexed):
    # 手撕钢 is found (as a substring, jieba never makes it a token); only the
    # combination is missing, so there is nothing to correct.
    both = SearchQuerySet().auto_query("手撕钢 丁薛祥")
    assert both.count() == 0
    assert both.spelling_suggestion() is None
    # A missing word is corrected by a word, never by one of its characters.
    suggestion = SearchQuerySet().auto_query("手撕铁").spelling_suggestion()
    assert suggestion is None or all(len(word) > 1 for word in suggestion.split())
    assert SearchQuerySet().auto_query("丁薛样 科技金融").spelling_suggestion() == "丁薛祥 科技金融"


@pytest.mark.parametrize("offset", [10**6, 2**63, 10**30])
def test_a_huge_offset_is_an_empty_page_with_the_exact_count(indexed, offset):
    backend = connections["default"].get_backend()
    answer = backend.search("科技", start_offset=offset, end_offset=offset + 20)
    assert (answer["results"], answer["hits"]) == ([], 5)
    assert list(SearchQuerySet().auto_query("科技")[offset : offset + 20]) == []
    whole = backend.search("科技", start_offset=0, end_offset=offset)
    assert len(whole["results"]) == whole["hits"] == 5
    assert backend.more_like_this(indexed[0], start_offset=offset, end_offset=offset + 5)["results"] == []


def test_a_negative_offset_is_a_clear_value_error(indexed):
    backend = connections["default"].get_backend()
    with pytest.raises(ValueError, match="negative"):
        backend.search("科技", start_offset=-1, end_offset=5)
