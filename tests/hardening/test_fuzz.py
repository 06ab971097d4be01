"""Hostile input: the JSON API fuzzed from its own OpenAPI schema (schemathesis, every check), the
query analyser and the search service fed any text (hypothesis) — never a 5xx, never an exception."""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from django.test import Client
from haystack.inputs import AutoQuery
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from search import highlight, query_language, query_terms
from search.backends.query_plan import parse_user_text
from search.params import MAX_QUERY_CHARS, InvalidSearch, MalformedQuery, make_params
from tests.hardening.conftest import COUNTS
from textkit import analysis

API_EXAMPLES = int(os.environ.get("KEJIKU_HARDENING_API_EXAMPLES", "60"))
QUERY_EXAMPLES = int(os.environ.get("KEJIKU_HARDENING_QUERY_EXAMPLES", "150"))
LEAKS = ("Traceback", "File \"/", "OperationalError", "ProgrammingError", "DataError")

pytestmark = pytest.mark.django_db


@pytest.fixture
def fuzz_kb(index):
    """The site tests' small knowledge base from the seeds, indexed."""
    from search.outbox import drain
    from tests.site.kb import build

    kb = build()
    drain()
    return kb


# -- the API, from its OpenAPI schema ---------------------------------------------------------------

def _api_schema():
    # Loaded at collection (schemathesis' lazy fixture loader does not run on pytest 9).
    from kejiku.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


api = _api_schema()


@pytest.fixture
def in_test_transaction():
    """Calls through the WSGI handler keep the test's connection, as Django's test client does:
    a server closes connections between requests, which would end the test's transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@api.parametrize()
@settings(max_examples=API_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_contract(case, fuzz_kb, in_test_transaction):
    """Valid and invalid requests (schemathesis' positive and negative modes) against every check it
    has, as `schemathesis run --checks all` does: no 5xx; every status, content type, header and body
    as the schema declares; a schema-valid request accepted (2xx, 404), an invalid one refused."""
    COUNTS["fuzz: API requests generated from /api/openapi.json (schemathesis)"] += 1
    try:
        # With no checks named, call_and_validate runs every check enabled in schemathesis'
        # configuration, and the project has none that disables one: all of them.
        response = case.call_and_validate()
    except Exception:
        COUNTS["fuzz: API answers breaking the contract"] += 1
        raise
    COUNTS["fuzz: API 5xx answers"] += response.status_code >= 500
    assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text[:500])
    content_type = (response.headers.get("content-type") or [""])[0]
    # JSON always, a path no route matches (e.g. /api/articles/-1) included.
    assert content_type.startswith("application/json"), (
        case.method, case.formatted_path, response.status_code, content_type)
    body = response.text
    assert not any(leak in body for leak in LEAKS), body[:500]
    if 400 <= response.status_code < 500 and body.startswith("{"):
        assert "error" in json.loads(body) or "detail" in json.loads(body)


# -- the query analyser and the search, with any text ---------------------------------------------

SYNTAX = ['"', "'", "(", ")", "[", "]", "〔", "〕", "【", "】", "《", "》", "-", "+", "*", "?", ":", "^", "~",
          "\\", "/", "AND", "OR", "NOT", "NEAR(", "NEAR/3", "*:*", "\x00", "\t", "\n", "\u200b", "\ufeff",
          "\ud7ff", "\U0001f600", "％", "＂", "　", ";", "--", "/*", "*/", "%", "_", "&", "<", ">"]
WORDS = ["科技", "科學技術", "创新", "丁薛祥", "国科发〔2024〕1号", "赤霄", "新质生产力", "x", "1", "2026"]
HOSTILE = [
    '" OR 1=1 --', "' OR '1'='1", "NEAR(科技 创新)", "*", '"', '"""', "((((", "))))", "[[[", "〔〔〕",
    "科技 -", "- -", "-科技", '"科技', '科技"', "\x00", "\x00科技", "\u0000" * 5, "科" * 10_000, "\t\r\n",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' ; DROP TABLE articles_article; --",
    "%' AND 1=1 --", "title:科技", "django_ct:articles.article", "id:*", "科技^100", "科技~2", "/.*/",
    "\U0010ffff", "\ufffe", "ǅ" * 300,
]
# Bytes no UTF-8 text contains (a lone surrogate, 0xFF, an overlong "/"), as a client may send them.
RAW_QUERIES = ["%ED%A0%80", "%FF%FE%FD", "%C0%AF", "%00", "%E7%A7", "%25%", "q=1"]

