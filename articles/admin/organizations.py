from django.contrib import admin

from articles.models import Organization, OrganizationAlias, Post
from articles.services.merge import organization_merge

from .base import CheckedInline, ContentAdmin, MentionInlineBase, merge_selected_records


class OrganizationAliasInline(CheckedInline):
    model = OrganizationAlias
    extra = 1


class OrganizationMentionInline(MentionInlineBase):
    fk_name = "organization"


class OrganizationPostInline(CheckedInline):
    model = Post
    extra = 0
    fields = ["official", "full_title", "title", "first_seen", "last_seen"]
    autocomplete_fields = ["official"]
    show_change_link = True
    verbose_name_plural = "该机构的职务"


@admin.register(Organization)
class OrganizationAdmin(ContentAdmin):
    list_display = ["name", "parent", "alias_list"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["parent"]
    inlines = [OrganizationAliasInline, OrganizationPostInline, OrganizationMentionInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="别称")
    def alias_list(self, organization: Organization) -> str:
        return "、".join(alias.name for alias in organization.aliases.all())

    @admin.action(description="合并所选机构（保留最早创建的一条）", permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        merge_selected_records(self, request, queryset, organization_merge, "别称")
