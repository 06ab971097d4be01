"""All articles (filterable listing) and one article's page."""

from django.views.generic import TemplateView

from articles import kinds
from articles.filters import ArticleFilter
from articles.formulations import simplified
from articles.links import url_for
from articles.models import Mention, Script
from articles.selectors.article_detail import article_mentions, get_article, mentioned_entities, posts_stated_in
from articles.selectors.listing import article_list_queryset
from articles.selectors.related import related_articles
from articles.selectors.reprints import cluster_key, other_printings, outlet, outlet_count
from articles.text import Mark, render_inline, render_text
from articles.views.mixins import FilteredListView, NavMixin


class ArticleList(FilteredListView):
    template_name = "articles/article_list.html"
    filterset_class = ArticleFilter
    nav = "dates"

    def base_queryset(self):
        return article_list_queryset()


def _marks(mentions: list[Mention], field: str) -> list[Mark]:
    marks = []
    links: dict[tuple[type, int], tuple[str, str, str]] = {}  # one reverse() per entity, not per mention
    for mention in mentions:
        entity = mention.entity
        if mention.field != field or entity is None:
            continue
        key = (type(entity), entity.pk)
        if key not in links:
            kind = kinds.kind_of(entity)
            links[key] = (url_for(entity), kind.name, f"{kind.label}：{entity}")
        marks.append(Mark(mention.start, mention.end, *links[key]))
    return marks


class ArticleDetail(NavMixin, TemplateView):
    """The text as printed with mentions linked; ?reading=simplified for traditional originals."""

    template_name = "articles/article_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = get_article(pk=self.kwargs["pk"])
        traditional = article.script == Script.TRADITIONAL
        reading_simplified = traditional and self.request.GET.get("reading") == "simplified"
        mentions = article_mentions(article=article)
        body_display = simplified(article.body) if reading_simplified else None
        title_display = simplified(article.title) if reading_simplified else None
        related = related_articles(article=article, limit=6)
        printings = other_printings(article)
        context.update(
            article=article,
            traditional=traditional,
            reading_simplified=reading_simplified,
            title_html=render_inline(article.title, _marks(mentions, Mention.Field.TITLE), title_display),
            paragraphs=render_text(article.body, _marks(mentions, Mention.Field.BODY), body_display),
            entities=mentioned_entities(mentions=mentions, day=article.published_on),
            stated_posts=posts_stated_in(article=article),
            related=related.articles,
            related_engine=related.engine,
            topics=list(article.topics.all()),
            other_printings=[(printing, outlet(printing)) for printing in printings],
            other_outlets=outlet_count(printings),
            story_key=cluster_key(article),
        )
        return context
