"""Article listings: the base queryset every listing starts from, and the months a timeline shows."""

import datetime
from dataclasses import dataclass

from django.db.models import Model, OrderBy, QuerySet, Value
from django.db.models.functions import Coalesce, Replace, Substr

from articles.models import Article, Mention

EXCERPT_CHARS = 90
FEW_IDS = 5000  # up to this many articles a record's listing is read by id (articles_mentioning)


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
    naming = Mention.objects.filter(**{field: entity}).order_by().values_list("article_id", flat=True)
    # A record named in few articles hands the listing their ids, ordered by an expression the date
    # index cannot serve. Given a subquery, or the ids under the plain date order, PostgreSQL walked
    # the date index from the newest article probing each (it expects a record's articles spread
    # evenly in time; a meeting's cluster round its date): 25,000 articles read for 30 at 100,000,
    # and 1.2 s (350,000 pages) for a meeting's 4,855 at 1,000,000. Fetched by id and sorted, they
    # take milliseconds.
    few = list(naming[:FEW_IDS + 1])
    if len(few) <= FEW_IDS:
        return article_list_queryset().filter(pk__in=set(few)).order_by(*_newest_first_unindexed())
    return _within_kept_months(article_list_queryset().filter(pk__in=naming), entity, field)


def _within_kept_months(listing: QuerySet[Article], entity: Model, field: str) -> QuerySet[Article]:
    """The listing of a record in many articles, its dates bounded by the record's first and last
    month in the kept counts: PostgreSQL walks the date index newest first, and a meeting's 6,685
    articles of 2025-11 to 2026-03 at 1,000,000 made it walk the three months after them too
    (389 ms; 58 ms bounded). Not where an article is undated: no range holds it."""
    from articles.selectors import tallies  # tallies reads this module's MonthCount

    if field not in tallies.COUNTED_MENTIONS:
        return listing
    span = tallies.dated_span(tallies.scope_of(entity))
    if span is None:
        return listing
    first, last = span
    after_last = (last + datetime.timedelta(days=31)).replace(day=1)
    return listing.filter(published_on__gte=first, published_on__lt=after_last)


def _newest_first_unindexed() -> tuple:
    """The listing's order (newest first; undated where the database puts NULL in a descending
    sort of the plain column), written so that no index on published_on matches it."""
    return OrderBy(Coalesce("published_on", "published_on"), descending=True), "-id"


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


def month_range(first: datetime.date, last: datetime.date):
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield datetime.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
