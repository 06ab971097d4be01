"""A search's feed and exports carry the page's filters and list exactly the page's articles."""

import html
import json
import re
import xml.etree.ElementTree as ET

from search import service
from search.params import make_params

ATOM = "{http://www.w3.org/2005/Atom}"


def links(page: str) -> dict[str, str]:
    found = {}
    for label, key in (("订阅此检索（Atom）", "feed"), ("CSV", "csv"), ("JSON", "json")):
        match = re.search(rf'<a href="([^"]+)">{re.escape(label)}</a>', page)
        found[key] = html.unescape(match.group(1))
    return found


def test_a_filtered_searchs_feed_and_exports_hold_exactly_its_articles(client, indexed_kb):
    source = indexed_kb.sources["新华社"].name
    page = client.get("/search/", {"q": "全国科技工作会议", "source": source, "kind": "article"}).content.decode()
    urls = links(page)
    assert all("source=" in url and "kind=article" in url for url in urls.values()), urls
    on_page = [hit.title for hit in service.search(make_params(
        q="全国科技工作会议", sources=[source], kinds=["article"], page_size=100)).hits]
    unfiltered = service.search(make_params(q="全国科技工作会议", kinds=["article"], page_size=100)).hits
    assert 0 < len(on_page) < len(unfiltered)  # the filter takes something away

    exported = json.loads(b"".join(client.get(urls["json"]).streaming_content))
    assert [row["title"] for row in exported] == on_page
    assert {row["source"] for row in exported} == {source}
    feed = ET.fromstring(client.get(urls["feed"]).content)
    assert sorted(e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")) == sorted(on_page)


def test_a_date_sorted_search_exports_in_the_pages_order(client, indexed_kb):
    page = client.get("/search/", {"q": "科技", "sort": "date"}).content.decode()
    url = links(page)["json"]
    assert "sort=date" in url
    days = [row["date"] for row in json.loads(b"".join(client.get(url).streaming_content))]
    assert days == sorted(days, reverse=True) and len(days) > 1
