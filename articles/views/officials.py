"""Officials: the list, and each official's posts, meetings and coverage."""

from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from articles.charts import month_bars_svg
from articles.filters import OfficialFilter
from articles.network_chart import network_svg
from articles.selectors import tallies
from articles.selectors.listing import articles_mentioning
from articles.selectors.network import associates, compare
from articles.selectors.officials import (
    find_official,
    get_official,
    official_list_queryset,
    official_meetings,
    official_names_for_choice,
    official_posts,
)
from articles.selectors.version import cached_on_version
from articles.views.mixins import FilteredListView, NavMixin, RecordArticlesView


def compare_url(a: int, b: int) -> str:
    return f"{reverse('articles:official-compare')}?a={a}&b={b}"


class OfficialList(FilteredListView):
    template_name = "articles/official_list.html"
    filterset_class = OfficialFilter
    export_name = "officials"
    nav = "officials"

    def base_queryset(self):
        return official_list_queryset()


class OfficialDetail(RecordArticlesView):
    """The official, with every article mentioning them as the (filterable, exportable) listing."""

    template_name = "articles/official_detail.html"
    nav = "officials"

    def get_record(self, **kwargs):
        return get_official(pk=kwargs["pk"])

    def base_queryset(self):
        return articles_mentioning(entity=self.record)

    def get_export_name(self) -> str:
        return f"official-{self.record.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = tallies.month_counts(tallies.scope_of(self.record))
        context.update(
            official=self.record,
            aliases=list(self.record.aliases.all()),
            posts=cached_on_version(f"official-posts:{self.record.pk}",
                                    lambda: official_posts(official=self.record)),
            meetings=official_meetings(official=self.record),
            timeline=month_bars_svg(counts=counts, label=f"每月提及{self.record.name}的文章数", link=None),
        )
        ties = cached_on_version(f"official-ties:{self.record.pk}", lambda: associates(official=self.record))
        context.update(
            ties=[(tie, compare_url(self.record.pk, tie.official.pk)) for tie in ties],
            network=network_svg(self.record, ties, link=lambda tie: compare_url(self.record.pk, tie.official.pk)),
        )
        return context


class OfficialCompare(NavMixin, TemplateView):
    """/officials/compare/?a=&b= — what two officials share: organizations (and overlapping
    posts), meetings, and the documents cited in articles about each."""

    template_name = "articles/official_compare.html"
    nav = "officials"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        given = {key: self.request.GET.get(key, "").strip() for key in ("a", "b")}
        context.update(given=given, names=official_names_for_choice())
        if not all(given.values()):
            return context  # the form to choose two officials
        a, b = (find_official(given[key]) for key in ("a", "b"))
        if a is None or b is None or a == b:
            raise Http404("请指定两位不同的、知识库中有记录的官员（编号或姓名）。")
        context["comparison"] = compare(a=a, b=b)
        context["given"] = {"a": a.name, "b": b.name}  # the form shows names, even when ids were given
        return context
