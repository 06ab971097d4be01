"""Template helpers: permalinks of records and archive periods. No business logic here."""

import datetime

from django import template

from articles import links

register = template.Library()


@register.filter
def permalink(record) -> str:
    """{{ official|permalink }} → /officials/3/"""
    return links.url_for(record)


@register.filter
def month_link(day: datetime.date) -> str:
    return links.month_url(day)


@register.filter
def day_link(day: datetime.date) -> str:
    return links.day_url(day)


@register.filter
def year_link(day: datetime.date) -> str:
    from django.urls import reverse

    return reverse("articles:archive-year", kwargs={"year": f"{day.year:04d}"})
