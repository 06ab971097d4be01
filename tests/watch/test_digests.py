"""send_digests: what is new per period, cursors that neither repeat nor lose an article, one
email per person, and delivery that survives refusals, crashes and overlapping runs."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from articles.models import Official, SearchOutbox, Source
from tests.site.kb import mention
from tests.watch.conftest import GROUPS, make_user
from watch import digests
from watch.digests import CLAIM_TIMEOUT, MAX_ATTEMPTS, send_digests
from watch.models import Digest, Frequency, SavedSearch, Watch, WatchKind

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def next_monday_9am() -> datetime.datetime:
    """A moment after every row a test creates, on a Monday (weeks are ISO weeks)."""
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    return timezone.make_aware(datetime.datetime.combine(monday, datetime.time(9, 0)))


@pytest.fixture
def yin(db):
    return Official.objects.create(name="阴和俊")


@pytest.fixture
def monday() -> datetime.datetime:
    """The tests' clock: the digests run at `monday` and after, subscriptions are made the day
    before, articles come in when each test says (created_at is set, as an import would at that time)."""
    return next_monday_9am()


def created(record, when: datetime.datetime):
    type(record).objects.filter(pk=record.pk).update(created_at=when)
    record.refresh_from_db()
    return record


@pytest.fixture
def about(make_article, monday):
    def make(official, title, *, at: datetime.datetime | None = None, **fields):
        article = make_article(title=title, body=f"{official.name}说，要加快建设科技强国。", **fields)
        mention(article, official.name, official=official)
        return created(article, at or monday - datetime.timedelta(hours=1))

    return make


def watch_on(user, official, **fields) -> Watch:
    fields.setdefault("created_at", next_monday_9am() - DAY)
    return Watch.objects.create(user=user, kind=WatchKind.OFFICIAL, official=official, **fields)


def saved_search(user, name, query, **fields) -> SavedSearch:
    fields.setdefault("created_at", next_monday_9am() - DAY)
    return SavedSearch.objects.create(user=user, name=name, query=query, **fields)


def sections(body: str) -> dict[str, str]:
    """The email's sections by heading: {"【检索】赤霄（3 篇）": "  · 赤霄工程进展 …", …}."""
    parts = {}
    for chunk in body.split("\n【")[1:]:
        heading, _, rest = chunk.partition("\n")
        parts["【" + heading] = rest
    return parts


def test_each_period_sends_what_came_in_since_the_last_digest_once(analyst, yin, about, search_index, monday):
    watch = watch_on(analyst, yin)
    first = about(yin, "阴和俊调研科技创新工作")
    assert send_digests(now=monday).sent == 1
    assert "阴和俊调研科技创新工作" in mail.outbox[0].body
    assert send_digests(now=monday + datetime.timedelta(hours=3)).sent == 0  # same day: nothing due

    second = about(yin, "阴和俊出席量子科技论坛", at=monday + datetime.timedelta(hours=5))
    assert send_digests(now=monday + DAY).sent == 1
    body = mail.outbox[1].body
    assert "阴和俊出席量子科技论坛" in body and first.title not in body
    assert send_digests(now=monday + DAY + datetime.timedelta(hours=1)).sent == 0
    watch.refresh_from_db()
    assert watch.digest_period == (monday + DAY).date().isoformat()
    assert watch.digest_cursor == monday + DAY
    assert watch.digest_recent == []  # both were created long before the cursor's look-back
    assert len(mail.outbox) == 2 and second.pk


