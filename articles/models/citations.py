"""Citations the knowledge base could not tie to one document, kept for editors to link or create."""

from django.db import models


class UnresolvedCitation(models.Model):
    """A 《title》 or a document number in an article or a document's full text that names no
    document of the knowledge base, or more than one (articles/services/citations.py). An editor
    links it to the document it means, or creates that document; either resolves it."""

    class Reason(models.TextChoices):
        NOT_FOUND = "not_found", "库中没有"
        AMBIGUOUS = "ambiguous", "多份文件同名"

    class Kind(models.TextChoices):
        TITLE = "title", "标题"
        NUMBER = "number", "文号"

    article = models.ForeignKey(
        "articles.Article", verbose_name="文章", null=True, blank=True, on_delete=models.CASCADE,
        related_name="unresolved_citations",
    )
    citing_document = models.ForeignKey(
        "articles.PolicyDocument", verbose_name="引用它的文件", null=True, blank=True, on_delete=models.CASCADE,
        related_name="unresolved_citations",
    )
    field = models.CharField("位置", max_length=10, help_text="title、body 或 full_text")
    start = models.PositiveIntegerField("起始字符")
    end = models.PositiveIntegerField("结束字符")
    surface = models.CharField("原文", max_length=300)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    key = models.CharField("匹配键", max_length=300, db_index=True, help_text="规范化的标题或文号")
    reason = models.CharField("原因", max_length=10, choices=Reason.choices)
    candidates = models.ManyToManyField(
        "articles.PolicyDocument", verbose_name="候选文件", blank=True, related_name="+",
    )
    link_to = models.ForeignKey(
        "articles.PolicyDocument", verbose_name="链接到文件", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text="选定后保存：引用即链接到这份文件，本条随之消失",
    )
    created_at = models.DateTimeField("发现时间", auto_now_add=True)

    class Meta:
        verbose_name = "未解析的引用"
        verbose_name_plural = "未解析的引用"
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, citing_document__isnull=True)
                | models.Q(article__isnull=True, citing_document__isnull=False),
                name="unresolved_citation_one_citing_record",
            ),
        ]

    def __str__(self) -> str:
        return self.surface

    @property
    def citing(self):
        return self.article or self.citing_document
