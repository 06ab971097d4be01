"""/api/watch/saved-searches and /api/watch/watches: the signed-in analyst's own, read only.

They use the site's session (log in at /admin/login/, then call with the session cookie):
anonymous, 401; signed in without the analysts' or editors' rights, 403; both {"error": …}
as every error of the API, with the statuses the schema declares.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import SessionAuth

from articles.api_schemas import ERRORS, Error
from search.forms import describe
from search.params import InvalidSearch
from watch import saved
from watch.access import may_watch
from watch.api_schemas import SavedSearchOut, WatchOut
from watch.models import SavedSearch, Watch, WatchKind
from watch.news import news, saved_search_params
from watch.targets import target_of


class AnalystSession(SessionAuth):
    """The site's login session, of someone who may watch."""

    def authenticate(self, request: HttpRequest, key: str | None):
        user = request.user
        if not user.is_authenticated:
            raise AuthenticationError(message="需要登录：请先登录网站，再带着会话 Cookie 调用。")
        if not may_watch(user):
            raise AuthorizationError(message="这个账号不能使用保存的检索和关注（需分析员或编辑权限）。")
        return user


router = Router(tags=["watch"], auth=AnalystSession())
RESPONSES = {**ERRORS, 401: Error, 403: Error}


def _saved(item: SavedSearch) -> dict:
    try:
        params = saved_search_params(item)
    except InvalidSearch as error:
        params, problem = None, describe(error)
    else:
        problem = None
    return {
        "id": item.pk, "name": item.name, "query": item.query,
        "q": params.q if params else None,
        "kind": list(params.kinds) if params else [], "source": list(params.sources) if params else [],
        "topic": list(params.topics) if params else [],
        "date_from": params.date_from if params else None, "date_to": params.date_to if params else None,
        "sort": params.sort if params else None,
        "frequency": item.frequency, "created_at": item.created_at, "last_seen_at": item.last_seen_at,
        "new_count": news(item, after=item.since_last_visit).count if params else 0, "problem": problem,
        "url": reverse("watch:saved-search", kwargs={"pk": item.pk}),
        "search_url": saved.search_url(item), "feed_url": saved.feed_url(item),
    }


def _watch(item: Watch) -> dict:
    target = target_of(item)
    return {
        "id": item.pk, "kind": item.kind, "name": target.name,
        "target_id": None if item.kind == WatchKind.FORMULATION else target.value.pk,
        "phrase": item.phrase or None, "target_url": target.url, "frequency": item.frequency,
        "created_at": item.created_at, "last_seen_at": item.last_seen_at,
        "new_count": news(item, after=item.since_last_visit).count,
        "url": reverse("watch:watch", kwargs={"pk": item.pk}),
    }


@router.get("/saved-searches", response={200: list[SavedSearchOut], **RESPONSES},
            summary="The signed-in analyst's saved searches")
def saved_searches(request: HttpRequest):
    """Every saved search of the signed-in person, newest first, with how many articles matching
    it came in since its page was last visited."""
    return [_saved(item) for item in SavedSearch.objects.filter(user=request.auth)]


@router.get("/watches", response={200: list[WatchOut], **RESPONSES}, summary="The signed-in analyst's watches")
def watches(request: HttpRequest):
    """Every watch (official, organization, document, meeting series, formulation) of the
    signed-in person, newest first, with how many articles about it came in since its page was
    last visited."""
    items = Watch.objects.filter(user=request.auth).select_related("official", "organization", "document", "series")
    return [_watch(item) for item in items]
