"""Reads of the article counts the services keep (articles.services.tallies): a page asks for a
scope's months or its most mentioned records and reads a few rows, whatever the corpus size."""

from __future__ import annotations

import datetime

from django.db.models import CharField, Model, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Length

from articles import kinds
from articles.models import Mention, Source, Topic
from articles.models.tallies import Tally
from articles.selectors.listing import MonthCount, month_range
from articles.selectors.mentions import Ranked
from articles.services.tallies import ALL, COUNTED_MENTIONS, TOTAL, entity_key, month_bucket

MONTH = "month:"
UNDATED = month_bucket(None)


def scope_of(record: Model | None) -> str:
    """The scope counting the articles of a record: "topic:3" (under the topic), "source:2",
    "official:7" or "document:5" (mentioning it, named as Mention names it); None counts every
    article."""
    if record is None:
        return ALL
    if isinstance(record, Topic | Source):
        return entity_key(record._meta.model_name, record.pk)
    field = kinds.kind_of(record).mention_field
    if field not in COUNTED_MENTIONS:
        raise TypeError(f"no articles are counted by {type(record).__name__}")
    return entity_key(field, record.pk)


def counted(field: str) -> Coalesce:
    """An annotation: how many articles mention each row (of the records Mention calls
    `field`), read from the kept counts, one index probe per row."""
    if field not in COUNTED_MENTIONS:
        raise ValueError(f"articles are not counted by {field!r}")
    scope = Concat(Value(f"{field}:"), Cast(OuterRef("pk"), CharField()))
    kept = Tally.objects.filter(scope=scope, bucket=TOTAL).values("articles")[:1]
    return Coalesce(Subquery(kept), 0)


def _count(scope: str, bucket: str) -> int:
    # Sliced, not .first(): first() orders by id, and PostgreSQL then walked the id index
    # instead of probing (scope, bucket) — 19 ms at 100,000 articles for one row.
    found = Tally.objects.filter(scope=scope, bucket=bucket).values_list("articles", flat=True)[:1]
    return next(iter(found), 0)


def total(scope: str) -> int:
    return _count(scope, TOTAL)


def totals(scopes: list[str]) -> dict[str, int]:
    found = dict(Tally.objects.filter(scope__in=scopes, bucket=TOTAL).values_list("scope", "articles"))
    return {scope: found.get(scope, 0) for scope in scopes}


def undated(scope: str) -> int:
    return _count(scope, UNDATED)


def months(scope: str) -> dict[datetime.date, int]:
    """Articles per calendar month (the first day of each), dated articles only."""
    rows = (Tally.objects.filter(scope=scope, bucket__startswith=MONTH).exclude(bucket=UNDATED)
            .values_list("bucket", "articles"))
    return {_month(b): n for b, n in rows if n > 0}


def dated_span(scope: str) -> tuple[datetime.date, datetime.date] | None:
    """The first day of a scope's first month and of its last, when every article it counts is
    dated; None when one is undated (no date range holds it) or it counts none."""
    buckets = list(Tally.objects.filter(scope=scope, bucket__startswith=MONTH, articles__gt=0)
                   .values_list("bucket", flat=True))
    if not buckets or UNDATED in buckets:
        return None
    return _month(min(buckets)), _month(max(buckets))


def _month(bucket: str) -> datetime.date:
    return datetime.date(int(bucket[6:10]), int(bucket[11:13]), 1)


def month_counts(scope: str, *, fill_gaps: bool = True, limit: int = 36) -> list[MonthCount]:
    """As articles.selectors.listing.month_counts, for a whole scope: oldest first, quiet months
    between filled with zero, the latest `limit`."""
    counts = months(scope)
    if not counts:
        return []
    shown = list(month_range(min(counts), max(counts))) if fill_gaps else sorted(counts)
    return [MonthCount(month=m, count=counts.get(m, 0)) for m in shown[-limit:]]


def most_mentioned(scope: str, *, field: str, limit: int = 5) -> list[Ranked]:
    """The officials or documents mentioned in most articles of the scope (a topic or a month)."""
    if field not in COUNTED_MENTIONS:
        raise ValueError(f"articles are not counted by {field!r}")
    # Ties are broken by pk, as a count over the mentions would: by the bucket's length, then
    # its text, "official:9" comes before "official:10".
    rows = (Tally.objects.filter(scope=scope, bucket__startswith=f"{field}:", articles__gt=0)
            .order_by("-articles", Length("bucket"), "bucket").values_list("bucket", "articles")[:limit])
    ranked = [(int(bucket.split(":")[1]), n) for bucket, n in rows]
    model = Mention._meta.get_field(field).related_model
    manager = model.objects.select_related("series") if field == "meeting" else model.objects
    entities = manager.in_bulk([pk for pk, _ in ranked])
    return [Ranked(entity=entities[pk], article_count=n) for pk, n in ranked if pk in entities][:limit]
