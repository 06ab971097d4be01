"""Bulk import (search.bulk_index, manage.py import_corpus): the index equals the database afterwards."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from haystack.query import SearchQuerySet

from articles.models import Article, Mention, Official, PolicyDocument, Post
from articles.selectors import tallies as selected_counts
from articles.services import tallies
from search import bulk_index as bulk

pytestmark = pytest.mark.django_db(transaction=True)

ENTITIES = {
    "sources": [{"name": "科技日报", "kind": "newspaper"}, {"name": "新华社", "kind": "agency"}],
    "officials": [
        {"name": "阴和俊", "aliases": ["陰和俊"],
         "posts": [{"title": "党组书记", "full_title": "科学技术部党组书记", "organization": "科学技术部"}]},
        {"name": "甄子丹", "aliases": [], "posts": [{"title": "市长", "full_title": "北京市长", "organization": ""}]},
    ],
    "documents": [{"title": "关于加快推进科技金融发展的指导意见", "short_title": "指导意见",
                   "doc_number": "国科发资〔2024〕12号", "kind": "意见", "issuers": ["科学技术部"],
                   "issued_on": "2024-03-01"}],
    "meetings": [{"series": "全国科技工作会议", "kind": "work_conference", "name": "", "start_date": "2025-01-13"}],
}


def record(n: int, body: str, *, script: str = "simplified", day: str = "2025-01-14", mentions=(), posts=()):
    return {
        "fingerprint": f"bulk-test-{n}", "title": f"测试稿件{n}", "body": body, "script": script, "kind": "news",
        "source": "科技日报" if n % 2 else "新华社", "published_on": day, "topics": ["科技金融"],
        "mentions": list(mentions), "posts": list(posts),
    }


def records():
    first = "科学技术部党组书记阴和俊出席会议。青鸾九号进入全面建设阶段。"
    trad = "會上還通報了青鸞九號的最新進展。陰和俊強調，要加快推進科技創新。"
    third = "近日，科学技术部印发《关于加快推进科技金融发展的指导意见》（国科发资〔2024〕12号）。"
    return [
        record(1, first, mentions=[{"entity": "official", "key": "阴和俊", "field": "body", "start": 9, "end": 12,
                                    "surface": "阴和俊"}],
               posts=[{"official": "阴和俊", "full_title": "科学技术部党组书记"}]),
        record(2, trad, script="traditional", day="2023-06-01",
               posts=[{"official": "阴和俊", "full_title": "科学技术部党组书记"}]),
        record(3, third, mentions=[{"entity": "document", "key": "国科发资〔2024〕12号", "field": "body",
                                    "start": 10, "end": 27, "surface": "关于加快推进科技金融发展的指导意见"}]),
    ]


def test_bulk_import_writes_everything_and_the_index_equals_the_database(search_index):
    report = bulk.import_corpus(ENTITIES, records(), workers=0, batch_size=2, index_chunk=2)

    assert report.created["文章"] == 3 and report.skipped == 0
    assert report.consistent, (report.index_counts, report.database_counts)
    assert report.index_counts["articles.article"] == Article.objects.count() == 3
    assert Official.objects.count() == 2 and PolicyDocument.objects.count() == 1
    assert Mention.objects.filter(official__name="阴和俊").count() == 1
    post = Post.objects.get(full_title="科学技术部党组书记")
    assert (post.first_seen, post.last_seen) == (datetime.date(2023, 6, 1), datetime.date(2025, 1, 14))
    assert post.articles.count() == 2
    assert Article.history.count() == 3  # imported articles have their creation in the history
    # the pages' counts were kept batch by batch, without the signals a bulk insert never sends
    assert tallies.drift().clean and selected_counts.total("all") == 3
    assert selected_counts.total(selected_counts.scope_of(Official.objects.get(name="阴和俊"))) == 1

    # the needle is found in both scripts, by a simplified and a traditional query
    assert SearchQuerySet().auto_query("青鸾九号").models(Article).count() == 2
    assert SearchQuerySet().auto_query("青鸞九號").models(Article).count() == 2
    assert SearchQuerySet().auto_query("国科发资[2024]12号").count() >= 1
    # a new official's name was taught to the dictionary: it is one token now
    assert SearchQuerySet().auto_query("甄子丹").models(Official).count() == 1


def test_on_postgresql_the_import_leaves_its_tables_vacuumed_and_analysed(search_index):
    """Without VACUUM no count is answered from an index alone until autovacuum comes round."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's: DATABASE_URL=postgres://…")
    bulk.import_corpus(ENTITIES, records(), workers=0, batch_size=2, index_chunk=2)

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables"
                       " WHERE relname IN ('articles_article', 'articles_post_articles')")
        state = {name: (vacuumed, analysed) for name, vacuumed, analysed in cursor.fetchall()}
    assert state == {"articles_article": (True, True), "articles_post_articles": (True, True)}


def test_a_record_naming_a_topic_a_post_or_a_mention_twice_links_it_once(search_index):
    twice = records()[:1]
    twice[0]["topics"] *= 2
    twice[0]["posts"] *= 2
    twice[0]["mentions"] *= 2
    bulk.import_corpus(ENTITIES, twice, workers=0)
    article = Article.objects.get()
    assert article.topics.count() == 1 and article.stated_posts.count() == 1
    assert Mention.objects.filter(article=article).count() == 1


def test_running_it_again_changes_nothing(search_index):
    bulk.import_corpus(ENTITIES, records(), workers=0)
    again = bulk.import_corpus(ENTITIES, records(), workers=0)
    assert again.created["文章"] == 0 and again.skipped == 3
    assert again.consistent
    assert Article.objects.count() == 3 and Official.objects.count() == 2


def test_repair_indexes_what_an_interrupted_import_left_out(search_index):
    bulk.import_corpus(ENTITIES, records(), workers=0)
    article = Article.objects.get(fingerprint="bulk-test-1")
    search_index.apply_changes(removals=[f"articles.article.{article.pk}"])
    search_index.apply_changes(removals=["articles.article.999999"])
    assert bulk.index_and_database_counts()[0]["articles.article"] == 2
    assert bulk.repair() == (1, 0)
    index_counts, database_counts = bulk.index_and_database_counts()
    assert index_counts == database_counts


def _corpus_folder(folder, lines):
    (folder / "entities.json").write_text(json.dumps(ENTITIES, ensure_ascii=False), encoding="utf-8")
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_the_import_corpus_command_imports_a_folder_and_says_what_it_did(search_index, tmp_path):
    folder = _corpus_folder(tmp_path, [json.dumps(r, ensure_ascii=False) for r in records()])
    out = io.StringIO()
    call_command("import_corpus", str(folder), "--workers", "0", stdout=out)
    assert "3 articles imported, 0 already present" in out.getvalue()
    assert SearchQuerySet().auto_query("青鸾九号").models(Article).count() == 2


def test_the_import_corpus_command_refuses_a_broken_folder_clearly(search_index, tmp_path):
    with pytest.raises(CommandError, match=r"entities\.json and articles\.jsonl"):
        call_command("import_corpus", str(tmp_path / "nowhere"), "--workers", "0")
    lines = [json.dumps(records()[0], ensure_ascii=False), "{not json"]
    with pytest.raises(CommandError, match="line 2 is not JSON"):
        call_command("import_corpus", str(_corpus_folder(tmp_path, lines)), "--workers", "0")
