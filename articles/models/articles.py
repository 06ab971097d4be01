from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import ArticleKind, Script


class Article(models.Model):
    """One item as printed: a story, an interview, a photo caption or a continuation."""

    title = models.CharField("标题", max_length=300)
    kicker = models.CharField("引题", max_length=300, blank=True)
    subtitle = models.CharField("副题", max_length=300, blank=True)
    body = models.TextField("正文", help_text="原文照录，保留原字体")
    script = models.CharField("字体", max_length=20, choices=Script.choices, default=Script.SIMPLIFIED)
    kind = models.CharField("体裁", max_length=20, choices=ArticleKind.choices, default=ArticleKind.NEWS)

    source = models.ForeignKey(
        "articles.Source", verbose_name="来源", on_delete=models.PROTECT, related_name="articles"
    )
    publication = models.ForeignKey(
        "articles.Source",
        verbose_name="刊载媒体",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="printed_articles",
        help_text="刊登这篇稿件的报纸或网站（稿件来源为新华社时，这里是转载它的报纸）",
    )
    # Unknown when neither the page nor the story prints a date: the story is kept, and editors
    # find it under 日期不详 in the admin to fill it in.
    published_on = models.DateField(
        "出版日期", null=True, blank=True, help_text="版面和稿件都未印日期时为空，待编辑补填"
    )
    date_inferred = models.BooleanField("日期系推断", default=False, help_text="版面未印日期，由正文推断")
    page = models.CharField("版次", max_length=50, blank=True)
    dateline_place = models.CharField("电头地点", max_length=50, blank=True)
    dateline_date = models.DateField("电头日期", null=True, blank=True)
    agency = models.CharField("通讯社", max_length=50, blank=True)
    reporters = models.JSONField("记者", default=list, blank=True)
    photographers = models.JSONField("摄影", default=list, blank=True)
    editor = models.CharField("编辑", max_length=100, blank=True)
    credited_source = models.CharField("稿件来源", max_length=100, blank=True, help_text="如“来源：新华社”")

    source_file = models.CharField("来源文件", max_length=255, blank=True)
    line_start = models.PositiveIntegerField("起始行", null=True, blank=True)
    line_end = models.PositiveIntegerField("结束行", null=True, blank=True)
    fingerprint = models.CharField(
        "指纹", max_length=64, unique=True, null=True, blank=True, help_text="导入时用于识别同一篇稿件"
    )

    # Reprints (通稿): every printing of one story points at its first printing (earliest
    # published_on, then lowest id), which points nowhere; articles/services/reprints.py keeps it so.
    reprint_of = models.ForeignKey(
        "self",
        verbose_name="转载自（同一通稿的首发）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reprints",
        help_text="同一篇稿件在各媒体刊载时，指向最早的一次刊载；本篇即首发或未见他处刊载时为空",
    )
    reprint_checked = models.BooleanField(
        "同一通稿经编辑核定",
        default=False,
        help_text="编辑改过“转载自”后自动勾选：导入和 find_reprints 不再改动本篇的归属",
    )

    topics = models.ManyToManyField("articles.Topic", verbose_name="主题", blank=True, related_name="articles")
    # 解读: the documents this article explains (政策解读, 答记者问, a ministry's explanation), as
    # against ordinary coverage that only mentions them; articles/services/citations.py proposes them.
    interprets = models.ManyToManyField(
        "articles.PolicyDocument", verbose_name="解读的文件", blank=True, related_name="interpretations",
        help_text="本文是对这些文件的解读（政策解读、答记者问、主管部门的说明），而不只是提及",
    )
    interpretation_checked = models.BooleanField(
        "解读关系经编辑核定", default=False,
        help_text="编辑改过“解读的文件”后自动勾选：导入和 resolve_citations 不再改动",
    )

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"
        ordering = ["-published_on", "id"]
        indexes = [
            models.Index(fields=["-published_on", "id"], name="article_date_idx"),
            models.Index(fields=["source", "-published_on"], name="article_source_date_idx"),
            models.Index(fields=["kind", "-published_on"], name="article_kind_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(line_start__isnull=True)
                | models.Q(line_end__isnull=True)
                | models.Q(line_end__gte=models.F("line_start")),
                name="article_line_span_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.pk is not None and self.reprint_of_id is not None:
            target = self.reprint_of
            if target.pk == self.pk or target.reprint_of_id == self.pk:
                raise ValidationError({"reprint_of": "不能指向本篇自己或本篇的转载；请改在那篇文章上设置“转载自”。"})

    @property
    def display_title(self) -> str:
        return f"{self.kicker} {self.title}".strip() if self.kicker else self.title

    @property
    def provenance(self) -> str:
        if not self.source_file:
            return ""
        if self.line_start:
            return f"{self.source_file}:{self.line_start}-{self.line_end or self.line_start}"
        return self.source_file
