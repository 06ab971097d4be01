"""The entity API: documented shapes, filters, pagination, linked records, 400 and 404 errors."""

import pytest

pytestmark = pytest.mark.django_db


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


def test_articles_list_shape_and_paging(client, kb):
    data = get(client, "/api/articles?page_size=4")
    assert set(data) == {"count", "page", "page_size", "num_pages", "results"}
    assert data["count"] == 10 and data["num_pages"] == 3 and len(data["results"]) == 4
    first = data["results"][0]
    assert set(first) == {"id", "title", "kicker", "published_on", "source", "kind", "script", "page", "topics", "url"}
    assert first["published_on"] == "2026-02-10" and first["script"] == "traditional"
    assert first["source"] == {"id": kb.sources["央视"].pk, "name": "央视新闻客户端", "url": f"/sources/{kb.sources['央视'].pk}/"}
    assert get(client, "/api/articles?page_size=4&page=3")["results"][-1]["published_on"] == "2025-01-13"


def test_articles_filters(client, kb):
    data = get(client, "/api/articles?topic=chanye-chuangxin&date_from=2026-01-20&date_to=2026-01-31")
    assert {a["title"] for a in data["results"]} == {"五部门联合发文推进零碳工厂建设", "科技型中小企业纳入梯度培育范围"}
    data = get(client, f"/api/articles?source={kb.sources['新华社'].pk}&kind=news")
    assert data["count"] == 2


@pytest.mark.parametrize("query,fragment", [
    ("kind=poem", "kind"),
    ("kind=", "kind"),
    ("date_from=2026-13-01", "date_from"),
    ("date_from=0", "date_from"),
    ("date_to=2026-01-01T00:00:00", "date_to"),
    ("page=0", "page"),
    ("page_size=1000", "page_size"),
    ("source=abc", "source"),
    ("source=0", "source"),
])
def test_params_the_schema_refuses_are_400_with_an_error(client, kb, query, fragment):
    data = get(client, f"/api/articles?{query}", 400)
    assert set(data) == {"error"} and fragment in data["error"]


@pytest.mark.parametrize("url,error", [
    ("/api/articles?topic=nope", "topic nope not found"),
    ("/api/articles?source=999999", "source 999999 not found"),
    ("/api/officials?topic=nope", "topic nope not found"),
    ("/api/meetings?source=999999", "source 999999 not found"),
    ("/api/policy-documents?issuer=999999", "issuer 999999 not found"),
])
def test_a_filter_naming_no_record_is_404(client, kb, url, error):
    assert get(client, url, 404) == {"error": error}


def test_a_date_range_ending_before_it_starts_is_empty(client, kb):
    data = get(client, "/api/articles?date_from=2026-02-01&date_to=2026-01-01")
    assert (data["count"], data["num_pages"], data["results"]) == (0, 1, [])


def test_page_past_the_end_is_404(client, kb):
    assert "page 9" in get(client, "/api/articles?page=9", 404)["error"]


def test_article_detail_with_linked_records(client, kb):
    article = kb.articles["零碳"]
    data = get(client, f"/api/articles/{article.pk}")
    assert data["title"] == "五部门联合发文推进零碳工厂建设"
    assert data["body"].startswith("近日,工业和信息化部")
    assert [d["doc_number"] for d in data["documents"]] == ["工信部联节〔2026〕13号"]
    assert {o["name"] for o in data["organizations"]} >= {"工业和信息化部", "国家能源局"}
    assert get(client, "/api/articles/999999", 404) == {"error": "article 999999 not found"}


def test_official_detail_posts_with_dates_and_article_ids(client, kb):
    ding = kb.officials["丁薛祥"]
    data = get(client, f"/api/officials/{ding.pk}")
    posts = {p["full_title"]: p for p in data["posts"]}
    assert set(posts) == {"中共中央政治局常委", "中央科技委员会主任"}
    assert posts["中央科技委员会主任"]["first_seen"] == "2025-01-13"
    assert posts["中央科技委员会主任"]["last_seen"] == "2026-01-26"
    assert set(posts["中央科技委员会主任"]["article_ids"]) == {kb.articles["2025会议"].pk, kb.articles["2026会议"].pk}
    assert [(m["meeting"]["start_date"], m["role"]) for m in data["meetings"]] == [
        ("2025-01-13", "spoke"), ("2026-01-26", "spoke")
    ]
    assert data["article_count"] == 2


def test_officials_list_filters(client, kb):
    data = get(client, f"/api/officials?source={kb.sources['央视'].pk}")
    assert [o["name"] for o in data["results"]] == ["习近平"]
    data = get(client, "/api/officials?kind=interview")
    assert data["count"] == 0  # the interview names no official in its body, only in the kicker
    data = get(client, "/api/officials?date_from=2026-01-27&date_to=2026-01-27")
    assert [o["name"] for o in data["results"]] == ["阴和俊"]


def test_meetings_list_and_detail(client, kb):
    data = get(client, "/api/meetings?kind=work_conference&date_from=2026-01-01")
    assert [m["start_date"] for m in data["results"]] == ["2026-01-26"]
    assert get(client, "/api/meetings?kind=banquet", 400)["error"].startswith("kind")
    meeting = kb.meetings["发布会"]
    data = get(client, f"/api/meetings/{meeting.pk}")
    assert data["series"]["kind"] == "press_conference"
    assert data["documents"][0]["document"]["title"] == "关于进一步支持城市更新行动若干措施的通知"
    assert data["participants"][0]["official"]["name"] == "谢海霞"
    assert data["article_ids"] == [kb.articles["城市更新"].pk]


def test_policy_documents_list_and_detail(client, kb):
    data = get(client, f"/api/policy-documents?issuer={kb.orgs['工信部'].pk}")
    assert {d["title"] for d in data["results"]} == {"关于开展零碳工厂建设工作的指导意见", "优质中小企业梯度培育管理办法"}
    data = get(client, "/api/policy-documents?kind=通知&date_from=2026-01-01")
    assert [d["title"] for d in data["results"]] == ["关于进一步支持城市更新行动若干措施的通知"]
    document = kb.documents["零碳"]
    data = get(client, f"/api/policy-documents/{document.pk}")
    assert data["doc_number"] == "工信部联节〔2026〕13号" and data["kind"] == "意见"
    assert len(data["issuers"]) == 5
    assert [a["id"] for a in data["citing_articles"]] == [kb.articles["零碳"].pk]
    assert get(client, "/api/policy-documents/999999", 404) == {"error": "policy document 999999 not found"}


def test_entity_endpoints_are_in_the_shared_openapi_schema(client, kb):
    schema = get(client, "/api/openapi.json")
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/officials", "/api/officials/{official_id}",
                 "/api/meetings", "/api/meetings/{meeting_id}", "/api/policy-documents",
                 "/api/policy-documents/{document_id}"):
        assert path in schema["paths"], path
    params = {p["name"]: p for p in schema["paths"]["/api/articles"]["get"]["parameters"]}
    assert set(params) >= {"topic", "source", "kind", "date_from", "date_to", "page", "page_size"}
    kind = params["kind"]["schema"]["anyOf"][0]["$ref"].rsplit("/", 1)[1]
    assert "news" in schema["components"]["schemas"][kind]["enum"]
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            assert {"200", "400", "404", "503"} <= set(operation["responses"]), path
