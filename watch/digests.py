"""The digests: what is new in each person's saved searches and watches, emailed once a day or
once a week (`manage.py send_digests`, run by a timer as often as one likes).

Two steps, each safe to run twice at once and to stop anywhere:

1. Build, one transaction per person. The person's row is locked (SELECT … FOR NO KEY UPDATE
   SKIP LOCKED on PostgreSQL: a second run building at the same moment skips that person; on
   SQLite every transaction is IMMEDIATE, so one writer at a time), and only then are the
   saved searches and watches that are due read: those whose period (the day, or the ISO week)
   has no digest yet. What is new in each since its cursor is found, the cursors are advanced
   and one Digest is recorded with the rendered email. All of it commits or none of it: a crash
   leaves everything due and nothing recorded, and a run that waited sees the first one's
   cursors and builds nothing.
2. Deliver. Each pending Digest is claimed by one conditional UPDATE (pending → sending), sent,
   and marked sent. A concurrent run finds it claimed and leaves it. A run that died between
   claiming and marking leaves it "sending"; a later run takes it over after CLAIM_TIMEOUT. Only
   then, if the mail server had accepted it just before the crash, can a digest arrive twice,
   with the same Message-ID (mail clients show one). A refused send returns to pending for the
   next run, MAX_ATTEMPTS times at most.

The cursor: articles created up to it were considered. An article's created_at is the time of
its insert, not of its commit, so each build looks back WATCH_LOOKBACK_MINUTES before the cursor
for articles an import committed after the last run had read, and leaves out the ones already
sent (digest_recent). A saved search only goes as far as the search index does: not past the
oldest change still waiting in the outbox.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles import links
from articles.models import Article, SearchOutbox
from search import outbox
from watch.access import may_watch
from watch.models import Digest, Frequency, SavedSearch, Watch
from watch.news import News, news

logger = logging.getLogger(__name__)

ARTICLES_PER_SECTION = 20
CLAIM_TIMEOUT = datetime.timedelta(minutes=15)
MAX_ATTEMPTS = 5
SUBJECT_CHARS = 200


def period_of(frequency: str, now: datetime.datetime) -> str:
    """The digest period containing now: the local day (2026-06-12) or ISO week (2026-W24)."""
    day = timezone.localdate(now)
    if frequency == Frequency.WEEKLY:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def is_due(subscription: SavedSearch | Watch, now: datetime.datetime) -> bool:
    return (subscription.frequency != Frequency.NEVER
            and subscription.digest_period != period_of(subscription.frequency, now))


def lookback() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.WATCH_LOOKBACK_MINUTES)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


@dataclass(frozen=True)
class Line:
    title: str
    source: str
    date: datetime.date | None
    url: str


@dataclass(frozen=True)
class Section:
    label: str  # 检索, 官员, 提法 …
    name: str
    url: str  # the saved search's or watch's page
    ids: tuple[int, ...]  # every new article, newest first
    truncated: bool
    lines: tuple[Line, ...]  # the first ARTICLES_PER_SECTION of them
    problem: str | None = None

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def more(self) -> int:
        return self.count - len(self.lines)


@dataclass
class Report:
    built: int = 0
    sent: int = 0
    failed: int = 0
    waiting: int = 0
    digests: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"built {self.built} digest(s), sent {self.sent}, failed {self.failed}, "
                f"{self.waiting} waiting for the next run")


# -- 1. build ---------------------------------------------------------------------------------------

def indexed_upto(now: datetime.datetime, *, drain_timeout: float) -> datetime.datetime:
    """How far the search index is known to hold every article: now, or the time of the oldest
    change still waiting in the outbox (after trying to apply what waits)."""
    try:
        outbox.drain(timeout=drain_timeout)
    except Exception:  # the index is only behind: saved searches wait for it
        logger.exception("could not drain the search outbox before the digests")
    oldest = SearchOutbox.objects.order_by("created_at").values_list("created_at", flat=True).first()
    return min(now, oldest) if oldest else now


def recipients() -> list[int]:
    """Ids of the active people with an email address and a saved search or watch to email."""
    emailed = ~Q(frequency=Frequency.NEVER)
    subscribed = (Q(pk__in=SavedSearch.objects.filter(emailed).values("user_id"))
                  | Q(pk__in=Watch.objects.filter(emailed).values("user_id")))
    users = get_user_model().objects.filter(subscribed, is_active=True).exclude(email="")
    return list(users.order_by("pk").values_list("pk", flat=True))


def build_digest(user_id: int, *, now: datetime.datetime, index_upto: datetime.datetime) -> Digest | None:
    """Record the person's digest for what is due now and advance its cursors, in one
    transaction; None when nothing is due, nothing is new, or another run holds the person."""
    with transaction.atomic():
        user = (get_user_model().objects.select_for_update(skip_locked=True, no_key=True)
                .filter(pk=user_id, is_active=True).first())
        if user is None or not user.email or not may_watch(user):
            return None
        subscriptions = [
            *SavedSearch.objects.filter(user=user).exclude(frequency=Frequency.NEVER),
            *Watch.objects.filter(user=user).exclude(frequency=Frequency.NEVER)
            .select_related("official", "organization", "document", "series"),
        ]
        sections = []
        for subscription in subscriptions:
            if not is_due(subscription, now):
                continue
            found = _advance(subscription, now=now, upto=index_upto if isinstance(subscription, SavedSearch) else now)
            if found.ids or found.problem:
                sections.append(_section(subscription, found))
        if not sections:
            return None
        return Digest.objects.create(user=user, recipient=user.email, created_at=now,
                                     article_count=_total(sections), **_render(user, sections, now))


def _advance(subscription: SavedSearch | Watch, *, now: datetime.datetime, upto: datetime.datetime) -> News:
    """What is new for the subscription's digest, its cursor moved past it (unless the saved
    search can no longer run: then it waits where it is) and its period marked digested."""
    start = subscription.digest_cursor or subscription.created_at
    after = max(subscription.created_at, start - lookback())
    found = news(subscription, after=after, upto=upto, exclude=frozenset(subscription.digest_recent)) \
        if upto > after else News(())
    changes: dict[str, object] = {"digest_period": period_of(subscription.frequency, now)}
    if found.problem is None:
        cursor = max(start, upto)
        kept = {*subscription.digest_recent, *found.ids}
        changes["digest_cursor"] = cursor
        changes["digest_recent"] = sorted(Article.objects.filter(pk__in=kept, created_at__gt=cursor - lookback())
                                          .values_list("pk", flat=True)) if kept else []
    # An update, not save(): the owner may rename it or change its frequency meanwhile.
    type(subscription).objects.filter(pk=subscription.pk).update(**changes)
    return found


def _section(subscription: SavedSearch | Watch, found: News) -> Section:
    lines = tuple(
        Line(title=article.display_title, source=article.source.name, date=article.published_on,
             url=absolute(links.url_for(article)))
        for article in found.articles(limit=ARTICLES_PER_SECTION)
    )
    if isinstance(subscription, SavedSearch):
        label, name = "检索", subscription.name
        page = reverse("watch:saved-search", kwargs={"pk": subscription.pk})
    else:
        label, name = subscription.get_kind_display(), subscription.target_name
        page = reverse("watch:watch", kwargs={"pk": subscription.pk})
    return Section(label=label, name=name, url=absolute(page), ids=found.ids, truncated=found.truncated,
                   lines=lines, problem=found.problem)


def _total(sections: list[Section]) -> int:
    """New articles in the digest, each counted once (one may be in several sections)."""
    return len({pk for section in sections for pk in section.ids})


def _subject(sections: list[Section]) -> str:
    names = list(dict.fromkeys(section.name for section in sections))
    about = "、".join(names[:3]) + ("等" if len(names) > 3 else "")
    total = _total(sections)
    subject = f"科技库摘要：{total} 篇新文章（{about}）" if total else f"科技库摘要：{about}"
    return subject if len(subject) <= SUBJECT_CHARS else subject[: SUBJECT_CHARS - 1] + "…"


def _render(user, sections: list[Section], now: datetime.datetime) -> dict[str, str]:
    context = {
        "user": user, "sections": sections, "day": timezone.localdate(now),
        "total": _total(sections), "manage_url": absolute(reverse("watch:index")),
    }
    return {
        "subject": _subject(sections),
        "body": render_to_string("watch/email/digest.txt", context),
        "html": render_to_string("watch/email/digest.html", context),
    }


# -- 2. deliver -------------------------------------------------------------------------------------

def _claimable() -> Q:
    """Pending, or claimed by a run that has not marked it for CLAIM_TIMEOUT (by the clock on the
    wall, not the run's `now`, which only says which period is due)."""
    return Q(status=Digest.Status.PENDING) | Q(status=Digest.Status.SENDING,
                                               claimed_at__lt=timezone.now() - CLAIM_TIMEOUT)


def message_id(digest: Digest) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "kejiku.localhost"
    return f"<kejiku-digest-{digest.pk}-{int(digest.created_at.timestamp())}@{host}>"


def _message(digest: Digest) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(digest.subject, digest.body, to=[digest.recipient],
                                     headers={"Message-ID": message_id(digest)})
    if digest.html:
        message.attach_alternative(digest.html, "text/html")
    return message


def deliver(report: Report) -> None:
    """Claim, send and mark every pending digest (and any a dead run left half-sent)."""
    for pk in Digest.objects.filter(_claimable()).order_by("pk").values_list("pk", flat=True):
        claimed_at = timezone.now()
        claimed = Digest.objects.filter(_claimable(), pk=pk).update(
            status=Digest.Status.SENDING, claimed_at=claimed_at, attempts=F("attempts") + 1)
        if not claimed:
            continue  # another run has it
        digest = Digest.objects.get(pk=pk)
        mine = Digest.objects.filter(pk=pk, status=Digest.Status.SENDING, claimed_at=claimed_at)
        try:
            _message(digest).send()
        except Exception as error:  # SMTP refused, network down…: try again next run
            logger.exception("digest %s to %s not sent", digest.pk, digest.recipient)
            give_up = digest.attempts >= MAX_ATTEMPTS
            mine.update(status=Digest.Status.FAILED if give_up else Digest.Status.PENDING, error=str(error)[:2000])
            report.failed += give_up
            report.waiting += not give_up
            continue
        mine.update(status=Digest.Status.SENT, sent_at=timezone.now(), error="")
        report.sent += 1
        report.digests.append(pk)


def send_digests(*, now: datetime.datetime | None = None, drain_timeout: float = 10.0) -> Report:
    """Build what is due for everyone, then deliver every pending digest."""
    now = now or timezone.now()
    report = Report()
    upto = indexed_upto(now, drain_timeout=drain_timeout)
    for user_id in recipients():
        if build_digest(user_id, now=now, index_upto=upto):
            report.built += 1
    deliver(report)
    return report
