"""The home page: what is new, how coverage moves, and where to go next."""

from django.utils import timezone
from django.views.generic import TemplateView

from articles.charts import month_bars_svg
from articles.selectors import tallies
from articles.selectors.home import latest_articles, month_focus
from articles.selectors.meetings import recent_meetings, upcoming_meetings
from articles.selectors.topics import topic_tree
from articles.views.mixins import NavMixin, RisingPhrasesMixin


class HomeView(RisingPhrasesMixin, NavMixin, TemplateView):
    """Cached whole, like every browse page, by kejiku.page_cache."""

    template_name = "articles/home.html"
    nav = "home"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        counts = tallies.month_counts(tallies.ALL)
        context.update(
            latest=latest_articles(limit=10),
            topics=topic_tree(),
            timeline=month_bars_svg(counts=counts, label="每月文章数"),
            article_total=tallies.total(tallies.ALL),  # the timeline shows only the latest 36 months
            upcoming=upcoming_meetings(today=today),
            recent_meetings=recent_meetings(limit=5),
            focus=month_focus(today=today),
        )
        return context