# Any Unicode text: every code point a str encoded to UTF-8 can carry (no lone surrogates,
# which no HTTP request can deliver; RAW_QUERIES sends the bytes themselves).
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=()), max_size=300)
syntax_soup = st.lists(st.sampled_from(SYNTAX + WORDS + [" "]), max_size=40).map("".join)
long_text = st.builds(lambda unit, n: (unit * n)[:10_000], st.text(min_size=1, max_size=5), st.integers(1, 10_000))
queries = st.one_of(any_text, syntax_soup, long_text, st.sampled_from(HOSTILE))


def with_hostile_examples(test):
    for hostile in HOSTILE:
        test = example(q=hostile)(test)
    return test


@given(q=queries)
@with_hostile_examples
@settings(max_examples=QUERY_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_query_analyser_takes_any_text(q):
    COUNTS["fuzz: texts (hypothesis) given to the query analyser and highlighter"] += 1
    normalized = analysis.normalize(q)
    assert isinstance(normalized, str)
    analysis.tokenize(q)
    query = analysis.analyze_query(q)
    plan = parse_user_text(AutoQuery(q))
    assert plan is not None
    marked = highlight.highlight(q, query)
    assert "<script" not in marked and "<img" not in marked
    highlight.snippet(q, query)
    mapped = analysis.normalize_with_offsets(q)
    assert len(mapped.text) == len(normalized)


@given(q=queries)
@with_hostile_examples
@settings(max_examples=QUERY_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_search_service_page_and_api_take_any_query(q, fuzz_kb):
    from search import service

    COUNTS["fuzz: search queries (hypothesis) given to the search service"] += 1
    try:
        params = make_params(q=q)
    except MalformedQuery as error:
        # refused by the grammar, with the place of the mistake when it has one
        assert error.status == 400 and error.message
        with pytest.raises((query_language.QuerySyntaxError, query_terms.UnknownValue)):
            query_terms.check(query_language.parse(q.strip()))
    except InvalidSearch as error:
        # refused only when blank, with a NUL, too long, or with nothing the grammar can search
        # (AND, OR and NOT are operators there, never words)
        assert error.status == 400
        assert not q.strip() or "\x00" in q or len(q.strip()) > MAX_QUERY_CHARS or not query_terms.searchable(
            query_language.parse(q.strip()))
    else:
        outcome = service.search(params)
        assert outcome.count >= 0
        for hit in outcome.hits:
            assert "<script" not in hit.snippet and "<script" not in hit.title_html
    client = Client()
    for url in ("/search/", "/api/search", "/feeds/search/", "/exports/search/"):
        response = client.get(url, {"q": q})
        COUNTS["fuzz: search queries (hypothesis) sent to /search/, /api/search, /feeds/search/, /exports/search/"] += 1
        COUNTS["fuzz: search queries (hypothesis) answered with a 5xx"] += response.status_code >= 500
        assert response.status_code < 500, (url, repr(q[:80]), response.status_code)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        body = content.decode("utf-8", "replace")
        assert not any(leak in body for leak in LEAKS), (url, body[:300])
        if url == "/api/search":
            assert response["Content-Type"].startswith("application/json")
            if response.status_code != 200:
                assert response.json()["error"]


@pytest.mark.parametrize("raw", RAW_QUERIES)
def test_undecodable_query_bytes_are_answered_without_5xx(raw, fuzz_kb):
    client = Client()
    for url in ("/search/", "/api/search", "/feeds/search/", "/exports/search/", "/articles/"):
        response = client.get(f"{url}?q={raw}&kind={raw}&date_from={raw}&page={raw}&topic={raw}")
        assert response.status_code < 500, (url, raw, response.status_code)
    COUNTS["fuzz: undecodable byte sequences sent to every search endpoint"] += 5
