"""Links of the search page: every state of the page is its GET parameters.

Each link is the current parameters with one change (a kind tab, a facet
value added or removed, a year, the sort, a page), so any page can be shared,
bookmarked and reloaded. Changing what is searched returns to page 1.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.urls import reverse

from search.params import (
    DEFAULT_PAGE_SIZE,
    KIND_LABELS,
    REPRINT_LABELS,
    SORT_LABELS,
    VALIDITY_LABELS,
    SearchParams,
)
from search.service import SearchOutcome

PAGE_WINDOW = 2  # page numbers shown either side of the current page
EXAMPLES = ("阴和俊", "科技金融", "工信部联节[2026]13号", "國際科技創新中心", "手撕钢")
URL_NAMES = {"kinds": "kind", "sources": "source", "topics": "topic", "validities": "validity"}
DEFAULTS = {"sort": "relevance", "reprints": "collapse", "page": 1, "page_size": DEFAULT_PAGE_SIZE}


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    active: bool = False
    count: int | None = None


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Pager:
    previous: str | None
    next: str | None
    pages: tuple[Link | None, ...]  # None marks a gap (…)


def url_for_query(q: str) -> str:
    """The search page for q with no filters."""
    return f"{reverse('search:search')}?{urlencode({'q': q})}"


def example_links() -> tuple[Link, ...]:
    """Queries for the start page: a name, a term, a document number, traditional script, a rare word."""
    return tuple(Link(q, url_for_query(q)) for q in EXAMPLES)


def _value(value: object) -> list[str]:
    if value in (None, "", (), []):
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, datetime.date):
        return [value.isoformat()]
    return [str(value)]


def url_for(params: SearchParams, **changes: object) -> str:
    """The page's URL for params with changes (kinds=…, page=…); defaults are left out."""
    state: dict[str, object] = {
        "q": params.q, "kinds": params.kinds, "sources": params.sources, "topics": params.topics,
        "validities": params.validities,
        "date_from": params.date_from, "date_to": params.date_to, "sort": params.sort,
        "reprints": params.reprints, "page": params.page, "page_size": params.page_size,
    }
    if "page" not in changes:
        changes["page"] = 1
    state.update(changes)
    pairs = [
        (URL_NAMES.get(key, key), item)
        for key, value in state.items()
        if DEFAULTS.get(key) != value
        for item in _value(value)
    ]
    return f"{reverse('search:search')}?{urlencode(pairs)}"


def subscription_links(params: SearchParams) -> dict[str, str]:
    """The search's Atom feed and exports, with every filter and the sort of the page (no paging)."""
    query = url_for(params, page=1, page_size=DEFAULT_PAGE_SIZE).partition("?")[2]
    return {
        "feed": f"{reverse('search:feed-search')}?{query}",
        "csv": f"{reverse('search:export-search')}?{query}&format=csv",
        "json": f"{reverse('search:export-search')}?{query}&format=json",
    }


def hidden_fields(params: SearchParams, *, leave_out: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(name, value) pairs of the current state for a form that sets the rest (page resets)."""
    query = url_for(params, **{name: None for name in leave_out}).partition("?")[2]
    return tuple(parse_qsl(query))


def _toggle(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(v for v in values if v != value) if value in values else (*values, value)


def kind_tabs(outcome: SearchOutcome) -> tuple[Link, ...]:
    """全部 and each kind with its count; a tab shows one kind."""
    params, counts = outcome.params, outcome.facets["kind"]
    tabs = [Link("全部", url_for(params, kinds=()), not params.kinds, sum(counts.values()))]
    for kind, label in KIND_LABELS.items():
        active = params.kinds == (kind,)
        tabs.append(Link(label, url_for(params, kinds=(kind,)), active, counts.get(kind, 0)))
    return tuple(tabs)


def _value_links(
    params: SearchParams, field: str, chosen: tuple[str, ...], counts: dict[str, int],
    labels: dict[str, str] | None = None,
) -> list[Link]:
    shown = list(counts) + [v for v in chosen if v not in counts]
    return [
        Link((labels or {}).get(value, value), url_for(params, **{field: _toggle(chosen, value)}), value in chosen,
             counts.get(value, 0))
        for value in shown
    ]


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def selected_year(params: SearchParams) -> int | None:
    if params.date_from and params.date_to and (params.date_from, params.date_to) == _year_range(
        params.date_from.year
    ):
        return params.date_from.year
    return None


def _year_links(params: SearchParams, counts: dict[str, int]) -> list[Link]:
    chosen = selected_year(params)
    links = []
    for year in sorted({int(y) for y in counts} | ({chosen} if chosen else set()), reverse=True):
        if year == chosen:
            url = url_for(params, date_from=None, date_to=None)
        else:
            first, last = _year_range(year)
            url = url_for(params, date_from=first, date_to=last)
        links.append(Link(f"{year}年", url, year == chosen, counts.get(str(year), 0)))
    return links


def facet_groups(outcome: SearchOutcome) -> tuple[FacetGroup, ...]:
    params, facets = outcome.params, outcome.facets
    groups = (
        FacetGroup("source", "来源", tuple(_value_links(params, "sources", params.sources, facets["source"]))),
        FacetGroup("topic", "主题", tuple(_value_links(params, "topics", params.topics, facets["topic"]))),
        FacetGroup("validity", "效力（政策文件）", tuple(_value_links(
            params, "validities", params.validities, facets["validity"], VALIDITY_LABELS))),
        FacetGroup("year", "年份", tuple(_year_links(params, facets["year"]))),
    )
    return tuple(group for group in groups if group.links)


def reprint_links(params: SearchParams) -> tuple[Link, ...]:
    """同一通稿只计一次 (the default) or every printing listed."""
    return tuple(Link(label, url_for(params, reprints=key), params.reprints == key)
                 for key, label in REPRINT_LABELS.items())


def sort_links(params: SearchParams) -> tuple[Link, ...]:
    return tuple(Link(label, url_for(params, sort=sort), params.sort == sort) for sort, label in SORT_LABELS.items())


def clear_filters_url(params: SearchParams) -> str:
    return url_for(params, kinds=(), sources=(), topics=(), validities=(), date_from=None, date_to=None)


def pager(outcome: SearchOutcome) -> Pager:
    params, last = outcome.params, outcome.num_pages
    current = params.page
    numbers = sorted({1, last, *range(max(1, current - PAGE_WINDOW), min(last, current + PAGE_WINDOW) + 1)})
    pages: list[Link | None] = []
    for previous, number in zip([0, *numbers], numbers, strict=False):
        if previous and number > previous + 1:
            pages.append(None)
        pages.append(Link(str(number), url_for(params, page=number), number == current))
    return Pager(
        previous=url_for(params, page=current - 1) if current > 1 else None,
        next=url_for(params, page=current + 1) if current < last else None,
        pages=tuple(pages),
    )