def test_an_import_committed_after_the_last_run_read_is_sent_next_time(analyst, yin, about, search_index, settings,
                                                                      monday):
    """created_at is the insert's time, not the commit's: an article inserted before the cursor
    but committed after the digest read is found by the look-back, and an article already sent
    within the look-back is not sent again."""
    settings.WATCH_LOOKBACK_MINUTES = 60
    watch_on(analyst, yin)
    run = monday
    sent = about(yin, "阴和俊主持召开部党组会议", at=run - datetime.timedelta(minutes=5))
    assert send_digests(now=run).sent == 1
    # inserted before the run read, committed after it
    late = about(yin, "阴和俊会见诺贝尔奖得主", at=run - datetime.timedelta(minutes=20))
    too_late = about(yin, "阴和俊在西部调研", at=run - datetime.timedelta(minutes=61))  # the documented limit

    assert send_digests(now=run + DAY).sent == 1
    body = mail.outbox[1].body
    assert late.title in body
    assert sent.title not in body and too_late.title not in body


def test_several_saved_searches_and_watches_make_one_email_per_person(analyst, yin, about, search_index, monday):
    other_official = Official.objects.create(name="丁薛祥")
    watch_on(analyst, yin)
    watch_on(analyst, other_official)
    saved_search(analyst, "科技强国", "q=科技强国")
    editor = make_user("bianji", group=GROUPS.EDITOR_GROUP)
    watch_on(editor, yin)
    about(yin, "阴和俊谈科技强国")
    about(other_official, "丁薛祥出席全国科技工作会议")

    report = send_digests(now=monday)
    assert report.built == 2 and report.sent == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"fenxi@example.org", "bianji@example.org"}
    mine = by_recipient["fenxi@example.org"].body
    assert "【官员】阴和俊" in mine and "【官员】丁薛祥" in mine and "【检索】科技强国" in mine
    assert "共" not in mine and "有 2 篇新文章" in mine  # each article counted once
    theirs = by_recipient["bianji@example.org"].body
    assert "阴和俊谈科技强国" in theirs and "丁薛祥" not in theirs


def test_who_gets_no_digest(yin, about, search_index, monday):
    nobody = make_user("nobody")  # no group: may not watch (the row was made behind its back)
    no_email = make_user("noemail", group=GROUPS.ANALYST_GROUP, email="")
    gone = make_user("gone", group=GROUPS.ANALYST_GROUP, is_active=False)
    quiet = make_user("quiet", group=GROUPS.ANALYST_GROUP)
    for user in (nobody, no_email, gone):
        watch_on(user, yin)
    watch_on(quiet, yin, frequency=Frequency.NEVER)
    about(yin, "阴和俊调研")
    assert send_digests(now=monday).built == 0
    assert mail.outbox == [] and not Digest.objects.exists()
    # those without an address keep their cursor: nothing is skipped for them meanwhile
    assert Watch.objects.get(user=no_email).digest_cursor is None


def test_weekly_watches_get_one_digest_per_iso_week(analyst, yin, about, search_index, monday):
    watch_on(analyst, yin, frequency=Frequency.WEEKLY)
    about(yin, "阴和俊第一篇")
    assert send_digests(now=monday).sent == 1
    about(yin, "阴和俊第二篇", at=monday + DAY)
    assert send_digests(now=monday + 2 * DAY).sent == 0  # Wednesday, same week
    assert send_digests(now=monday + 6 * DAY + datetime.timedelta(hours=14)).sent == 0  # Sunday 23:00
    assert send_digests(now=monday + 7 * DAY).sent == 1
    assert "阴和俊第二篇" in mail.outbox[1].body and "阴和俊第一篇" not in mail.outbox[1].body


def test_a_saved_search_waits_for_the_search_index(analyst, yin, about, search_index, monkeypatch, monday):
    """An article still waiting in the outbox is not in the index yet: the saved search's
    cursor stops before it and a later digest carries it (the watch, read from the database,
    has it at once)."""
    watch_on(analyst, yin)
    saved = saved_search(analyst, "诺贝尔", "q=诺贝尔奖")
    monkeypatch.setattr(digests.outbox, "drain", lambda **_: 0)  # the index writer is stuck
    article = about(yin, "阴和俊会见诺贝尔奖得主")  # in a test nothing commits: its outbox row waits
    SearchOutbox.objects.update(created_at=article.created_at)  # written in the article's transaction
    assert send_digests(now=monday).sent == 1
    assert "【官员】阴和俊" in mail.outbox[0].body and "【检索】" not in mail.outbox[0].body
    saved.refresh_from_db()
    assert saved.digest_cursor == article.created_at  # not past what the index is known to hold

    monkeypatch.undo()  # the index catches up
    assert send_digests(now=monday + DAY).sent == 1
    body = mail.outbox[1].body
    assert "【检索】诺贝尔" in body and "阴和俊会见诺贝尔奖得主" in body and "【官员】" not in body


