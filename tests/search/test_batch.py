"""Batch search: a list of terms counted per source and per year, each count the search it links to."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from search import batch
from search.service import search
from tests.search.search_kb import build_search_kb, shared_kb

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def kb(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_kb(django_db_blocker, tmp_path_factory.mktemp("batch-index"), build_search_kb) as built:
        yield built


TERMS = ["全国科技工作会议", "零碳工厂", "科技 OR 创新", '"科技'  , "无此词语九九九"]


def test_each_row_counts_what_its_searches_find(kb):
    result = batch.count(TERMS)
    rows = {row.term: row for row in result.rows}
    assert [row.term for row in result.rows] == TERMS
    assert "引号" in rows['"科技'].error  # reported on its own row; the others are counted
    assert rows["无此词语九九九"].total == 0
    for term in ("全国科技工作会议", "零碳工厂", "科技 OR 创新"):
        row = rows[term]
        assert row.total == search(batch.search_params(term)).count > 0
        assert sum(row.by_source.values()) == row.total == sum(row.by_year.values()) + _undated(term)
        for source, n in row.by_source.items():
            assert search(batch.search_params(term, source=source)).count == n
        for year, n in row.by_year.items():
            assert search(batch.search_params(term, year=year)).count == n


def _undated(term: str) -> int:
    from articles.models import Article

    return sum(1 for hit in search(batch.search_params(term)).hits
               if Article.objects.get(pk=hit.id).published_on is None)


def test_the_list_is_bounded_and_deduplicated():
    assert batch.terms_from("科技\n\n 科技 \n金融\n") == ["科技", "金融"]
    with pytest.raises(batch.TooManyTerms):
        batch.terms_from("\n".join(f"词{n}" for n in range(batch.MAX_TERMS + 1)))


def test_the_page_links_every_count_and_exports_the_same_table(client, kb):
    page = client.post("/search/batch/", {"terms": "\n".join(TERMS)})
    assert page.status_code == 200
    body = page.content.decode()
    assert "引号没有闭合" in body
    links = re.findall(r'<a href="(/search/\?[^"]+)">(\d+)</a>', body)
    assert links
    for url, n in links[:8]:
        assert f"共找到 <strong>{n}</strong> 条结果" in client.get(html.unescape(url)).content.decode()
    exported = client.post("/search/batch/", {"terms": "\n".join(TERMS), "format": "csv"})
    lines = b"".join(exported.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("检索词,规范化检索式,文章数") and len(lines) == len(TERMS) + 1


def test_an_uploaded_list_in_gbk_is_read_and_bad_input_gets_a_400(client, kb):
    upload = SimpleUploadedFile("terms.txt", "零碳工厂\n全国科技工作会议\n".encode("gbk"))
    page = client.post("/search/batch/", {"terms": "", "file": upload})
    assert page.status_code == 200 and "零碳工厂" in page.content.decode()
    assert client.post("/search/batch/", {"terms": "   "}).status_code == 400
    binary = SimpleUploadedFile("terms.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    refused = client.post("/search/batch/", {"terms": "", "file": binary})
    assert refused.status_code == 400 and "不是文本文件" in refused.content.decode()
    assert client.get("/search/batch/").status_code == 200
