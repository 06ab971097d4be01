"""Browse by topic: the tree, and each topic with its articles, timeline and most-mentioned entities."""

from urllib.parse import urlencode

from django.views.generic import TemplateView

from articles.charts import month_bars_svg
from articles.links import month_url
from articles.selectors import tallies
from articles.selectors.topics import articles_for_topic, get_topic, topic_children, topic_tree
from articles.views.mixins import NavMixin, RecordArticlesView


class TopicList(NavMixin, TemplateView):
    template_name = "articles/topic_list.html"
    nav = "topics"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["topics"] = topic_tree()
        return context


class TopicDetail(RecordArticlesView):
    template_name = "articles/topic_detail.html"
    nav = "topics"

    def get_record(self, **kwargs):
        return get_topic(slug=kwargs["slug"])

    def base_queryset(self):
        return articles_for_topic(topic=self.record)

    def get_export_name(self) -> str:
        return f"topic-{self.record.slug}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = tallies.scope_of(self.record)
        summary = {
            "counts": tallies.month_counts(scope),
            "children": topic_children(topic=self.record),
            "top_officials": tallies.most_mentioned(scope, field="official", limit=8),
            "top_documents": tallies.most_mentioned(scope, field="document", limit=8),
        }
        context.update(
            topic=self.record,
            ancestors=self.record.ancestors(),
            children=summary["children"],
            timeline=month_bars_svg(
                counts=summary["counts"], label=f"“{self.record.name}”每月文章数",
                link=lambda month: f"{month_url(month)}?{urlencode({'topic': self.record.slug})}",
            ),
            top_officials=summary["top_officials"],
            top_documents=summary["top_documents"],
        )
        return context
