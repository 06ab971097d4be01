"""Reads about officials: the list, one official's posts, meetings and coverage."""

from django.db.models import Count, F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from articles.models import Article, MeetingParticipation, Official, Post


def official_list_queryset() -> QuerySet[Official]:
    return (
        Official.objects.prefetch_related("aliases")
        .annotate(article_count=Count("mentions__article", distinct=True))
        .order_by("-article_count", "name")
    )


def get_official(*, pk: int) -> Official:
    return get_object_or_404(Official.objects.prefetch_related("aliases"), pk=pk)


def official_posts(*, official: Official) -> list[Post]:
    """The official's posts as a timeline: earliest attested first, each with the articles stating it."""
    stating = Article.objects.select_related("source").defer("body").order_by("published_on", "pk")
    return list(
        official.posts.select_related("organization")
        .prefetch_related(Prefetch("articles", queryset=stating))
        .order_by(F("first_seen").asc(nulls_last=True), "full_title")
    )


def official_meetings(*, official: Official) -> QuerySet[MeetingParticipation]:
    """Every meeting part the texts give the official (spoke, chaired, reported, attended), by date."""
    return (
        MeetingParticipation.objects.filter(official=official)
        .select_related("meeting__series")
        .order_by("meeting__start_date", "role")
    )
