from django.db import models
from simple_history.models import HistoricalRecords

from .choices import Script, SourceKind


class Source(models.Model):
    """An outlet that publishes articles: a newspaper, a news agency, a web client."""

    name = models.CharField("名称", max_length=100, unique=True)
    kind = models.CharField("类型", max_length=20, choices=SourceKind.choices, default=SourceKind.NEWSPAPER)
    usual_script = models.CharField("常用字体", max_length=20, choices=Script.choices, default=Script.SIMPLIFIED)
    url = models.URLField("网址", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "来源"
        verbose_name_plural = "来源"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
