"""Every page renders the knowledge base's content; bad input is a 4xx, never a 500."""

import re

import pytest
from django.urls import reverse

from articles.models import Article

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_base_layout_has_landmarks_search_and_nav(client, kb):
    html = page(client, "/")
    assert '<html lang="zh-Hans">' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert '<form class="site-search" role="search" action="/search/" method="get">' in html
    assert '<label for="site-search-q">搜索</label>' in html
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert re.findall(r">(\S+)</a>", nav) == ["首页", "主题", "日期", "官员", "会议", "文件", "提法", "趋势", "批量检索"]
    assert 'aria-current="page">首页' in nav
    assert "<script" not in html and "style=" not in html


def test_home_shows_latest_topics_timeline_meetings_mentions_and_rising(client, kb):
    html = page(client, "/")
    assert html.index("時政微觀察") < html.index("我国高水平推进三大国际科技创新中心建设")
    assert '<a href="/topics/keji-zhengce/">科技政策</a>' in html
    assert "/topics/%E6%96%B0%E8%B4%A8%E7%94%9F%E4%BA%A7%E5%8A%9B/" in html  # unicode slug
    assert '<svg class="chart"' in html and "2026年1月：5 篇" in html
    assert 'href="/archive/2026/01/"' in html
    assert "中共中央政治局第二十四次集体学习" in html
    # The calendar month (Nov 2026 on the test clock or any other) has no mentions: the page says
    # which month it shows instead.
    assert "提及最多" in html
    assert "上升最快的提法" in html and "/formulations/" in html


def test_topic_page_lists_its_and_its_childrens_articles_with_timeline_and_top_entities(client, kb):
    html = page(client, "/topics/keji-zhengce/")
    assert "<h1>科技政策</h1>" in html
    assert "国际科技创新中心</a>" in html  # child topic
    assert "我国高水平推进三大国际科技创新中心建设" in html  # article of the child topic
    assert "全国科技工作会议第二次全体会议在京举行" in html
    assert '<svg class="chart"' in html and 'href="/archive/2026/01/?topic=keji-zhengce"' in html
    assert f'<a href="/officials/{kb.officials["丁薛祥"].pk}/">丁薛祥</a>' in html
    assert 'href="/feeds/topics/keji-zhengce/"' in html
    assert 'type="application/atom+xml"' in html


def test_topic_page_with_unicode_slug_and_unknown_topic(client, kb):
    html = page(client, reverse("articles:topic", kwargs={"slug": "新质生产力"}))
    assert "坚持创新驱动 引领发展新质生产力" in html
    page(client, "/topics/no-such-topic/", 404)


def test_year_month_day_archives_with_period_navigation(client, kb):
    year = page(client, "/archive/2026/")
    assert "2026年的文章" in year and 'href="/archive/2026/01/' in year
    assert 'rel="prev" href="/archive/2025/' in year
    month = page(client, "/archive/2026/01/")
    assert "2026年1月的文章" in month
    assert "我国高水平推进三大国际科技创新中心建设" in month
    assert "時政微觀察" not in month
    assert 'rel="prev" href="/archive/2025/12/' not in month  # no articles in Dec 2025: skip to Jan 2025
    assert 'rel="prev" href="/archive/2025/01/' in month
    assert 'rel="next" href="/archive/2026/02/' in month
    day = page(client, "/archive/2026/01/26/")
    assert "五部门联合发文推进零碳工厂建设" in day and "科技型中小企业纳入梯度培育范围" in day
    assert "我国高水平推进三大国际科技创新中心建设" not in day


@pytest.mark.parametrize("url", ["/archive/2026/13/", "/archive/2026/02/30/", "/archive/1999/", "/archive/2026/1/"])
def test_impossible_or_empty_periods_are_404(client, kb, url):
    page(client, url, 404)


