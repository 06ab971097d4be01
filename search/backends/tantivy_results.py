"""tantivy hits and aggregations in the shapes haystack returns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import tantivy
from haystack.constants import DJANGO_CT, DJANGO_ID
from haystack.models import SearchResult

from search import highlight
from search.backends.tantivy_schema import TEXT, FieldSpec, stored_values
from textkit.analysis import AnalyzedQuery

# Short text fields (titles, names) are highlighted whole, long ones as a snippet.
WHOLE_FIELD_CHARS = 300
DEFAULT_FACET_SIZE = 100


def page_window(searcher: tantivy.Searcher, start_offset: Any, end_offset: Any) -> tuple[int, int]:
    """haystack's [start_offset:end_offset) slice as a tantivy (offset, limit).

    Both are clamped to the number of documents: tantivy takes them as
    machine-sized integers (a huge offset raised OverflowError, a huge limit
    a Rust panic), and a slice past the last document is simply empty.
    A negative offset is refused with ValueError.
    """
    total = searcher.num_docs
    start = int(start_offset or 0)
    end = total if end_offset is None else int(end_offset)
    if start < 0 or end < 0:
        raise ValueError(f"result offsets cannot be negative: [{start}:{end}]")
    start = min(start, total)
    return start, max(min(end, total) - start, 0)


# An aggregation every document falls in exactly once (each has one model), so its buckets sum to
# the number of matches; not a field name (those never start with "_").
COUNT_FACET = "_matches"


def facet_aggregations(facets: Mapping[str, Mapping[str, Any]], *, count: bool = False) -> dict[str, Any]:
    aggregations = {
        name: {"terms": {"field": name, "size": int(options.get("limit") or options.get("size") or DEFAULT_FACET_SIZE)}}
        for name, options in facets.items()
    }
    if count:
        aggregations[COUNT_FACET] = {"terms": {"field": DJANGO_CT, "size": 1000}}
    return aggregations


def matches_counted(aggregated: dict[str, Any]) -> int:
    """The number of matches, from (and taken out of) the COUNT_FACET aggregation."""
    return sum(int(bucket["doc_count"]) for bucket in aggregated.pop(COUNT_FACET).get("buckets", []))


def facet_counts(aggregated: Mapping[str, Any]) -> dict[str, list[tuple[Any, int]]]:
    counts: dict[str, list[tuple[Any, int]]] = {}
    for name, result in aggregated.items():
        buckets = [(b["key"], int(b["doc_count"])) for b in result.get("buckets", [])]
        counts[name] = sorted(buckets, key=lambda kv: (-kv[1], str(kv[0])))
    return counts


def highlighted_fields(
    specs: Mapping[str, FieldSpec], fields: Mapping[str, Any], query: AnalyzedQuery
) -> dict[str, list[str]]:
    marked: dict[str, list[str]] = {}
    for name, value in fields.items():
        spec = specs.get(name)
        if spec is None or spec.kind != TEXT or not isinstance(value, str) or not value:
            continue
        if len(value) <= WHOLE_FIELD_CHARS:
            marked[name] = [highlight.highlight(value, query)]
        else:
            marked[name] = [highlight.snippet(value, query)]
    return marked


def build_results(
    searcher: tantivy.Searcher,
    hits: Iterable[tuple[Any, tantivy.DocAddress]],
    specs: Mapping[str, FieldSpec],
    *,
    scored: bool,
    wanted_fields: Iterable[str] | None,
    query: AnalyzedQuery | None,
    result_class: type[SearchResult] | None,
    registered: set[str] | None,
    read: Mapping[tuple[int, int], dict[str, Any]] | None = None,
) -> list[SearchResult]:
    """haystack's results for tantivy's hits; read holds documents already read, by address."""
    result_class = result_class or SearchResult
    wanted = set(wanted_fields) if wanted_fields else None
    results = []
    for score, address in hits:
        stored = (read or {}).get((address.segment_ord, address.doc)) or searcher.doc(address).to_dict()
        content_type = stored[DJANGO_CT][0]
        if registered is not None and content_type not in registered:
            continue
        app_label, model_name = content_type.split(".")
        fields = {
            name: value
            for name, value in stored_values(specs, stored, wanted).items()
            if name not in (DJANGO_CT, DJANGO_ID)
        }
        for name, spec in specs.items():
            # tantivy stores nothing for an empty list; haystack expects [].
            if spec.multi and name not in fields and (wanted is None or name in wanted):
                fields[name] = []
        if query is not None and query.words:
            fields["highlighted"] = highlighted_fields(specs, fields, query)
        results.append(
            result_class(app_label, model_name, stored[DJANGO_ID][0], float(score) if scored else 0.0, **fields)
        )
    return results
