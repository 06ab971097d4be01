"""An official mentioned in an article is shown with the post the knowledge base holds for the
article's date: the posts whose attested span takes the day in, or 职务不详."""

import datetime

from articles.models import Article, Mention, Official
from articles.selectors.article_detail import posts_at_time


def test_the_posts_held_on_a_day_are_those_whose_span_takes_it_in(kb):
    yin = kb.officials["阴和俊"]
    on = posts_at_time(official_ids=[yin.pk], day=datetime.date(2025, 6, 1))[yin.pk]
    assert set(on.titles) == {"科技部党组书记", "科技部部长"} and on.known
    after_secretary = posts_at_time(official_ids=[yin.pk], day=datetime.date(2026, 1, 20))[yin.pk]
    assert after_secretary.titles == ("科技部部长",)  # the 党组书记 span ends on 2026-01-12
    before = posts_at_time(official_ids=[yin.pk], day=datetime.date(2020, 1, 1))[yin.pk]
    assert before.text == "职务不详" and not before.known
    assert posts_at_time(official_ids=[yin.pk], day=None)[yin.pk].text == "职务不详"


def test_every_article_mentioning_him_shows_his_post_on_its_date(client, kb):
    yin = kb.officials["阴和俊"]
    articles = Article.objects.filter(mentions__official=yin).distinct()
    assert articles.count() >= 2
    for article in articles:
        page = client.get(f"/articles/{article.pk}/").content.decode()
        expected = posts_at_time(official_ids=[yin.pk], day=article.published_on)[yin.pk].text
        assert f'title="知识库所记、本文日期时的职务">{expected}</span>' in page, article.title
        data = client.get(f"/api/articles/{article.pk}").json()
        assert {"id": yin.pk, "post_at_time": expected}.items() <= next(
            o for o in data["officials"] if o["id"] == yin.pk).items()


def test_an_official_without_dated_posts_is_shown_as_unknown(client, kb):
    article = next(iter(kb.articles.values()))
    stranger = Official.objects.create(name="无职务者")
    Mention.objects.create(article=article, field="body", start=0, end=2, surface=article.body[:2], official=stranger)
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert 'post-at-time--unknown" title="知识库所记、本文日期时的职务">职务不详</span>' in page
