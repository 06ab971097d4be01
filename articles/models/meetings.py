from django.db import models
from simple_history.models import HistoricalRecords

from .choices import MeetingKind


class MeetingSeries(models.Model):
    """A recurring meeting (全国科技工作会议); each occurrence is a Meeting."""

    name = models.CharField("名称", max_length=200, unique=True)
    kind = models.CharField("类型", max_length=30, choices=MeetingKind.choices, default=MeetingKind.OTHER)
    description = models.TextField("说明", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议系列"
        verbose_name_plural = "会议系列"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DatePrecision(models.TextChoices):
    DAY = "day", "日"
    MONTH = "month", "月"
    YEAR = "year", "年"


class Meeting(models.Model):
    """One session of a meeting series, dated as precisely as the texts allow.

    A session known only by month or year stores the first day of that period with its
    precision; a session the texts never date has no start date: at most one per series
    and name, so a series keeps one "date unknown" session (name blank) besides sessions
    named but never dated (党的十八大 and 党的二十大 in the party congress series).
    """

    series = models.ForeignKey(
        MeetingSeries, verbose_name="会议系列", on_delete=models.PROTECT, related_name="sessions"
    )
    name = models.CharField(
        "会议名称", max_length=200, blank=True, help_text="该次会议的专名，如“中共中央政治局第二十四次集体学习”"
    )
    start_date = models.DateField("开始日期", null=True, blank=True)
    date_precision = models.CharField(
        "日期精度", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField("结束日期", null=True, blank=True)
    place = models.CharField("地点", max_length=100, blank=True)
    summary = models.TextField("会议内容与决定", blank=True)
    documents = models.ManyToManyField(
        "articles.PolicyDocument",
        verbose_name="相关文件",
        through="articles.MeetingDocument",
        blank=True,
        related_name="meetings",
    )
    participants = models.ManyToManyField(
        "articles.Official",
        verbose_name="出席官员",
        through="articles.MeetingParticipation",
        blank=True,
        related_name="meetings",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        # Undated sessions last: PostgreSQL would otherwise put NULL first in descending order.
        ordering = [models.F("start_date").desc(nulls_last=True), "name"]
        indexes = [models.Index(fields=["-start_date"], name="meeting_date_idx")]
        constraints = [
            models.UniqueConstraint(fields=["series", "start_date"], name="meeting_one_session_per_day"),
            models.UniqueConstraint(
                fields=["series", "name"], condition=models.Q(start_date__isnull=True),
                name="meeting_one_undated_session",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="meeting_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.series.name}（{self.date_label}）"

    @property
    def date_label(self) -> str:
        if self.start_date is None:
            return "日期不详"
        if self.date_precision == DatePrecision.YEAR:
            return f"{self.start_date:%Y}年"
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.start_date.year}年{self.start_date.month}月"
        if self.end_date and self.end_date != self.start_date:
            return f"{self.start_date:%Y-%m-%d}至{self.end_date:%Y-%m-%d}"
        return f"{self.start_date:%Y-%m-%d}"

    @property
    def display_name(self) -> str:
        return self.name or self.series.name


class MeetingDocument(models.Model):
    """A document a meeting adopted, released or discussed."""

    class Relation(models.TextChoices):
        ADOPTED = "adopted", "审议通过"
        RELEASED = "released", "发布/印发"
        DISCUSSED = "discussed", "讨论/部署"

    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.CASCADE)
    document = models.ForeignKey("articles.PolicyDocument", verbose_name="文件", on_delete=models.CASCADE)
    relation = models.CharField("关系", max_length=20, choices=Relation.choices, default=Relation.RELEASED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议文件"
        verbose_name_plural = "会议文件"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "document"], name="meeting_document_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.document}"


class MeetingParticipation(models.Model):
    """An official's part in a meeting, as the texts report it."""

    class Role(models.TextChoices):
        SPOKE = "spoke", "讲话"
        CHAIRED = "chaired", "主持"
        REPORTED = "reported", "作报告"
        ATTENDED = "attended", "出席"

    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.CASCADE)
    official = models.ForeignKey("articles.Official", verbose_name="官员", on_delete=models.CASCADE)
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.ATTENDED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "出席"
        verbose_name_plural = "出席"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "official", "role"], name="participation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.official} {self.get_role_display()} {self.meeting}"
