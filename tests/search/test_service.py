"""search.service and search.params on the seed knowledge base: what the page and the API both get."""

from __future__ import annotations

import datetime
import re

import pytest
from haystack import connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Meeting, Official, PolicyDocument
from search.params import MAX_QUERY_CHARS, InvalidSearch, PageOutOfRange, make_params
from search.service import search
from tests.search.search_kb import build_search_kb, shared_kb
from textkit import analysis

pytestmark = pytest.mark.django_db

KIND_MODELS = {"article": Article, "official": Official, "meeting": Meeting, "policy_document": PolicyDocument}


@pytest.fixture(scope="module")
def kb(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_kb(django_db_blocker, tmp_path_factory.mktemp("service-index"), build_search_kb) as built:
        yield built


def run(**fields):
    return search(make_params(**fields))


def every_hit(**fields) -> list:
    """All hits over all pages, in order."""
    hits, page = [], 1
    while True:
        outcome = run(page=page, page_size=7, **fields)
        hits.extend(outcome.hits)
        if page >= outcome.num_pages:
            return hits
        page += 1


def keys(hits) -> list[tuple[str, int]]:
    return [(hit.kind, hit.id) for hit in hits]


def searchable_text(kind: str, record) -> str:
    """What the index holds for a record (its SearchIndex's title and text)."""
    index = connections["default"].get_unified_index().get_index(KIND_MODELS[kind])
    prepared = index.full_prepare(record)
    return f"{prepared['title']}\n{prepared['text']}"


def containing(query: str) -> set[tuple[str, int]]:
    wanted = analysis.normalize(query)
    return {
        (kind, record.pk)
        for kind, model in KIND_MODELS.items()
        for record in model.objects.all()
        if wanted in analysis.normalize(searchable_text(kind, record))
    }


@pytest.mark.parametrize(
    "query",
    [
        "阴和俊", "陰和俊", "丁薛祥", "潘功胜", "谢海霞",  # names, either script
        "赤霄", "手撕钢", "零碳工厂",  # rare words
        "工信部联节〔2026〕13号", "工信部联节[2026]13号", "工信部联节【2026】13号",  # one number, any brackets
        "国际科技创新中心", "國際科技創新中心", "新质生产力",  # terms
    ],
)
def test_finds_every_record_that_contains_the_query(kb, query):
    expected = containing(query)
    assert expected, f"{query} should occur in the knowledge base"
    outcome = run(q=query)
    assert outcome.count == len(expected)
    assert set(keys(every_hit(q=query))) == expected


def test_one_box_finds_every_kind(kb):
    outcome = run(q="丁薛祥")
    assert {"article", "official", "meeting"} <= {hit.kind for hit in outcome.hits}
    document = run(q="工信部联节[2026]13号").hits[0]
    assert (document.kind, document.id, document.url) == (
        "policy_document", kb.documents["零碳"].pk, f"/documents/{kb.documents['零碳'].pk}/"
    )
    official = next(hit for hit in outcome.hits if hit.kind == "official")
    assert official.url == f"/officials/{official.id}/" and official.title == "丁薛祥"


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("阴和俊", "陰和俊"), ("国际科技创新中心", "國際科技創新中心"), ("产业创新", "產業創新"),
     ("科技自立自强", "科技自立自強"), ("高质量发展", "高質量發展")],
)
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_traditional_query_behaves_exactly_like_simplified(kb, simplified, traditional, sort):
    a, b = run(q=simplified, sort=sort), run(q=traditional, sort=sort)
    assert a.count > 0
    assert (b.normalized, b.tokens, b.count, b.facets) == (a.normalized, a.tokens, a.count, a.facets)
    assert b.hits == a.hits  # same records, order, titles, snippets and marks


def test_mainland_wording_finds_the_traditional_story(kb):
    """高品質發展 (Taiwan wording) is mainland 高质量发展, and the other way round."""
    story = ("article", kb.articles["繁体"].pk)
    assert story in keys(every_hit(q="高质量发展"))
    assert set(keys(every_hit(q="高品質發展"))) == set(keys(every_hit(q="高质量发展")))


def test_kind_filter_keeps_the_other_kinds_counted(kb):
    everything = run(q="阴和俊")
    officials = run(q="阴和俊", kinds=["official"])
    assert {hit.kind for hit in officials.hits} == {"official"}
    assert officials.count == everything.facets["kind"]["official"]
    assert officials.facets["kind"] == everything.facets["kind"]  # the tabs still offer every kind
    assert sum(everything.facets["kind"].values()) == everything.count


