"""What changed in the knowledge base, for the readers downstream of it.

The outbox is written in the same transaction as the change itself, so the search index
(search.outbox.drain) can follow the database without ever missing a committed edit or
seeing an uncommitted one. The content version is the one number every cache of pages and
derived statistics keys on. Both belong to the knowledge base: it records its own changes
and knows nothing of who reads them.
"""

from django.db import models

from .reprints import ReprintKey
from .tallies import TalliedArticle, Tally


class SearchOutbox(models.Model):
    """One record whose indexed document changed, written in the same database transaction as
    the change itself; the search app applies it after the commit and deletes it."""

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
        """The index's document id: app_label.model_name.pk."""
        return f"{self.model_label}.{self.object_pk}"


class ContentVersion(models.Model):
    """A counter raised after every commit that changed what the site shows (articles.changes).

    Pages and derived statistics cache on it: one primary-key read per request tells every
    worker process whether anything changed, where counting the tables would cost tens of
    milliseconds at 100,000 articles."""

    counter = models.BigIntegerField("版本", default=0)

    class Meta:
        verbose_name = "内容版本"
        verbose_name_plural = "内容版本"

    def __str__(self) -> str:
        return str(self.counter)


# The knowledge base's bookkeeping, not knowledge: editors never edit it, backups never hold it
# (the reprint keys and the article counts are derived and rebuilt after a restore).
BOOKKEEPING: tuple[type[models.Model], ...] = (SearchOutbox, ContentVersion, ReprintKey, Tally, TalliedArticle)
