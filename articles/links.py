"""Permalinks of every record (the models have no get_absolute_url; the site owns its URLs)."""

import datetime

from django.db.models import Model
from django.urls import reverse

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


def url_for(record: Model) -> str:
    if isinstance(record, Topic):
        return reverse("articles:topic", kwargs={"slug": record.slug})
    return reverse(_ROUTES[type(record)], kwargs={"pk": record.pk})


def month_url(month: datetime.date) -> str:
    return reverse("articles:archive-month", kwargs={"year": month.year, "month": f"{month.month:02d}"})


def day_url(day: datetime.date) -> str:
    return reverse(
        "articles:archive-day",
        kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}"},
    )
