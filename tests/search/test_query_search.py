"""Searches written in the query language find what a reader expects, on the seed knowledge base,
through the service, the page and the API alike; traditional input behaves as simplified."""

from __future__ import annotations

import re

import pytest

from articles.models import Article
from search.params import InvalidSearch, MalformedQuery, make_params
from search.service import search
from tests.search.search_kb import build_search_kb, shared_kb
from textkit import analysis

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def kb(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_kb(django_db_blocker, tmp_path_factory.mktemp("query-index"), build_search_kb) as built:
        yield built


def found(q: str, **filters) -> set[tuple[str, int]]:
    outcome = search(make_params(q=q, page_size=100, **filters))
    assert outcome.count == len(outcome.hits)
    return {(hit.kind, hit.id) for hit in outcome.hits}


def articles(q: str) -> set[str]:
    return {Article.objects.get(pk=pk).title for kind, pk in found(q, kinds=["article"]) if kind == "article"}


def test_or_finds_either_and_not_takes_away(kb):
    either = found("零碳工厂 OR 梯度培育")
    assert either == found("零碳工厂") | found("梯度培育")
    assert found("零碳工厂") and found("梯度培育") and not found("零碳工厂") >= found("梯度培育")
    assert found("(零碳工厂 | 梯度培育) -中小企业") == either - found("中小企业")
    assert found("科技 NOT 金融") == found("科技") - found("金融")


def test_a_field_narrows_to_titles_sources_kinds_and_dates(kb):
    in_titles = articles("title:零碳工厂")
    assert in_titles == {"五部门联合发文推进零碳工厂建设"}
    assert articles("零碳工厂") > in_titles or articles("零碳工厂") == in_titles
    assert {kind for kind, _ in found("kind:official 科技部")} == {"official"}
    assert found("kind:官员 科技部") == found("kind:official 科技部")
    xinhua = found("source:新华社 全国科技工作会议")
    assert xinhua and xinhua == found("全国科技工作会议", sources=["新华社"])
    in_2025 = found("date:2025 全国科技工作会议")
    assert in_2025 and in_2025 == found("全国科技工作会议", date_from=_day("2025-01-01"), date_to=_day("2025-12-31"))


def test_proximity_finds_words_near_each_other_in_either_order(kb):
    near = found('"科技 金融"~10')
    both = found("科技 金融")
    assert near and near <= both
    assert found('"金融 科技"~10') == near  # either order
    # 0: side by side, with nothing but spaces or punctuation between (they take no position).
    side_by_side = {pk for kind, pk in found('"科技 金融"~0') if kind == "article"}
    assert side_by_side == {
        a.pk
        for a in Article.objects.all()
        if any(re.search(r"科技[\W_]*金融|金融[\W_]*科技", analysis.normalize(t)) for t in (a.display_title, a.subtitle, a.body))
    }
    assert side_by_side <= {pk for kind, pk in near if kind == "article"}


def test_an_alias_finds_its_full_name_and_exact_turns_it_off(kb):
    short, full = articles("工信部"), articles("工业和信息化部")
    assert full and short == articles("工信部 OR 工业和信息化部")
    assert articles("exact:工信部") < short  # without the alias, 工业和信息化部's story is not found
    outcome = search(make_params(q="工信部"))
    assert "工业和信息化部" in outcome.normalized and "工信部" in outcome.normalized
    assert articles("org:工信部") == articles("工业和信息化部 OR 工信部")


def test_traditional_input_behaves_exactly_as_simplified(kb):
    for simplified in ("科技部 OR 工信部 -金融", "title:零碳工厂", '"科技 金融"~10', "official:阴和俊"):
        traditional = analysis.convert(simplified, "s2t")
        assert found(traditional) == found(simplified), (simplified, traditional)


def test_a_malformed_query_is_refused_with_its_place(kb):
    with pytest.raises(MalformedQuery) as raised:
        make_params(q="(科技部 OR 工信部")
    assert raised.value.status == 400 and raised.value.position == 0
    with pytest.raises(MalformedQuery, match="kind: 只能是"):
        make_params(q="kind:budget 科技")
    with pytest.raises(InvalidSearch, match="没有可检索的文字"):
        make_params(q="？！。")


def test_the_page_and_the_api_answer_a_malformed_query_with_a_400_that_points_at_it(client, kb):
    page = client.get("/search/", {"q": '科技 "金融'})
    assert page.status_code == 400
    assert "检索式第 4 个字符处：引号没有闭合" in page.content.decode()
    api = client.get("/api/search", {"q": "科技 foo:bar"})
    assert api.status_code == 400 and "未知字段“foo:”" in api.json()["error"]
    assert client.get("/feeds/search/", {"q": "(科技"}).status_code == 400
    assert client.get("/exports/search/", {"q": "(科技", "format": "json"}).status_code == 400


def test_the_syntax_page_shows_every_example_as_a_working_search(client, kb):
    from search.query_language import EXAMPLES

    page = client.get("/search/syntax/").content.decode()
    for query, _ in EXAMPLES:
        url = f"/search/?q={query}"
        assert client.get("/search/", {"q": query}).status_code == 200, query
        assert "检索语法" in page and (query.replace('"', "&quot;") in page), url


def _day(text):
    import datetime

    return datetime.date.fromisoformat(text)


def test_operators_alone_are_nothing_to_search(kb):
    for q in ("' AND '", "-", "NOT -"):
        with pytest.raises(InvalidSearch):
            make_params(q=q)
