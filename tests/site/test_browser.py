"""A real headless Chromium clicks through the site: home → topic → article → official → meeting.

Screenshots go to /tmp/kejiku-*.png (desktop and phone widths).
"""

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp")


def shot(page, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=str(SHOTS / f"kejiku-{name}.png"), full_page=full_page)


def test_click_from_home_to_topic_article_official_and_meeting(browser, live_server, live_kb):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(live_server.url + "/")
    assert page.title() == "首页 · 科技库"
    assert page.get_by_role("heading", name="最新文章").is_visible()
    assert page.locator("svg.chart rect.chart-bar").count() >= 13  # Jan 2025 … Feb 2026
    assert page.get_by_label("搜索").is_visible()
    shot(page, "home")

    page.locator(".home-grid .topic-tree").get_by_role("link", name="国际科技创新中心").click()
    page.wait_for_url(re.compile(r"/topics/chuangxin-zhongxin/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "国际科技创新中心"
    assert page.get_by_role("link", name="订阅本主题（Atom）").is_visible()
    shot(page, "topic")

    page.locator(".article-list").get_by_role("link", name="全国科技工作会议在京召开").click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    assert "丁薛祥出席会议并讲话" in page.locator(".article-head").inner_text()
    body = page.locator(".article-body")
    assert "充分发挥了对中国式现代化建设的战略支撑作用" in body.inner_text()
    mention = body.locator("a.mention--official", has_text="丁薛祥").first
    assert mention.is_visible()
    shot(page, "article")

    mention.click()
    page.wait_for_url(re.compile(r"/officials/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "丁薛祥"
    posts = page.locator(".timeline").first.inner_text()
    assert "中央科技委员会主任" in posts and "2025年1月13日" in posts
    meetings = page.locator("table.data").first
    assert "2026年1月26日" in meetings.inner_text() and "讲话" in meetings.inner_text()
    shot(page, "official")

    meetings.get_by_role("link", name="全国科技工作会议").last.click()
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "全国科技工作会议"
    assert "部署高水平推进三大国际科技创新中心建设" in page.locator("main").inner_text()
    assert "（本次）" in page.locator(".timeline").inner_text()
    shot(page, "meeting")
    assert errors == []


def test_an_official_post_links_to_the_article_that_states_it(browser, live_server, live_kb):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/officials/{live_kb.officials['阴和俊'].pk}/")
    page.locator(".timeline").get_by_role("link", name="我国高水平推进三大国际科技创新中心建设").click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    assert "科技部部长" in page.locator(".article-side").inner_text()


def test_traditional_article_reads_in_simplified_with_highlights_kept(browser, live_server, live_kb):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/articles/{live_kb.articles['繁体'].pk}/")
    assert page.locator(".article-body a.mention--official").first.inner_text() == "習近平"
    page.get_by_role("link", name="以简体阅读").click()
    page.wait_for_url(re.compile(r"\?reading=simplified$"))
    assert page.locator(".article-body a.mention--official").first.inner_text() == "习近平"
    assert "国家信创园" in page.locator(".article-body").inner_text()
    shot(page, "article-simplified")


def test_keyboard_skip_link_and_phone_layout(browser, live_server, live_kb):
    page = browser.new_page(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    shot(page, "home-phone")
    shot(page, "home-phone-top", full_page=False)
    page.goto(f"{live_server.url}/articles/{live_kb.articles['2026会议'].pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "article-phone", full_page=False)


def test_month_archive_and_formulation_answer_january_2026(browser, live_server, live_kb):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/formulations/")
    page.get_by_role("textbox", name="提法").fill("國際科技創新中心")
    page.get_by_role("button", name="分析").click()
    page.wait_for_url(re.compile(r"/formulations/%E5%9B%BD"))
    page.locator("svg.chart a").first.click()  # the first month with uses: January 2026
    page.wait_for_url(re.compile(r"\?month=2026-01$"))
    uses = page.locator("ol.uses").inner_text()
    assert "我国高水平推进三大国际科技创新中心建设" in uses and "時政微觀察" not in uses
    shot(page, "formulation")
    assert os.path.exists(SHOTS / "kejiku-formulation.png")


def test_browse_a_topic_open_a_month_and_filter_it(browser, live_server, live_kb):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/topics/chanye-chuangxin/")
    page.locator("svg.chart a[aria-label^='2026年1月']").click()
    page.wait_for_url(re.compile(r"/archive/2026/01/\?topic=chanye-chuangxin$"))
    assert page.get_by_role("heading", level=1).inner_text() == "2026年1月的文章"
    listing = page.locator(".article-list")
    assert "五部门联合发文推进零碳工厂建设" in listing.inner_text()
    assert "我国高水平推进三大国际科技创新中心建设" not in listing.inner_text()  # not in this topic
    page.get_by_role("link", name="清除筛选").click()
    page.wait_for_url(re.compile(r"/archive/2026/01/$"))
    assert "我国高水平推进三大国际科技创新中心建设" in listing.inner_text()
    page.locator(".period-nav").get_by_role("link", name="2026年2月 ›").click()
    page.wait_for_url(re.compile(r"/archive/2026/02/$"))
    page.locator(".period-nav").get_by_role("link", name="‹ 2026年1月").click()
    page.wait_for_url(re.compile(r"/archive/2026/01/$"))
    page.get_by_label("体裁").select_option(label="访谈")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"kind=interview"))
    assert "坚持创新驱动" in listing.inner_text() and "五部门联合发文" not in listing.inner_text()
    # Period navigation follows the filter: no later month has an interview.
    assert page.locator(".period-nav a[rel=next]").count() == 0
    shot(page, "month")


def test_a_filtered_searchs_export_link_exports_what_the_page_shows(browser, live_server, live_kb):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    source = live_kb.sources["新华社"].name
    page.goto(live_server.url + "/search/?q=全国科技工作会议")
    every_kind = page.locator(".search-results h3 a").all_inner_texts()
    exported = page.request.get(live_server.url + page.get_by_role("link", name="JSON").get_attribute("href")).json()
    assert [row["title"] for row in exported] == every_kind and len({row["kind"] for row in exported}) > 1
    page.locator(".facet--source").get_by_role("link", name=re.compile(source)).first.click()
    page.wait_for_url(re.compile(r"source="))
    shown = page.locator(".search-results h3 a").all_inner_texts()
    href = page.get_by_role("link", name="JSON").get_attribute("href")
    assert "source=" in href
    exported = page.request.get(live_server.url + href).json()
    assert [row["title"] for row in exported] == shown and {row["source"] for row in exported} == {source}
    feed = page.request.get(live_server.url + page.get_by_role("link", name="订阅此检索（Atom）").get_attribute("href"))
    assert feed.ok and all(title in feed.text() for title in shown)


def test_trends_compare_two_queries_by_source_and_a_point_opens_its_search(browser, live_server, live_kb):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + "/trends/")
    boxes = page.locator(".trend-queries input")
    boxes.nth(0).fill("全国科技工作会议")
    boxes.nth(1).fill("科技創新")  # traditional input counts as simplified
    page.get_by_label("时间单位").select_option("year")
    page.get_by_role("button", name="画出趋势").click()
    page.wait_for_selector("svg.trend-chart")
    legend = page.locator(".trend-legend li").all_inner_texts()
    assert len(legend) == 2 and "科技创新" in legend[1]
    shot(page, "trends")
    page.get_by_role("link", name="占比").click()
    page.wait_for_url(re.compile(r"measure=share"))
    assert page.locator("svg.trend-chart").count() == 1
    point = page.locator("svg.trend-chart a").filter(has=page.locator("circle")).first
    label = point.get_attribute("aria-label")
    count = int(re.search(r"：(\d+) 篇 /", label).group(1))
    point.focus()  # points are links reached by keyboard too (lines may overlap under the pointer)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    if count:
        assert page.locator(".query-info strong").first.inner_text() == str(count)


def test_batch_search_counts_a_pasted_list_and_a_count_opens_its_search(browser, live_server, live_kb):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + "/search/batch/")
    page.get_by_label("检索词，每行一个").fill("全国科技工作会议\n零碳工厂\n科技 OR 創新\n(未闭合")
    page.get_by_role("button", name="统计").click()
    page.wait_for_selector(".batch-table")
    rows = page.locator(".batch-table tbody tr")
    assert rows.count() == 4
    assert "左括号" in rows.nth(3).inner_text()  # reported on its own row
    shot(page, "batch")
    total = rows.nth(0).locator("td a").first
    expected = total.inner_text()
    total.click()
    page.wait_for_url(re.compile(r"/search/\?"))
    assert page.locator(".query-info strong").first.inner_text() == expected
