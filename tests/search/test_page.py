"""The search page at /search/, driven through its links like an analyst would."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from search.params import MAX_QUERY_CHARS
from tests.search.search_kb import build_search_kb, shared_kb

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def kb(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_kb(django_db_blocker, tmp_path_factory.mktemp("page-index"), build_search_kb) as built:
        yield built


def get(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:500]
    page = response.content.decode()
    assert "<script" not in page.replace("&lt;script", "")  # CSP: no inline (or any) scripts
    assert " style=" not in page and "<style" not in page
    assert 'method="post"' not in page.lower()  # all state is in GET parameters: every page can be shared
    return page


def section(page: str, css_class: str) -> str:
    tags = "section|nav|ol|div|aside|form"
    found = re.search(rf'<({tags})[^>]*class="[^"]*\b{css_class}\b[^"]*"[^>]*>(.*?)</\1>', page, re.S)
    assert found, f"no .{css_class} on the page"
    return found.group(2)


def links(fragment: str) -> list[tuple[str, str]]:
    """(url, visible text) of every link in an HTML fragment."""
    return [
        (html.unescape(href), re.sub(r"<[^>]+>", "", text).strip())
        for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', fragment, re.S)
    ]


def result_urls(page: str) -> list[str]:
    if 'class="article-list search-hits"' not in page:
        return []
    return re.findall(r'<h3 class="row-title"><a href="([^"]+)"', section(page, "search-hits"))


def result_meta(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>|\s+", " ", meta) for meta in re.findall(r'<p class="row-meta">(.*?)</p>', page, re.S)]


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_empty_box_is_the_start_page(client, kb):
    for url in ["/search/", "/search/?q=", "/search/?q=%20%20"]:
        page = get(client, url)
        assert 'name="q"' in page and "请输入检索词" in page
        assert 'class="no-results"' not in page and "无法检索" not in page


def test_results_are_listed_with_highlights_and_kind_badges(client, kb):
    page = get(client, "/search/?q=阴和俊")
    urls = result_urls(page)
    assert f"/officials/{kb.officials['阴和俊'].pk}/" in urls
    assert f"/articles/{kb.articles['访谈'].pk}/" in urls
    assert "<mark>阴和俊</mark>" in page
    badges = set(re.findall(r'<span class="badge kind-badge">(.*?)</span>', page))
    assert {"官员", "文章"} <= badges
    assert 'value="阴和俊"' in page  # the box keeps the query
    assert re.search(r"共找到 <strong>\d+</strong> 条结果", page)


def test_traditional_query_gives_the_same_page_and_shows_the_normalised_form(client, kb):
    simplified = get(client, "/search/?q=國際科技創新中心".replace("國際科技創新中心", "国际科技创新中心"))
    traditional = get(client, "/search/?q=國際科技創新中心")
    assert result_urls(traditional) == result_urls(simplified) != []
    assert '检索式“<span class="normalized" lang="zh-Hans">国际科技创新中心</span>”' in traditional
    assert "原文“國際科技創新中心”" in traditional
    assert "<mark>國際科技創新中心</mark>" in traditional  # the traditional story is marked in its own script


def test_document_number_in_any_brackets_finds_the_document(client, kb):
    expected = f"/documents/{kb.documents['零碳'].pk}/"
    for typed in ["工信部联节〔2026〕13号", "工信部联节[2026]13号", "工信部联节【2026】13号"]:
        page = get(client, "/search/?" + "q=" + typed.replace("[", "%5B").replace("]", "%5D"))
        assert expected in result_urls(page)
        assert "工信部联节〔2026〕13号</span>" in page


def test_kind_tabs_filter_and_keep_counting_every_kind(client, kb):
    page = get(client, "/search/?q=丁薛祥")
    tabs = dict((text.split()[0], url) for url, text in links(section(page, "kind-tabs")))
    assert {"官员", "会议", "文章"} <= set(tabs)
    officials = get(client, tabs["官员"])
    assert params(tabs["官员"])["kind"] == ["official"]
    assert result_urls(officials) == [f"/officials/{kb.officials['丁薛祥'].pk}/"]
    assert '<strong aria-current="page">官员' in officials
    back = dict((text.split()[0], url) for url, text in links(section(officials, "kind-tabs")))
    assert result_urls(get(client, back["全部"])) == result_urls(page)


def test_facet_links_add_and_remove_a_filter(client, kb):
    start = "/search/?q=科技"
    page = get(client, start)
    sources = links(section(page, "facet--source"))
    assert len(sources) > 1
    url, name = sources[0]
    filtered = get(client, url)
    assert params(url)["source"] == [name] and params(url)["q"] == ["科技"]
    assert result_urls(filtered) and all(name in meta for meta in result_meta(filtered))
    active = re.search(r'<a href="([^"]+)" class="facet-active"', section(filtered, "facet--source"))
    assert active, "the chosen source is shown as chosen"
    assert result_urls(get(client, html.unescape(active.group(1)))) == result_urls(page)
    # A second source is an alternative to the first.
    other_url, other = next((u, n) for u, n in links(section(filtered, "facet--source")) if name not in n)
    assert sorted(params(other_url)["source"]) == sorted([name, other])
    assert len(result_urls(get(client, other_url))) > len(result_urls(filtered))


def test_year_facet_sets_a_date_range(client, kb):
    page = get(client, "/search/?q=科技&page_size=100")
    years = links(section(page, "facet--year"))
    url = next(u for u, t in years if t == "2025年")
    assert params(url)["date_from"] == ["2025-01-01"] and params(url)["date_to"] == ["2025-12-31"]
    in_2025 = get(client, url)
    dates = re.findall(r'<time datetime="(\d{4})-', section(in_2025, "search-hits"))
    assert dates and set(dates) == {"2025"}
    assert 'value="2025-01-01"' in in_2025  # the date form shows the range


def test_date_range_form_keeps_the_other_filters(client, kb):
    page = get(client, "/search/?q=科技&kind=article&sort=date")
    form = section(page, "date-range")
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
    assert hidden == {"q": "科技", "kind": "article", "sort": "date"}
    filtered = get(client, "/search/?q=科技&kind=article&sort=date&date_from=2026-01-20&date_to=2026-01-31")
    dates = re.findall(r'<time datetime="([\d-]+)"', section(filtered, "search-hits"))
    assert dates and all("2026-01-20" <= d <= "2026-01-31" for d in dates)


def test_sort_by_date(client, kb):
    page = get(client, "/search/?q=科技")
    sort_url = next(url for url, text in links(section(page, "sort-links")) if text.startswith("日期"))
    assert params(sort_url)["sort"] == ["date"]
    dates = re.findall(r'<time datetime="([\d-]+)"', section(get(client, sort_url), "search-hits"))
    assert len(dates) > 3 and dates == sorted(dates, reverse=True)


def test_pagination_links_walk_every_result_once(client, kb):
    everything = result_urls(get(client, "/search/?q=科技&page_size=100"))
    seen, url = [], "/search/?q=科技&page_size=4"
    while url:
        page = get(client, url)
        seen += result_urls(page)
        next_link = re.search(r'<a rel="next" href="([^"]+)"', page)
        url = html.unescape(next_link.group(1)) if next_link else None
    assert seen == everything and len(everything) > 8


def test_no_results_shows_the_normalised_query_and_a_correction(client, kb):
    page = get(client, "/search/?q=科拔金融")
    assert result_urls(page) == []
    assert "没有找到包含“科拔金融”" in page
    suggestion = re.search(r'<a class="suggestion" href="([^"]+)">科技金融</a>', page)
    assert suggestion
    assert result_urls(get(client, html.unescape(suggestion.group(1))))


def test_filters_that_leave_nothing_offer_to_drop_them(client, kb):
    page = get(client, "/search/?q=赤霄&kind=official")
    assert result_urls(page) == []
    offer = re.search(r'去掉筛选条件后有 <a href="([^"]+)">(\d+) 条结果</a>', page)
    assert offer and int(offer.group(2)) == len(result_urls(get(client, html.unescape(offer.group(1)))))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=" + "科" * (MAX_QUERY_CHARS + 1), f"请缩短到 {MAX_QUERY_CHARS} 个字符以内"),
        ("q=。。。", "没有可检索的文字"),
        ("q=科技&date_from=2026-13-01", "起始日期"),
        ("q=科技&date_from=2026-02-01&date_to=2026-01-01", "晚于截止日期"),
        ("q=科技&kind=person", "类型"),
        ("q=科技&source=不存在的报纸", "没有名为“不存在的报纸”的来源"),
        ("q=科技&topic=不存在的主题", "没有名为“不存在的主题”的主题"),
        ("q=科技&sort=hot", "排序"),
        ("q=科技&page=abc", "页码"),
        ("q=科技&page=-1", "页码从 1 开始"),
        ("q=科技&page_size=1000", "每页条数"),
        ("q=科技&page=99999999999999999999", "页码不能超过"),
        ("q=科技%00金融", "检索词"),
        ("q=科技&source=%00", "来源"),
        ("q=%ED%A0%80", "没有可检索的文字"),
    ],
)
def test_bad_parameters_answer_400_with_a_human_message(client, kb, query, message):
    page = get(client, "/search/?" + query, status=400)
    assert "无法检索" in page and message in page
    assert 'name="q"' in page  # the box is there to correct it


def test_blank_optional_fields_are_ignored(client, kb):
    """An empty date box or filter value is no filter (forms submit them)."""
    assert result_urls(get(client, "/search/?q=赤霄&date_from=&date_to=&source=&topic=&sort=&page=")) == result_urls(
        get(client, "/search/?q=赤霄")
    )


def test_a_page_past_the_end_is_404(client, kb):
    page = get(client, "/search/?q=赤霄&page=99", status=404)
    assert "第 99 页不存在" in page


def test_typed_and_stored_text_are_escaped(client, kb):
    page = get(client, "/search/?q=赤霄")
    assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page
    assert "<b>标记</b>" not in page and "&lt;img src=x" in page
    echoed = get(client, "/search/?q=%3Cscript%3E赤霄%3C/script%3E")
    assert "<script>赤霄" not in echoed and "&lt;script&gt;赤霄" in echoed


def test_a_search_can_be_subscribed_to_and_exported(client, kb):
    page = get(client, "/search/?q=科技金融")
    assert 'href="/feeds/search/?q=%E7%A7%91%E6%8A%80%E9%87%91%E8%9E%8D"' in page
    assert "format=csv" in page and "format=json" in page
    feed = client.get("/feeds/search/", {"q": "科技金融"})
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
