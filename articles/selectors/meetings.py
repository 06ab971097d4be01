"""Reads about meetings: series, sessions, participants and the documents they produced."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from articles.models import Meeting, MeetingDocument, MeetingParticipation, MeetingSeries
from articles.selectors import tallies
from articles.selectors.mentions import Ranked


def meeting_list_queryset() -> QuerySet[Meeting]:
    return (
        Meeting.objects.select_related("series")
        .annotate(article_count=tallies.counted("meeting"))
        .order_by("-start_date", "pk")
    )


def get_meeting(*, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("series"), pk=pk)


def get_series(*, pk: int) -> MeetingSeries:
    return get_object_or_404(MeetingSeries, pk=pk)


def series_sessions(*, series: MeetingSeries) -> QuerySet[Meeting]:
    """All sessions of a series, oldest first, each with its number of articles (kept counts)."""
    return (
        series.sessions.annotate(article_count=tallies.counted("meeting"))
        .select_related("series")
        .order_by("start_date")
    )


def meeting_participants(*, meeting: Meeting) -> QuerySet[MeetingParticipation]:
    return meeting.meetingparticipation_set.select_related("official").order_by("role", "official__name")


def meeting_documents(*, meeting: Meeting) -> QuerySet[MeetingDocument]:
    return meeting.meetingdocument_set.select_related("document").order_by("relation", "document__title")


def recent_meetings(*, limit: int = 5) -> list[Meeting]:
    return list(Meeting.objects.select_related("series").order_by("-start_date")[:limit])


def upcoming_meetings(*, today, limit: int = 5) -> list[Meeting]:
    return list(
        Meeting.objects.select_related("series").filter(start_date__gt=today).order_by("start_date")[:limit]
    )


def reported_officials(*, meeting: Meeting) -> list[Ranked]:
    """Officials named in the articles about the meeting, by number of such articles."""
    return tallies.most_mentioned(tallies.scope_of(meeting), field="official", limit=12)