def test_a_saved_search_finds_new_articles_whatever_their_date(analyst, make_article, search_index, monday):
    saved_search(analyst, "赤霄", "q=赤霄")
    saved_search(analyst, "赤霄 2026", "q=赤霄&date_from=2026-01-01")
    saved_search(analyst, "赤霄的官员", "q=赤霄&kind=official")
    for title, body, day in (("赤霄工程回顾", "赤霄工程2019年立项。", datetime.date(2019, 3, 1)),
                             ("赤霄工程日期不详", "赤霄工程稳步推进。", None),
                             ("赤霄工程进展", "赤霄工程进入全面建设阶段。", datetime.date(2026, 2, 1))):
        created(make_article(title=title, body=body, published_on=day), monday - datetime.timedelta(hours=2))
    send_digests(now=monday)
    parts = sections(mail.outbox[0].body)
    assert set(parts) == {"【检索】赤霄（3 篇）", "【检索】赤霄 2026（1 篇）"}  # none for the officials' search
    assert all(title in parts["【检索】赤霄（3 篇）"] for title in ("赤霄工程回顾", "赤霄工程日期不详", "赤霄工程进展"))
    assert "赤霄工程进展" in parts["【检索】赤霄 2026（1 篇）"]


def test_a_saved_search_that_can_no_longer_run_says_so_and_keeps_its_place(analyst, search_index, monday):
    gone = Source.objects.create(name="停刊的报纸")
    saved = saved_search(analyst, "停刊报纸上的科技", "q=科技&source=停刊的报纸")
    gone.delete()
    send_digests(now=monday)
    assert "这项检索已无法执行" in mail.outbox[0].body and "停刊的报纸" in mail.outbox[0].body
    saved.refresh_from_db()
    assert saved.digest_cursor is None  # it resumes from where it was once mended


def test_a_refused_send_is_retried_by_the_next_run(analyst, yin, about, search_index, monkeypatch, monday):
    watch_on(analyst, yin)
    about(yin, "阴和俊调研")
    refusals = []

    def refuse(self, messages):
        refusals.append(1)
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    report = send_digests(now=monday)
    assert (report.built, report.sent, report.waiting) == (1, 0, 1)
    digest = Digest.objects.get()
    assert digest.status == Digest.Status.PENDING and digest.attempts == 1 and "unexpectedly" in digest.error
    monkeypatch.undo()
    report = send_digests(now=monday + datetime.timedelta(hours=1))
    assert (report.built, report.sent) == (0, 1)  # not built again: delivered as recorded
    assert len(mail.outbox) == 1 and "阴和俊调研" in mail.outbox[0].body
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENT and digest.attempts == 2 and digest.error == ""


def test_a_digest_refused_again_and_again_is_given_up(analyst, yin, about, search_index, monkeypatch, monday):
    watch_on(analyst, yin)
    about(yin, "阴和俊调研")

    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"fenxi@example.org": (550, b"no such user")})

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    for hour in range(MAX_ATTEMPTS):
        send_digests(now=monday + datetime.timedelta(hours=hour))
    assert Digest.objects.get().status == Digest.Status.FAILED
    assert send_digests(now=monday + DAY).failed == 0  # left alone from then on


