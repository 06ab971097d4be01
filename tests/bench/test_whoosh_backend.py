"""The Whoosh comparison baseline (bench/whoosh_backend.py): built from the database the way the
benchmark builds it, searched through haystack with the same analysis — and showing the substring
it misses. Only bench/settings.py selects it; the project's own settings offer tantivy alone."""

from __future__ import annotations

import importlib

import pytest
from haystack.query import SearchQuerySet

from bench.whoosh_index import build_with_update
from search import result_cache
from tests.conftest import haystack_engine

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(make_article):
    # made before the engine is switched: its outbox row drains into the tests' tantivy index
    return make_article(title="全国科技工作会议在京召开", body="北京大学第一医院。陰和俊出席。")


@pytest.fixture
def whoosh_index(article, tmp_path, settings):
    from haystack import connections

    with haystack_engine(settings, "bench.whoosh_backend.WhooshEngine", tmp_path / "whoosh") as backend:
        backend.clear()
        build_with_update(backend, connections["default"].get_unified_index())
        yield backend


def test_the_whoosh_baseline_indexes_and_searches_through_haystack(article, whoosh_index):
    assert [r.title for r in SearchQuerySet().auto_query("科技")] == [article.title]
    assert SearchQuerySet().filter(kind="article").count() == 1
    # jieba never emits 北京大学 inside 北京大学第一医院: the token-only engine misses it
    assert SearchQuerySet().auto_query("北京大学").count() == 0


def test_the_benchmarked_path_searches_the_baseline_too(article, whoosh_index):
    """bench/search_latency.py asks /api/search, whose service hands the backend a structured
    plan: the baseline found nothing through it (needle recall 0) until it read the plan."""
    from search.params import make_params
    from search.service import search

    for q in ("科技", "陰和俊", "科技 会议", "科技 OR 没有的词"):
        assert [hit.title for hit in search(make_params(q=q, kinds=["article"])).hits] == [article.title], q
    assert search(make_params(q="科技 -会议")).count == 0


def test_the_whoosh_baseline_is_never_cached(whoosh_index):
    # it names no index generation, so a benchmark's repeated query always reaches Whoosh
    assert result_cache.index_version() is None


def test_only_the_bench_settings_select_whoosh(monkeypatch, tmp_path):
    import bench.settings
    from kejiku import settings as project

    assert project.HAYSTACK_CONNECTIONS["default"]["ENGINE"] == "search.backends.tantivy_backend.TantivyEngine"
    monkeypatch.setenv("BENCH_WHOOSH_DIR", str(tmp_path / "whoosh"))
    selected = importlib.reload(bench.settings).HAYSTACK_CONNECTIONS["default"]
    assert selected == {"ENGINE": "bench.whoosh_jieba.JiebaWhooshEngine", "PATH": str(tmp_path / "whoosh")}
    monkeypatch.delenv("BENCH_WHOOSH_DIR")
    assert importlib.reload(bench.settings).HAYSTACK_CONNECTIONS == project.HAYSTACK_CONNECTIONS
