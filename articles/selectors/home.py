"""Reads for the home page."""

import datetime
from dataclasses import dataclass

from articles.models import Article
from articles.models.tallies import Tally
from articles.selectors import tallies
from articles.selectors.listing import article_list_queryset
from articles.selectors.mentions import Ranked
from articles.services.tallies import month_bucket


@dataclass(frozen=True)
class MonthFocus:
    """The month the "this month" panels describe, and whether it is the calendar month."""

    month: datetime.date
    is_current: bool
    officials: list[Ranked]
    documents: list[Ranked]


def latest_articles(*, limit: int = 10) -> list[Article]:
    return list(article_list_queryset()[:limit])


def _latest_month_with_mentions(months: list[datetime.date]) -> datetime.date | None:
    """The latest of these months whose articles mention an official or a document (only
    those months have a scope of their own in the kept counts)."""
    scopes = [month_bucket(month) for month in months]
    latest = (Tally.objects.filter(scope__in=scopes, articles__gt=0).order_by("-scope")
              .values_list("scope", flat=True).first())
    return datetime.date(int(latest[6:10]), int(latest[11:13]), 1) if latest else None


def month_focus(*, today: datetime.date) -> MonthFocus | None:
    """Most-mentioned officials and documents this month; if this month has no mentions yet,
    the latest month that has some (the page says which month it shows)."""
    this_month = today.replace(day=1)
    month = (_latest_month_with_mentions([this_month])
             or _latest_month_with_mentions(sorted(tallies.months(tallies.ALL))))
    if month is None:
        return None
    scope = month_bucket(month)
    return MonthFocus(
        month=month,
        is_current=month == this_month,
        officials=tallies.most_mentioned(scope, field="official", limit=5),
        documents=tallies.most_mentioned(scope, field="document", limit=5),
    )
