from django.contrib import admin

from articles.models import Mention, OfficialAlias, OrganizationAlias, PolicyDocument

from .base import ContentAdmin, MentionInlineBase, VersionedAdmin


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
