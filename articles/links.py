"""Permalinks of every record (the models have no get_absolute_url; the site owns its URLs)."""

import datetime
import functools

from django.db.models import Model
from django.urls import get_script_prefix, reverse

from articles.models import (
    Article,
    Meeting,
    MeetingSeries,
    Official,
    Organization,
    PolicyDocument,
    Source,
    Topic,
)

_ROUTES: dict[type[Model], str] = {
    Article: "articles:article",
    Official: "articles:official",
    Organization: "articles:organization",
    Meeting: "articles:meeting",
    MeetingSeries: "articles:meeting-series",
    PolicyDocument: "articles:document",
    Source: "articles:source",
}

# The CSS modifier and Chinese label of each kind of mentioned entity.
ENTITY_KINDS: dict[type[Model], tuple[str, str]] = {
    Official: ("official", "官员"),
    Organization: ("organization", "机构"),
    Meeting: ("meeting", "会议"),
    PolicyDocument: ("document", "文件"),
}


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
    head, tail = _pk_pattern(_ROUTES[type(record)], get_script_prefix())
    return f"{head}{int(record.pk)}{tail}"


def month_url(month: datetime.date) -> str:
    return reverse("articles:archive-month", kwargs={"year": month.year, "month": f"{month.month:02d}"})


def day_url(day: datetime.date) -> str:
    return reverse(
        "articles:archive-day",
        kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}"},
    )
