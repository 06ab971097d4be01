"""Hostile or malformed input is answered with a 4xx or an ignored-filter notice, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

URLS = [
    "/archive/0000/", "/archive/9999/12/31/", "/archive/2026/00/", "/archive/2026/02/29/", "/archive/2026/01/32/",
    "/archive/2026/01/?page=0", "/archive/2026/?source=1%00", "/articles/?date_from=2026-02-30",
    "/articles/?date_from=abc&date_to=2026-01-01", "/articles/?topic=%3Cscript%3E", "/articles/?page=-1",
    "/articles/?source=1&source=2", "/articles/?format=", "/articles/?format=csv&kind=%E2%80%AE",
    "/topics/%3Cscript%3E/", "/topics/..%2F..%2F/", "/officials/0/", "/officials/?name=%25", "/meetings/?kind=x",
    "/documents/?issuer=-1", "/documents/?kind=%E6%84%8F", "/organizations/?name=" + "长" * 300,
    "/formulations/%3Cscript%3Ealert(1)%3C%2Fscript%3E/", "/formulations/" + "科" * 500 + "/",
    "/formulations/?phrase=%20%20", "/formulations/国际科技创新中心/?page=999", "/formulations/国际科技创新中心/?month=0-0",
    "/feeds/search/?q=%22%22%22", "/feeds/search/?q=AND%20OR%20NOT", "/feeds/search/?q=*", "/feeds/topics/%20/",
    "/feeds/officials/0/", "/exports/search/?q=%3C&format=json", "/exports/search/?q=x&format=../../etc",
    "/sitemap.xml?p=abc", "/sitemap.xml?p=999", "/articles/1/?reading=<script>",
    "/api/articles?page_size=0", "/api/articles?date_to=yesterday", "/api/articles/0", "/api/officials?topic=",
    "/api/policy-documents?issuer=abc", "/api/meetings?page=99999999999999999999",
]


@pytest.mark.parametrize("url", URLS)
def test_never_a_server_error(client, kb, url):
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"<script>alert(1)" not in body


def test_markup_in_a_phrase_is_shown_escaped(client, kb):
    response = client.get("/formulations/%3Cb%3E粗体/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<b>粗体" not in html and "&lt;b&gt;粗体" in html


def test_not_found_pages_are_chinese_and_in_the_site_layout(client, kb, settings):
    settings.DEBUG = False
    html = client.get("/officials/999999/").content.decode()
    assert "页面不存在" in html and '<nav class="site-nav"' in html
