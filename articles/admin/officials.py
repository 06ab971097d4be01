from django.contrib import admin

from articles.models import Official, OfficialAlias, Post
from articles.services.merge import official_merge

from .base import CheckedInline, ContentAdmin, MentionInlineBase, merge_selected_records


class OfficialAliasInline(CheckedInline):
    model = OfficialAlias
    extra = 1


class PostInline(CheckedInline):
    model = Post
    extra = 1
    fields = ["full_title", "title", "organization", "first_seen", "last_seen"]
    autocomplete_fields = ["organization"]
    show_change_link = True


class OfficialMentionInline(MentionInlineBase):
    fk_name = "official"


@admin.register(Official)
class OfficialAdmin(ContentAdmin):
    list_display = ["name", "post_list"]
    search_fields = ["name", "aliases__name", "posts__full_title"]
    inlines = [OfficialAliasInline, PostInline, OfficialMentionInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("posts")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset, True if search_term else may_have_duplicates

    @admin.display(description="职务")
    def post_list(self, official: Official) -> str:
        return "；".join(post.full_title for post in official.posts.all())

    @admin.action(description="合并所选官员（保留最早创建的一条）", permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        merge_selected_records(self, request, queryset, official_merge, "别名")


@admin.register(Post)
class PostAdmin(ContentAdmin):
    list_display = ["official", "full_title", "organization", "first_seen", "last_seen"]
    list_select_related = ["official", "organization"]
    search_fields = ["official__name", "full_title", "title", "organization__name"]
    autocomplete_fields = ["official", "organization", "articles"]
    date_hierarchy = "last_seen"
