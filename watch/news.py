"""What is new in a saved search or a watch: the articles created in a window of time that it
finds, newest first. The page ("新" since the last visit), the Atom feed and the digests all
ask here.

A watch is a database question (articles mentioning the official …, or using the phrase). A
saved search goes through the one search service, as the search page does: the articles created
in the window are the candidates, and the search, with every filter of the saved search and its
dates narrowed to the candidates' publication dates, says which of them it finds.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.db.models import QuerySet
from django.http import QueryDict

from articles import kinds
from articles.models import Article
from articles.selectors.listing import article_list_queryset, in_order
from search import service
from search.forms import SearchForm, describe
from search.params import InvalidSearch, SearchParams
from watch.models import SavedSearch, Watch
from watch.targets import watched_articles

ARTICLE = kinds.kind_of(Article).index_kind
# At most this many new articles per saved search or watch and window (a bulk import of a
# whole corpus makes everything new at once; the newest are kept, and the digest says so).
MATCH_LIMIT = 2000
# A saved search looks at no more than this many of the newest articles of a window.
CANDIDATE_LIMIT = 20_000


@dataclass(frozen=True)
class News:
    ids: tuple[int, ...]  # article ids, newest first
    truncated: bool = False  # more were found than MATCH_LIMIT
    problem: str | None = None  # a saved search that can no longer run (a source deleted …)

    @property
    def count(self) -> int:
        return len(self.ids)

    def articles(self, limit: int | None = None) -> list[Article]:
        """The first `limit` articles as listing rows (source, topics, an excerpt)."""
        ids = list(self.ids if limit is None else self.ids[:limit])
        return in_order(article_list_queryset(), ids) if ids else []


def saved_search_params(saved: SavedSearch) -> SearchParams:
    """The saved search's parameters checked as the search page checks them, or InvalidSearch."""
    return SearchForm(QueryDict(saved.query)).params()


def news(subscription: SavedSearch | Watch, *, after: datetime.datetime, upto: datetime.datetime | None = None,
         exclude: frozenset[int] = frozenset()) -> News:
    """Articles created in (after, upto] that the saved search or watch finds, less `exclude`."""
    if isinstance(subscription, SavedSearch):
        return _search_news(subscription, after, upto, exclude)
    return _watch_news(subscription, after, upto, exclude)


def _window(articles: QuerySet[Article], after: datetime.datetime, upto: datetime.datetime | None):
    articles = articles.filter(created_at__gt=after)
    if upto is not None:
        articles = articles.filter(created_at__lte=upto)
    return articles.order_by("-created_at", "-pk")


def _watch_news(watch: Watch, after, upto, exclude: frozenset[int]) -> News:
    rows = _window(watched_articles(watch), after, upto).values_list("pk", flat=True)
    ids = [pk for pk in rows[: MATCH_LIMIT + len(exclude) + 1] if pk not in exclude]
    return News(tuple(ids[:MATCH_LIMIT]), truncated=len(ids) > MATCH_LIMIT)


def _search_news(saved: SavedSearch, after, upto, exclude: frozenset[int]) -> News:
    try:
        params = saved_search_params(saved)
    except InvalidSearch as error:
        return News((), problem=describe(error))
    if params.kinds and ARTICLE not in params.kinds:
        return News(())  # a search of officials or meetings only: no article is ever new in it
    window = _window(Article.objects.all(), after, upto).values_list("pk", "published_on")
    candidates = [(pk, day) for pk, day in window[:CANDIDATE_LIMIT] if pk not in exclude]
    if not candidates:
        return News(())
    narrowed = _narrowed(params, [day for _, day in candidates])
    if narrowed is None:
        return News(())
    found = {match.id for match in service.matching(narrowed, limit=MATCH_LIMIT) if match.kind == ARTICLE}
    ids = [pk for pk, _ in candidates if pk in found]
    return News(tuple(ids), truncated=len(found) >= MATCH_LIMIT or len(candidates) >= CANDIDATE_LIMIT)


def _narrowed(params: SearchParams, days: list[datetime.date | None]) -> SearchParams | None:
    """The saved search over articles only, newest first, its dates narrowed to the candidates'
    (when every candidate has one: a date filter leaves undated stories out); None when the
    saved search's own dates leave none of them."""
    # Every printing is asked for: the candidates are checked one by one, and a new printing of a
    # story must not be hidden behind another printing of it.
    narrowed = replace(params, kinds=(ARTICLE,), sort="date", page=1, reprints="all")
    if not days or None in days:
        return narrowed
    first, last = min(days), max(days)  # type: ignore[type-var]
    if params.date_from:
        first = max(first, params.date_from)
    if params.date_to:
        last = min(last, params.date_to)
    if first > last:
        return None
    return replace(narrowed, date_from=first, date_to=last)
