"""search.result_cache: a search repeated on the same index is answered without the engine, and
any commit to the index, by any process, is seen by the next search."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches

from search import result_cache, service
from search.backends.tantivy_store import IndexStore
from search.params import make_params
from textkit import analysis

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine_calls(monkeypatch):
    """How many searches reached the engine."""
    calls = []
    compute = service._search

    def counting(params):
        calls.append(params)
        return compute(params)

    monkeypatch.setattr(service, "_search", counting)
    return calls


def titles(q: str, **fields) -> list[str]:
    return [hit.title for hit in service.search(make_params(q=q, **fields)).hits]


def committed_article(capture, make_article, **fields):
    with capture(execute=True):  # the outbox drains into the index on commit
        return make_article(**fields)


def test_a_repeated_search_is_answered_from_the_cache(
    search_index, make_article, django_capture_on_commit_callbacks, engine_calls
):
    committed_article(django_capture_on_commit_callbacks, make_article, title="量子精密测量中试基地揭牌")
    first = service.search(make_params(q="量子精密测量"))
    again = service.search(make_params(q="量子精密測量"))  # traditional: other parameters, other key
    assert len(engine_calls) == 2
    assert service.search(make_params(q="量子精密测量")) == first
    assert len(engine_calls) == 2
    assert [hit.title for hit in again.hits] == [hit.title for hit in first.hits] == ["量子精密测量中试基地揭牌"]
    assert "<mark>量子精密测量</mark>" in first.hits[0].title_html


def test_another_page_sort_or_filter_is_another_search(
    search_index, make_article, django_capture_on_commit_callbacks, engine_calls
):
    committed_article(django_capture_on_commit_callbacks, make_article, title="量子精密测量中试基地揭牌")
    for fields in ({}, {"sort": "date"}, {"kinds": ["article"]}, {"page_size": 5}):
        service.search(make_params(q="量子", **fields))
    assert len(engine_calls) == 4


def test_an_edit_is_found_by_the_next_search(search_index, make_article, django_capture_on_commit_callbacks):
    assert titles("滇池量子传感") == []
    article = committed_article(django_capture_on_commit_callbacks, make_article, title="滇池量子传感中试基地在昆明揭牌")
    assert titles("滇池量子传感") == [article.title]
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "滇池量子传感中试基地启用"
        article.save()
    assert titles("滇池量子传感") == ["滇池量子传感中试基地启用"]
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert titles("滇池量子传感") == []


def test_a_commit_by_another_process_changes_the_generation(search_index, make_article, tmp_path):
    store = search_index.store
    before = store.generation()
    assert before == store.generation()
    # Another process: its own IndexStore on the same directory, committing a document.
    other = IndexStore(store.path, store.schema)
    with other.writer(run_hooks=False) as writer:
        writer.delete_documents_by_term("id", "articles.article.999999")
    assert store.generation() not in (None, before)


def test_the_version_follows_the_dictionary(search_index):
    before = result_cache.index_version()
    assert before is not None and result_cache.index_version() == before
    analysis.add_domain_words(["陇原智算"])
    assert result_cache.index_version() != before


def test_an_unreadable_entry_is_searched_again(
    search_index, make_article, django_capture_on_commit_callbacks, engine_calls, monkeypatch
):
    committed_article(django_capture_on_commit_callbacks, make_article, title="量子精密测量中试基地揭牌")
    params = make_params(q="量子")
    service.search(params)

    def unreadable(key, default=None):
        raise AttributeError("Can't get attribute 'Hit' on <module 'search.service'>")

    monkeypatch.setattr(caches["search"], "get", unreadable)
    assert [hit.title for hit in service.search(params).hits] == ["量子精密测量中试基地揭牌"]
    assert len(engine_calls) == 2


def test_zero_seconds_turns_the_cache_off(
    search_index, make_article, django_capture_on_commit_callbacks, engine_calls, settings
):
    settings.SEARCH_CACHE_SECONDS = 0
    committed_article(django_capture_on_commit_callbacks, make_article, published_on=datetime.date(2026, 1, 5))
    for _ in range(2):
        service.search(make_params(q="科技"))
    assert len(engine_calls) == 2


def test_an_outcome_of_other_classes_is_never_asked_for():
    from dataclasses import make_dataclass

    assert result_cache.shape(service.SearchOutcome, service.Hit) != result_cache.shape(
        service.SearchOutcome, make_dataclass("Hit", ["kind", "id", "title"])
    )


def test_a_backend_that_names_no_generation_is_never_cached(tmp_path, settings):
    # as the benchmarks' Whoosh baseline (tests/bench/test_whoosh_backend.py)
    from tests.conftest import haystack_engine

    with haystack_engine(settings, "haystack.backends.simple_backend.SimpleEngine", tmp_path / "simple"):
        assert result_cache.index_version() is None


def test_a_trend_chart_is_kept_until_the_index_changes(
    search_index, make_article, django_capture_on_commit_callbacks, monkeypatch
):
    from search import trends

    calls = []
    compute = trends._trend
    monkeypatch.setattr(trends, "_trend", lambda params: calls.append(params) or compute(params))
    committed_article(django_capture_on_commit_callbacks, make_article, title="量子精密测量中试基地揭牌",
                      published_on=datetime.date(2026, 3, 2))
    params = trends.TrendParams(queries=("量子精密测量",))
    first = trends.trend(params)
    assert trends.trend(params) == first and len(calls) == 1
    assert [p.count for p in first.series[0].points] == [1]
    committed_article(django_capture_on_commit_callbacks, make_article, title="量子精密测量再获突破",
                      published_on=datetime.date(2026, 3, 9))
    assert [p.count for p in trends.trend(params).series[0].points] == [2] and len(calls) == 2
