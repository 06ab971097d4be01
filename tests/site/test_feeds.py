"""Atom feeds parse as Atom and carry the right entries."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def atom(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    return root


def titles(root):
    return [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]


def test_latest_feed_is_valid_atom_newest_first(client, kb):
    root = atom(client, "/feeds/latest/")
    entries = titles(root)
    assert entries[0].startswith("時政微觀察")
    assert len(entries) == 10
    first = root.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}link").get("href").endswith(f"/articles/{kb.articles['繁体'].pk}/")
    assert first.find(f"{ATOM}author/{ATOM}name").text == "央视新闻客户端"


def test_topic_feed_includes_sub_topics(client, kb):
    root = atom(client, "/feeds/topics/chanye-chuangxin/")
    assert root.find(f"{ATOM}title").text == "科技库：主题“产业创新”"
    assert set(titles(root)) >= {"五部门联合发文推进零碳工厂建设", "科技型中小企业纳入梯度培育范围"}
    categories = {c.get("term") for c in root.iter(f"{ATOM}category")}
    assert "绿色制造" in categories
    assert client.get("/feeds/topics/nope/").status_code == 404


def test_official_feed(client, kb):
    root = atom(client, f"/feeds/officials/{kb.officials['阴和俊'].pk}/")
    assert set(titles(root)) == {"全国科技工作会议第二次全体会议在京举行", "我国高水平推进三大国际科技创新中心建设"}
    assert client.get("/feeds/officials/999999/").status_code == 404


def test_search_feed_is_an_alert_for_any_query(client, indexed_kb):
    root = atom(client, "/feeds/search/?q=零碳工厂")
    # every kind the search page lists, newest first; other kinds say what they are
    assert titles(root) == ["五部门联合发文推进零碳工厂建设", "政策文件：关于开展零碳工厂建设工作的指导意见"]
    assert titles(atom(client, "/feeds/search/?q=零碳工厂&kind=article")) == ["五部门联合发文推进零碳工厂建设"]
    assert root.find(f"{ATOM}title").text == "科技库：检索“零碳工厂”"


def test_search_feed_needs_a_query(client, kb):
    assert client.get("/feeds/search/").status_code == 400
    assert client.get("/feeds/search/?q=" + "x" * 300).status_code == 400


def test_feed_text_is_escaped_xml(client, kb):
    from articles.models import Article

    Article.objects.filter(pk=kb.articles["磁体"].pk).update(title="<b>磁体</b> & 纪录")
    root = atom(client, "/feeds/latest/")
    assert "<b>磁体</b> & 纪录" in titles(root)  # parsed back from escaped XML
