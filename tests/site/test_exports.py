"""CSV (UTF-8 with BOM, formula-safe) and JSON exports of listings, streamed."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from articles.exports import guard
from articles.models import Article

pytestmark = pytest.mark.django_db


def download(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    if status != 200:
        return response
    assert isinstance(response, StreamingHttpResponse)
    return response, b"".join(response.streaming_content)


def test_csv_has_a_bom_chinese_headers_and_every_filtered_row(client, kb):
    response, body = download(client, "/archive/2026/01/?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:6] == ["编号", "出版日期", "来源", "体裁", "引题", "标题"]
    assert len(rows) == 1 + 5  # every January 2026 article, not one page
    assert {r[5] for r in rows[1:]} >= {"我国高水平推进三大国际科技创新中心建设", "坚持创新驱动 引领发展新质生产力"}


def test_csv_guards_formula_injection(client, kb):
    Article.objects.filter(pk=kb.articles["磁体"].pk).update(title="=HYPERLINK(\"http://x\")", kicker="+1", page="-2")
    _, body = download(client, f"/sources/{kb.sources['导报'].pk}/?format=csv&kind=caption")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["标题"] == "'=HYPERLINK(\"http://x\")"
    assert row["引题"] == "'+1" and row["版次"] == "'-2"
    assert [guard(v) for v in ("@SUM(A1)", "\t=1", "ok", 5)] == ["'@SUM(A1)", "'\t=1", "ok", 5]


def test_json_export_of_an_entity_listing(client, kb):
    response, body = download(client, "/documents/?format=json&kind=意见")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    [row] = json.loads(body)
    issuers = set(row.pop("issuers").split("、"))
    assert issuers == {"工业和信息化部", "国家发展和改革委员会", "生态环境部", "国务院国有资产监督管理委员会", "国家能源局"}
    assert row == {
        "id": kb.documents["零碳"].pk, "title": "关于开展零碳工厂建设工作的指导意见",
        "doc_number": "工信部联节〔2026〕13号", "kind": "意见",
        "issued_on": "", "effective_on": "", "article_count": 1, "url": f"/documents/{kb.documents['零碳'].pk}/",
    }


@pytest.mark.parametrize("url", [
    "/articles/", "/archive/", "/archive/2026/", "/topics/keji-zhengce/", "/officials/", "/meetings/",
    "/documents/", "/organizations/", "/sources/",
])
def test_every_listing_offers_both_exports(client, kb, url):
    html = client.get(url).content.decode()
    assert "format=csv" in html and "format=json" in html
    _, body = download(client, f"{url}?format=json")
    assert isinstance(json.loads(body), list)


def test_entity_page_listings_export(client, kb):
    official = kb.officials["丁薛祥"]
    _, body = download(client, f"/officials/{official.pk}/?format=json")
    assert {row["title"] for row in json.loads(body)} == {"全国科技工作会议在京召开"}
    _, body = download(client, f"/meetings/{kb.meetings['2026'].pk}/?format=csv")
    assert "我国高水平推进三大国际科技创新中心建设" in body.decode("utf-8-sig")


def test_formulation_uses_export(client, indexed_kb):
    _, body = download(client, "/formulations/国际科技创新中心/?format=csv&month=2026-01")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["文章编号", "出版日期", "来源"]
    assert {r[1][:7] for r in rows[1:]} == {"2026-01"}


def test_search_result_export(client, indexed_kb):
    response, body = download(client, "/exports/search/?q=零碳工厂&format=json")
    assert response["X-Search-Engine"] == "search"
    rows = json.loads(body)
    # the page's results, every kind, in its order (the API answers from the same service)
    shown = client.get("/api/search", {"q": "零碳工厂"}).json()["results"]
    assert [(row["title"], row["url"]) for row in rows] == [(hit["title"], hit["url"]) for hit in shown]
    assert [row["kind"] for row in rows] == ["文章", "政策文件"]
    assert rows[0]["source"] and rows[0]["date"]
    csv_body = download(client, "/exports/search/?q=零碳工厂&kind=article&format=csv")[1].decode()
    assert csv_body.count("零碳工厂") == 1 and csv_body.startswith("\ufeff类型,编号,标题,日期,来源,主题,链接")


def test_bad_export_requests_are_400(client, kb):
    assert download(client, "/articles/?format=xml", 400).json()["error"].startswith("unknown format")
    assert "来源" in download(client, "/articles/?format=csv&source=999999", 400).json()["error"]
    # the search page's own validation, with its message
    assert download(client, "/exports/search/?format=csv", 400).json() == {"error": "q: 请输入要检索的词语。"}
    assert "来源" in download(client, "/exports/search/?q=科技&source=没有这个来源", 400).json()["error"]
    assert download(client, "/formulations/国际科技创新中心/?format=csv&month=13", 400).status_code == 400
