"""Trends: matching articles per period beside all articles in the period, on the seed knowledge
base; the numbers equal what the searches they link to find."""

from __future__ import annotations

import datetime
import html as html_module
import re

import pytest

from articles.models import Article
from search import trends
from search.params import InvalidSearch
from search.service import search
from tests.search.search_kb import build_search_kb, shared_kb

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def kb(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_kb(django_db_blocker, tmp_path_factory.mktemp("trends-index"), build_search_kb) as built:
        yield built


def dated_articles():
    return Article.objects.exclude(published_on=None)


def test_monthly_counts_and_totals_match_the_database_and_the_linked_searches(kb):
    params = trends.check(["全国科技工作会议", "零碳工厂"], interval="month")
    result = trends.trend(params)
    assert [s.q for s in result.series] == ["全国科技工作会议", "零碳工厂"]
    months = [p.period for p in result.periods]
    assert months == sorted(months) and len(set(months)) == len(months)
    for point in result.periods:  # the totals are every dated article of the month
        assert point.total == dated_articles().filter(
            published_on__gte=point.start, published_on__lte=point.end).count()
    for series in result.series:
        assert series.total_count > 0
        for point in series.points:
            linked = search(trends.search_params_for(series, point, params))
            assert linked.count == point.count, (series.q, point.period)
            assert 0 <= point.share <= 1 and (point.total or not point.count)


def test_every_interval_covers_the_same_articles(kb):
    counts = {}
    for interval in trends.INTERVALS:
        result = trends.trend(trends.check(["科技"], interval=interval))
        counts[interval] = sum(p.count for p in result.series[0].points)
        assert sum(p.total for p in result.periods) == dated_articles().count()
    assert len(set(counts.values())) == 1 and counts["year"] > 0


def test_split_by_source_gives_one_series_per_source_that_sums_to_the_whole(kb):
    whole = trends.trend(trends.check(["全国科技工作会议"], interval="year")).series[0]
    split = trends.trend(trends.check(["全国科技工作会议"], interval="year", split="source")).series
    assert len(split) > 1 and all(s.source for s in split)
    assert sum(s.total_count for s in split) == whole.total_count


def test_a_source_filter_and_a_date_range_narrow_counts_and_totals(kb):
    params = trends.check(["全国科技工作会议"], interval="month", sources=["新华社"],
                          date_from=datetime.date(2025, 1, 1), date_to=datetime.date(2025, 12, 31))
    result = trends.trend(params)
    assert all(p.start.year == 2025 for p in result.periods)
    assert sum(p.total for p in result.periods) == dated_articles().filter(
        source__name="新华社", published_on__year=2025).count()


def test_bad_requests_are_refused_like_the_search_refuses_them(kb):
    with pytest.raises(InvalidSearch, match="至少"):
        trends.check([], interval="month")
    with pytest.raises(InvalidSearch, match="最多"):
        trends.check([f"词{n}" for n in range(9)], interval="month")
    with pytest.raises(InvalidSearch, match="时间单位"):
        trends.check(["科技"], interval="decade")
    with pytest.raises(InvalidSearch, match="引号"):
        trends.check(['"科技'], interval="month")


def test_the_api_gives_the_issues_shape_and_the_same_numbers_as_the_service(client, kb):
    response = client.get("/api/trends", {"q": ["新质生产力", "科技金融"], "interval": "month"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["interval"] == "month" and [s["q"] for s in body["series"]] == ["新质生产力", "科技金融"]
    expected = trends.trend(trends.check(["新质生产力", "科技金融"], interval="month"))
    for got, want in zip(body["series"], expected.series, strict=True):
        assert got["points"] == [{"period": p.period, "count": p.count, "total": p.total, "share": p.share}
                                 for p in want.points]
    split = client.get("/api/trends", {"q": "全国科技工作会议", "split": "source", "interval": "year"}).json()
    assert all(s["source"] for s in split["series"])


def test_the_api_refuses_what_cannot_be_counted(client, kb):
    assert client.get("/api/trends", {"q": "(科技"}).status_code == 400
    assert "引号" in client.get("/api/trends", {"q": '"科技'}).json()["error"]
    assert client.get("/api/trends", {"q": "科技", "interval": "decade"}).status_code == 400
    assert client.get("/api/trends", {"q": "科技", "source": "没有这个来源"}).status_code == 404
    assert client.get("/api/trends", {"q": [f"词{n}" for n in range(9)]}).status_code == 400


def test_the_page_draws_every_point_as_a_link_to_its_search_and_offers_the_csv(client, kb):
    page = client.get("/trends/", {"q": ["新质生产力", "科技金融"], "split": "source"})
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg class="trend-chart"' in html and "<script" not in html
    points = re.findall(r'<a href="(/search/\?[^"]+)" aria-label="([^"]+)"', html)
    shown = [(url, int(re.search(r"：(\d+) 篇 /", label).group(1))) for url, label in points]
    assert len({count for _, count in shown}) > 1  # counts, not a flat line
    for url, count in [point for point in shown if point[1]][:8]:  # each point's search finds its number
        linked = client.get(html_module.unescape(url))
        assert linked.status_code == 200
        assert f"共找到 <strong>{count}</strong> 条结果" in linked.content.decode(), (url, count)
    csv_response = client.get("/trends/", {"q": "新质生产力", "format": "csv"})
    lines = b"".join(csv_response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("检索式,规范化检索式,来源,时段,篇数") and len(lines) > 1


def test_the_page_escapes_queries_and_explains_a_malformed_one(client, kb):
    hostile = '<img src=x onerror=alert(1)> 科技'
    html = client.get("/trends/", {"q": hostile}).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html
    bad = client.get("/trends/", {"q": "(科技"})
    assert bad.status_code == 400 and "左括号" in bad.content.decode()
    assert client.get("/trends/").status_code == 200  # the empty form


def test_one_bound_and_nothing_found_is_an_empty_range_not_an_error(client, kb):
    only_end = client.get("/api/trends", {"q": "无此词语九九九", "date_to": "2026-01-31", "source": "新华社"})
    assert only_end.status_code == 200
    body = client.get("/api/trends", {"q": "无此词语九九九", "date_from": "2199-01-01"}).json()
    assert body["series"][0]["points"][0]["count"] == 0
