"""A record's listing (articles.selectors.listing.articles_mentioning) is in the order of every
other listing, newest first with ties by id, whichever way it reads the record's articles."""

import datetime

import pytest

from articles.models import Mention, Official
from articles.selectors import listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentioned(make_article):
    official = Official.objects.create(name="阴和俊")
    days = [datetime.date(2025, 3, 1), None, datetime.date(2026, 1, 26), datetime.date(2024, 7, 9),
            datetime.date(2026, 1, 26), None, datetime.date(2025, 12, 31)]
    articles = [make_article(title=f"第{n}篇", published_on=day) for n, day in enumerate(days)]
    for article in articles:
        Mention.objects.create(article=article, official=official, start=0, end=3, surface="阴和俊")
    make_article(title="未提及")
    return official, articles


def _order(queryset) -> list[str]:
    return [article.title for article in queryset]


def test_a_record_in_few_articles_lists_them_in_the_listing_order_undated_included(mentioned):
    official, articles = mentioned
    everywhere = listing.article_list_queryset().filter(pk__in=[a.pk for a in articles])
    assert _order(listing.articles_mentioning(entity=official)) == _order(everywhere)
    dated = [t for t in _order(everywhere) if t not in ("第1篇", "第5篇")]
    assert dated == ["第4篇", "第2篇", "第6篇", "第0篇", "第3篇"]  # 2026-01-26 twice: the later id first


def test_a_record_in_many_articles_lists_them_in_the_same_order(mentioned, monkeypatch):
    official, articles = mentioned
    by_ids = _order(listing.articles_mentioning(entity=official))
    monkeypatch.setattr(listing, "FEW_IDS", 3)  # now "many": read through a subquery
    assert _order(listing.articles_mentioning(entity=official)) == by_ids
    assert len(by_ids) == len(articles)


def test_a_record_in_many_dated_articles_is_listed_whole_within_its_kept_months(make_article, monkeypatch):
    """Read through a subquery, a record whose articles are all dated is bounded by its first and
    last month in the kept counts: the same articles in the same order, the months' edges included."""
    from articles.services.tallies import recount

    official = Official.objects.create(name="丁薛祥")
    days = [datetime.date(2025, 11, 1), datetime.date(2026, 3, 31), datetime.date(2026, 1, 26),
            datetime.date(2026, 1, 26), datetime.date(2025, 12, 31)]
    articles = [make_article(title=f"第{n}篇", published_on=day) for n, day in enumerate(days)]
    for article in articles:
        Mention.objects.create(article=article, official=official, start=0, end=3, surface="丁薛祥")
    make_article(title="之后", published_on=datetime.date(2026, 4, 1))
    make_article(title="之前", published_on=datetime.date(2025, 10, 31))
    recount(a.pk for a in articles)
    by_ids = _order(listing.articles_mentioning(entity=official))
    monkeypatch.setattr(listing, "FEW_IDS", 2)
    bounded = listing.articles_mentioning(entity=official)
    assert "2025-11-01" in str(bounded.query) and "2026-04-01" in str(bounded.query)
    assert _order(bounded) == by_ids == ["第1篇", "第3篇", "第2篇", "第4篇", "第0篇"]
