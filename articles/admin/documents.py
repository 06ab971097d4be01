from urllib.parse import urlencode

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from articles.models import Mention, OfficialAlias, OrganizationAlias, PolicyDocument, UnresolvedCitation
from articles.services import citations

from .base import ContentAdmin, MentionInlineBase, VersionedAdmin

# A document's fields a waiting citation may be matched on.
CITED_BY = {"title", "short_title", "doc_number"}


class DocumentMentionInline(MentionInlineBase):
    fk_name = "document"


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(ContentAdmin):
    list_display = ["title", "doc_number", "kind", "validity", "issued_on", "published_on", "effective_on"]
    list_filter = ["validity", "kind", ("issuers", admin.RelatedOnlyFieldListFilter),
                   ("full_text", admin.EmptyFieldListFilter)]
    date_hierarchy = "issued_on"
    search_fields = ["title", "short_title", "doc_number", "index_number"]
    autocomplete_fields = ["issuers", "cites", "replaced_by", "amends"]
    inlines = [DocumentMentionInline]

    def get_changeform_initial_data(self, request):
        # 新建文件 from an unresolved citation: its title or number filled in.
        return {key: request.GET[key] for key in ("title", "doc_number") if request.GET.get(key)}

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        document = form.instance
        changed = set(form.changed_data)
        found = citations.CitationReport()
        if document.full_text and (not change or "full_text" in changed):
            found = citations.resolve_document(document)
        if not change or CITED_BY & changed:
            answered = citations.retry_for(document)
            if answered.added:
                self.message_user(request, f"{answered.added} 处此前未解析的引用已链接到本文件。", messages.INFO)
        if found.resolved or found.waiting:
            self.message_user(request, f"全文中的引用：{found}", messages.INFO)


@admin.register(UnresolvedCitation)
class UnresolvedCitationAdmin(admin.ModelAdmin):
    """引用 the knowledge base could not tie to one document: an editor links it to the document it
    means (every waiting citation with the same title or number follows) or creates that document."""

    list_display = ["surface", "kind", "reason", "citing_record", "candidate_list", "create_link", "created_at"]
    list_filter = ["reason", "kind"]
    search_fields = ["surface", "key", "article__title", "citing_document__title"]
    list_select_related = ["article", "citing_document"]
    autocomplete_fields = ["link_to"]
    fields = ["surface", "kind", "reason", "key", "article", "citing_document", "field", "start", "end",
              "candidates", "link_to"]
    readonly_fields = ["surface", "kind", "reason", "key", "article", "citing_document", "field", "start", "end",
                       "candidates"]

    def has_add_permission(self, request) -> bool:
        return False  # found in texts, never typed

    @admin.display(description="出处")
    def citing_record(self, row: UnresolvedCitation) -> str:
        return str(row.citing)

    @admin.display(description="候选")
    def candidate_list(self, row: UnresolvedCitation) -> str:
        return "、".join(str(document) for document in row.candidates.all()) or "—"

    @admin.display(description="新建")
    def create_link(self, row: UnresolvedCitation) -> str:
        value = row.surface.strip("《》") if row.kind == UnresolvedCitation.Kind.TITLE else row.surface
        field = "title" if row.kind == UnresolvedCitation.Kind.TITLE else "doc_number"
        url = reverse("admin:articles_policydocument_add") + "?" + urlencode({field: value})
        return format_html('<a href="{}">新建文件</a>', url)

    def save_model(self, request, obj, form, change) -> None:
        if obj.link_to_id is None:
            super().save_model(request, obj, form, change)
            return
        linked = citations.link(obj, obj.link_to)
        self.message_user(request, f"已把 {linked} 处“{obj.surface}”链接到{obj.link_to}。", messages.SUCCESS)

    def save_related(self, request, form, formsets, change) -> None:
        if UnresolvedCitation.objects.filter(pk=form.instance.pk).exists():
            super().save_related(request, form, formsets, change)


@admin.register(Mention)
class MentionAdmin(VersionedAdmin):
    list_display = ["surface", "article", "field", "start", "end"]
    list_filter = ["field"]
    list_select_related = ["article"]
    search_fields = ["surface", "article__title"]
    autocomplete_fields = ["article", "official", "organization", "meeting", "document"]
    show_full_result_count = False


@admin.register(OfficialAlias)
class OfficialAliasAdmin(ContentAdmin):
    list_display = ["name", "official"]
    list_select_related = ["official"]
    search_fields = ["name", "official__name"]
    autocomplete_fields = ["official"]


@admin.register(OrganizationAlias)
class OrganizationAliasAdmin(ContentAdmin):
    list_display = ["name", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "organization__name"]
    autocomplete_fields = ["organization"]