def test_a_digest_a_dead_run_left_half_sent_is_taken_over_after_the_claim_timeout(analyst):
    now = timezone.now()
    digest = Digest.objects.create(user=analyst, recipient=analyst.email, subject="科技库摘要", body="……",
                                   status=Digest.Status.SENDING, claimed_at=now - datetime.timedelta(minutes=1))
    assert send_digests(now=now).sent == 0  # another run may be sending it right now
    Digest.objects.filter(pk=digest.pk).update(claimed_at=now - CLAIM_TIMEOUT - datetime.timedelta(seconds=1))
    assert send_digests(now=now).sent == 1
    assert Digest.objects.get().status == Digest.Status.SENT and len(mail.outbox) == 1


def test_a_run_overlapping_another_sends_nothing_twice(analyst, yin, about, search_index, monkeypatch, monday):
    """A second run starting while the first is sending (a timer firing again) finds nothing due
    and the digest claimed (on both databases; tests/watch/test_concurrency.py races two threads
    on PostgreSQL)."""
    watch_on(analyst, yin)
    about(yin, "阴和俊调研")
    real_send = EmailBackend.send_messages
    inner = []

    def send_during_another_run(self, messages):
        if not inner:
            inner.append(None)
            inner[0] = send_digests(now=monday + datetime.timedelta(minutes=1))
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_during_another_run)
    outer = send_digests(now=monday)
    assert (outer.built, outer.sent) == (1, 1)
    assert (inner[0].built, inner[0].sent) == (0, 0)
    assert len(mail.outbox) == 1 and Digest.objects.count() == 1


def test_a_crash_while_building_loses_nothing(analyst, yin, about, search_index, monkeypatch, monday):
    """The cursors move in the transaction that records the digest: a build that dies leaves
    everything due, and the next run sends it all."""
    watch = watch_on(analyst, yin)
    saved_search(analyst, "调研", "q=调研")
    about(yin, "阴和俊调研")

    def crash(*args, **kwargs):
        raise RuntimeError("killed while rendering")

    monkeypatch.setattr(digests, "_render", crash)
    with pytest.raises(RuntimeError):
        send_digests(now=monday)
    watch.refresh_from_db()
    assert watch.digest_cursor is None and watch.digest_period == "" and not Digest.objects.exists()
    monkeypatch.undo()
    assert send_digests(now=monday).sent == 1
    assert mail.outbox[0].body.count("阴和俊调研") == 2  # in the watch and in the saved search


def test_the_command_reports_what_it_did(analyst, yin, about, search_index):
    from io import StringIO

    from django.core.management import call_command

    watch_on(analyst, yin, created_at=timezone.now() - DAY)
    about(yin, "阴和俊调研", at=timezone.now() - datetime.timedelta(minutes=1))
    out = StringIO()
    call_command("send_digests", "--drain-timeout", "1", stdout=out)
    assert out.getvalue().strip() == "built 1 digest(s), sent 1, failed 0, 0 waiting for the next run"


def test_a_digest_another_run_claimed_is_left_to_it(analyst, monkeypatch):
    """Two runs list the same pending digests; each digest goes to the run whose claim lands
    first, and the other skips it (a conditional UPDATE, on both databases)."""
    for subject in ("第一份", "第二份"):
        Digest.objects.create(user=analyst, recipient=analyst.email, subject=subject, body=subject)
    real_send = EmailBackend.send_messages
    other_runs = []

    def another_run_meanwhile(self, messages):
        if not other_runs:  # while the first run sends its first digest, a second run delivers
            other_runs.append(None)
            other_runs[0] = send_digests()
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", another_run_meanwhile)
    first = send_digests()
    assert (first.sent, other_runs[0].sent) == (1, 1)
    assert sorted(message.subject for message in mail.outbox) == ["第一份", "第二份"]
    assert set(Digest.objects.values_list("status", flat=True)) == {Digest.Status.SENT}


def test_the_html_digest_escapes_what_the_texts_say(analyst, yin, about, search_index, monday):
    watch_on(analyst, yin)
    about(yin, '阴和俊<script>alert(1)</script><img src=x onerror=alert(2)>')
    send_digests(now=monday)
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "阴和俊<script>alert(1)</script>" in mail.outbox[0].body  # plain text is plain text
