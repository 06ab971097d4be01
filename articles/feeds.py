"""Atom feeds: the latest articles, each topic, each official (search.feeds adds any search)."""

import datetime
import re

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles.links import url_for
from articles.models import Article, Official, Topic
from articles.selectors.listing import articles_mentioning
from articles.selectors.topics import articles_for_topic, get_topic

FEED_SIZE = 30
SUMMARY_CHARS = 200
# Characters XML 1.0 cannot carry: a query or a text containing one would make the feed a 500.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    return NOT_XML.sub("", value)


class SafeAtom1Feed(Atom1Feed):
    """Atom without the characters XML cannot carry, in every element."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {k: _clean(v) for k, v in item.items()})

    def add_root_elements(self, handler):
        self.feed = {k: _clean(v) for k, v in self.feed.items()}
        super().add_root_elements(handler)


def _clean(value):
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(v) for v in value)
    return value


class ArticleFeed(Feed):
    feed_type = SafeAtom1Feed
    author_name = "科技库"

    def items(self, obj=None) -> list[Article] | QuerySet[Article]:
        raise NotImplementedError

    def item_title(self, item: Article) -> str:
        return item.display_title

    def item_description(self, item: Article) -> str:
        # Atom's <summary type="html"> is HTML: the plain text is HTML-escaped here (and XML-escaped
        # again by the generator), or a feed reader would run <script> or <img onerror> in a body.
        return escape(" ".join(item.body[:SUMMARY_CHARS].split()))

    def item_link(self, item: Article) -> str:
        return url_for(item)

    def item_guid(self, item: Article) -> str:
        return url_for(item)

    def item_pubdate(self, item: Article) -> datetime.datetime:
        if item.published_on is None:  # a story whose page printed no date: when it came in
            return item.created_at
        return timezone.make_aware(datetime.datetime.combine(item.published_on, datetime.time(0, 0)))

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return "、".join(item.reporters or []) or item.source.name

    def item_categories(self, item: Article) -> list[str]:
        return [topic.name for topic in item.topics.all()]


def _full(queryset: QuerySet[Article]) -> QuerySet[Article]:
    """Feeds need the body for the summary, which listings defer."""
    return queryset.defer(None).select_related("source").prefetch_related("topics")[:FEED_SIZE]


class LatestFeed(ArticleFeed):
    title = "科技库：最新文章"
    subtitle = "科技政策新闻知识库的最新文章"

    def link(self) -> str:
        return reverse("articles:home")

    def items(self, obj=None):
        return _full(Article.objects.order_by("-published_on", "-id"))


class TopicFeed(ArticleFeed):
    def get_object(self, request, slug: str) -> Topic:
        return get_topic(slug=slug)

    def title(self, obj: Topic) -> str:
        return f"科技库：主题“{obj.name}”"

    def subtitle(self, obj: Topic) -> str:
        return obj.description or f"主题“{obj.name}”及其下级主题的最新文章"

    def link(self, obj: Topic) -> str:
        return url_for(obj)

    def items(self, obj: Topic):
        return _full(articles_for_topic(topic=obj))


class OfficialFeed(ArticleFeed):
    def get_object(self, request, pk: int) -> Official:
        return Official.objects.get(pk=pk)

    def title(self, obj: Official) -> str:
        return f"科技库：提及{obj.name}的文章"

    def subtitle(self, obj: Official) -> str:
        return f"最新提及{obj.name}的文章"

    def link(self, obj: Official) -> str:
        return url_for(obj)

    def items(self, obj: Official):
        return _full(articles_mentioning(entity=obj))
