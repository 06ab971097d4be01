"""sitemap.xml lists a permalink for every record."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_lists_pages_and_records(client, kb):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")}
    paths = {loc.split("testserver", 1)[1] for loc in locations}
    assert {"/", "/topics/", "/formulations/"} <= paths
    assert f"/articles/{kb.articles['繁体'].pk}/" in paths
    assert f"/officials/{kb.officials['丁薛祥'].pk}/" in paths
    assert f"/organizations/{kb.orgs['工信部'].pk}/" in paths
    assert f"/documents/{kb.documents['零碳'].pk}/" in paths
    assert "/topics/chanye-chuangxin/" in paths
    for path in paths:
        assert client.get(path).status_code == 200, path
