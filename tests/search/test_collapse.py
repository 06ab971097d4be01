"""Collapsing in the engine (search.backends.tantivy_collapse): exact counts from a terms
sub-aggregation, tantivy's estimate past its bucket limit, and the first hit of each story."""

from __future__ import annotations

import tantivy

from search.backends import tantivy_collapse as collapse


def index(stories: list[int | None]) -> tuple[tantivy.Searcher, tantivy.Query]:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("story", stored=True, indexed=True, fast=True)
    builder.add_integer_field("month", stored=True, indexed=True, fast=True)
    builder.add_text_field("text", stored=True)
    built = tantivy.Index(builder.build())
    writer = built.writer()
    for number, story in enumerate(stories):
        fields = {"month": number % 2, "text": "word"}
        if story is not None:
            fields["story"] = story
        writer.add_document(tantivy.Document(**fields))
    writer.commit()
    built.reload()
    return built.searcher(), built.parse_query("word", ["text"])


def test_documents_of_one_story_count_once_and_those_without_a_story_each_count():
    searcher, query = index([1, 1, 1, 2, None, None, 2, 3])
    counted = collapse.aggregate(searcher, query, {"m": {"terms": {"field": "month"}}}, "story")
    by_month = {bucket["key"]: bucket["doc_count"] for bucket in counted["m"]["buckets"]}
    # month 0: documents 0, 2, 4, 6 → story 1, story 1, none, story 2 → 3
    # month 1: documents 1, 3, 5, 7 → story 1, story 2, none, story 3 → 4
    assert by_month == {0: 3, 1: 4}


def test_past_the_bucket_limit_the_count_is_an_estimate_not_an_error(monkeypatch):
    stories = list(range(3000)) + [None] * 10
    searcher, query = index(stories)
    monkeypatch.setattr(collapse, "BUCKET_LIMIT", 100)  # the terms are cut: the estimate answers
    counted = collapse.aggregate(searcher, query, {"m": {"terms": {"field": "month"}}}, "story")
    total = sum(bucket["doc_count"] for bucket in counted["m"]["buckets"])
    assert abs(total - 3010) < 3010 * 0.05


def test_the_first_hit_of_each_story_in_rank_order():
    hits = [(9 - n, n) for n in range(8)]
    story = {0: 1, 1: None, 2: 1, 3: 2, 4: None, 5: 2, 6: 3, 7: 1}
    asked = []

    def ranked(n):
        asked.append(n)
        return hits[:n]

    kept = collapse.first_of_each(ranked, story.get, 5)
    assert [address for _, address in kept] == [0, 1, 3, 4, 6]
    assert collapse.first_of_each(ranked, story.get, 50) == [hits[n] for n in (0, 1, 3, 4, 6)]
