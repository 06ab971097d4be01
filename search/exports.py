"""Export of a search's results as CSV or JSON: the page's results, every kind, in its order."""

from django.http import JsonResponse
from django.views import View

from articles.exports import FORMATS, Column, export_response
from search import service
from search.forms import SearchForm
from search.params import InvalidSearch

EXPORT_LIMIT = 1000

SEARCH_COLUMNS = [
    Column("kind", "类型", lambda m: m.kind_label),
    Column("id", "编号", lambda m: m.id),
    Column("title", "标题", lambda m: m.title),
    Column("date", "日期", lambda m: m.date.isoformat() if m.date else ""),
    Column("source", "来源", lambda m: m.source or ""),
    Column("topics", "主题", lambda m: "、".join(m.topics)),
    Column("url", "链接", lambda m: m.url),
]


class SearchExport(View):
    """/exports/search/?q=…&source=…&sort=…&format=csv|json — what the search finds (up to
    EXPORT_LIMIT), with every filter and the order of the search page (its 导出 links carry them)."""

    def get(self, request):
        fmt = request.GET.get("format", "csv")
        if fmt not in FORMATS:
            return JsonResponse({"error": f"unknown format {fmt!r}; use csv or json"}, status=400)
        try:
            params = SearchForm(request.GET).params()
        except InvalidSearch as error:
            return JsonResponse({"error": f"{error.param}: {error.message}"}, status=400)
        matches = service.matching(params, limit=EXPORT_LIMIT)
        response = export_response(matches, SEARCH_COLUMNS, fmt=fmt, filename=f"search-{params.q[:40]}")
        response["X-Search-Engine"] = "search"
        return response
