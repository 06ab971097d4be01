"""A saved search's parameters: stored as the query string the search page writes, described in
words, and linked back to the search page."""

from __future__ import annotations

from django.http import QueryDict
from django.urls import reverse

from search import page_links
from search.forms import SearchForm
from search.params import DEFAULT_PAGE_SIZE, KIND_LABELS, SORT_LABELS, SearchParams
from watch.models import SavedSearch

NAME_CHARS = 100


def params_from(data: QueryDict) -> SearchParams:
    """The search page's parameters, checked as the page checks them (InvalidSearch if not)."""
    return SearchForm(data).params()


def canonical_query(params: SearchParams) -> str:
    """The query string the search page itself writes for these parameters, without paging:
    two ways of writing one search are saved as one."""
    return page_links.url_for(params, page=1, page_size=DEFAULT_PAGE_SIZE).partition("?")[2]


def default_name(params: SearchParams) -> str:
    return (params.q + ("（已筛选）" if params.has_filters else ""))[:NAME_CHARS]


def conditions(params: SearchParams) -> list[str]:
    """The filters and sort in words: 类型：文章；来源：新华社、人民日报；日期：2026-01-01 起."""
    parts = []
    if params.kinds:
        parts.append("类型：" + "、".join(KIND_LABELS[kind] for kind in params.kinds))
    if params.sources:
        parts.append("来源：" + "、".join(params.sources))
    if params.topics:
        parts.append("主题：" + "、".join(params.topics))
    if params.date_from and params.date_to:
        parts.append(f"日期：{params.date_from} 至 {params.date_to}")
    elif params.date_from:
        parts.append(f"日期：{params.date_from} 起")
    elif params.date_to:
        parts.append(f"日期：{params.date_to} 止")
    if params.sort != "relevance":
        parts.append("排序：" + SORT_LABELS[params.sort])
    return parts


def search_url(saved: SavedSearch) -> str:
    return f"{reverse('search:search')}?{saved.query}"


def feed_url(saved: SavedSearch) -> str:
    return reverse("watch:feed", kwargs={"token": saved.feed_token})
