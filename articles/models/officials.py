import datetime
from collections.abc import Iterable

from django.db import models
from simple_history.models import HistoricalRecords


class Official(models.Model):
    """A person who holds public posts; reporters and researchers are not officials."""

    # Not unique: two officials may share a name; editors merge true duplicates.
    name = models.CharField("姓名", max_length=50, db_index=True)
    notes = models.TextField("备注", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "官员"
        verbose_name_plural = "官员"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OfficialAlias(models.Model):
    """Another spelling of an official's name, e.g. the traditional-script form 陰和俊."""

    official = models.ForeignKey(Official, verbose_name="官员", on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("别名", max_length=50, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "官员别名"
        verbose_name_plural = "官员别名"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Post(models.Model):
    """A post an official is stated to hold, with the span of dates the texts attest it."""

    official = models.ForeignKey(Official, verbose_name="官员", on_delete=models.CASCADE, related_name="posts")
    title = models.CharField("职务", max_length=100, help_text="如“部长”“党组书记”“常委”")
    organization = models.ForeignKey(
        "articles.Organization",
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
    )
    full_title = models.CharField("职务全称（原文）", max_length=200, help_text="如“科技部党组书记”")
    first_seen = models.DateField("最早见于", null=True, blank=True)
    last_seen = models.DateField("最晚见于", null=True, blank=True)
    articles = models.ManyToManyField(
        "articles.Article", verbose_name="载明该职务的文章", blank=True, related_name="stated_posts"
    )
    history = HistoricalRecords(m2m_fields=[articles])

    class Meta:
        verbose_name = "职务"
        verbose_name_plural = "职务"
        ordering = ["official", "-last_seen"]
        constraints = [
            models.UniqueConstraint(fields=["official", "full_title"], name="post_unique_per_official"),
            models.CheckConstraint(
                condition=models.Q(first_seen__isnull=True)
                | models.Q(last_seen__isnull=True)
                | models.Q(last_seen__gte=models.F("first_seen")),
                name="post_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_title}{self.official.name}"

    def seen_span_widened_by(
        self, days: Iterable[datetime.date | None]
    ) -> tuple[datetime.date | None, datetime.date | None]:
        """(first_seen, last_seen) stretched to take in the days of further texts stating the post.

        The span only ever widens: a text states the post held on its day, and an older or
        newer text says nothing against the days already attested. Undated texts add nothing.
        The import, the bulk import and a merge of duplicate officials all widen through here.
        """
        dated = [day for day in days if day]
        first = min(filter(None, (self.first_seen, *dated)), default=None)
        last = max(filter(None, (self.last_seen, *dated)), default=None)
        return first, last
