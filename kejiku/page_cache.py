"""Whole pages of the analysts' site, cached until the knowledge base changes.

Browse pages (home, topics, archives, officials, meetings, documents, formulations, feeds,
exports) are the same for every reader and change only when the content does, so a rendered
page is kept under the content version (articles.selectors.version) and the day, and served
with one primary-key read. An edit raises the version after its commit: the next request
renders afresh, in every worker.

The search and trends pages are cached whole too, but under the index's own state
(search.result_cache.index_version), not the content version: that can be raised before the
outbox reaches the index (a busy writer drains later), and a page cached on it could then hold
results from before the edit. The search's feed and exports read the database as well, so they
are not cached whole (only the articles namespace and the search page are); their searches are
(search.result_cache). This middleware sits above both apps, in the site layer.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from articles.selectors.version import data_version
from kejiku.middleware import DATABASE_UNAVAILABLE
from search import result_cache

CACHED_NAMESPACE = "articles"
# Drawn from the index alone: a trend chart's page spent 38 ms drawing 138 months of links even
# with its counts cached (search.result_cache).
INDEX_PAGES = {"search:search", "search:trends"}


def _where(view_name: str, namespace: str) -> tuple[str, str, int] | None:
    """(cache alias, version, seconds) for a cacheable page, or None."""
    if view_name in INDEX_PAGES:
        version = result_cache.index_version()
        return None if version is None else ("search", f"index-{version}", settings.SEARCH_CACHE_SECONDS)
    if namespace != CACHED_NAMESPACE:
        return None
    return "default", data_version(), settings.PAGE_CACHE_SECONDS


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        store = getattr(request, "_page_cache_store", None)
        keep = "no-store" not in response.get("Cache-Control", "")  # a page that says it is provisional
        if store and keep and response.status_code == 200 and not response.streaming and not response.cookies:
            alias, key, seconds = store
            headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
            caches[alias].set(key, (response.content, headers), seconds)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        match = request.resolver_match
        if request.method != "GET" or match is None:
            return None
        try:
            where = _where(match.view_name, match.namespace)
        except DATABASE_UNAVAILABLE:
            return None  # the view meets the same error and answers 503
        if where is None:
            return None
        alias, version, seconds = where
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{version}:{timezone.localdate().isoformat()}:{path}"
        hit = caches[alias].get(key)
        if hit is None:
            request._page_cache_store = (alias, key, seconds)
            return None
        content, headers = hit
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
