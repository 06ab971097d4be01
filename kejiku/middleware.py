"""Three guarantees every request gets, whatever view it reaches.

Read-only outside the admin: the site and the JSON API only read; any method but GET and
HEAD (POST, PUT, PATCH, DELETE, OPTIONS…) anywhere but /admin/ is refused with 405 before
any view runs (JSON under /api/), logged in or not. Editors write through the admin, which
asks for a login, a permission and a CSRF token.

No NUL characters in paths: no slug or name contains one, and PostgreSQL refuses them in a
query, so a path carrying one (/topics/%00/) is a 400 before it reaches the database.

A database that goes away answers 503, never a 500 with a traceback.

When PostgreSQL restarts, fails over or refuses connections (or aborts a
transaction caught in a deadlock, or SQLite stays locked past its timeout),
Django raises OperationalError or InterfaceError; nothing was saved.
Visitors then get a short Chinese page, API clients {"error": "…"}, both with
status 503 and Retry-After; the error goes to the log for the operators. The
next request after the database is back reconnects by itself
(CONN_HEALTH_CHECKS), so nothing needs restarting.
"""

from __future__ import annotations

import logging

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger("kejiku.unavailable")

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
MESSAGE = "数据库暂时不可用，请稍后再试。"
RETRY_AFTER_SECONDS = 30


SAFE_METHODS = ("GET", "HEAD")


class ReadOnlySiteMiddleware:
    """Refuses every writing method outside the admin (405), before the view runs.

    A view that takes a form by POST says so itself with `view.accepts_post = True` (the batch
    search, whose list of 500 terms does not fit in a URL; an analyst's own saved searches and
    watches); CSRF protection still applies to it. Everything else is read by GET only."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix: str | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if request.method in SAFE_METHODS or request.path.startswith(self.admin_prefix):
            return None
        if request.method == "POST" and getattr(view_func, "accepts_post", False):
            return None
        message = f"科技库的网站和接口只读，不接受 {request.method} 请求；编辑请登录编辑后台。"
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse({"error": message}, status=405)
        else:
            response = HttpResponseNotAllowed(SAFE_METHODS, message, content_type="text/plain; charset=utf-8")
        response["Allow"] = ", ".join(SAFE_METHODS)
        return response

    @property
    def admin_prefix(self) -> str:
        if self._admin_prefix is None:
            self._admin_prefix = reverse("admin:index")
        return self._admin_prefix


class RejectNulMiddleware:
    """A NUL character in the path is a 400, not a database error. (In the query string every
    parameter is checked by its form or schema, which names the parameter in its answer.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            message = "网址里不能有空字符（%00）。"
            if request.path.startswith("/api/"):
                return JsonResponse({"error": f"path: {message}"}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def database_unavailable(request: HttpRequest, error: BaseException) -> HttpResponse:
    """The 503 answer: JSON under /api/, the plain site page elsewhere."""
    logger.error("database unavailable for %s %s: %s", request.method, request.path, error)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"error": MESSAGE}, status=503)
    else:
        # Rendered without the request: context processors could touch the database again.
        response = HttpResponse(render_to_string("503.html", {"message": MESSAGE}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection raised by a view (or its template) into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return database_unavailable(request, exception)
        return None
