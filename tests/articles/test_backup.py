"""A backup restores the knowledge base exactly, history included; a bad one changes nothing."""

import datetime
import gzip

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from articles.changes import content_version
from articles.models import Article, MeetingSeries, Official, Post
from articles.services import tallies
from articles.services.backup import NOT_DUMPED

# Transactional: restore runs TRUNCATE and its own transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table; many-to-many rows by what they link, not their surrogate id."""
    models = [*apps.get_app_config("articles").get_models(include_auto_created=True),
              apps.get_model("auth", "User")]
    tables = {}
    for model in models:
        if model._meta.label in NOT_DUMPED:
            continue  # bookkeeping, not knowledge: never dumped, never restored
        rows = list(model._base_manager.order_by("pk").values())
        if model._meta.auto_created:
            rows = sorted(tuple(sorted((k, v) for k, v in row.items() if k != "id")) for row in rows)
        tables[model._meta.label] = rows
    return tables


@pytest.fixture
def knowledge_base(make_article, editor):
    article = make_article()
    article.title = "全国科技工作会议在京召开 丁薛祥出席会议并讲话"
    article.save()
    official = Official.objects.create(name="丁薛祥")
    post = Post.objects.create(official=official, title="主任", full_title="中央科技委员会主任",
                               first_seen=datetime.date(2026, 1, 26), last_seen=datetime.date(2026, 1, 26))
    post.articles.add(article)
    MeetingSeries.objects.create(name="全国科技工作会议").sessions.create(start_date=datetime.date(2026, 1, 26))
    return article


def test_restore_gives_back_every_record_and_its_history(knowledge_base, tmp_path):
    before = snapshot()
    assert len(before["articles.HistoricalArticle"]) == 2
    backup = tmp_path / "kejiku.xml.gz"
    call_command("backup_kb", str(backup))

    Article.objects.all().delete()
    Official.objects.create(name="不该留下的记录")
    version = content_version()
    call_command("restore_kb", str(backup))

    assert snapshot() == before
    assert content_version() > version  # pages cached before the restore are never served again
    assert tallies.drift().clean and tallies.drift().articles == 1  # the pages' counts are rebuilt


def test_a_corrupt_backup_is_refused_and_nothing_changes(knowledge_base, tmp_path):
    before = snapshot()
    broken = tmp_path / "broken.xml.gz"
    broken.write_bytes(gzip.compress(b'<?xml version="1.0"?><django-objects><object model="articles.article"'))
    with pytest.raises(CommandError, match="could not be restored; nothing was changed"):
        call_command("restore_kb", str(broken))
    assert snapshot() == before


def test_a_missing_backup_file_is_named_in_the_error(db, tmp_path):
    with pytest.raises(CommandError, match="No backup file at"):
        call_command("restore_kb", str(tmp_path / "nowhere.xml.gz"))
