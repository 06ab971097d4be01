from django.contrib import admin

from articles.models import Article, Mention

from .base import ContentAdmin


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ["field", "start", "end", "surface", "official", "organization", "meeting", "document"]
    autocomplete_fields = ["official", "organization", "meeting", "document"]
    verbose_name_plural = "提及的人物、机构、会议与文件"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("official", "organization", "meeting", "document")


@admin.register(Article)
class ArticleAdmin(ContentAdmin):
    list_display = ["title", "source", "published_on", "kind", "script", "page"]
    list_display_links = ["title"]
    list_filter = [
        "kind",
        "script",
        ("source", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
        "published_on",
    ]
    list_select_related = ["source"]
    date_hierarchy = "published_on"
    search_fields = ["title", "kicker", "subtitle", "body", "reporters", "editor"]
    autocomplete_fields = ["source", "topics"]
    readonly_fields = ["created_at", "updated_at", "fingerprint"]
    inlines = [MentionInline]
    fieldsets = [
        (None, {"fields": ["kicker", "title", "subtitle", "body", "kind", "script", "topics"]}),
        ("出版信息", {"fields": ["source", "published_on", "page", "credited_source", "editor"]}),
        ("电头与署名", {"fields": ["agency", "dateline_place", "dateline_date", "reporters", "photographers"]}),
        (
            "出处",
            {
                "classes": ["collapse"],
                "fields": ["source_file", "line_start", "line_end", "fingerprint", "created_at", "updated_at"],
            },
        ),
    ]
