from django.db import models

from .articles import Article


class Mention(models.Model):
    """One place in an article where an entity is named, so pages can highlight and count it.

    Exactly one entity column is set; explicit foreign keys (rather than a generic relation)
    keep joins, cascades and admin autocomplete simple.
    """

    class Field(models.TextChoices):
        TITLE = "title", "标题"
        BODY = "body", "正文"

    article = models.ForeignKey(Article, verbose_name="文章", on_delete=models.CASCADE, related_name="mentions")
    field = models.CharField("位置", max_length=10, choices=Field.choices, default=Field.BODY)
    start = models.PositiveIntegerField("起始字符")
    end = models.PositiveIntegerField("结束字符")
    surface = models.CharField("原文", max_length=300)

    official = models.ForeignKey(
        "articles.Official", verbose_name="官员", null=True, blank=True, on_delete=models.CASCADE,
        related_name="mentions",
    )
    organization = models.ForeignKey(
        "articles.Organization", verbose_name="机构", null=True, blank=True, on_delete=models.CASCADE,
        related_name="mentions",
    )
    meeting = models.ForeignKey(
        "articles.Meeting", verbose_name="会议", null=True, blank=True, on_delete=models.CASCADE,
        related_name="mentions",
    )
    document = models.ForeignKey(
        "articles.PolicyDocument", verbose_name="文件", null=True, blank=True, on_delete=models.CASCADE,
        related_name="mentions",
    )

    ENTITY_FIELDS = ("official", "organization", "meeting", "document")

    class Meta:
        verbose_name = "提及"
        verbose_name_plural = "提及"
        ordering = ["article", "field", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="mention_span_nonempty"),
            models.CheckConstraint(
                condition=(
                    models.Q(official__isnull=False, organization__isnull=True, meeting__isnull=True,
                             document__isnull=True)
                    | models.Q(official__isnull=True, organization__isnull=False, meeting__isnull=True,
                               document__isnull=True)
                    | models.Q(official__isnull=True, organization__isnull=True, meeting__isnull=False,
                               document__isnull=True)
                    | models.Q(official__isnull=True, organization__isnull=True, meeting__isnull=True,
                               document__isnull=False)
                ),
                name="mention_exactly_one_entity",
            ),
            models.UniqueConstraint(
                fields=["article", "field", "start", "end", "official", "organization", "meeting", "document"],
                name="mention_unique_span",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.surface} @ {self.article_id}:{self.start}-{self.end}"

    @property
    def entity(self) -> models.Model | None:
        for name in self.ENTITY_FIELDS:
            value = getattr(self, name)
            if value is not None:
                return value
        return None
