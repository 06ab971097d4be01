"""The search pipeline held to the judged query set on the seeds (tests/search/judged_queries.toml).

The seeds are loaded once for the module with `manage.py load_seeds` (the
ingestion that production uses), inside a transaction rolled back afterwards,
and indexed into an index of their own. bench/search_quality.py prints the
same figures.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from bench import quality
from tests.search.search_kb import shared_kb
from textkit import analysis

pytestmark = pytest.mark.django_db

# Every seed story containing a name, a document number or a rare word must be found.
COMPLETE_RECALL = {"name", "doc_number", "rare", "traditional", "substring", "term", "multi_word", "meeting",
                   "document"}
EXACT_PRECISION = {"name", "doc_number", "rare", "traditional"}
MIN_OVERALL_PRECISION = 0.95


def _load_seeds() -> None:
    call_command("load_seeds", stdout=io.StringIO())


@pytest.fixture(scope="module")
def seeds(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_kb(django_db_blocker, tmp_path_factory.mktemp("quality-index"), _load_seeds):
        yield


@pytest.fixture(scope="module")
def judged():
    return quality.load_judged()


@pytest.fixture(scope="module")
def scores(seeds, judged, django_db_blocker):
    articles, queries = judged
    with django_db_blocker.unblock():
        return [quality.score(query, articles) for query in queries]


def test_the_judged_set_covers_what_the_issue_asks_for(judged):
    _, queries = judged
    typed = {query.q for query in queries}
    assert len(queries) >= 30
    assert {"丁薛祥", "阴和俊", "陰和俊", "潘功胜", "科技金融", "新质生产力", "国际科技创新中心", "赤霄", "手撕钢",
            "零碳工厂", "科技 金融 政策", "產業創新", "國際科技創新中心", "高品質發展"} <= typed
    assert {"工信部联节〔2026〕13号", "工信部联节[2026]13号", "工信部联节【2026】13号"} <= typed
    categories = {c for query in queries for c in query.categories}
    assert {"name", "term", "doc_number", "rare", "multi_word", "traditional", "substring"} <= categories


def test_every_judged_record_is_in_the_loaded_seeds(scores):
    unresolved = {s.judged.q: s.unresolved for s in scores if s.unresolved}
    assert unresolved == {}


def test_recall_is_complete(scores):
    missed = {
        s.judged.q: sorted(s.labels.get(k, str(k)) for k in s.missed)
        for s in scores
        if COMPLETE_RECALL & set(s.judged.categories) and s.recall < 1.0
    }
    assert missed == {}


def test_precision(scores):
    extra = {
        s.judged.q: [s.labels.get(k, str(k)) for k in s.extra]
        for s in scores
        if EXACT_PRECISION & set(s.judged.categories) and s.precision < 1.0
    }
    assert extra == {}
    assert quality.summarize(scores)["overall"]["micro_precision"] >= MIN_OVERALL_PRECISION


def test_a_query_with_no_relevant_record_finds_nothing(scores):
    empty = [s for s in scores if not s.judged.relevant]
    assert empty and all(s.retrieved == () for s in empty)


def test_every_query_and_its_traditional_form_give_the_same_results_in_the_same_order(seeds, judged):
    _, queries = judged
    checked = quality.invariance([q.q for q in queries], lambda q: analysis.convert(q, "s2t"))
    assert sum(c.q != c.variant for c in checked) >= len(checked) // 2  # most queries change script
    assert [(c.q, c.variant) for c in checked if not c.same] == []
    assert sum(c.results for c in checked) > len(checked)
