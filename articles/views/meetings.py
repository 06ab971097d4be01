"""Meetings: the list, a series with its sessions, and one session."""

from articles.filters import MeetingFilter
from articles.selectors.listing import articles_mentioning
from articles.selectors.meetings import (
    get_meeting,
    get_series,
    meeting_documents,
    meeting_list_queryset,
    meeting_participants,
    reported_officials,
    series_sessions,
)
from articles.views.mixins import FilteredListView, RecordArticlesView


class MeetingList(FilteredListView):
    template_name = "articles/meeting_list.html"
    filterset_class = MeetingFilter
    export_name = "meetings"
    nav = "meetings"

    def base_queryset(self):
        return meeting_list_queryset()


class SeriesDetail(FilteredListView):
    """A meeting series: its sessions as the listing."""

    template_name = "articles/series_detail.html"
    filterset_class = MeetingFilter
    nav = "meetings"

    def get(self, request, *args, **kwargs):
        self.series = get_series(pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return series_sessions(series=self.series)

    def get_export_name(self) -> str:
        return f"meeting-series-{self.series.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["series"] = self.series
        return context


class MeetingDetail(RecordArticlesView):
    """One session: series and sibling sessions, participants, documents; the articles as the listing."""

    template_name = "articles/meeting_detail.html"
    nav = "meetings"

    def get_record(self, **kwargs):
        return get_meeting(pk=kwargs["pk"])

    def base_queryset(self):
        return articles_mentioning(entity=self.record)

    def get_export_name(self) -> str:
        return f"meeting-{self.record.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            meeting=self.record,
            sessions=series_sessions(series=self.record.series),
            participants=meeting_participants(meeting=self.record),
            reported_officials=reported_officials(meeting=self.record),
            documents=meeting_documents(meeting=self.record),
        )
        return context
