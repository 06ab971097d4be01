"""Where the knowledge base looks for other printings of a story: the LSH keys of each text."""

from django.db import models


class ReprintKey(models.Model):
    """One band key of an article's text (textkit.reprints.band_keys): articles sharing a key are
    candidate printings of one story, checked exactly before they are joined. Derived from the
    text alone: rebuilt by `manage.py find_reprints` and after a restore, never edited."""

    article = models.ForeignKey(
        "articles.Article", verbose_name="文章", on_delete=models.CASCADE, related_name="reprint_keys"
    )
    key = models.BigIntegerField("键")

    class Meta:
        verbose_name = "通稿比对键"
        verbose_name_plural = "通稿比对键"
        indexes = [models.Index(fields=["key"], name="reprint_key_idx")]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.key}"
