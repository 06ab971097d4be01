from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.urls import path

from articles.models import Article, Mention
from articles.services import reprints
from articles.services.reextract import reextract_article

from .base import CheckedInline, ContentAdmin
from .import_page import import_page_view

TEXT_FIELDS = {"title", "kicker", "subtitle", "body"}


class MentionInline(CheckedInline):
    model = Mention
    extra = 0
    fields = ["field", "start", "end", "surface", "official", "organization", "meeting", "document"]
    autocomplete_fields = ["official", "organization", "meeting", "document"]
    verbose_name_plural = "提及的人物、机构、会议与文件"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("official", "organization", "meeting", "document")


class ReprintFilter(admin.SimpleListFilter):
    title = "是否转载"
    parameter_name = "reprint"

    def lookups(self, request, model_admin):
        return [("yes", "转载（同一通稿的后续刊载）"), ("first", "首发且有转载"), ("no", "未见转载")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(reprint_of__isnull=False)
        followed = Exists(Article.objects.filter(reprint_of=OuterRef("pk")))
        if self.value() == "first":
            return queryset.filter(followed, reprint_of__isnull=True)
        if self.value() == "no":
            return queryset.filter(~followed, reprint_of__isnull=True)
        return queryset


@admin.register(Article)
class ArticleAdmin(ContentAdmin):
    list_display = ["title", "source", "published_on", "kind", "script", "page"]
    list_display_links = ["title"]
    list_filter = [
        "kind",
        "script",
        ("source", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
        ("published_on", admin.EmptyFieldListFilter),
        "date_inferred",
        ReprintFilter,
        "reprint_checked",
        "published_on",
    ]
    list_select_related = ["source"]
    date_hierarchy = "published_on"
    search_fields = ["title", "kicker", "subtitle", "body", "reporters", "editor"]
    autocomplete_fields = ["source", "publication", "topics", "interprets"]
    raw_id_fields = ["reprint_of"]
    readonly_fields = ["created_at", "updated_at", "fingerprint"]
    inlines = [MentionInline]
    fieldsets = [
        (None, {"fields": ["kicker", "title", "subtitle", "body", "kind", "script", "topics"]}),
        (
            "出版信息",
            {"fields": ["source", "publication", "published_on", "date_inferred", "page", "credited_source", "editor"]},
        ),
        ("电头与署名", {"fields": ["agency", "dateline_place", "dateline_date", "reporters", "photographers"]}),
        ("同一通稿", {"fields": ["reprint_of", "reprint_checked"]}),
        ("解读", {"fields": ["interprets", "interpretation_checked"]}),
        (
            "出处",
            {
                "classes": ["collapse"],
                "fields": ["source_file", "line_start", "line_end", "fingerprint", "created_at", "updated_at"],
            },
        ),
    ]

    def save_model(self, request, obj, form, change) -> None:
        if "interprets" in form.changed_data:
            obj.interpretation_checked = True  # an editor's decision: resolve_citations leaves it
        if "reprint_of" in form.changed_data:
            # An editor's decision: the story's first printing is stored, and no machine undoes it.
            obj.reprint_of_id = reprints.set_first_printing(obj, obj.reprint_of)
            obj.reprint_checked = True
        super().save_model(request, obj, form, change)
        if "reprint_of" in form.changed_data:
            reprints.adopt_followers(obj)

    def save_related(self, request, form, formsets, change) -> None:
        form.save_m2m()
        # Only new or rewritten text is re-read: an editor's corrections to the mentions of
        # an unchanged article must survive later saves.
        if not change or TEXT_FIELDS & set(form.changed_data):
            report = reextract_article(form.instance)
            self.message_user(request, f"已按正文重新提取人物、机构、会议与文件：{report}", messages.INFO)
        if not change or "body" in form.changed_data:
            reprints.assign_cluster(form.instance)  # a new or rewritten text may print another story
        # The editor's own inline entries are saved after extraction, so what they typed wins.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not Mention:
            super().save_formset(request, form, formset, change)
            return
        typed = formset.save(commit=False)
        for mention in formset.deleted_objects:
            mention.delete()
        for mention in typed:
            key_fields = ("article", "field", "start", "end", *Mention.ENTITY_FIELDS)
            same = {name: getattr(mention, name) for name in key_fields}
            if mention.pk is None and Mention.objects.filter(**same).exists():
                continue  # extraction found exactly what the editor typed
            mention.save()

    def get_urls(self):
        import_url = path(
            "import/", self.admin_site.admin_view(lambda request: import_page_view(self, request)),
            name="articles_article_import",
        )
        return [import_url, *super().get_urls()]
