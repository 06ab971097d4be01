"""The JSON API: one NinjaAPI, one OpenAPI schema at /api/openapi.json, routers from each app.

Errors follow one contract for every endpoint: {"error": "…"} with a status the schema declares
(articles.api_schemas.ERRORS: 400, 404, 503), and a schema-valid request is never a 400. Under
/api/, a path no route matches is a JSON 404 too (kejiku.views.api_not_found), and a writing
method a JSON 405 (kejiku.middleware).
"""

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from kejiku.middleware import database_unavailable

api = NinjaAPI(
    title="科技库 Kejiku API",
    version="1",
    description="Search and browse the Kejiku knowledge base of Chinese science-and-technology policy news.",
    openapi_url="/openapi.json",
    docs_url=None,
    urls_namespace="api",
)


def _first_problem(error: ValidationError) -> str:
    """Name the parameter a person typed: ("query", "params", "kind", 0) is just "kind"."""
    for problem in error.errors:
        names = [part for part in problem.get("loc", ()) if isinstance(part, str)]
        parameter = names[-1] if len(names) > 1 else "request"
        return f"{parameter}: {problem.get('msg', 'invalid value')}"
    return "invalid request"


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return api.create_response(request, {"error": _first_problem(error)}, status=400)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return api.create_response(request, {"error": str(error.message)}, status=error.status_code)


# A lost database is a 503 {"error": …} even in DEBUG (where ninja would answer a traceback).
api.add_exception_handler(OperationalError, database_unavailable)
api.add_exception_handler(InterfaceError, database_unavailable)


# Each app contributes its router: search (/api/search), the entities (/api/articles …) and an
# analyst's own saved searches and watches (/api/watch/…, with the site's session login).
api.add_router("/", "search.api.router")
api.add_router("/", "articles.api.router")
api.add_router("/watch", "watch.api.router")
