"""Cached pages and statistics follow every committed edit, in every worker process.

Pages and the aggregates behind them are cached on the content version (search.outbox), which
is raised after each commit that changes indexed content; a cache hit never shows old data.
"""

import datetime

import pytest

from articles.changes import content_version
from articles.models import Article, Post

pytestmark = pytest.mark.django_db


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_committed_save_raises_the_content_version(kb, django_capture_on_commit_callbacks):
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        article = kb.articles["访谈"]
        article.title = "改过的标题"
        article.save()
    assert content_version() == before + 1


def test_an_uncommitted_save_leaves_the_version_alone(kb, django_capture_on_commit_callbacks):
    before = content_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        kb.articles["访谈"].save()
    assert callbacks and content_version() == before


def test_home_and_topic_pages_show_a_new_article_at_once(client, kb, django_capture_on_commit_callbacks):
    topic = kb.topics["科技政策"]
    assert "量子计算新突破" not in text(client, "/")
    topic_before = text(client, f"/topics/{topic.slug}/")
    assert "2026年1月：" in topic_before
    with django_capture_on_commit_callbacks(execute=True):
        article = Article.objects.create(
            source=kb.articles["访谈"].source, title="量子计算新突破", body="量子计算取得新突破。",
            published_on=datetime.date(2026, 1, 28),
        )
        article.topics.add(topic)
    assert "量子计算新突破" in text(client, "/")
    topic_after = text(client, f"/topics/{topic.slug}/")
    assert "量子计算新突破" in topic_after
    assert topic_after.count("2026年1月：") == topic_before.count("2026年1月：")
    assert month_bar(topic_after) == month_bar(topic_before) + 1


def month_bar(html: str) -> int:
    import re

    return int(re.search(r"2026年1月：(\d+) 篇", html).group(1))


def test_an_official_page_lists_the_earliest_stating_articles_and_counts_the_rest(client, kb):
    official = kb.officials["阴和俊"]
    post = Post.objects.get(official=official, title="部长")
    stating = list(Article.objects.order_by("published_on", "pk"))
    post.articles.set(stating)
    html = text(client, f"/officials/{official.pk}/")
    section = html[html.index('id="posts-h"'):html.index('id="meetings-h"')]
    earliest = stating[:3]
    for article in earliest:
        assert f'href="/articles/{article.pk}/"' in section
    assert f'href="/articles/{stating[3].pk}/"' not in section
    assert f"等共 {len(stating)} 篇文章载明此职务" in section


def test_a_browse_page_seen_before_costs_one_query(client, kb, django_assert_max_num_queries):
    topic = kb.topics["科技政策"]
    first = text(client, f"/topics/{topic.slug}/")
    with django_assert_max_num_queries(1):  # the content version
        again = text(client, f"/topics/{topic.slug}/")
    assert again == first


def test_search_pages_are_never_served_from_the_page_cache(client, indexed_kb, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    from kejiku import page_cache

    monkeypatch.setattr(page_cache, "data_version", lambda: "frozen")  # browse pages would go stale
    title = "星河实验室发布新平台"  # found by its body's words, so the page cannot just echo the query
    assert title not in text(client, "/search/?q=量子计算取得")
    assert title not in text(client, "/feeds/search/?q=量子计算取得")
    assert title not in text(client, "/")
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.create(source=indexed_kb.articles["访谈"].source, title=title,
                               body="量子计算取得新突破。", published_on=datetime.date(2026, 1, 28))
    assert title in text(client, "/search/?q=量子计算取得")
    assert title in text(client, "/feeds/search/?q=量子计算取得")
    assert title not in text(client, "/")  # the frozen version still serves the old home page


def test_error_pages_are_not_cached(client, kb, django_assert_max_num_queries):
    assert client.get("/officials/999999/").status_code == 404
    assert client.get("/officials/999999/").status_code == 404
    official = kb.officials["阴和俊"]
    official_url = f"/officials/{official.pk}/"
    text(client, official_url)
    with django_assert_max_num_queries(1):
        text(client, official_url)


def test_a_changed_mention_alone_invalidates_cached_pages(kb, django_capture_on_commit_callbacks):
    from articles.models import Mention

    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        Mention.objects.filter(article=kb.articles["访谈"]).first().delete()
    assert content_version() == before + 1


def test_a_changed_post_link_alone_invalidates_cached_pages(kb, django_capture_on_commit_callbacks):
    post = Post.objects.get(official=kb.officials["阴和俊"], title="部长")
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post.articles.add(kb.articles["2025会议"])
    assert content_version() == before + 1
    assert len(callbacks) == 1  # after the change, not also before it


def _counting(monkeypatch, owner, name: str) -> list:
    """The calls that reach owner.name (what renders a page from the index), kept in a list."""
    calls = []
    compute = getattr(owner, name)
    monkeypatch.setattr(owner, name, lambda params: calls.append(params) or compute(params))
    return calls


def _publish_quantum_article(capture, kb) -> Article:
    with capture(execute=True):  # the outbox drains into the index on commit
        return Article.objects.create(
            source=kb.articles["访谈"].source, title="量子计算新突破", body="量子计算取得新突破。",
            published_on=datetime.date(2026, 1, 28),
        )


def test_the_search_page_is_kept_until_the_index_changes(
    client, indexed_kb, django_capture_on_commit_callbacks, monkeypatch
):
    from search import views

    searches = _counting(monkeypatch, views.service, "search")
    url = "/search/?q=量子计算"
    first = text(client, url)
    assert text(client, url) == first
    assert len(searches) == 1
    article = _publish_quantum_article(django_capture_on_commit_callbacks, indexed_kb)
    link = f'href="/articles/{article.pk}/"'
    assert link not in first
    assert link in text(client, url)
    assert len(searches) == 2


def test_a_refused_search_is_never_kept(client, indexed_kb):
    assert client.get("/search/?q=科技&date_from=2026-02-01&date_to=2026-01-01").status_code == 400
    assert client.get("/search/?q=科技&page=9999").status_code == 404
    from django.core.cache import caches

    assert not caches["search"]._list_cache_files()


def test_the_trends_page_is_kept_until_the_index_changes(
    client, indexed_kb, django_capture_on_commit_callbacks, monkeypatch
):
    from search import trend_views

    charts = _counting(monkeypatch, trend_views.trends, "trend")
    url = "/trends/?q=量子计算"
    first = text(client, url)
    assert text(client, url) == first and len(charts) == 1
    _publish_quantum_article(django_capture_on_commit_callbacks, indexed_kb)
    assert text(client, url) != first and len(charts) == 2
