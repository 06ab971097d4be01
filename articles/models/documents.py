from django.db import models
from simple_history.models import HistoricalRecords

from .choices import DocumentKind


class PolicyDocument(models.Model):
    """A law, regulation, opinion, notice or plan, cited by title in 《》."""

    title = models.CharField("标题", max_length=300, db_index=True, help_text="不含书名号")
    short_title = models.CharField("简称", max_length=100, blank=True, help_text="如“《指导意见》”中的“指导意见”")
    doc_number = models.CharField(
        "文号", max_length=100, blank=True, help_text="规范写法用六角括号，如 工信部联节〔2026〕13号"
    )
    kind = models.CharField("文种", max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    issuers = models.ManyToManyField(
        "articles.Organization", verbose_name="发文机关", blank=True, related_name="issued_documents"
    )
    issued_on = models.DateField("成文日期", null=True, blank=True, help_text="成文或印发的日期")
    published_on = models.DateField("发布日期", null=True, blank=True, help_text="公开发布的日期（如中国政府网）")
    effective_on = models.DateField("施行日期", null=True, blank=True)
    url = models.URLField("原文链接", blank=True)
    index_number = models.CharField("索引号", max_length=60, blank=True)
    subjects = models.CharField("主题分类", max_length=200, blank=True)
    full_text = models.TextField("全文", blank=True, help_text="文件本身的正文（导入文件页面时填写）")
    cites = models.ManyToManyField(
        "self", verbose_name="引用的文件", symmetrical=False, blank=True, related_name="cited_by"
    )
    history = HistoricalRecords(m2m_fields=[issuers, cites])

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"
        ordering = ["-issued_on", "title"]
        indexes = [models.Index(fields=["-issued_on"], name="document_date_idx")]
        constraints = [
            # One document per number; documents without a number are common and exempt.
            models.UniqueConstraint(
                fields=["doc_number"], condition=~models.Q(doc_number=""), name="document_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_on__isnull=True)
                | models.Q(issued_on__isnull=True)
                | models.Q(effective_on__gte=models.F("issued_on")),
                name="document_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"《{self.title}》"
