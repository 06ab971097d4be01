"""Reads about officials: the list, one official's posts, meetings and coverage."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from articles.models import Article, Meeting, MeetingParticipation, Mention, Official, Post


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


@dataclass
class ReportedMeeting:
    """A meeting named in the same article as the official, with that article as evidence."""

    meeting: Meeting
    articles: list[Article] = field(default_factory=list)
    sentence: str = ""  # the article's first sentence naming the official, as printed


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in "。！？\n") + 1
    rights = [i for i in (text.find(mark, end) for mark in "。！？\n") if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return "".join(text[left:right].split())


def reported_meetings(*, official: Official) -> list[ReportedMeeting]:
    """Meetings reported in articles that name the official, oldest first (see also official_meetings,
    the parts an editor or the importer recorded)."""
    own = Mention.objects.filter(official=official).select_related("article").order_by("field", "start")
    first_mention: dict[int, Mention] = {}
    for mention in own:
        first_mention.setdefault(mention.article_id, mention)
    rows = (
        Mention.objects.filter(article_id__in=list(first_mention), meeting__isnull=False)
        .select_related("meeting__series", "article__source")
        .order_by("meeting__start_date", "article__published_on")
    )
    found: dict[int, ReportedMeeting] = {}
    for row in rows:
        item = found.setdefault(row.meeting_id, ReportedMeeting(meeting=row.meeting))
        if row.article not in item.articles:
            item.articles.append(row.article)
            if not item.sentence:
                mention = first_mention[row.article_id]
                text = row.article.title if mention.field == Mention.Field.TITLE else row.article.body
                item.sentence = _sentence_around(text, mention.start, mention.end)
    return list(found.values())
