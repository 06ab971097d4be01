"""Whole pages of the analysts' site, cached until the knowledge base changes.

Browse pages (home, topics, archives, officials, meetings, documents, formulations, feeds,
exports) are the same for every reader and change only when the content does, so a rendered
page is kept under the content version (articles.selectors.version) and the day, and served
with one primary-key read. An edit raises the version after its commit: the next request
renders afresh, in every worker. Search pages and the API are not cached here: the content
version can be raised before the outbox reaches the index (a busy writer drains later), so a
page cached on it could hold results from before the edit. search.result_cache keeps their
search outcomes under the index's own commit instead.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from articles.selectors.version import data_version
from kejiku.middleware import DATABASE_UNAVAILABLE

CACHED_NAMESPACE = "articles"
NOT_CACHED = {"feed-search", "export-search"}  # search results, like the search page


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and response.status_code == 200 and not response.streaming and not response.cookies:
            headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        match = request.resolver_match
        if request.method != "GET" or match is None or match.namespace != CACHED_NAMESPACE:
            return None
        if match.url_name in NOT_CACHED:
            return None
        try:
            version = data_version()
        except DATABASE_UNAVAILABLE:
            return None  # the view meets the same error and answers 503
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{version}:{timezone.localdate().isoformat()}:{path}"
        hit = cache.get(key)
        if hit is None:
            request._page_cache_key = key
            return None
        content, headers = hit
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
