"""Browse by date: Django's date-based generic views with filters, navigation and exports."""

from django.views.generic.dates import ArchiveIndexView, DayArchiveView, MonthArchiveView, YearArchiveView

from articles.filters import ArchiveFilter
from articles.selectors.listing import article_list_queryset
from articles.views.mixins import EmptyWhenFilteredMixin, FilteredListMixin


class ArchiveMixin(FilteredListMixin):
    filterset_class = ArchiveFilter
    date_field = "published_on"
    allow_future = True  # dates come from the printed texts, not from the server's clock
    allow_empty = False
    nav = "dates"

    def base_queryset(self):
        return article_list_queryset()


class ArchiveIndex(ArchiveMixin, EmptyWhenFilteredMixin, ArchiveIndexView):
    template_name = "articles/archive_index.html"
    date_list_period = "year"
    export_name = "articles"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = context["date_list"]
        return context


class YearArchive(ArchiveMixin, EmptyWhenFilteredMixin, YearArchiveView):
    template_name = "articles/archive_year.html"
    make_object_list = True

    def get_export_name(self) -> str:
        return f"articles-{self.get_year()}"


class MonthArchive(ArchiveMixin, EmptyWhenFilteredMixin, MonthArchiveView):
    template_name = "articles/archive_month.html"
    month_format = "%m"

    def get_export_name(self) -> str:
        return f"articles-{self.get_year()}-{self.get_month()}"


class DayArchive(ArchiveMixin, EmptyWhenFilteredMixin, DayArchiveView):
    template_name = "articles/archive_day.html"
    month_format = "%m"

    def get_export_name(self) -> str:
        return f"articles-{self.get_year()}-{self.get_month()}-{self.get_day()}"
