"""The Atom feed of any search: an analyst's alert, with every filter of the search page."""

import datetime
from dataclasses import replace

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.utils import timezone
from django.utils.html import escape

from articles.feeds import FEED_SIZE, SafeAtom1Feed
from search import page_links, service
from search.forms import SearchForm
from search.params import InvalidSearch, SearchParams


class SearchFeed(Feed):
    """/feeds/search/?q=…&source=…&date_from=… — the newest records the search finds (every kind
    the page lists), with every filter of the search page (the page's 订阅 link carries them)."""

    feed_type = SafeAtom1Feed
    author_name = "科技库"

    def get_object(self, request) -> SearchParams:
        try:
            return SearchForm(request.GET).params()
        except InvalidSearch as error:
            raise BadRequest(error.message) from error

    def title(self, obj: SearchParams) -> str:
        return f"科技库：检索“{obj.q}”" + ("（已筛选）" if obj.has_filters else "")

    def subtitle(self, obj: SearchParams) -> str:
        return f"与“{obj.q}”匹配的最新记录"

    def link(self, obj: SearchParams) -> str:
        return page_links.url_for(obj)

    def items(self, obj: SearchParams) -> list[service.Match]:
        return service.matching(replace(obj, sort="date"), limit=FEED_SIZE)

    def item_title(self, item: service.Match) -> str:
        return item.title if item.kind == "article" else f"{item.kind_label}：{item.title}"

    def item_description(self, item: service.Match) -> str:
        # Atom's <summary type="html"> is HTML: the plain text is escaped here (and XML-escaped
        # again by the generator), or a feed reader would run markup found in a text.
        return escape(item.summary)

    def item_link(self, item: service.Match) -> str:
        return item.url

    def item_guid(self, item: service.Match) -> str:
        return item.url

    def item_pubdate(self, item: service.Match) -> datetime.datetime | None:
        if item.date is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(0, 0)))

    def item_updateddate(self, item: service.Match) -> datetime.datetime:
        # Atom requires <updated>. A record without a date (an official, a story whose page
        # printed none) gets the start of today: stable across a day's polls, never in the future.
        day = item.date or timezone.localdate()
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(0, 0)))

    def item_author_name(self, item: service.Match) -> str:
        return item.source or "科技库"

    def item_categories(self, item: service.Match) -> list[str]:
        return list(item.topics)
