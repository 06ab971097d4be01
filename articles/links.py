"""Permalinks of every record (the models have no get_absolute_url; the site owns its URLs, and
articles.kinds names each kind's route)."""

import datetime
import functools

from django.db.models import Model
from django.urls import get_script_prefix, reverse

from articles import kinds
from articles.models import Topic

_PLACEHOLDER = 987654321


@functools.cache
def _pk_pattern(route: str, script_prefix: str) -> tuple[str, str]:
    """The route's URL around its pk, reversed once (listings link hundreds of records)."""
    url = reverse(route, kwargs={"pk": _PLACEHOLDER})
    head, _, tail = url.partition(str(_PLACEHOLDER))
    return head, tail


def url_for(record: Model) -> str:
    if isinstance(record, Topic):
        return reverse("articles:topic", kwargs={"slug": record.slug})
    head, tail = _pk_pattern(kinds.kind_of(record).route, get_script_prefix())
    return f"{head}{int(record.pk)}{tail}"


def month_url(month: datetime.date) -> str:
    return reverse("articles:archive-month", kwargs={"year": month.year, "month": f"{month.month:02d}"})


def day_url(day: datetime.date) -> str:
    return reverse(
        "articles:archive-day",
        kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}"},
    )