def test_archive_filters_by_source_and_kind_and_keep_filters_in_navigation(client, kb):
    xinhua = kb.sources["新华社"].pk
    html = page(client, f"/archive/2026/01/?source={xinhua}")
    assert "我国高水平推进三大国际科技创新中心建设" in html
    assert "五部门联合发文推进零碳工厂建设" not in html
    assert f'rel="prev" href="/archive/2025/01/?source={xinhua}"' in html
    html = page(client, "/archive/2026/?kind=interview")
    assert "坚持创新驱动" in html and "五部门联合发文" not in html
    html = page(client, "/archive/2026/01/?topic=chanye-chuangxin")
    assert "五部门联合发文推进零碳工厂建设" in html and "我国高水平推进三大国际科技创新中心建设" not in html


def test_a_filter_that_matches_nothing_is_an_empty_page_not_a_404(client, kb):
    html = page(client, "/archive/2026/02/?kind=notice")
    assert "没有符合条件的文章" in html


@pytest.mark.parametrize("query", ["source=999999", "source=abc", "kind=poem", "topic=nope", "date_from=2026-99-01"])
def test_bad_filter_values_are_ignored_with_a_notice(client, kb, query):
    html = page(client, f"/articles/?{query}")
    assert "以下筛选条件无效，已忽略" in html
    assert "我国高水平推进三大国际科技创新中心建设" in html  # the listing is unfiltered


def test_articles_listing_filters_by_topic_and_date_range(client, kb):
    html = page(client, "/articles/?topic=chanye-chuangxin&date_from=2026-01-20&date_to=2026-01-31")
    assert "五部门联合发文推进零碳工厂建设" in html  # 绿色制造 is under 产业创新
    assert "坚持创新驱动" not in html  # 2026-01-12, before the range
    assert "我国高水平推进三大国际科技创新中心建设" not in html


def test_pagination_and_a_bad_page_number(client, kb):
    page(client, "/articles/?page=1")
    page(client, "/articles/?page=99", 404)
    page(client, "/articles/?page=abc", 404)


def test_article_page_shows_metadata_and_linked_mentions(client, kb):
    article = kb.articles["2026会议"]
    html = page(client, f"/articles/{article.pk}/")
    assert "<h1><a class=\"mention mention--meeting\"" in html  # the title's mention
    assert "丁薛祥出席会议并讲话" in html  # subtitle
    for fact in ("中国高新技术产业导报", "2026年2月2日", "1版", "新华社北京1月26日电", "王晓",
                 "fixtures/seeds/000_b8c2b6b6d4843060.txt:11-31"):
        assert fact in html, fact
    ding = kb.officials["丁薛祥"].pk
    assert f'<a class="mention mention--official" href="/officials/{ding}/" title="官员：丁薛祥">丁薛祥</a>指出' in html
    assert "充分发挥了对中国式现代化建设的战略支撑作用" in html  # layout break joined
    assert "中共中央政治局常委" in html  # stated posts
    assert 'id="p0"' in html


def test_article_text_with_markup_is_escaped(client, kb):
    article = kb.articles["磁体"]
    article.mentions.all().delete()
    Article.objects.filter(pk=article.pk).update(body='<img src=x onerror="alert(1)">左图：科研人员准备实验。')
    html = page(client, f"/articles/{article.pk}/")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;左图" in html


def test_traditional_article_toggles_to_a_simplified_reading_with_highlights(client, kb):
    article = kb.articles["繁体"]
    xi = kb.officials["习近平"].pk
    original = page(client, f"/articles/{article.pk}/")
    assert 'lang="zh-Hant"' in original
    assert f'href="/officials/{xi}/" title="官员：习近平">習近平</a>總書記' in original
    assert "?reading=simplified" in original
    reading = page(client, f"/articles/{article.pk}/?reading=simplified")
    assert 'lang="zh-Hans"' in reading
    assert f'href="/officials/{xi}/" title="官员：习近平">习近平</a>总书记' in reading
    assert "时政微观察" in reading and "查看繁体原文" in reading


def test_related_articles_fall_back_to_shared_topics_and_entities(client, kb):
    article = kb.articles["2025会议"]
    html = page(client, f"/articles/{article.pk}/")
    related = html[html.index('id="related-h"'):]
    assert "全国科技工作会议在京召开" in related  # the 2026 conference: same official and series topic


def test_unknown_article_is_404(client, kb):
    page(client, "/articles/999999/", 404)
