from django.db import models
from simple_history.models import HistoricalRecords


class Topic(models.Model):
    """A node of the editorial taxonomy; keywords drive automatic assignment."""

    name = models.CharField("名称", max_length=100, unique=True)
    slug = models.SlugField("标识", max_length=100, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self", verbose_name="上级主题", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    keywords = models.JSONField("关键词", default=list, blank=True)
    description = models.TextField("说明", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "主题"
        verbose_name_plural = "主题"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["Topic"]:
        chain: list[Topic] = []
        node = self.parent
        while node is not None and node not in chain:
            chain.insert(0, node)
            node = node.parent
        return chain
