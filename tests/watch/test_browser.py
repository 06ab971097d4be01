"""A real headless Chromium plays an analyst: log in, save a search with its filters, watch an
official from his page, and find both, with what is new, on /watch/. Screenshot: /tmp/kejiku-watch.png."""

import re

import pytest

from tests.watch.conftest import GROUPS, PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_kb(transactional_db, search_index, live_server):
    from search.outbox import drain
    from tests.site.kb import build

    kb = build()
    drain()
    return kb


def test_an_analyst_saves_a_search_and_watches_an_official(browser, live_server, live_kb):
    make_user("fenxi", group=GROUPS.ANALYST_GROUP)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + "/watch/")  # not signed in: the login page, then back here
    page.fill("input[name=username]", "fenxi")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/watch/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "我的检索与关注"
    assert "还没有保存的检索" in page.locator("main").inner_text()
    errors: list[str] = []  # from here on: the site's pages (the admin's login asks for a /favicon.ico)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # The link the search page carries: the search's own parameters.
    page.goto(live_server.url + "/watch/save/?q=国际科技创新中心&source=新华社&sort=date")
    assert "来源：新华社；排序：日期（新→旧）" in page.locator("dl.facts").inner_text()
    page.fill("input[name=name]", "科创中心（新华社）")
    page.select_option("select[name=frequency]", "weekly")
    with page.expect_navigation():
        page.get_by_role("button", name="保存此检索").click()
    page.wait_for_url(re.compile(r"/watch/searches/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "科创中心（新华社）"
    assert "已保存检索“科创中心（新华社）”" in page.locator(".watch-messages").inner_text()
    assert "我国高水平推进三大国际科技创新中心建设" in page.locator(".article-list").inner_text()
    feed = page.locator("a.feed-link").get_attribute("href")
    assert re.fullmatch(r"/watch/feeds/[A-Za-z0-9_-]{43}/", feed)

    page.goto(f"{live_server.url}/officials/{live_kb.officials['阴和俊'].pk}/")
    page.get_by_role("link", name="关注阴和俊").click()
    page.wait_for_url(re.compile(r"/watch/add/\?official=\d+$"))
    with page.expect_navigation():
        page.get_by_role("button", name="关注").click()
    page.wait_for_url(re.compile(r"/watch/watches/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "关注官员：阴和俊"

    page.goto(live_server.url + "/watch/")
    main = page.locator("main").inner_text()
    assert "科创中心（新华社）" in main and "来源：新华社；排序：日期（新→旧）" in main and "每周" in main
    assert page.locator(".watch-table").nth(1).get_by_role("link", name="阴和俊").is_visible()
    page.screenshot(path="/tmp/kejiku-watch.png", full_page=True)
    assert errors == []
