"""/trends/ — attention over time for up to eight queries, drawn on the server.

Thin: the GET parameters are read here, search.trends counts, search.trend_chart draws, and
every point and table cell links to the search it counts. ?format=csv downloads the numbers.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from articles.exports import Column, export_response
from articles.models import Source
from search import page_links, trends
from search.forms import describe
from search.params import InvalidSearch
from search.trend_chart import COLOURS, trend_svg

TEMPLATE = "search/trends.html"
MEASURES = {"count": "篇数", "share": "占比"}


def _day(value: str | None, param: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidSearch(param, f"日期应写作 2026-01-15，不是“{value}”。") from None


def params_from(query: dict) -> trends.TrendParams:
    """TrendParams from GET parameters (a QueryDict), or InvalidSearch."""
    return trends.check(
        query.getlist("q"), interval=query.get("interval"), sources=query.getlist("source"),
        date_from=_day(query.get("date_from"), "date_from"), date_to=_day(query.get("date_to"), "date_to"),
        split=query.get("split") or None, reprints=query.get("reprints") or None,
    )


def point_url(series: trends.Series, point: trends.Point, params: trends.TrendParams) -> str:
    return page_links.url_for(trends.search_params_for(series, point, params))


# One row per series and period, written by the site's CSV export (BOM, formula guard).
CSV_COLUMNS = [
    Column("q", "检索式", lambda row: row[0].q),
    Column("normalized", "规范化检索式", lambda row: row[0].normalized),
    Column("source", "来源", lambda row: row[0].source or ""),
    Column("period", "时段", lambda row: row[1].period),
    Column("count", "篇数", lambda row: row[1].count),
    Column("total", "该时段文章总数", lambda row: row[1].total),
    Column("share", "占比", lambda row: row[1].share),
]


def _csv(result: trends.Trend) -> HttpResponse:
    rows = [(series, point) for series in result.series for point in series.points]
    return export_response(rows, CSV_COLUMNS, fmt="csv", filename="kejiku-trends")


def trends_page(request: HttpRequest) -> HttpResponse:
    query = request.GET
    measure = query.get("measure") if query.get("measure") in MEASURES else "count"
    context: dict[str, object] = {
        "nav": "trends",
        "queries": (query.getlist("q") + [""] * trends.MAX_QUERIES)[: trends.MAX_QUERIES],
        "intervals": [(key, trends.INTERVAL_LABELS[key]) for key in trends.INTERVALS],
        "interval": query.get("interval") or "month",
        "sources": list(Source.objects.order_by("name").values_list("name", flat=True)),
        "chosen_sources": query.getlist("source"),
        "date_from": query.get("date_from", ""), "date_to": query.get("date_to", ""),
        "split": query.get("split") == "source", "measure": measure,
        "every_printing": query.get("reprints") == "all",
    }
    if not any(q.strip() for q in query.getlist("q")):
        return render(request, TEMPLATE, context)
    try:
        params = params_from(query)
        result = trends.trend(params)
    except InvalidSearch as error:
        context["error"] = describe(error)
        return render(request, TEMPLATE, context, status=error.status)
    if query.get("format") == "csv":
        return _csv(result)
    others = {key: query.getlist(key) for key in query if key not in ("measure", "format")}
    base = reverse("search:trends")
    context.update(
        result=result,
        interval_label=trends.INTERVAL_LABELS[params.interval],
        chart=trend_svg(result.series, measure=measure, link=lambda s, p: point_url(s, p, params),
                        title="、".join(s.label for s in result.series)),
        legend=[(index % COLOURS, series) for index, series in enumerate(result.series)],
        rows=[(period, [(series.points[i], point_url(series, series.points[i], params)) for series in result.series])
              for i, period in enumerate(result.periods)],
        measure_links=[(key, label, f"{base}?{urlencode({**others, 'measure': key}, doseq=True)}")
                       for key, label in MEASURES.items()],
        csv_url=f"{base}?{urlencode({**others, 'format': 'csv'}, doseq=True)}",
        api_url=f"/api/trends?{urlencode(others, doseq=True)}",
    )
    return render(request, TEMPLATE, context)
