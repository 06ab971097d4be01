"""The one search the page and the API both call: SearchParams in, SearchOutcome out.

It asks haystack's SearchQuerySet (the tantivy backend underneath) for one page
of results with exact counts and facet counts. Facets are multi-select: each
facet is counted with every filter but its own, so the sidebar still offers
the other kinds, sources, topics and years once one is chosen (values of one
facet are alternatives, different facets narrow each other). Snippets and
titles are marked by search.highlight, which escapes the text itself.

Reprints (通稿) collapse by default: the printings of one story are one result,
its best-ranked printing, and count once in the count and in every facet
(params.reprints = "all" lists every printing).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import math
from dataclasses import dataclass, field
from typing import Any

from django.urls import get_script_prefix, reverse
from haystack.models import SearchResult
from haystack.query import SearchQuerySet

from articles import kinds
from articles.selectors.version import cached_on_version
from search import highlight, query_language, query_terms, result_cache
from search.backends.query_plan import Structured
from search.params import KIND_LABELS, PageOutOfRange, SearchParams
from textkit import analysis

# API facet name → index field
FACET_FIELDS = {"kind": "kind", "source": "source", "topic": "topics", "validity": "validity", "year": "year"}
SNIPPET_CHARS = 160
STORY_FIELD = "story"  # search_indexes.ArticleIndex: the story of an article printed more than once


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    title: str
    title_html: str  # escaped, matches in <mark>
    url: str
    date: datetime.date | None
    source: str | None
    snippet: str  # escaped, matches in <mark>
    printings: int = 1  # an article's story: how many printings, by how many outlets
    outlets: int = 1

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def reprint_note(self) -> str:
        """另见 N 家媒体: where else the story was printed ("" when only here)."""
        if self.outlets > 1:
            return f"另见 {self.outlets - 1} 家媒体"
        if self.printings > 1:
            return f"本媒体另刊 {self.printings - 1} 次"
        return ""


@dataclass(frozen=True)
class SearchOutcome:
    params: SearchParams
    normalized: str
    tokens: tuple[str, ...]
    count: int
    hits: tuple[Hit, ...]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None  # a corrected query when nothing was found
    unfiltered_count: int | None = None  # matches without filters, when the filters left none
    num_pages: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "num_pages", max(1, math.ceil(self.count / self.params.page_size)))

    @property
    def q(self) -> str:
        return self.params.q


OUTCOME_SHAPE = result_cache.shape(SearchOutcome, Hit, SearchParams)


def planned(q: str) -> query_terms.Plan:
    """The checked query made into the backend's plan, with the knowledge base's aliases (read
    once per content version: an editor's new alias is searched at once)."""
    tree = query_language.parse(q)
    key = "query-aliases:" + hashlib.blake2b(q.encode(), digest_size=16).hexdigest()
    aliases = cached_on_version(key, lambda: query_terms.alias_map(tree))
    return query_terms.query_plan(tree, aliases)


def collapsed(sqs: SearchQuerySet, reprints: str = "collapse") -> SearchQuerySet:
    """sqs with a story's printings one result, counted once (unless reprints is "all")."""
    if reprints != "collapse":
        return sqs
    sqs = sqs._clone()
    sqs.query.collapse = STORY_FIELD
    return sqs


def matching_queryset(q: str, plan: query_terms.Plan | None = None, *, reprints: str = "collapse") -> SearchQuerySet:
    """The records the query matches, before any filter (trends and batch counts narrow it).
    A caller that already planned q passes the plan: the aliases are not looked up again."""
    plan = plan or planned(q)
    return collapsed(SearchQuerySet().filter(content=Structured(plan.root, plan.marked)), reprints)


def _filtered(
    params: SearchParams, *, skip: str | None = None, plan: query_terms.Plan | None = None
) -> SearchQuerySet:
    """The query with every filter except the facet named by skip."""
    sqs = matching_queryset(params.q, plan, reprints=params.reprints)
    if params.kinds and skip != "kind":
        sqs = sqs.filter(kind__in=list(params.kinds))
    if params.sources and skip != "source":
        sqs = sqs.filter(source__in=list(params.sources))
    if params.topics and skip != "topic":
        sqs = sqs.filter(topics__in=list(params.topics))
    if params.validities and skip != "validity":
        sqs = sqs.filter(validity__in=list(params.validities))
    if skip != "year":
        if params.date_from:
            sqs = sqs.filter(date__gte=params.date_from)
        if params.date_to:
            sqs = sqs.filter(date__lte=params.date_to)
    return sqs


def _active_facets(params: SearchParams) -> set[str]:
    active = {name for name, values in (("kind", params.kinds), ("source", params.sources),
                                        ("topic", params.topics), ("validity", params.validities)) if values}
    if params.date_from or params.date_to:
        active.add("year")
    return active


def _as_dict(name: str, counts: list[tuple[Any, int]]) -> dict[str, int]:
    if name == "year":
        # tantivy may answer 2026.0; the benchmarks' Whoosh baseline (bench/whoosh_backend.py, through
        # this same service) answers None for records without a year
        return {str(int(key)): n for key, n in counts if key is not None}
    return {str(key): n for key, n in counts}


def _facet_counts(sqs: SearchQuerySet, names: list[str]) -> dict[str, dict[str, int]]:
    counted = sqs.facet_counts().get("fields", {})
    return {name: _as_dict(name, counted.get(FACET_FIELDS[name], [])) for name in names}


def _own_facet(params: SearchParams, name: str, plan: query_terms.Plan) -> dict[str, int]:
    sqs = _filtered(params, skip=name, plan=plan).facet(FACET_FIELDS[name])
    sqs.query.set_limits(0, 0)  # counts only, no documents
    return _facet_counts(sqs, [name])[name]


_PK_MARK = 2_147_483_647  # stands for the pk in a route reversed once


@functools.lru_cache(maxsize=64)
def _route_template(route: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = reverse(route, kwargs={"pk": _PK_MARK}).partition(str(_PK_MARK))
    return before, after


def _record_url(result: SearchResult) -> str:
    """The page of the record a result stands for (its kind's route in articles.kinds). The route
    is reversed once per kind (reverse() for each of a page's hits was 1 ms of a search)."""
    before, after = _route_template(kinds.by_index_kind(result.kind).route, get_script_prefix())
    return f"{before}{int(result.pk)}{after}"


def _hit(result: SearchResult, marks: analysis.AnalyzedQuery) -> Hit:
    kind = result.kind
    title = result.title or ""
    return Hit(
        kind=kind,
        id=int(result.pk),
        title=title,
        title_html=highlight.highlight(title, marks),
        url=_record_url(result),
        date=getattr(result, "date", None),
        source=getattr(result, "source", None),
        snippet=highlight.snippet(getattr(result, "text", None) or "", marks, size=SNIPPET_CHARS,
                                  prepared=getattr(result, "snippet_source", None)),
        printings=getattr(result, "printings", None) or 1,
        outlets=getattr(result, "outlets", None) or 1,
    )


@dataclass(frozen=True)
class Match:
    """One result of a search as its feed and exports carry it: what the index stores, so a
    whole result list costs no database query."""

    kind: str
    id: int
    title: str
    url: str
    date: datetime.date | None
    source: str | None
    topics: tuple[str, ...]
    summary: str  # the start of the indexed text, plain

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


SUMMARY_CHARS = 200


def matching(params: SearchParams, *, limit: int) -> list[Match]:
    """What the search finds, with every filter of the page and in its order, up to limit:
    the search's Atom feed and its CSV/JSON exports (every kind the page lists)."""
    sqs = _filtered(params)
    if params.sort == "date":
        sqs = sqs.order_by("-date")
    return [
        Match(
            kind=result.kind,
            id=int(result.pk),
            title=result.title or "",
            url=_record_url(result),
            date=getattr(result, "date", None),
            source=getattr(result, "source", None),
            topics=tuple(getattr(result, "topics", None) or ()),
            summary=" ".join((getattr(result, "text", None) or "")[: SUMMARY_CHARS * 2].split())[:SUMMARY_CHARS],
        )
        for result in sqs[:limit]
    ]


def search(params: SearchParams) -> SearchOutcome:
    """One page of results for checked parameters; PageOutOfRange past the last page.

    The same search on the same index state is answered from search.result_cache."""
    return result_cache.cached(params, lambda: _search(params), OUTCOME_SHAPE)


def _search(params: SearchParams) -> SearchOutcome:
    active = _active_facets(params)
    plan = planned(params.q)  # once: the page, its own facet counts and the unfiltered count share it
    sqs = _filtered(params, plan=plan)
    for name in FACET_FIELDS:
        if name not in active:
            sqs = sqs.facet(FACET_FIELDS[name])
    if params.sort == "date":
        sqs = sqs.order_by("-date")
    start = (params.page - 1) * params.page_size
    page = list(sqs[start : start + params.page_size])
    count = sqs.count()
    num_pages = max(1, math.ceil(count / params.page_size))
    if params.page > num_pages:
        raise PageOutOfRange("page", f"第 {params.page} 页不存在：共 {count} 条结果，{num_pages} 页。")

    facets = _facet_counts(sqs, [name for name in FACET_FIELDS if name not in active])
    for name in active:
        facets[name] = _own_facet(params, name, plan)
    marks = analysis.analyze_query(" ".join(plan.marked))
    suggestion = unfiltered = None
    if count == 0:
        if params.has_filters:
            unfiltered = matching_queryset(params.q, plan, reprints=params.reprints).count()
        if not unfiltered:  # the words themselves find nothing: offer a correction
            suggestion = sqs.spelling_suggestion() or None
        if suggestion and analysis.normalize(suggestion) == marks.normalized:
            suggestion = None
    return SearchOutcome(
        params=params,
        normalized=plan.shown,
        tokens=tuple(dict.fromkeys(token.text for token in marks.tokens)),
        count=count,
        hits=tuple(_hit(result, marks) for result in page),
        facets={name: facets[name] for name in FACET_FIELDS},
        suggestion=suggestion,
        unfiltered_count=unfiltered,
    )
