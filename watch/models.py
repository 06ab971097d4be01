"""An analyst's saved searches and watches, and the digests of what is new in them.

A saved search keeps the search page's GET parameters (q, kind, source, topic, date_from,
date_to, sort) as the query string the page itself would write; a watch follows one official,
organization, policy document, meeting series or formulation (提法). Both are rows of their
owner's alone: every view, the API and the feed select them by owner (or by the private feed
token), never by id alone.

What is new is always "articles created after a moment": the last visit of the watch's page
(last_seen_at) for the site, the digest's cursor for the emails. The digest's bookkeeping
(digest_*) is written by `manage.py send_digests` only (watch.digests), in the same transaction
that records the digest to send (Digest), so a digest is never built twice nor lost.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

FEED_TOKEN_BYTES = 32


def new_feed_token() -> str:
    """An unguessable secret for a saved search's Atom feed address (43 URL-safe characters)."""
    return secrets.token_urlsafe(FEED_TOKEN_BYTES)


class Frequency(models.TextChoices):
    DAILY = "daily", "每天"
    WEEKLY = "weekly", "每周"
    NEVER = "never", "不发邮件"


class Subscription(models.Model):
    """What saved searches and watches share: an owner, how often a digest is emailed, the last
    visit of its page, and the digest's cursor."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE,
                             related_name="+")
    frequency = models.CharField("邮件摘要", max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    last_seen_at = models.DateTimeField("上次查看", null=True, blank=True, editable=False)
    # The digest's bookkeeping (watch.digests): the period (2026-06-12, 2026-W24) last digested;
    # articles created up to the cursor have been considered; the ids already sent that were
    # created less than WATCH_LOOKBACK_MINUTES before the cursor, which the next digest looks
    # at again for late commits and must not send twice.
    digest_period = models.CharField("上次摘要周期", max_length=10, blank=True, editable=False)
    digest_cursor = models.DateTimeField("摘要已查到", null=True, blank=True, editable=False)
    digest_recent = models.JSONField("近期已发文章", default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def since_last_visit(self):
        """Where "新" starts: the last visit of this page, or the moment it was created."""
        return self.last_seen_at or self.created_at


class SavedSearch(Subscription):
    name = models.CharField("名称", max_length=100)
    query = models.TextField("检索参数", help_text="检索页的网址参数，如 q=科技金融&source=新华社")
    feed_token = models.CharField("订阅令牌", max_length=64, unique=True, default=new_feed_token, editable=False)

    class Meta:
        verbose_name = "保存的检索"
        verbose_name_plural = "保存的检索"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "query"], name="saved_search_unique_per_user")]

    def __str__(self) -> str:
        return self.name


class WatchKind(models.TextChoices):
    OFFICIAL = "official", "官员"
    ORGANIZATION = "organization", "机构"
    DOCUMENT = "document", "文件"
    MEETING_SERIES = "meeting_series", "会议系列"
    FORMULATION = "formulation", "提法"


# The column of each kind (a formulation is its phrase).
TARGET_FIELDS = {
    WatchKind.OFFICIAL: "official",
    WatchKind.ORGANIZATION: "organization",
    WatchKind.DOCUMENT: "document",
    WatchKind.MEETING_SERIES: "series",
    WatchKind.FORMULATION: "phrase",
}
_EMPTY = {"official": Q(official__isnull=True), "organization": Q(organization__isnull=True),
          "document": Q(document__isnull=True), "series": Q(series__isnull=True), "phrase": Q(phrase="")}


def _only(kind: str) -> Q:
    field = TARGET_FIELDS[kind]
    present = ~Q(phrase="") if field == "phrase" else Q(**{f"{field}__isnull": False})
    condition = Q(kind=kind) & present
    for other, empty in _EMPTY.items():
        if other != field:
            condition &= empty
    return condition


class Watch(Subscription):
    kind = models.CharField("类型", max_length=20, choices=WatchKind.choices)
    official = models.ForeignKey("articles.Official", verbose_name="官员", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey("articles.Organization", verbose_name="机构", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey("articles.PolicyDocument", verbose_name="文件", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey("articles.MeetingSeries", verbose_name="会议系列", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    phrase = models.CharField("提法", max_length=30, blank=True)

    class Meta:
        verbose_name = "关注"
        verbose_name_plural = "关注"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=_only(WatchKind.OFFICIAL) | _only(WatchKind.ORGANIZATION) | _only(WatchKind.DOCUMENT)
                | _only(WatchKind.MEETING_SERIES) | _only(WatchKind.FORMULATION),
                name="watch_exactly_its_target",
            ),
            *[
                models.UniqueConstraint(fields=["user", field], condition=Q(kind=kind),
                                        name=f"watch_unique_{kind}_per_user")
                for kind, field in TARGET_FIELDS.items()
            ],
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.target_name}"

    @property
    def target(self):
        """The watched record, or the phrase of a formulation."""
        return getattr(self, TARGET_FIELDS[self.kind])

    @property
    def target_name(self) -> str:
        """官员、机构、会议系列 by name, 《文件》 by title, a formulation by its phrase."""
        return str(self.target)


class Digest(models.Model):
    """One email to one person: built and recorded in one transaction with the cursors it
    advances, then claimed, sent and marked (watch.digests)."""

    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        SENDING = "sending", "发送中"
        SENT = "sent", "已发送"
        FAILED = "failed", "放弃"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE,
                             related_name="+")
    recipient = models.EmailField("收件人")
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("正文")
    html = models.TextField("HTML 正文", blank=True)
    article_count = models.PositiveIntegerField("文章数", default=0)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    claimed_at = models.DateTimeField("开始发送", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    error = models.TextField("上次错误", blank=True)

    class Meta:
        verbose_name = "邮件摘要"
        verbose_name_plural = "邮件摘要"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "claimed_at"], name="digest_status_idx")]

    def __str__(self) -> str:
        return self.subject
