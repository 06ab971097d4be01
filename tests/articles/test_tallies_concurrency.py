"""Two editors changing the same article at the same moment leave its counts right. Threads need a
database server: this runs on PostgreSQL (DATABASE_URL=postgres://…, as CI's second pass does);
SQLite lets one writer in at a time, so the race cannot happen there."""

import datetime
import threading
import time

import pytest
from django.db import connection, connections, transaction

from articles.models import Article, Mention, Official, Source
from articles.selectors import tallies as counts
from articles.services import tallies

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: DATABASE_URL=postgres://… (SQLite's in-memory test database is one thread's)")


def test_a_date_edit_and_a_new_mention_at_once_are_both_counted(postgresql):
    article = Article.objects.create(title="阴和俊调研", body="阴和俊调研量子科技。", source=Source.objects.create(name="新华社"),
                                     published_on=datetime.date(2026, 1, 5))
    official = Official.objects.create(name="阴和俊")
    counted = threading.Event()  # the date edit has counted and holds its transaction open
    results = {}

    def edit_date():
        try:
            with transaction.atomic():
                edited = Article.objects.get(pk=article.pk)
                edited.published_on = datetime.date(2026, 2, 9)
                edited.save()
                counted.set()
                time.sleep(0.5)  # the mention's transaction runs meanwhile, and waits for this one
            results["date"] = "saved"
        except Exception as error:  # reported to the test, not lost in the thread
            results["date"] = error
        finally:
            connections.close_all()

    def add_mention():
        try:
            counted.wait(timeout=30)
            with transaction.atomic():
                Mention.objects.create(article_id=article.pk, start=0, end=3, surface="阴和俊", official=official)
            results["mention"] = "saved"
        except Exception as error:
            results["mention"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit_date), threading.Thread(target=add_mention)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == {"date": "saved", "mention": "saved"}
    drift = tallies.drift()
    assert drift.clean, drift.wrong
    assert (official.pk, 1) in [(r.entity.pk, r.article_count) for r in counts.most_mentioned("month:2026-02",
                                                                                          field="official")]
