"""GET /api/search: the contract other code relies on, through the test client and over real HTTP."""

from __future__ import annotations

import datetime
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from search.params import MAX_QUERY_CHARS, make_params
from search.service import search
from tests.search.search_kb import build_search_kb, shared_kb

KINDS = {"article", "official", "meeting", "policy_document"}
RESULT_KEYS = {"kind", "id", "title", "url", "date", "source", "snippet", "printings", "outlets"}


def call(client, status: int = 200, **params) -> dict:
    response = client.get("/api/search", params)
    assert response.status_code == status, response.content.decode()[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.fixture(scope="class")
def kb(django_db_setup, django_db_blocker, tmp_path_factory):
    """Class-scoped, so its transaction is closed before the live-server test runs."""
    with shared_kb(django_db_blocker, tmp_path_factory.mktemp("api-index"), build_search_kb) as built:
        yield built


@pytest.mark.django_db
class TestContract:
    """Read-only calls share one indexed knowledge base (rolled back after the class)."""

    def test_response_has_exactly_the_documented_shape(self, client, kb):
        body = call(client, q="丁薛祥")
        assert set(body) == {"query", "count", "page", "results", "facets"}
        assert body["query"] == {"q": "丁薛祥", "normalized": "丁薛祥", "tokens": ["丁薛祥"]}
        assert body["page"] == 1 and body["count"] == len(body["results"]) > 2
        for result in body["results"]:
            assert set(result) == RESULT_KEYS
            assert result["kind"] in KINDS and isinstance(result["id"], int)
            assert result["url"].startswith("/") and result["title"]
            assert result["date"] is None or datetime.date.fromisoformat(result["date"])
            assert result["source"] is None or result["kind"] == "article"
        assert set(body["facets"]) == {"kind", "source", "topic", "validity", "year"}
        assert all(isinstance(n, int) for facet in body["facets"].values() for n in facet.values())
        assert sum(body["facets"]["kind"].values()) == body["count"]
        assert {"article", "official", "meeting"} <= set(body["facets"]["kind"])

    def test_answers_what_the_search_service_answers(self, client, kb):
        body = call(client, q="科技", kind=["article", "meeting"], sort="date", page=2, page_size=3)
        outcome = search(make_params(q="科技", kinds=["article", "meeting"], sort="date", page=2, page_size=3))
        assert [(r["kind"], r["id"], r["snippet"]) for r in body["results"]] == [
            (hit.kind, hit.id, hit.snippet) for hit in outcome.hits
        ]
        assert (body["count"], body["page"], body["facets"]) == (outcome.count, 2, outcome.facets)

    def test_snippets_are_escaped_html_with_marks(self, client, kb):
        body = call(client, q="赤霄")
        weird = next(r for r in body["results"] if r["id"] == kb.articles["html"].pk)
        assert weird["title"] == "<script>alert('赤霄')</script> & <b>标记</b>"  # plain text field
        assert "<img" not in weird["snippet"] and "&lt;img" in weird["snippet"]
        assert "<mark>赤霄</mark>" in weird["snippet"]

    def test_repeated_filters_are_alternatives(self, client, kb):
        everything = call(client, q="科技")
        two = sorted(everything["facets"]["source"])[:2]
        body = call(client, q="科技", source=two, page_size=100)
        assert {r["source"] for r in body["results"]} == set(two)
        assert body["count"] == sum(everything["facets"]["source"][s] for s in two)
        topic = next(iter(everything["facets"]["topic"]))
        tagged = call(client, q="科技", topic=[topic])
        assert tagged["count"] == everything["facets"]["topic"][topic]
        dated = call(client, q="科技", date_from="2025-01-01", date_to="2025-12-31", page_size=100)
        assert dated["count"] == everything["facets"]["year"]["2025"]
        assert all(r["date"].startswith("2025-") for r in dated["results"])

    @pytest.mark.parametrize(
        ("simplified", "traditional"),
        [("阴和俊", "陰和俊"), ("国际科技创新中心", "國際科技創新中心"), ("产业创新", "產業創新")],
    )
    def test_traditional_query_returns_the_same_answer(self, client, kb, simplified, traditional):
        a, b = call(client, q=simplified, sort="date"), call(client, q=traditional, sort="date")
        assert b["query"]["q"] == traditional and a["count"] > 0
        assert b["query"]["normalized"] == a["query"]["normalized"] == simplified
        assert (b["results"], b["facets"], b["count"]) == (a["results"], a["facets"], a["count"])

    def test_document_number_in_any_brackets(self, client, kb):
        typed = ["工信部联节〔2026〕13号", "工信部联节[2026]13号", "工信部联节【2026】13号"]
        bodies = [call(client, q=q) for q in typed]
        assert bodies[0]["results"] == bodies[1]["results"] == bodies[2]["results"]
        assert ("policy_document", kb.documents["零碳"].pk) in {(r["kind"], r["id"]) for r in bodies[0]["results"]}
        assert {b["query"]["normalized"] for b in bodies} == {"工信部联节〔2026〕13号"}

    @pytest.mark.parametrize(
        ("params", "status", "words"),
        [
            ({}, 400, "q"),
            ({"q": ""}, 400, "q"),
            ({"q": "科" * (MAX_QUERY_CHARS + 1)}, 400, "200"),
            ({"q": "科技", "kind": "person"}, 400, "kind"),
            ({"q": "科技", "source": "不存在的报纸"}, 404, "source"),
            ({"q": "科技", "topic": "不存在的主题"}, 404, "topic"),
            ({"q": "科技", "date_from": "2026-02-30"}, 400, "date_from"),
            ({"q": "科技", "date_from": "0"}, 400, "date_from"),
            ({"q": "科技", "date_to": "2026-01-01T00:00:00"}, 400, "date_to"),
            ({"q": "科技", "source": ["新华社"] * 21}, 400, "source"),
            ({"q": "科技", "sort": "hot"}, 400, "sort"),
            ({"q": "科技", "page": "0"}, 400, "page"),
            ({"q": "科技", "page": "abc"}, 400, "page"),
            ({"q": "科技", "page_size": "101"}, 400, "page_size"),
            ({"q": "科技", "page_size": "-5"}, 400, "page_size"),
            ({"q": "科技", "page": "99999999999999999999"}, 400, "page"),
            ({"q": "科技", "page_size": "99999999999999999999"}, 400, "page_size"),
            ({"q": "科技\x00金融"}, 400, "q"),
            ({"q": "科技", "source": "\x00"}, 400, "source"),
            ({"q": "科技", "kind": ""}, 400, "kind"),
            ({"q": "赤霄", "page": "99"}, 404, "page"),
        ],
    )
    def test_invalid_parameters_answer_an_error_object(self, client, kb, params, status, words):
        body = call(client, status=status, **params)
        assert set(body) == {"error"} and words in body["error"]

    @pytest.mark.parametrize(
        ("params", "tokens"),
        [
            ({"q": "   "}, []),
            ({"q": "？！。"}, []),
            ({"q": "科技", "date_from": "2026-02-01", "date_to": "2026-01-01"}, ["科技"]),
            ({"q": "科技", "date_from": "9999-01-01"}, ["科技"]),
            ({"q": "科技", "date_to": "0001-01-01"}, ["科技"]),
        ],
    )
    def test_a_schema_valid_search_that_can_find_nothing_answers_no_results(self, client, kb, params, tokens):
        body = call(client, **params)
        assert (body["count"], body["results"], body["query"]["tokens"]) == (0, [], tokens)
        assert body["facets"]["kind"] == body["facets"]["source"] == body["facets"]["topic"] == {}
        call(client, status=404, page=2, **params)

    def test_a_date_beyond_the_index_range_selects_what_its_end_does(self, client, kb):
        assert call(client, q="科技", date_from="0001-01-01", date_to="9999-12-31")["count"] == call(client, q="科技")["count"]

    def test_openapi_documents_the_endpoint(self, client, kb):
        schema = client.get("/api/openapi.json").json()
        operation = schema["paths"]["/api/search"]["get"]
        parameters = {p["name"]: p for p in operation["parameters"]}
        assert set(parameters) == {"q", "kind", "source", "topic", "validity", "date_from", "date_to", "sort", "reprints", "page",
                                   "page_size"}
        assert all(p.get("description") for p in parameters.values())
        assert parameters["q"]["required"] and parameters["q"]["schema"]["maxLength"] == MAX_QUERY_CHARS
        assert parameters["page_size"]["schema"]["maximum"] == 100
        components = schema["components"]["schemas"]

        def resolve(response):
            return components[response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]]

        ok = resolve(operation["responses"]["200"])
        assert set(ok["properties"]) == {"query", "count", "page", "results", "facets"}
        result = components[ok["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[1]]
        assert set(result["properties"]) == RESULT_KEYS
        assert set(result["properties"]["kind"]["enum"]) == KINDS
        assert "<mark>" in result["properties"]["snippet"]["description"]
        for status in ("400", "404", "503"):
            assert set(resolve(operation["responses"][status])["properties"]) == {"error"}


def http_get(base: str, path: str, **params) -> tuple[int, str, str]:
    url = f"{base}{path}?{urllib.parse.urlencode(params, doseq=True)}"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_over_real_http(live_server, transactional_db, search_index):
    """Saved records are searchable at once through a real server (the outbox drains on commit)."""
    from articles.models import Article, Official, OfficialAlias, Source

    official = Official.objects.create(name="阴和俊")
    OfficialAlias.objects.create(official=official, name="陰和俊")
    source = Source.objects.create(name="科技日报")
    article = Article.objects.create(
        title="全国科技工作会议第二次全体会议在京举行", source=source, published_on=datetime.date(2025, 1, 14),
        body="科技部党组书记、部长阴和俊作工作报告。会议指出，全社会研发经费支出稳居世界第二位。",
    )

    status, content_type, text = http_get(live_server.url, "/api/search", q="陰和俊")
    assert (status, content_type) == (200, "application/json; charset=utf-8")
    body = json.loads(text)
    assert body["query"]["normalized"] == "阴和俊"
    assert {(r["kind"], r["id"]) for r in body["results"]} == {("official", official.pk), ("article", article.pk)}
    assert any("<mark>阴和俊</mark>" in r["snippet"] for r in body["results"])

    status, _, text = http_get(live_server.url, "/api/search", q="科技", source="科技日报", kind=["article"])
    assert status == 200 and [r["id"] for r in json.loads(text)["results"]] == [article.pk]

    for params, expected in [({"q": ""}, 400), ({"q": "x" * 201}, 400), ({"q": "科技", "page": 5}, 404)]:
        status, content_type, text = http_get(live_server.url, "/api/search", **params)
        assert status == expected and content_type.startswith("application/json")
        assert set(json.loads(text)) == {"error"}

    status, content_type, text = http_get(live_server.url, "/search/", q="陰和俊")
    assert status == 200 and content_type.startswith("text/html")
    assert f'href="/officials/{official.pk}/"' in text and "<mark>阴和俊</mark>" in text
    status, _, text = http_get(live_server.url, "/search/", q="x" * 201)
    assert status == 400 and "无法检索" in text
