"""Article listings: the base queryset every listing starts from, and per-month counts."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Model, QuerySet, Value
from django.db.models.functions import Replace, Substr, TruncMonth

from articles.models import Article, Mention

EXCERPT_CHARS = 90


def in_order(queryset: QuerySet, pks: list[int]) -> list:
    """The records of queryset with these ids, in the order of the ids (a search's ranking)."""
    by_pk = queryset.in_bulk(pks)
    return [by_pk[pk] for pk in pks if pk in by_pk]


def article_list_queryset() -> QuerySet[Article]:
    """Rows for a listing: source joined, topics prefetched, the body replaced by an excerpt."""
    return (
        Article.objects.select_related("source")
        .prefetch_related("topics")
        .defer("body")
        .annotate(excerpt=Replace(Substr("body", 1, EXCERPT_CHARS), Value("\n"), Value("")))
        .order_by("-published_on", "-id")
    )


def articles_mentioning(*, entity: Model) -> QuerySet[Article]:
    """Articles in which the official, organization, meeting or document is mentioned."""
    field = _mention_field(entity)
    ids = Mention.objects.filter(**{field: entity}).values("article_id")
    return article_list_queryset().filter(pk__in=ids)


def _mention_field(entity: Model) -> str:
    for name in Mention.ENTITY_FIELDS:
        related = Mention._meta.get_field(name).related_model
        if isinstance(entity, related):
            return name
    raise TypeError(f"{type(entity).__name__} cannot be mentioned")


@dataclass(frozen=True)
class MonthCount:
    month: datetime.date  # the first day of the month
    count: int


def month_counts(*, articles: QuerySet[Article], fill_gaps: bool = True, limit: int = 36) -> list[MonthCount]:
    """Articles per calendar month (oldest first); empty months between are filled with zero."""
    rows = (
        articles.order_by()
        .annotate(month=TruncMonth("published_on"))
        .values("month")
        .annotate(n=Count("pk", distinct=True))
        .order_by("month")
    )
    counts = {_as_date(row["month"]): row["n"] for row in rows if row["month"] is not None}
    if not counts:
        return []
    months = sorted(counts)
    if fill_gaps:
        months = list(month_range(months[0], months[-1]))
    months = months[-limit:]
    return [MonthCount(month=m, count=counts.get(m, 0)) for m in months]


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def month_range(first: datetime.date, last: datetime.date):
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield datetime.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
