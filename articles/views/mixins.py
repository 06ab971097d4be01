"""What every listing shares: django-filter filters, CSV/JSON export, pagination, the nav section."""

from functools import cached_property

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.generic import ListView

from articles.exports import COLUMNS_FOR, FORMATS, export_response
from articles.filters import SourceKindFilter, valid_data
from articles.formulations import rising_phrases
from articles.selectors import tallies

PAGE_SIZE = 30


class NavMixin:
    """Marks the nav item of the page (aria-current)."""

    nav = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav"] = self.nav
        return context


class RisingPhrasesMixin:
    """Pages showing the rising phrases (context "rising"). While the first list is computed in
    the background (rising_phrases gives None) the page says so and is not kept by any cache:
    the next request shows the list."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rising"] = rising_phrases(limit=10)
        context["rising_pending"] = context["rising"] is None
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("rising_pending"):
            add_never_cache_headers(response)
        return response


class CountedPaginator(Paginator):
    """A paginator told the listing's size, where counting it would read every row (a topic's
    tens of thousands of articles): the size comes from the kept counts instead."""

    def __init__(self, *args, known_count: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        return self.known_count


class FilteredListMixin(NavMixin):
    """Filters the listing with a django-filter FilterSet and exports it with ?format=csv|json.

    On an HTML page an invalid filter value is ignored and named in a notice; an export
    with an invalid filter or an unknown format answers 400, since no one reads a notice
    inside a downloaded file.
    """

    filterset_class = SourceKindFilter
    export_name = "articles"
    paginate_by = PAGE_SIZE

    def base_queryset(self):
        raise NotImplementedError

    @property
    def filterset(self):
        if not hasattr(self, "_filterset"):
            data, self.filter_problems = valid_data(self.filterset_class, self.request.GET)
            self._filterset = self.filterset_class(data, queryset=self.base_queryset(), request=self.request)
        return self._filterset

    def get_queryset(self):
        return self.filterset.qs

    def unfiltered_count(self) -> int | None:
        """How many articles the listing holds with no filter, where the kept counts know it
        (articles.selectors.tallies); None: the paginator counts."""
        return None

    def get_paginator(self, queryset, per_page, **kwargs):
        known = None if self.filters_active else self.unfiltered_count()
        if known is None:
            return super().get_paginator(queryset, per_page, **kwargs)
        return CountedPaginator(queryset, per_page, known_count=known, **kwargs)

    @property
    def filters_active(self) -> bool:
        return any(self.request.GET.get(name) for name in self.filterset_class.base_filters)

    @property
    def export_format(self) -> str | None:
        return self.request.GET.get("format") or None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filterset=self.filterset,
            filter_problems=list(self.filter_problems.values()),
            filters_active=self.filters_active,
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        fmt = self.export_format
        if fmt is None:
            return super().render_to_response(context, **response_kwargs)
        if fmt not in FORMATS:
            return JsonResponse({"error": f"unknown format {fmt!r}; use csv or json"}, status=400)
        if self.filter_problems:
            return JsonResponse({"error": "；".join(self.filter_problems.values())}, status=400)
        records = self.object_list
        columns = COLUMNS_FOR[records.model]
        return export_response(records, columns, fmt=fmt, filename=self.get_export_name())

    def get_export_name(self) -> str:
        return self.export_name


class FilteredListView(FilteredListMixin, ListView):
    pass


class RecordArticlesView(FilteredListView):
    """The articles of one record (a topic, a source, an official, a meeting) as the listing: the
    record is read once (get_record), and the listing's unfiltered size is its kept total."""

    def get_record(self, **kwargs):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.record = self.get_record(**kwargs)
        return super().get(request, *args, **kwargs)

    def unfiltered_count(self) -> int:
        return tallies.total(tallies.scope_of(self.record))


class EmptyWhenFilteredMixin:
    """Date archives 404 on empty periods, but an empty result of a filter is a page, not a 404."""

    def get_allow_empty(self) -> bool:
        return getattr(self, "_force_empty", False)

    def get_dated_items(self):
        try:
            return super().get_dated_items()
        except Http404:
            if not self.filters_active:
                raise
            self._force_empty = True
            return super().get_dated_items()
