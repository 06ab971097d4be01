"""/api/watch/: the signed-in analyst's own saved searches and watches, in the OpenAPI schema,
401 and 403 as JSON errors the schema declares."""

import pytest

from tests.watch.conftest import GROUPS, make_user
from watch.models import SavedSearch, Watch, WatchKind

pytestmark = pytest.mark.django_db
PATHS = ("/api/watch/saved-searches", "/api/watch/watches")


def test_anonymous_callers_get_a_json_401_and_outsiders_a_403(client):
    for path in PATHS:
        response = client.get(path)
        assert response.status_code == 401 and response["Content-Type"].startswith("application/json")
        assert "登录" in response.json()["error"]
    client.force_login(make_user("visitor"))
    for path in PATHS:
        response = client.get(path)
        assert response.status_code == 403 and "分析员" in response.json()["error"]
        assert client.post(path).status_code == 405  # read only, like the whole API


def test_an_analyst_reads_their_own(analyst_client, analyst, indexed_kb):
    yin = indexed_kb.officials["阴和俊"]
    saved = SavedSearch.objects.create(user=analyst, name="科技（新华社）", query="q=科技&source=新华社&sort=date")
    watch = Watch.objects.create(user=analyst, kind=WatchKind.OFFICIAL, official=yin)
    Watch.objects.create(user=analyst, kind=WatchKind.FORMULATION, phrase="新质生产力")
    other = make_user("other", group=GROUPS.ANALYST_GROUP)
    SavedSearch.objects.create(user=other, name="别人的", query="q=量子")

    [item] = analyst_client.get("/api/watch/saved-searches").json()
    assert item["id"] == saved.pk and item["name"] == "科技（新华社）"
    assert (item["q"], item["source"], item["kind"], item["sort"]) == ("科技", ["新华社"], [], "date")
    assert item["url"] == f"/watch/searches/{saved.pk}/" and item["feed_url"] == f"/watch/feeds/{saved.feed_token}/"
    assert item["search_url"].startswith("/search/?q=") and item["new_count"] == 0 and item["problem"] is None
    assert item["frequency"] == "daily" and item["last_seen_at"] is None

    watches = analyst_client.get("/api/watch/watches").json()
    assert [w["kind"] for w in watches] == ["formulation", "official"]  # newest first
    formulation, official = watches
    assert official == {**official, "id": watch.pk, "name": "阴和俊", "target_id": yin.pk, "phrase": None,
                        "target_url": f"/officials/{yin.pk}/", "url": f"/watch/watches/{watch.pk}/"}
    assert formulation["target_id"] is None and formulation["phrase"] == "新质生产力"
    assert formulation["target_url"] == "/formulations/%E6%96%B0%E8%B4%A8%E7%94%9F%E4%BA%A7%E5%8A%9B/"


def test_the_endpoints_are_in_the_schema_with_their_statuses(client):
    schema = client.get("/api/openapi.json").json()
    for path in PATHS:
        operation = schema["paths"][path]["get"]
        assert {"200", "400", "401", "403", "404", "503"} <= set(operation["responses"])
        assert operation["security"] == [{"AnalystSession": []}]
    scheme = schema["components"]["securitySchemes"]["AnalystSession"]
    assert scheme == {"type": "apiKey", "in": "cookie", "name": "sessionid"}
