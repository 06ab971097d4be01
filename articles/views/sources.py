"""Sources: the list and one source's articles."""

from django.views.generic import ListView

from articles.charts import month_bars_svg
from articles.filters import ArticleFilter, SourceFilter
from articles.selectors import tallies
from articles.selectors.sources import get_source, source_articles, source_list_queryset
from articles.views.mixins import FilteredListMixin, RecordArticlesView


class SourceList(FilteredListMixin, ListView):
    template_name = "articles/source_list.html"
    filterset_class = SourceFilter
    export_name = "sources"
    nav = "sources"

    def base_queryset(self):
        return source_list_queryset()


class SourceDetail(RecordArticlesView):
    template_name = "articles/source_detail.html"
    filterset_class = ArticleFilter
    nav = "sources"

    def get_record(self, **kwargs):
        return get_source(pk=kwargs["pk"])

    def base_queryset(self):
        return source_articles(source=self.record)

    def get_export_name(self) -> str:
        return f"source-{self.record.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = tallies.month_counts(tallies.scope_of(self.record))
        context.update(
            source=self.record,
            timeline=month_bars_svg(counts=counts, label=f"{self.record.name}每月文章数", link=None),
        )
        return context
