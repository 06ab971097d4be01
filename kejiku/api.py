"""The JSON API: one NinjaAPI, one OpenAPI schema at /api/openapi.json, routers from each app.

Errors follow one contract for every endpoint: a 4xx status with {"error": "…"}.
"""

from importlib import import_module
from importlib.util import find_spec

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

api = NinjaAPI(
    title="科技库 Kejiku API",
    version="1",
    description="Search and browse the Kejiku knowledge base of Chinese science-and-technology policy news.",
    openapi_url="/openapi.json",
    docs_url=None,
    urls_namespace="api",
)


def _first_problem(error: ValidationError) -> str:
    for problem in error.errors:
        location = ".".join(str(part) for part in problem.get("loc", [])[1:]) or "request"
        return f"{location}: {problem.get('msg', 'invalid value')}"
    return "invalid request"


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return api.create_response(request, {"error": _first_problem(error)}, status=400)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return api.create_response(request, {"error": str(error.message)}, status=error.status_code)


# Each app exposes `router` in its api module: search (/api/search) and the entities.
for module_name, prefix in (("search.api", "/"), ("articles.api", "/")):
    if find_spec(module_name) is not None:
        api.add_router(prefix, import_module(module_name).router)
