from django.contrib import admin
from django.db.models import Count

from articles.models import Source, Topic

from .base import ContentAdmin


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["name", "kind", "usual_script", "article_count"]
    list_filter = ["kind", "usual_script"]
    search_fields = ["name"]

    def get_queryset(self, request):
        # Meta.ordering is not applied to aggregated querysets; pagination needs an order.
        return super().get_queryset(request).annotate(article_count=Count("articles")).order_by("name")

    @admin.display(description="文章数", ordering="article_count")
    def article_count(self, source: Source) -> int:
        return source.article_count


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    list_display = ["name", "parent", "slug"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "description"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
