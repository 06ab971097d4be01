"""A real headless Chromium plays an editor: log in, add an article, find it by search at once,
in simplified and in traditional characters.
"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "合肥研制强流直线等离子体装置“赤霄”"
BODY = "中国科学院合肥物质科学研究院大科学团队成功研制强流直线等离子体装置“赤霄”，为产业创新提供科技利器。"


def test_an_editor_adds_an_article_and_finds_it_by_search_in_both_scripts(browser, live_server, editor, xinhua):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "bianji")
    page.fill("input[name=password]", "pw-不要用于生产")
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.get_by_role("link", name="文章").first.is_visible()
    assert page.locator("a[href$='/admin/auth/user/']").count() == 0

    page.goto(live_server.url + "/admin/articles/article/add/")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=body]", BODY)
    page.click(".field-source .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "新华")
    page.click(".select2-results__option:has-text('新华社')")
    page.fill("input[name=published_on]", "2025-01-15")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").first.is_visible(), page.content()[:2000]

    for query in ("赤霄", "產業創新"):
        page.goto(f"{live_server.url}/search/?q={query}")
        result = page.locator("article, li").filter(has_text="强流直线等离子体装置").first
        assert result.is_visible(), f"{query} did not find the new article"
        assert result.locator("mark").count() >= 1
    page.screenshot(path="/tmp/kejiku-editor-search.png", full_page=True)
