"""Export of a search result (the search page itself belongs to the search app)."""

from django.http import JsonResponse
from django.views import View

from articles.exports import ARTICLE_COLUMNS, FORMATS, export_response
from articles.selectors.listing import article_list_queryset, in_order
from search import service
from search.forms import SearchForm
from search.params import InvalidSearch

EXPORT_LIMIT = 1000


class SearchExport(View):
    """/exports/search/?q=…&source=…&sort=…&format=csv|json — the articles the search finds, with
    every filter and the order of the search page (its 导出 links carry them)."""

    def get(self, request):
        fmt = request.GET.get("format", "csv")
        if fmt not in FORMATS:
            return JsonResponse({"error": f"unknown format {fmt!r}; use csv or json"}, status=400)
        try:
            params = SearchForm(request.GET).params()
        except InvalidSearch as error:
            return JsonResponse({"error": f"{error.param}: {error.message}"}, status=400)
        articles = in_order(article_list_queryset(), service.matching_article_ids(params, limit=EXPORT_LIMIT))
        response = export_response(articles, ARTICLE_COLUMNS, fmt=fmt, filename=f"search-{params.q[:40]}")
        response["X-Search-Engine"] = "search"
        return response
