"""The Whoosh comparison baseline (SEARCH_ENGINE=whoosh) works through the
same outbox, with the same analysis — and shows the substring it misses."""

from __future__ import annotations

import pytest
from haystack.query import SearchQuerySet

from tests.conftest import haystack_engine

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def whoosh_index(tmp_path, settings):
    with haystack_engine(settings, "search.backends.whoosh_backend.WhooshEngine", tmp_path / "whoosh"):
        yield


def test_whoosh_baseline_indexes_through_the_outbox(whoosh_index, make_article):
    article = make_article(title="全国科技工作会议在京召开", body="北京大学第一医院。陰和俊出席。")
    assert [r.title for r in SearchQuerySet().auto_query("科技")] == [article.title]
    assert SearchQuerySet().filter(kind="article").count() == 1
    # jieba never emits 北京大学 inside 北京大学第一医院: the token-only engine misses it
    assert SearchQuerySet().auto_query("北京大学").count() == 0
    article.delete()
    assert SearchQuerySet().auto_query("科技").count() == 0
