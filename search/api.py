"""GET /api/search — the JSON face of search.service, same parameters and rules as /search/.

The schema (search.api_schemas) states every rule a request's shape can break, and ninja
answers those with a 400. What make_params refuses beyond them depends on the data, which no
schema can state, and a client cannot tell such a request from a good one; so it gets an answer
the schema declares: a source or topic that no record has is not found (404), and a query with
nothing searchable in it, or a date range that ends before it starts, finds nothing (200).
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from articles.api_schemas import ERRORS
from search import service, trends
from search.api_schemas import SearchOut, SearchParamsIn, TrendOut, TrendParamsIn
from search.params import EARLIEST_DATE, LATEST_DATE, InvalidSearch, MalformedQuery, make_params
from textkit import analysis

router = Router(tags=["search"])

# The parameters whose refusal by make_params, for a request the schema allows, means that the
# data has no such value (NOT_FOUND) or that the search can find nothing (FINDS_NOTHING: no
# searchable word in q, or date_from after date_to).
NOT_FOUND = {"source", "topic"}
FINDS_NOTHING = {"q", "date_from"}


def _payload(outcome: service.SearchOutcome) -> dict:
    return {
        "query": {"q": outcome.q, "normalized": outcome.normalized, "tokens": list(outcome.tokens)},
        "count": outcome.count,
        "page": outcome.params.page,
        "results": [
            {
                "kind": hit.kind,
                "id": hit.id,
                "title": hit.title,
                "url": hit.url,
                "date": hit.date,
                "source": hit.source,
                "snippet": hit.snippet,
                "printings": hit.printings,
                "outlets": hit.outlets,
            }
            for hit in outcome.hits
        ],
        "facets": outcome.facets,
    }


def _nothing_found(params: SearchParamsIn) -> dict:
    if params.page > 1:
        raise HttpError(404, f"page: 第 {params.page} 页不存在：共 0 条结果，1 页。")
    analyzed = analysis.analyze_query(params.q.strip())
    return {
        "query": {
            "q": analyzed.q,
            "normalized": analyzed.normalized,
            "tokens": list(dict.fromkeys(token.text for token in analyzed.tokens)),
        },
        "count": 0,
        "page": 1,
        "results": [],
        "facets": {name: {} for name in service.FACET_FIELDS},
    }


def _within_engine(day: datetime.date | None) -> datetime.date | None:
    """The index keeps dates from EARLIEST_DATE to LATEST_DATE and every text falls between
    them, so a date beyond them selects the same records as the nearer of the two."""
    return None if day is None else min(max(day, EARLIEST_DATE), LATEST_DATE)


@router.get(
    "/search",
    response={200: SearchOut, **ERRORS},
    summary="Search articles, officials, meetings and policy documents",
)
def search(request: HttpRequest, params: Query[SearchParamsIn]):
    """One query over everything, in simplified or traditional script, with highlighted
    snippets and facet counts. q is written in the query language (OR, -, parentheses, "phrases",
    "words"~10, title: source: topic: kind: docno: official: org: date: exact:; see /search/syntax/).
    Parameters the schema refuses (an empty or over-long query, an unknown kind, a NUL) and a
    malformed query answer 400 {"error": "…"}; an unknown source or topic, or a page past
    the last one, answers 404; a query with no searchable word, or date_from after date_to,
    finds nothing."""
    try:
        checked = make_params(
            q=params.q,
            kinds=params.kind,
            sources=params.source,
            topics=params.topic,
            validities=params.validity,
            date_from=_within_engine(params.date_from),
            date_to=_within_engine(params.date_to),
            sort=params.sort,
            reprints=params.reprints,
            page=params.page,
            page_size=params.page_size,
        )
        return _payload(service.search(checked))
    except MalformedQuery as error:
        # The query language's grammar is more than a schema can say: a malformed q is refused
        # with the mistake and its place (schemathesis.toml expects this 400).
        raise HttpError(400, str(error)) from error
    except InvalidSearch as error:
        if error.status == 400 and error.param in FINDS_NOTHING:
            return _nothing_found(params)
        status = 404 if error.param in NOT_FOUND else error.status
        raise HttpError(status, str(error)) from error


@router.get(
    "/trends",
    response={200: TrendOut, **ERRORS},
    summary="Matching articles per period for up to eight queries",
)
def trends_view(request: HttpRequest, params: Query[TrendParamsIn]):
    """Per day, week, month or year: how many articles each query matches (count), how many
    articles there were in the period under the same source filter (total), and count/total
    (share). With split=source, one series per query and source. A malformed query, an empty or
    nothing-searchable one, or date_from after date_to answer 400; an unknown source 404."""
    try:
        checked = trends.check(params.q, interval=params.interval, sources=params.source,
                               date_from=_within_engine(params.date_from), date_to=_within_engine(params.date_to),
                               split=params.split, reprints=params.reprints)
    except InvalidSearch as error:
        status = 404 if error.param in NOT_FOUND else error.status
        raise HttpError(status, str(error)) from error
    result = trends.trend(checked)
    return {
        "interval": checked.interval,
        "series": [
            {"q": s.q, "normalized": s.normalized, "source": s.source,
             "points": [{"period": p.period, "count": p.count, "total": p.total, "share": p.share} for p in s.points]}
            for s in result.series
        ],
    }

