"""GET /api/search — the JSON face of search.service, same parameters and rules as /search/."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from search import service
from search.api_schemas import ErrorOut, SearchOut, SearchParamsIn
from search.params import InvalidSearch, make_params

router = Router(tags=["search"])


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
            }
            for hit in outcome.hits
        ],
        "facets": outcome.facets,
    }


@router.get(
    "/search",
    response={200: SearchOut, 400: ErrorOut, 404: ErrorOut},
    summary="Search articles, officials, meetings and policy documents",
)
def search(request: HttpRequest, params: Query[SearchParamsIn]):
    """One query over everything, in simplified or traditional script, with highlighted
    snippets and facet counts. Invalid parameters (an empty or over-long query, an unknown
    kind, source or topic, date_from after date_to) answer 400 {"error": "…"}; a page past
    the last one answers 404."""
    try:
        checked = make_params(
            q=params.q,
            kinds=params.kind,
            sources=params.source,
            topics=params.topic,
            date_from=params.date_from,
            date_to=params.date_to,
            sort=params.sort,
            page=params.page,
            page_size=params.page_size,
        )
        return _payload(service.search(checked))
    except InvalidSearch as error:
        raise HttpError(error.status, str(error)) from error
