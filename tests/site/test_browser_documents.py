"""A real headless Chromium on the pages of documents and officials in context: an editor marks a
document 已废止 with its replacement and the document's page, the list, the search facets and the
API say so at once; an official's page shows the career timeline, the meetings with their role
and who served with him, and the comparison of two officials; a story printed twice is one search
result that leads to its other printing. Screenshots go to /tmp/kejiku-*.png.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from articles.models import Article, PolicyDocument, Source
from articles.services import reprints
from search.outbox import drain

pytestmark = pytest.mark.browser


def log_in(page, live_server) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "bianji")
    page.fill("input[name=password]", "pw-不要用于生产")
    with page.expect_navigation():
        page.click("input[type=submit]")


def test_an_editor_repeals_a_document_and_every_page_says_so_at_once(browser, live_server, live_kb, editor):
    document = live_kb.documents["零碳"]
    successor = PolicyDocument.objects.create(title="关于深入推进零碳工厂建设工作的指导意见", kind="意见")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/policydocument/{document.pk}/change/")
    page.select_option("select[name=validity]", "repealed")
    page.click(".field-replaced_by .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "深入推进")
    page.click(".select2-results__option:has-text('深入推进零碳工厂')")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").first.is_visible(), page.content()[:2000]

    page.goto(f"{live_server.url}/documents/{document.pk}/")
    facts = page.locator("dl.facts").inner_text()
    assert "已废止" in facts and successor.title in facts
    assert page.locator("h2", has_text="提及该文件的其他报道").is_visible()
    shot_path = "/tmp/kejiku-document.png"
    page.screenshot(path=shot_path, full_page=True)
    page.get_by_role("link", name=f"《{successor.title}》").first.click()
    page.wait_for_url(re.compile(rf"/documents/{successor.pk}/"))

    page.goto(f"{live_server.url}/documents/?validity=repealed")
    assert document.title in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/search/?q=零碳工厂&kind=policy_document")
    assert re.search(r"已废止\s*1", page.locator(".search-side").inner_text())
    api = page.request.get(f"{live_server.url}/api/policy-documents/{document.pk}").json()
    assert api["validity"] == "repealed" and api["replaced_by"]["id"] == successor.pk


def test_an_officials_page_then_the_comparison_of_two_officials(browser, live_server, live_kb):
    yin, ding = live_kb.officials["阴和俊"], live_kb.officials["丁薛祥"]
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/officials/{yin.pk}/")
    timeline = page.locator("ol.timeline").inner_text()
    assert "部长" in timeline and "见" in timeline  # each post with the article stating it
    meetings = page.locator("section[aria-labelledby=meetings-h]").inner_text()
    assert "全国科技工作会议" in meetings
    assert page.locator("svg.network-chart").count() == 1
    ties = page.locator("ul.ties li").filter(has_text="丁薛祥")
    assert "同会" in ties.inner_text()
    page.screenshot(path="/tmp/kejiku-official-context.png", full_page=True)

    ties.get_by_role("link", name="比较").click()
    page.wait_for_url(re.compile(r"/officials/compare/\?"))
    assert f"a={yin.pk}" in page.url and f"b={ding.pk}" in page.url
    assert page.locator("input[name=a]").input_value() == "阴和俊"  # names, though ids were given
    shared = page.locator("section[aria-labelledby=meet-h]").inner_text()
    assert "全国科技工作会议" in shared
    page.screenshot(path="/tmp/kejiku-compare.png", full_page=True)
    # The form compares by name too, in either script.
    page.goto(f"{live_server.url}/officials/compare/")
    page.fill("input[name=a]", "陰和俊")
    page.fill("input[name=b]", "丁薛祥")
    with page.expect_navigation():
        page.locator("form.compare-form button").click()
    assert "全国科技工作会议" in page.locator("section[aria-labelledby=meet-h]").inner_text()
    assert not errors


def test_a_reprinted_story_is_one_result_that_leads_to_its_other_printings(browser, live_server, live_kb):
    texts = Path(__file__).resolve().parents[1] / "data" / "reprints" / "texts"
    for ident, outlet, script in (("macau_people", "人民网", "simplified"), ("macau_hkej", "信报", "traditional")):
        title, _, body = (texts / f"{ident}.txt").read_text(encoding="utf-8").partition("\n\n")
        source, _ = Source.objects.get_or_create(name=outlet)
        article = Article.objects.create(title=title, body=body, source=source, script=script,
                                         published_on=datetime.date(2025, 11, 28))
        reprints.assign_cluster(article)
    drain()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{live_server.url}/search/?q=澳門基金會")
    assert page.locator(".query-info strong").first.inner_text() == "1"
    page.get_by_role("link", name="另见 1 家媒体").click()
    page.wait_for_url(re.compile(r"/articles/\d+/#reprints-h"))
    assert "同一通稿的其他刊载" in page.locator("section.reprints").inner_text()
    page.goto(f"{live_server.url}/search/?q=澳門基金會")
    page.get_by_role("link", name="每次刊印分别列出").click()
    page.wait_for_url(re.compile(r"reprints=all"))
    assert page.locator(".query-info strong").first.inner_text() == "2"
