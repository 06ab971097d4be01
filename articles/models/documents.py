from django.db import models
from simple_history.models import HistoricalRecords

from articles.ingest.citations import title_key
from textkit.folding import normalize_doc_number

from .choices import DocumentKind


class Validity(models.TextChoices):
    """A document's legal force, as editors record it (北大法宝's 时效性)."""

    UNKNOWN = "unknown", "未标注"
    IN_FORCE = "in_force", "现行有效"
    AMENDED = "amended", "已修订"
    REPEALED = "repealed", "已废止"
    NOT_YET = "not_yet", "尚未生效"


class PolicyDocument(models.Model):
    """A law, regulation, opinion, notice or plan, cited by title in 《》."""

    title = models.CharField("标题", max_length=300, db_index=True, help_text="不含书名号")
    # The title as every way of citing it shares it (with or without issuers, 中华人民共和国, quotation
    # marks, script): what a citation in a text is matched on. Kept by save().
    title_key = models.CharField("标题键", max_length=300, db_index=True, editable=False, default="")
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
    validity = models.CharField(
        "效力", max_length=10, choices=Validity.choices, default=Validity.UNKNOWN, db_index=True
    )
    expires_on = models.DateField("失效日期", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", verbose_name="被以下文件取代", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="replaces", help_text="已废止时，取代它的新文件",
    )
    amends = models.ForeignKey(
        "self", verbose_name="修订的文件", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="amended_by", help_text="本文件是对哪份文件的修订（修订本、修正案）",
    )
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

    def save(self, *args, **kwargs) -> None:
        self.title_key = title_key(self.title)
        self.doc_number = normalize_doc_number(self.doc_number.strip())  # 〔〕 whatever was typed
        if kwargs.get("update_fields") is not None and "title" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "title_key"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.pk and self.pk in (self.replaced_by_id, self.amends_id):
            raise ValidationError("一份文件不能取代或修订它自己。")
