from django.contrib import admin

from articles.models import Meeting, MeetingDocument, MeetingParticipation, MeetingSeries

from .base import CheckedInline, ContentAdmin, MentionInlineBase


class MeetingInline(CheckedInline):
    model = Meeting
    extra = 1
    fields = ["name", "start_date", "date_precision", "end_date", "place"]
    show_change_link = True


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(ContentAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    inlines = [MeetingInline]


class MeetingDocumentInline(CheckedInline):
    model = MeetingDocument
    extra = 1
    autocomplete_fields = ["document"]


class MeetingParticipationInline(CheckedInline):
    model = MeetingParticipation
    extra = 1
    autocomplete_fields = ["official"]


class MeetingMentionInline(MentionInlineBase):
    fk_name = "meeting"


@admin.register(Meeting)
class MeetingAdmin(ContentAdmin):
    list_display = ["__str__", "series", "start_date", "end_date", "place"]
    list_filter = ["series__kind", ("series", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["series"]
    date_hierarchy = "start_date"
    search_fields = ["name", "series__name", "place", "summary"]
    autocomplete_fields = ["series"]
    inlines = [MeetingParticipationInline, MeetingDocumentInline, MeetingMentionInline]


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(ContentAdmin):
    list_display = ["meeting", "document", "relation"]
    list_select_related = ["meeting__series", "document"]
    autocomplete_fields = ["meeting", "document"]
    search_fields = ["meeting__name", "meeting__series__name", "document__title"]


@admin.register(MeetingParticipation)
class MeetingParticipationAdmin(ContentAdmin):
    list_display = ["official", "role", "meeting"]
    list_filter = ["role"]
    list_select_related = ["official", "meeting__series"]
    autocomplete_fields = ["meeting", "official"]
    search_fields = ["official__name", "meeting__name", "meeting__series__name"]
