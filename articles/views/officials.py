"""Officials: the list, and each official's posts, meetings and coverage."""

from articles.charts import month_bars_svg
from articles.filters import OfficialFilter
from articles.selectors.listing import articles_mentioning, month_counts
from articles.selectors.officials import (
    get_official,
    official_list_queryset,
    official_meetings,
    official_posts,
)
from articles.selectors.version import cached_on_version
from articles.views.mixins import FilteredListView


class OfficialList(FilteredListView):
    template_name = "articles/official_list.html"
    filterset_class = OfficialFilter
    export_name = "officials"
    nav = "officials"

    def base_queryset(self):
        return official_list_queryset()


class OfficialDetail(FilteredListView):
    """The official, with every article mentioning them as the (filterable, exportable) listing."""

    template_name = "articles/official_detail.html"
    nav = "officials"

    def get(self, request, *args, **kwargs):
        self.official = get_official(pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return articles_mentioning(entity=self.official)

    def get_export_name(self) -> str:
        return f"official-{self.official.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = cached_on_version(f"official-months:{self.official.pk}",
                                   lambda: month_counts(articles=self.base_queryset()))
        context.update(
            official=self.official,
            aliases=list(self.official.aliases.all()),
            posts=cached_on_version(f"official-posts:{self.official.pk}",
                                    lambda: official_posts(official=self.official)),
            meetings=official_meetings(official=self.official),
            timeline=month_bars_svg(counts=counts, label=f"每月提及{self.official.name}的文章数", link=None),
        )
        return context
