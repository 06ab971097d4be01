"""Reprints (通稿) in search: the printings of one story are one result, its best-ranked printing,
marked 另见 N 家媒体, and count once in the count, the facets, trends and batch counts;
reprints=all lists and counts every printing. On real printings (tests/data/reprints)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article, Source
from articles.selectors.reprints import cluster_key
from articles.services import reprints
from search import batch, trends
from search.params import make_params
from search.service import search

pytestmark = pytest.mark.django_db(transaction=True)

DATA = Path(__file__).resolve().parents[1] / "data" / "reprints" / "texts"

# (text, outlet, day, script): two stories printed several times, and one printed once
PRINTINGS = [
    ("macau_people", "人民网", datetime.date(2025, 11, 28), "simplified"),
    ("macau_hkej", "信报", datetime.date(2025, 11, 28), "traditional"),
    ("macau_rthk", "香港电台", datetime.date(2025, 11, 29), "traditional"),
    ("jlee_xinhua", "新华社", datetime.date(2025, 11, 27), "simplified"),
    ("jlee_people", "人民网", datetime.date(2025, 11, 27), "simplified"),
    ("nfra_people", "人民网", datetime.date(2025, 11, 29), "simplified"),
]


@pytest.fixture
def printed(search_index):
    """The printings, each put in its story as an import does; the index follows every commit."""
    articles = {}
    for ident, outlet, day, script in PRINTINGS:
        title, _, body = (DATA / f"{ident}.txt").read_text(encoding="utf-8").partition("\n\n")
        source, _ = Source.objects.get_or_create(name=outlet)
        article = Article.objects.create(title=title, body=body, source=source, published_on=day, script=script)
        reprints.assign_cluster(article)
        articles[ident] = article
    return {ident: Article.objects.get(pk=article.pk) for ident, article in articles.items()}


def stories_of(ids) -> list[int]:
    return [cluster_key(Article.objects.get(pk=pk)) for pk in ids]


def test_the_fixture_holds_the_stories_the_detector_finds(printed):
    macau = {cluster_key(printed[ident]) for ident in ("macau_people", "macau_hkej", "macau_rthk")}
    jlee = {cluster_key(printed[ident]) for ident in ("jlee_xinhua", "jlee_people")}
    assert len(macau) == len(jlee) == 1 and macau != jlee
    assert cluster_key(printed["nfra_people"]) not in macau | jlee


def test_a_story_is_one_result_with_the_other_outlets_named(printed):
    collapsed = search(make_params(q="澳门基金会"))
    every = search(make_params(q="澳門基金會", reprints="all"))  # traditional input, same search
    assert every.count == 3 and len(every.hits) == 3
    assert collapsed.count == 1 and len(collapsed.hits) == 1
    hit = collapsed.hits[0]
    assert hit.id == every.hits[0].id  # the story's best-ranked printing stands for it
    assert (hit.printings, hit.outlets, hit.reprint_note) == (3, 3, "另见 2 家媒体")
    assert collapsed.facets["kind"] == {"article": 1} and every.facets["kind"] == {"article": 3}


def test_collapsing_keeps_the_ranking_and_drops_only_later_printings(printed):
    for sort in ("relevance", "date"):
        every = search(make_params(q="香港", reprints="all", sort=sort, page_size=100))
        collapsed = search(make_params(q="香港", sort=sort, page_size=100))
        first_of_story: dict[int, int] = {}
        for hit, story in zip(every.hits, stories_of(h.id for h in every.hits), strict=True):
            first_of_story.setdefault(story, hit.id)
        assert [h.id for h in collapsed.hits] == list(first_of_story.values())
        assert collapsed.count == len(first_of_story) < every.count
        # Every facet counts stories: the years add up to the count.
        assert sum(collapsed.facets["year"].values()) == collapsed.count


def test_pages_of_a_collapsed_search_follow_each_other_without_repeats(printed):
    whole = [h.id for h in search(make_params(q="香港", page_size=100)).hits]
    paged = []
    for page in range(1, len(whole) + 1):
        outcome = search(make_params(q="香港", page=page, page_size=1))
        assert outcome.num_pages == len(whole)
        paged.extend(h.id for h in outcome.hits)
    assert paged == whole and len(set(stories_of(paged))) == len(paged)


def test_source_facet_counts_the_stories_each_outlet_printed(printed):
    outcome = search(make_params(q="香港"))
    for source, n in outcome.facets["source"].items():
        printed_there = Article.objects.filter(source__name=source, pk__in=_matching_ids("香港"))
        assert n == len({cluster_key(a) for a in printed_there})


def _matching_ids(q: str) -> list[int]:
    return [h.id for h in search(make_params(q=q, reprints="all", page_size=100)).hits]


def test_trends_count_stories_by_default_and_printings_on_request(printed):
    by_story = trends.trend(trends.check(["澳门基金会"], interval="day"))
    by_printing = trends.trend(trends.check(["澳门基金会"], interval="day", reprints="all"))
    stories = {p.period: p.count for p in by_story.series[0].points if p.count}
    printings = {p.period: p.count for p in by_printing.series[0].points if p.count}
    assert printings == {"2025-11-28": 2, "2025-11-29": 1}
    assert stories == {"2025-11-28": 1, "2025-11-29": 1}  # one story each day it was printed
    totals = {p.period: p.total for p in by_story.periods}
    for day, total in totals.items():
        dated = Article.objects.filter(published_on=datetime.date.fromisoformat(day))
        assert total == len({cluster_key(a) for a in dated})
    for point in by_story.series[0].points:  # each point's link finds what it counted
        assert search(trends.search_params_for(by_story.series[0], point, by_story.params)).count == point.count


def test_batch_counts_stories_unless_asked_for_printings(printed):
    (row,) = batch.count(["澳门基金会"]).rows
    assert row.total == 1 and row.by_source == {"人民网": 1, "信报": 1, "香港电台": 1}
    (row,) = batch.count(["澳门基金会"], reprints="all").rows
    assert row.total == 3


def test_the_page_marks_the_story_and_offers_every_printing(client, printed):
    page = client.get(reverse("search:search"), {"q": "澳门基金会"}).content.decode()
    assert "共找到 <strong>1</strong> 条结果" in page and "另见 2 家媒体" in page
    assert "#reprints-h" in page and "reprints=all" in page
    every = client.get(reverse("search:search"), {"q": "澳门基金会", "reprints": "all"}).content.decode()
    assert "共找到 <strong>3</strong> 条结果" in every


def test_the_api_counts_stories_and_says_how_often_each_was_printed(client, printed):
    body = client.get("/api/search", {"q": "澳门基金会"}).json()
    assert body["count"] == 1 and body["results"][0]["outlets"] == 3 and body["results"][0]["printings"] == 3
    assert client.get("/api/search", {"q": "澳门基金会", "reprints": "all"}).json()["count"] == 3
    assert client.get("/api/search", {"q": "澳门基金会", "reprints": "some"}).status_code == 400
    trend = client.get("/api/trends", {"q": "澳门基金会", "interval": "year"}).json()
    assert trend["series"][0]["points"][0]["count"] == 1
