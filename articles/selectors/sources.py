"""Reads about sources (newspapers, agencies, web clients)."""

from django.db.models import Count, Max, Min, QuerySet
from django.shortcuts import get_object_or_404

from articles.models import Article, Source
from articles.selectors.listing import article_list_queryset


def source_list_queryset() -> QuerySet[Source]:
    return Source.objects.annotate(
        article_count=Count("articles"), first_date=Min("articles__published_on"),
        last_date=Max("articles__published_on"),
    ).order_by("-article_count", "name")


def get_source(*, pk: int) -> Source:
    return get_object_or_404(
        Source.objects.annotate(
            article_count=Count("articles"), first_date=Min("articles__published_on"),
            last_date=Max("articles__published_on"),
        ),
        pk=pk,
    )


def source_articles(*, source: Source) -> QuerySet[Article]:
    return article_list_queryset().filter(source=source)
