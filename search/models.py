"""The transactional outbox: pending changes to the search index."""

from django.db import models


class SearchOutbox(models.Model):
    """One indexed record that changed, written in the same database
    transaction as the change itself; search.outbox.drain applies it."""

    class Action(models.TextChoices):
        UPDATE = "update", "更新"
        DELETE = "delete", "删除"

    model_label = models.CharField("模型", max_length=100, help_text="如 articles.article")
    object_pk = models.CharField("主键", max_length=64)
    action = models.CharField("操作", max_length=10, choices=Action.choices, default=Action.UPDATE)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "索引待办"
        verbose_name_plural = "索引待办"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.action} {self.model_label}.{self.object_pk}"

    @property
    def identifier(self) -> str:
        """haystack's document id: app_label.model_name.pk."""
        return f"{self.model_label}.{self.object_pk}"
