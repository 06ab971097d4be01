"""The private Atom feed of a saved search: /watch/feeds/<token>/, the articles it found among
those added in the last FEED_DAYS, newest first. The token is the secret (no login: a feed
reader has none); an unknown token, or one whose owner may no longer watch, is a 404, and the
owner can change it at any time (watch.views.reset_token)."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from articles.feeds import FEED_SIZE, ArticleFeed
from articles.models import Article
from articles.selectors.listing import in_order
from watch import saved
from watch.access import may_watch
from watch.models import SavedSearch
from watch.news import news

FEED_DAYS = 30


class SavedSearchFeed(ArticleFeed):
    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        # Someone's own address: kept by no shared cache, and out of search engines.
        response["Cache-Control"] = "private, max-age=300"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_object(self, request: HttpRequest, token: str) -> SavedSearch:
        item = SavedSearch.objects.select_related("user").filter(feed_token=token).first()
        if item is None or not may_watch(item.user):
            raise Http404("没有这个订阅地址。")
        return item

    def title(self, obj: SavedSearch) -> str:
        return f"科技库：检索“{obj.name}”的新文章"

    def subtitle(self, obj: SavedSearch) -> str:
        return f"近 {FEED_DAYS} 天收录、与保存的检索“{obj.name}”匹配的文章"

    def link(self, obj: SavedSearch) -> str:
        return saved.search_url(obj)

    def items(self, obj: SavedSearch) -> list[Article]:
        now = timezone.now()
        found = news(obj, after=now - datetime.timedelta(days=FEED_DAYS), upto=now)
        ids = list(found.ids[:FEED_SIZE])
        return in_order(Article.objects.select_related("source").prefetch_related("topics"), ids)

    def item_pubdate(self, item: Article) -> datetime.datetime:
        # When it came into the knowledge base: what makes it new to this reader.
        return item.created_at
