"""The index equals the database after admin edits, deletes, bulk changes,
commands, and a process killed between the database and the index commit."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from haystack.query import SearchQuerySet

from articles.changes import record_changes
from articles.models import SearchOutbox
from search.backends.tantivy_schema import stored_values

pytestmark = pytest.mark.django_db(transaction=True)


def index_state(backend) -> dict[str, str]:
    """identifier → indexed title, for every document in the index."""
    searcher = backend.store.searcher()
    hits = searcher.search(__import__("tantivy").Query.all_query(), limit=max(searcher.num_docs, 1)).hits
    stored = [stored_values(backend.specs, searcher.doc(a).to_dict()) for _, a in hits]
    return {values["id"]: values["title"] for values in stored}


def database_state() -> dict[str, str]:
    from articles.models import Article, Meeting, Official, PolicyDocument

    state = {f"articles.article.{a.pk}": a.display_title for a in Article.objects.all()}
    state.update({f"articles.official.{o.pk}": o.name for o in Official.objects.all()})
    state.update({f"articles.meeting.{m.pk}": m.display_name for m in Meeting.objects.select_related("series")})
    state.update({f"articles.policydocument.{d.pk}": d.title for d in PolicyDocument.objects.all()})
    return state


def assert_index_equals_database(backend) -> None:
    assert SearchOutbox.objects.count() == 0
    assert index_state(backend) == database_state()


def titles(query: str) -> list[str]:
    return [r.title for r in SearchQuerySet().auto_query(query)]


def test_a_saved_article_is_searchable_at_once(search_index, make_article):
    article = make_article(title="赤霄系统完成测试", body="赤霄是一个新系统。")
    assert titles("赤霄") == [article.title]
    assert_index_equals_database(search_index)


def test_edits_and_deletes_follow_the_database(search_index, make_article):
    article = make_article(title="手撕钢产品问世", body="手撕钢厚度仅0.015毫米。")
    article.title = "零碳工厂建设提速"
    article.save()
    assert titles("手撕钢") == [article.title]  # still in the body
    assert titles("零碳工厂") == [article.title]
    assert titles("手撕钢产品问世") == []
    article.delete()
    assert titles("手撕钢") == []
    assert_index_equals_database(search_index)


def test_related_changes_reindex_the_documents_that_copy_them(search_index, make_article, xinhua):
    from articles.models import Topic

    article = make_article()
    topic = Topic.objects.create(name="科技金融", slug="科技金融")
    article.topics.add(topic)
    assert [r.topics for r in SearchQuerySet().all()] == [["科技金融"]]
    topic.name = "科技与金融"
    topic.save()
    assert [r.topics for r in SearchQuerySet().all()] == [["科技与金融"]]
    topic.articles.clear()
    assert [r.topics for r in SearchQuerySet().all()] == [[]]
    xinhua.name = "新华通讯社"
    xinhua.save()
    assert [r.source for r in SearchQuerySet().all()] == ["新华通讯社"]


def test_entities_are_indexed_with_their_related_names(search_index):
    from articles.models import Meeting, MeetingSeries, Official, OfficialAlias, Organization, PolicyDocument

    official = Official.objects.create(name="阴和俊")
    OfficialAlias.objects.create(official=official, name="陰和俊")
    series = MeetingSeries.objects.create(name="全国科技工作会议")
    meeting = Meeting.objects.create(series=series, start_date=datetime.date(2026, 1, 26), place="北京")
    meeting.participants.add(official, through_defaults={"role": "spoke"})
    ministry = Organization.objects.create(name="工业和信息化部")
    document = PolicyDocument.objects.create(
        title="关于开展零碳工厂建设工作的指导意见", short_title="指导意见", doc_number="工信部联节〔2026〕13号",
        issued_on=datetime.date(2026, 1, 20),
    )
    document.issuers.add(ministry)

    kinds = {r.kind for r in SearchQuerySet().auto_query("阴和俊")}
    assert kinds == {"official", "meeting"}
    assert [r.title for r in SearchQuerySet().auto_query("工信部联节[2026]13号")] == [document.title]
    assert [r.title for r in SearchQuerySet().auto_query("工业和信息化部").filter(kind="policy_document")] == [
        document.title
    ]
    official.name = "阴和俊同志"
    official.save()
    assert {r.kind for r in SearchQuerySet().auto_query("阴和俊同志")} == {"official", "meeting"}
    official.delete()
    assert {r.kind for r in SearchQuerySet().auto_query("阴和俊")} == set()
    assert_index_equals_database(search_index)


def test_bulk_changes_recorded_by_a_service(search_index, make_article):
    from articles.models import Article

    articles = [make_article(title=f"第{n}篇", body="量子科技") for n in range(3)]
    with transaction.atomic():
        Article.objects.filter(pk__in=[a.pk for a in articles]).update(title="量子信息新进展")
        record_changes(articles)
    assert titles("量子信息新进展") == ["量子信息新进展"] * 3
    assert_index_equals_database(search_index)


def test_a_rolled_back_transaction_leaves_the_index_alone(search_index, make_article):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article(title="不会保存的稿件")
        raise RuntimeError
    assert titles("不会保存的稿件") == []
    assert_index_equals_database(search_index)


def test_changes_made_while_another_writer_holds_the_lock_are_not_stranded(search_index, make_article):
    holding = threading.Event()
    release = threading.Event()

    def hold_the_lock():
        with search_index.store.writer():
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    holding.wait(10)
    article = make_article(title="锁被占用时保存的稿件")  # its drain finds the lock busy
    assert SearchOutbox.objects.count() == 1
    release.set()
    holder.join(10)
    # the holder drained after releasing the lock
    assert SearchOutbox.objects.count() == 0
    assert titles("锁被占用时保存的稿件") == [article.title]


def test_update_index_and_rebuild_index_reconcile_with_the_database(search_index, make_article, xinhua):
    from articles.models import Article

    kept = make_article(title="保留的稿件")
    gone = make_article(title="被删除的稿件")
    # Drift the index behind the outbox's back: rows without signals.
    Article.objects.bulk_create(
        [Article(title="批量导入的稿件", body="正文", source=xinhua, published_on=datetime.date(2026, 1, 1))]
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_article WHERE id = %s", [gone.pk])
    assert titles("批量导入的稿件") == []
    call_command("update_index", "articles", remove=True, verbosity=0)
    assert_index_equals_database(search_index)
    assert titles("被删除的稿件") == []
    assert titles("保留的稿件") == [kept.title]

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_article WHERE id = %s", [kept.pk])
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert_index_equals_database(search_index)


def test_search_drain_command_reconciles(search_index, make_article):
    make_article(title="对账测试稿件")
    search_index.clear()
    assert titles("对账测试稿件") == []
    call_command("search_drain", reconcile=True, verbosity=0)
    assert_index_equals_database(search_index)


def test_an_index_with_an_old_schema_is_rebuilt_from_the_database(search_index, make_article):
    import tantivy

    article = make_article(title="旧索引里的稿件")
    store = search_index.store
    old_schema = tantivy.SchemaBuilder().add_text_field("body", stored=True).build()
    from search.backends.tantivy_store import forget_stores

    forget_stores()
    search_index._store = None
    tantivy.Index(old_schema, path=str(store.path), reuse=False)  # as left by an older release
    # A search only reads: it finds the recreated index empty and leaves it so.
    assert titles("旧索引里的稿件") == []
    assert search_index.store.needs_reindex
    call_command("search_drain", verbosity=0)  # the timer's upkeep rebuilds it from the database
    assert titles("旧索引里的稿件") == [article.title]
    assert not search_index.store.needs_reindex
    assert_index_equals_database(search_index)