def test_sources_are_alternatives_and_facets_count_under_the_other_filters(kb):
    everything = run(q="科技")
    two = sorted(everything.facets["source"])[:2]
    chosen = run(q="科技", sources=two, page_size=100)
    assert {hit.source for hit in chosen.hits} == set(two)
    assert chosen.count == sum(everything.facets["source"][name] for name in two)
    assert chosen.facets["source"] == everything.facets["source"]
    assert sum(chosen.facets["kind"].values()) == chosen.count  # other facets follow the filter


def test_topic_filter(kb):
    topic = kb.topics["创新中心"]
    outcome = run(q="科技", topics=[topic.name], page_size=100)
    tagged = {a.pk for a in topic.articles.all()}
    assert outcome.count == len(tagged & {pk for kind, pk in containing("科技") if kind == "article"})
    assert {hit.id for hit in outcome.hits} <= tagged
    assert all(hit.kind == "article" for hit in outcome.hits)


def test_date_range_filters_and_the_year_facet_still_offers_every_year(kb):
    everything = run(q="科技")
    assert len(everything.facets["year"]) > 1
    in_2025 = run(q="科技", date_from=datetime.date(2025, 1, 1), date_to=datetime.date(2025, 12, 31), page_size=100)
    assert in_2025.count == everything.facets["year"]["2025"]
    assert all(hit.date and hit.date.year == 2025 for hit in in_2025.hits)
    assert in_2025.facets["year"] == everything.facets["year"]
    january = run(q="科技", date_from=datetime.date(2026, 1, 20), date_to=datetime.date(2026, 1, 27), page_size=100)
    assert january.count and all(datetime.date(2026, 1, 20) <= hit.date <= datetime.date(2026, 1, 27)
                                 for hit in january.hits)


@pytest.mark.parametrize("query", ["科技", "科学技术", "工信部"])
def test_sort_by_date_is_newest_first_and_undated_records_last(kb, query):
    hits = every_hit(q=query, sort="date")
    assert len(hits) == run(q=query).count
    dates = [hit.date for hit in hits if hit.date]
    assert dates == sorted(dates, reverse=True)
    assert [hit.date for hit in hits] == dates + [None] * (len(hits) - len(dates))


