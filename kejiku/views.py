"""Error views for what escapes every view: a plain page, no traceback, never a leak."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from kejiku.middleware import DATABASE_UNAVAILABLE, database_unavailable

SERVER_ERROR = "服务器出错了，我们已记录下来。请稍后再试。"


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a lost database (raised outside a view, e.g. by a middleware) is a 503 too."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return database_unavailable(request, error)
    if request.path.startswith("/api/"):
        return JsonResponse({"error": SERVER_ERROR}, status=500)
    return HttpResponse(render_to_string("500.html", {"message": SERVER_ERROR}), status=500)


def api_not_found(request: HttpRequest, rest: str) -> JsonResponse:
    """Under /api/ even a path no route matches (/api/articles/abc) answers in JSON, as every API error does."""
    return JsonResponse({"error": f"no API endpoint at /api/{rest}"}, status=404)
