"""The Whoosh baseline's two builds give the same index: haystack's `update` path, and one
writer with several analysing processes (which makes a 100k baseline affordable)."""

from __future__ import annotations

import pytest

from bench.whoosh_index import build_in_parallel, build_with_update
from tests.conftest import haystack_engine

pytestmark = pytest.mark.django_db(transaction=True)

ENGINE = "bench.whoosh_jieba.JiebaWhooshEngine"


def index_contents(backend) -> dict:
    """Every field's terms with their document and total frequencies, and the stored ids."""
    reader = backend.index.refresh().reader()
    terms = {
        field: {term: (reader.doc_frequency(field, term), reader.frequency(field, term)) for term in reader.lexicon(field)}
        for field in reader.indexed_field_names()
    }
    return {"terms": terms, "ids": sorted(fields["id"] for fields in reader.all_stored_fields())}


def build(settings, path, builder) -> dict:
    from haystack import connections

    with haystack_engine(settings, ENGINE, path) as backend:
        backend.clear()
        builder(backend, connections["default"].get_unified_index())
        return index_contents(backend)


@pytest.fixture
def articles(make_article):
    make_article(title="全国科技工作会议在京召开", body="丁薛祥出席会议并讲话。加快建设国际科技创新中心。")
    make_article(title="關於開展零碳工廠建設工作的指導意見", body="工信部聯節〔2026〕13號。推進零碳工廠建設。")
    make_article(title="阴和俊主持召开座谈会", body="强化企业科技创新主体地位，发展新质生产力。")


def test_the_parallel_build_indexes_exactly_what_haystacks_update_does(articles, settings, tmp_path):
    by_update = build(settings, tmp_path / "update", build_with_update)
    in_parallel = build(settings, tmp_path / "parallel", lambda backend, unified: build_in_parallel(backend, unified, 2))
    assert len(by_update["ids"]) >= 3
    assert "创新".encode() in by_update["terms"]["text"]
    assert in_parallel == by_update


def test_the_parallel_build_refuses_an_index_that_holds_documents(articles, settings, tmp_path):
    from haystack import connections

    with haystack_engine(settings, ENGINE, tmp_path / "whoosh") as backend:
        backend.clear()
        unified = connections["default"].get_unified_index()
        build_with_update(backend, unified)
        with pytest.raises(SystemExit, match="empty Whoosh index"):
            build_in_parallel(backend, unified, 2)
