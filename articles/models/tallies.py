"""Article counts kept beside the knowledge base, so a page never counts a whole table.

The home, topic, official, document and source pages show how many articles fall in each month
and which officials and documents come up most. Counted on a request, each read every article
of its scope: 663 ms for a topic page at 100,000 articles, and linear in the corpus. Instead the
services keep the counts up to date in the same transaction as the change (articles.services.
tallies), and the pages read a few rows (articles.selectors.tallies).

A Tally row is one count: how many articles of a scope fall in a bucket. Scopes and buckets are
short strings: scope "topic:3" (the articles filed under topic 3 or any topic below it),
bucket "month:2026-06" (published in June 2026) or "official:7" (mentioning official 7).
TalliedArticle remembers what each article was counted by (its month, source, topics and the
records it names), so a change is counted as a difference against what was counted before, and
a deleted article can be taken out without reading it.
"""

from django.db import models


class Tally(models.Model):
    scope = models.CharField("范围", max_length=40)
    bucket = models.CharField("分组", max_length=40)
    articles = models.IntegerField("文章数", default=0)

    class Meta:
        verbose_name = "计数"
        verbose_name_plural = "计数"
        constraints = [models.UniqueConstraint(fields=["scope", "bucket"], name="tally_scope_bucket")]

    def __str__(self) -> str:
        return f"{self.scope} {self.bucket}: {self.articles}"


class TalliedArticle(models.Model):
    """What an article was counted by, as keys separated by spaces ("month:2026-06 source:2
    topic:3 official:7"; articles.services.tallies.profile). The article is a plain number, not
    a foreign key: its row must outlive the article's deletion until the counts are taken back."""

    article_id = models.BigIntegerField("文章", primary_key=True)
    counted = models.TextField("计入", blank=True)

    class Meta:
        verbose_name = "已计数文章"
        verbose_name_plural = "已计数文章"

    def __str__(self) -> str:
        return str(self.article_id)
