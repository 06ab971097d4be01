"""Collapsing: documents that share a value of one field (an article's story, search_indexes) are
one result and count once. Documents without a value stand for themselves.

tantivy has no collapsing collector, so it is done here:
- hits: the ranked matches are read in order and a document whose story was already listed is
  passed over (a page deep in the results reads the pages before it, as any collapsing does);
- counts: each count is an aggregation bucket with a terms sub-aggregation over the story field:
  count = documents − documents with a story + distinct stories. That is exact while the stories
  in one aggregation fit tantivy's bucket limit (65,000); past it the distinct stories are
  tantivy's HyperLogLog estimate (cardinality, about 2% off at 100,000), so a very broad query
  over a huge corpus gets an estimate rather than an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import tantivy

STORIES = "_stories"  # the sub-aggregation's name (field names never start with "_")
WITH_STORY = "_with_story"
BUCKET_LIMIT = 65_000


def _exact(field: str) -> dict[str, Any]:
    return {STORIES: {"terms": {"field": field, "size": BUCKET_LIMIT}}}


def _estimated(field: str) -> dict[str, Any]:
    return {STORIES: {"cardinality": {"field": field}}, WITH_STORY: {"value_count": {"field": field}}}


def _with_sub(aggregations: dict[str, Any], sub: dict[str, Any]) -> dict[str, Any]:
    return {name: {**spec, "aggs": sub} for name, spec in aggregations.items()}


def collapsed_count(bucket: dict[str, Any]) -> int:
    """A bucket's documents counted with every story once (see the module's note)."""
    stories = bucket[STORIES]
    if "buckets" in stories and not stories.get("sum_other_doc_count"):
        with_story = sum(int(sub["doc_count"]) for sub in stories["buckets"])
        return int(bucket["doc_count"]) - with_story + len(stories["buckets"])
    distinct = round(float(stories.get("value") or 0))
    with_story = int(bucket.get(WITH_STORY, {}).get("value") or 0)
    return int(bucket["doc_count"]) - with_story + distinct


def _collapse_buckets(aggregated: dict[str, Any]) -> dict[str, Any]:
    """The aggregation's shape with every bucket's doc_count collapsed and the sub-aggregations gone."""
    return {
        name: {**result, "buckets": [{"key": bucket["key"], "doc_count": collapsed_count(bucket)}
                                     for bucket in result.get("buckets", [])]}
        for name, result in aggregated.items()
    }


def aggregate(searcher: tantivy.Searcher, query: tantivy.Query, aggregations: dict[str, Any],
              field: str) -> dict[str, Any]:
    """searcher.aggregate(query, aggregations) with each bucket counted collapsed on field."""
    try:
        aggregated = searcher.aggregate(query, _with_sub(aggregations, _exact(field)))
        if not any(bucket[STORIES].get("sum_other_doc_count")
                   for result in aggregated.values() for bucket in result.get("buckets", [])):
            return _collapse_buckets(aggregated)
    except ValueError as error:
        if "bucket limit" not in str(error):
            raise
    return _collapse_buckets(searcher.aggregate(query, _with_sub(aggregations, _estimated(field))))


def first_of_each(ranked: Callable[[int], list[tuple[Any, tantivy.DocAddress]]],
                  story_of: Callable[[tantivy.DocAddress], Any], wanted: int) -> list[tuple[Any, tantivy.DocAddress]]:
    """The first wanted hits of the ranking, each story once (its best-ranked document).

    ranked(n) gives the top n hits; it is asked again for twice as many until wanted hits are
    found or the ranking runs out."""
    window = max(wanted * 2, 20)
    while True:
        hits = ranked(window)
        kept = list(_first_of_each(hits, story_of, wanted))
        if len(kept) >= wanted or len(hits) < window:
            return kept
        window *= 4


def _first_of_each(hits: list[tuple[Any, tantivy.DocAddress]], story_of: Callable[[tantivy.DocAddress], Any],
                   wanted: int) -> Iterator[tuple[Any, tantivy.DocAddress]]:
    seen: set[Any] = set()
    found = 0
    for score, address in hits:
        story = story_of(address)
        if story is not None:
            if story in seen:
                continue
            seen.add(story)
        yield score, address
        found += 1
        if found >= wanted:
            return
