"""A search only reads. Index upkeep runs after the commit of the write that caused it and in
`search_drain`, never inside a GET; the dictionary is looked at once per request and a query is
analysed once."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction

from articles.models import SearchOutbox
from search import dictionary
from textkit import analysis

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_get_of_the_search_page_leaves_pending_changes_to_the_drain(client, search_index, make_article):
    # A change whose drain did not run (its process died after the commit): the row waits.
    from articles.changes import changes_committed
    from search import outbox

    changes_committed.disconnect(dispatch_uid="search.outbox.drain")
    try:
        make_article(title="等待索引的稿件", body="青鸾九号进入全面建设阶段。")
    finally:
        changes_committed.connect(outbox.drain_after_commit, dispatch_uid="search.outbox.drain")
    assert SearchOutbox.objects.count() == 1

    for url in ("/search/?q=青鸾九号", "/api/search?q=青鸾九号", "/feeds/search/?q=青鸾九号"):
        assert client.get(url).status_code == 200
    assert SearchOutbox.objects.count() == 1  # no GET drained it
    assert "等待索引的稿件" not in client.get("/search/?q=青鸾九号").content.decode()

    call_command("search_drain", verbosity=0)  # what the timer runs
    assert SearchOutbox.objects.count() == 0
    assert "等待索引的稿件" in client.get("/search/?q=青鸾九号").content.decode()


def test_a_save_reaches_the_index_after_its_commit_not_before(search_index, make_article):
    from haystack.query import SearchQuerySet

    with transaction.atomic():
        make_article(title="提交前的稿件", body="赤霄工程启动。")
        assert SearchOutbox.objects.count() == 1
        assert SearchQuerySet().auto_query("赤霄").count() == 0  # nothing uncommitted in the index
    assert SearchOutbox.objects.count() == 0
    assert SearchQuerySet().auto_query("赤霄").count() == 1


def test_the_dictionary_is_checked_once_per_request(client, search_index, make_article, monkeypatch):
    make_article(title="科技金融", body="科技金融发展。")
    stats = []
    real_stamp = dictionary._stamp
    monkeypatch.setattr(dictionary, "_stamp", lambda: stats.append(1) or real_stamp())
    monkeypatch.setattr("django.conf.settings.SEARCH_CACHE_SECONDS", 0)
    client.get("/search/?q=科技&source=不存在的来源")  # 400: filters checked before searching
    stats.clear()
    assert client.get("/search/?q=科技金融&kind=article").status_code == 200
    assert len(stats) == 1  # the page, its own facet counts and its suggestion searches share one look


def test_a_query_is_analysed_once_per_search(client, search_index, make_article, monkeypatch):
    make_article(title="科技金融", body="科技金融发展。")
    monkeypatch.setattr("django.conf.settings.SEARCH_CACHE_SECONDS", 0)
    calls = []
    real = analysis._normalize_mapped
    monkeypatch.setattr(analysis, "_normalize_mapped", lambda text: calls.append(text) or real(text))
    analysis._analyzed_query.cache_clear()
    analysis._analyzed_word.cache_clear()
    assert client.get("/search/?q=量子+金融&kind=article").status_code == 200
    assert calls.count("量子 金融") == 1