def test_pages_partition_the_results_and_past_the_end_is_refused(kb):
    whole = run(q="科技", page_size=100)
    assert whole.count > 7
    assert keys(every_hit(q="科技")) == keys(whole.hits)
    last = run(q="科技", page_size=7, page=whole.count // 7 + 1)
    assert last.num_pages == last.params.page and 0 < len(last.hits) <= 7
    with pytest.raises(PageOutOfRange) as refused:
        run(q="科技", page_size=7, page=last.num_pages + 1)
    assert refused.value.status == 404


def test_snippets_mark_matches_in_the_script_the_story_is_written_in(kb):
    hits = {hit.id: hit for hit in run(q="国际科技创新中心", kinds=["article"], page_size=100).hits}
    assert "<mark>國際科技創新中心</mark>" in hits[kb.articles["繁体"].pk].snippet
    assert "<mark>国际科技创新中心</mark>" in hits[kb.articles["三大中心"].pk].title_html
    assert all("<mark>" in hit.snippet or "<mark>" in hit.title_html for hit in hits.values())


def test_titles_and_snippets_are_escaped(kb):
    hit = next(hit for hit in run(q="赤霄").hits if hit.id == kb.articles["html"].pk)
    assert hit.title == "<script>alert('赤霄')</script> & <b>标记</b>"  # the plain title, for JSON
    assert "<script" not in hit.title_html and "<b>" not in hit.title_html
    assert "&lt;script&gt;" in hit.title_html and "<mark>赤霄</mark>" in hit.title_html
    assert "<img" not in hit.snippet and "&lt;img" in hit.snippet
    assert re.sub(r"</?mark>", "", hit.snippet).count("<") == 0


def test_exclusions_and_multi_word_queries(kb):
    excluded = run(q="科技金融 -丁薛祥", page_size=100)
    assert excluded.count and not any("丁薛祥" in searchable_text(h.kind, KIND_MODELS[h.kind].objects.get(pk=h.id))
                                      for h in excluded.hits)
    assert not any("<mark>丁薛祥</mark>" in hit.snippet for hit in excluded.hits)
    words = ["科技", "金融", "政策"]
    both = run(q=" ".join(words), page_size=100)
    assert both.count
    for hit in both.hits:
        text = analysis.normalize(searchable_text(hit.kind, KIND_MODELS[hit.kind].objects.get(pk=hit.id)))
        assert all(word in text for word in words)


def test_query_is_reported_normalised_with_its_tokens(kb):
    outcome = run(q="  工信部联节[2026]13号 ")
    assert outcome.q == "工信部联节[2026]13号"
    assert outcome.normalized == "工信部联节〔2026〕13号"
    assert "工信部联节〔2026〕13号" in outcome.tokens
    assert run(q="陰和俊").normalized == "阴和俊"


def test_no_results_offers_a_correction_that_finds_something(kb):
    outcome = run(q="科拔金融")
    assert outcome.count == 0 and outcome.hits == ()
    assert outcome.suggestion == "科技金融"
    assert run(q=outcome.suggestion).count > 0


def test_filters_that_leave_nothing_report_what_the_words_alone_find(kb):
    outcome = run(q="赤霄", kinds=["official"])
    assert outcome.count == 0
    assert outcome.unfiltered_count == run(q="赤霄").count > 0
    assert outcome.suggestion is None  # the words are fine; the filter is what excluded them


@pytest.mark.parametrize(
    ("fields", "param"),
    [
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": None}, "q"),
        ({"q": "科" * (MAX_QUERY_CHARS + 1)}, "q"),
        ({"q": "。。。！"}, "q"),
        ({"q": "科技", "kinds": ["person"]}, "kind"),
        ({"q": "科技", "sources": ["不存在的报纸"]}, "source"),
        ({"q": "科技", "topics": ["不存在的主题"]}, "topic"),
        ({"q": "科技", "date_from": datetime.date(2026, 2, 1), "date_to": datetime.date(2026, 1, 1)}, "date_from"),
        ({"q": "科技", "sort": "popularity"}, "sort"),
        ({"q": "科技", "page": 0}, "page"),
        ({"q": "科技", "page_size": 0}, "page_size"),
        ({"q": "科技", "page_size": 101}, "page_size"),
        ({"q": "科技", "sources": [f"来源{n}" for n in range(21)]}, "source"),
        ({"q": "科技", "page": 10_001}, "page"),
        ({"q": "科技\x00金融"}, "q"),
        ({"q": "科技", "sources": ["新华社\x00"]}, "source"),
        ({"q": "科技", "topics": ["\x00"]}, "topic"),
    ],
)
def test_bad_parameters_are_refused_with_a_reason(kb, fields, param):
    with pytest.raises(InvalidSearch) as refused:
        make_params(**fields)
    assert refused.value.param == param and refused.value.status == 400
    assert refused.value.message


def test_the_longest_allowed_query_is_searched(kb):
    article, paragraph = max(
        ((a, line) for a in kb.articles.values() for line in a.body.splitlines()), key=lambda pair: len(pair[1])
    )
    outcome = run(q=paragraph.strip()[:MAX_QUERY_CHARS])
    assert len(outcome.q) == MAX_QUERY_CHARS
    assert ("article", article.pk) in keys(outcome.hits)


QUERY_ALPHABET = "科技金融丁薛祥陰和俊國際創新〔〕[]【】()“”\"'-—+*?:^~!<>&;/\\ 　\t012389abＡＢ。，、"
QUERY_TEXT = st.text(alphabet=st.sampled_from(list(QUERY_ALPHABET)), max_size=MAX_QUERY_CHARS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=QUERY_TEXT)
def test_any_typed_text_is_searched_or_refused_never_an_error(kb, q):
    try:
        params = make_params(q=q)
    except InvalidSearch:
        return
    outcome = search(params)
    assert outcome.count >= len(outcome.hits)
    simplified = search(make_params(q=analysis.convert(q, "t2s")))
    assert keys(simplified.hits) == keys(outcome.hits)


@pytest.mark.parametrize("query", ["科技" * 100, "科技 " * 66 + "科技"])
def test_a_longest_query_of_one_frequent_word_repeated_finds_what_the_word_finds(kb, query):
    assert len(query) == MAX_QUERY_CHARS
    once = run(q="科技", page_size=100)
    repeated = run(q=query, page_size=100)
    assert once.count > 1
    assert (repeated.count, repeated.facets, repeated.hits) == (once.count, once.facets, once.hits)
