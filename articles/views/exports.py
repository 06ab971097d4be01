"""Export of a search result (the search page itself belongs to the search app)."""

from django.http import JsonResponse
from django.views import View

from articles.exports import ARTICLE_COLUMNS, FORMATS, export_response
from articles.selectors.search import search_articles

EXPORT_LIMIT = 1000


class SearchExport(View):
    """/exports/search/?q=…&format=csv|json — the best-matching articles for the query."""

    def get(self, request):
        q = request.GET.get("q", "").strip()
        fmt = request.GET.get("format", "csv")
        if not q:
            return JsonResponse({"error": "q is required"}, status=400)
        if fmt not in FORMATS:
            return JsonResponse({"error": f"unknown format {fmt!r}; use csv or json"}, status=400)
        found = search_articles(q=q, limit=EXPORT_LIMIT)
        response = export_response(found.articles, ARTICLE_COLUMNS, fmt=fmt, filename=f"search-{q[:40]}")
        response["X-Search-Engine"] = found.engine
        return response
