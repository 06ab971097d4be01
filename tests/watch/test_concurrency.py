"""Two send_digests at the same moment (a timer firing twice, two machines with the same timer)
send one digest. Threads need a database server: these run on PostgreSQL (DATABASE_URL=postgres://…,
as CI's second pass does). On SQLite, whose in-memory test database one thread at a time uses,
test_digests.py's overlapping-run test drives the same claims deterministically."""

import datetime
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections, transaction
from django.utils import timezone

from articles.models import Article, Official
from tests.site.kb import mention
from tests.watch.conftest import GROUPS, make_user
from watch import digests
from watch.digests import send_digests
from watch.models import Digest, Watch, WatchKind

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: DATABASE_URL=postgres://… (SQLite's in-memory test database is one thread's)")


@pytest.fixture
def watched(postgresql, search_index):
    from articles.models import Source

    analyst = make_user("fenxi", group=GROUPS.ANALYST_GROUP)
    yin = Official.objects.create(name="阴和俊")
    Watch.objects.create(user=analyst, kind=WatchKind.OFFICIAL, official=yin,
                         created_at=timezone.now() - datetime.timedelta(days=1))
    article = Article.objects.create(title="阴和俊调研", body="阴和俊调研量子科技。",
                                     source=Source.objects.create(name="新华社"), published_on="2026-02-01")
    mention(article, "阴和俊", official=yin)
    return analyst


def in_threads(count: int, work) -> list:
    """Run work() in `count` threads released together; their results, or their exceptions."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(position: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[position] = work()
        except Exception as error:  # reported to the test, not lost in the thread
            results[position] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(position,)) for position in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_runs_started_together_send_one_digest(watched, monkeypatch):
    # Widen the windows: each build and each send takes a while, so the runs overlap in both.
    real_news, real_send = digests.news, EmailBackend.send_messages

    def slow_news(*args, **kwargs):
        time.sleep(0.3)
        return real_news(*args, **kwargs)

    def slow_send(self, messages):
        time.sleep(0.3)
        return real_send(self, messages)

    monkeypatch.setattr(digests, "news", slow_news)
    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)
    now = timezone.now()
    reports = in_threads(4, lambda: send_digests(now=now, drain_timeout=0))
    assert not any(isinstance(report, Exception) for report in reports), reports
    assert sum(report.built for report in reports) == 1
    assert sum(report.sent for report in reports) == 1
    assert len(mail.outbox) == 1 and "阴和俊调研" in mail.outbox[0].body
    assert Digest.objects.get().status == Digest.Status.SENT


def test_a_person_another_run_is_building_is_skipped_not_waited_for(watched):
    holding, release = threading.Event(), threading.Event()

    def other_run_building() -> None:
        try:
            with transaction.atomic():
                get_user_model().objects.select_for_update(no_key=True).get(pk=watched.pk)
                holding.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_run_building)
    thread.start()
    try:
        assert holding.wait(timeout=30)
        started = time.monotonic()
        report = send_digests(drain_timeout=0)
        assert report.built == 0 and time.monotonic() - started < 10  # SKIP LOCKED: no waiting
    finally:
        release.set()
        thread.join(timeout=30)
    assert send_digests(drain_timeout=0).built == 1  # once it is free, the next run builds it
    assert len(mail.outbox) == 1


def test_runs_delivering_together_send_each_digest_once(postgresql, monkeypatch):
    analyst = make_user("fenxi", group=GROUPS.ANALYST_GROUP)
    for number in range(3):
        Digest.objects.create(user=analyst, recipient=analyst.email, subject=f"摘要{number}", body="……")
    real_send = EmailBackend.send_messages

    def slow_send(self, messages):
        time.sleep(0.2)
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)
    reports = in_threads(4, lambda: send_digests(drain_timeout=0))
    assert not any(isinstance(report, Exception) for report in reports), reports
    assert sum(report.sent for report in reports) == 3
    assert sorted(message.subject for message in mail.outbox) == ["摘要0", "摘要1", "摘要2"]
