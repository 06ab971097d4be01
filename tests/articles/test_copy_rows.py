"""articles.services.copy_rows: the bulk import's COPY writes the rows bulk_create would."""

from __future__ import annotations

import datetime

import pytest
from django.forms.models import model_to_dict
from simple_history.utils import bulk_create_with_history

from articles.models import Article, Source
from articles.services import copy_rows

pytestmark = pytest.mark.django_db

# What differs between two articles written one after the other, whatever writes them.
OWN = {"id", "fingerprint", "created_at", "updated_at", "history_id", "history_date"}


@pytest.fixture
def postgresql():
    if not copy_rows.available():
        pytest.skip("COPY is PostgreSQL's: DATABASE_URL=postgres://…")


def _article(source: Source, n: int) -> Article:
    return Article(title="全国科技工作会议在京召开", body="会议指出，要加快建设科技强国。\n记者 张三",
                   script="simplified", source=source, published_on=datetime.date(2025, 1, 13),
                   page="第01版", reporters=["张三", "李四"], fingerprint=f"copy-{n}", line_start=3, line_end=9)


def _stored(model, pk_name: str, pk) -> dict:
    row = model.objects.filter(**{pk_name: pk}).values().get()
    return {name: value for name, value in row.items() if name not in OWN}


def test_copy_writes_the_article_and_its_history_as_bulk_create_does(postgresql):
    source = Source.objects.create(name="科技日报")
    copied = copy_rows.create(Article, [_article(source, 1)], history=True)[0]
    [created] = bulk_create_with_history([_article(source, 2)], Article)

    assert copied.pk and not copied._state.adding
    assert _stored(Article, "pk", copied.pk) == _stored(Article, "pk", created.pk)
    assert Article.objects.get(pk=copied.pk).reporters == ["张三", "李四"]  # JSON, not its text
    history = Article.history.model
    assert _stored(history, "id", copied.pk) == _stored(history, "id", created.pk)
    assert history.objects.get(id=copied.pk).history_type == "+"
    assert model_to_dict(Article.objects.get(pk=copied.pk))["title"] == "全国科技工作会议在京召开"


def test_primary_keys_come_from_the_tables_sequence(postgresql):
    """A row saved afterwards the usual way is numbered past the copied ones, not onto them."""
    source = Source.objects.create(name="科技日报")
    copied = copy_rows.create(Article, [_article(source, n) for n in range(3)], history=False)
    later = Article.objects.create(title="后来的稿件", body="正文", source=source, fingerprint="later")
    assert len({a.pk for a in copied}) == 3 and later.pk > max(a.pk for a in copied)
