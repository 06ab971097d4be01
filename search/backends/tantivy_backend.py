"""A django-haystack backend on tantivy.

HAYSTACK_CONNECTIONS = {"default": {
    "ENGINE": "search.backends.tantivy_backend.TantivyEngine", "PATH": <dir>}}

Text is analysed once, in Python (textkit.analysis), and handed to tantivy
pre-tokenised; every full-text field also gets two gram twins for substring
recall (bigrams, and four-character grams that make long words fast).
Writers are short-lived and serialised by tantivy's lock file; the
outbox (search.outbox) is what keeps the index equal to the database.
"""

from __future__ import annotations

import functools
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import tantivy
from django.conf import settings
from haystack import connections
from haystack.backends import BaseEngine, BaseSearchBackend, log_query
from haystack.constants import DJANGO_CT, ID
from haystack.inputs import AutoQuery
from haystack.models import SearchResult
from haystack.utils import get_identifier, get_model_ct
from tantivy import Occur, Query

from search.backends import tantivy_collapse as collapse_
from search.backends import tantivy_results as results_
from search.backends.query_plan import (
    CONTENT,
    ContentText,
    Leaf,
    Node,
    QueryPlan,
    TantivySearchQuery,
    parse_user_text,
    quote,
)
from search.backends.tantivy_compile import IndexFacts, QueryError, compile_leaf, compile_node, content_query
from search.backends.tantivy_schema import (
    TEXT,
    FieldSpec,
    analyzers,
    build_schema,
    field_specs,
    fingerprint,
    stored_values,
    to_document,
)
from search.backends.tantivy_store import IndexLocked, IndexStore, get_store
from search.backends.tantivy_suggest import suggest
from textkit import analysis

__all__ = ["IndexLocked", "QueryError", "TantivyEngine", "TantivySearchBackend", "TantivySearchQuery"]

MLT_MAX_TERMS = 25
# Registered by search.apps: the domain dictionary must be current before any text is
# analysed. A search only reads: pending outbox rows are applied by writers and search_drain.
before_search_hooks: list[Callable[[], None]] = []
before_write_hooks: list[Callable[[], None]] = []


_executor: tuple[int, ThreadPoolExecutor] | None = None


def _run_before_search_hooks() -> None:
    for hook in list(before_search_hooks):
        hook()


def _in_background(function: Callable[..., Any], *args: Any) -> Future:
    """function(*args) on a thread of this process's pool (made after any fork: gunicorn
    forks its workers, and a pool's threads do not survive a fork)."""
    global _executor
    if _executor is None or _executor[0] != os.getpid():
        _executor = (os.getpid(), ThreadPoolExecutor(max_workers=4, thread_name_prefix="tantivy-facets"))
    return _executor[1].submit(function, *args)


def _identifiers(searcher: tantivy.Searcher, query: Query) -> list[str]:
    """The haystack identifier of every document the query matches."""
    hits = searcher.search(query, limit=max(searcher.num_docs, 1)).hits
    return [searcher.doc(address)[ID][0] for _, address in hits]


class TantivySearchBackend(BaseSearchBackend):
    def __init__(self, connection_alias: str, **options: Any) -> None:
        super().__init__(connection_alias, **options)
        self.path = options["PATH"]
        self._specs: dict[str, FieldSpec] | None = None
        self._store: IndexStore | None = None

    # -- schema and store -------------------------------------------------

    @property
    def specs(self) -> dict[str, FieldSpec]:
        if self._specs is None:
            unified = connections[self.connection_alias].get_unified_index()
            self._specs = field_specs(unified.all_searchfields())
        return self._specs

    @property
    def store(self) -> IndexStore:
        if self._store is None:
            specs = self.specs
            self._store = get_store(self.path, build_schema(specs), fingerprint(specs), analyzers())
        return self._store

    @property
    def schema(self) -> tantivy.Schema:
        return self.store.schema

    def text_field_names(self) -> frozenset[str]:
        return frozenset(name for name, spec in self.specs.items() if spec.kind == TEXT)

    def _text_specs(self) -> list[FieldSpec]:
        return [spec for spec in self.specs.values() if spec.kind == TEXT]

    # -- writing ------------------------------------------------------------

    def _document(self, index: Any, obj: Any) -> tantivy.Document:
        return to_document(self.specs, index.full_prepare(obj))

    def apply_changes(
        self,
        updates: Iterable[tuple[Any, Any]] = (),
        removals: Iterable[str] = (),
        *,
        timeout: float = 60.0,
    ) -> None:
        """(index, obj) updates and identifier removals in one commit.

        Documents are analysed before the lock is taken so the lock is held
        only for the write itself. timeout=0 raises IndexLocked at once.
        """
        for hook in list(before_write_hooks):
            hook()
        prepared = [(get_identifier(obj), self._document(index, obj)) for index, obj in updates]
        removals = list(removals)
        if not prepared and not removals:
            return
        with self.store.writer(timeout=timeout) as writer:
            for identifier in removals:
                writer.delete_documents_by_term(ID, identifier)
            for identifier, doc in prepared:
                writer.delete_documents_by_term(ID, identifier)
                writer.add_document(doc)

    def update(self, index: Any, iterable: Iterable[Any], commit: bool = True) -> None:
        self.apply_changes([(index, obj) for obj in iterable])

    def remove(self, obj_or_string: Any, commit: bool = True) -> None:
        self.apply_changes(removals=[get_identifier(obj_or_string)])

    def clear(self, models: Iterable[type] | None = None, commit: bool = True) -> None:
        with self.store.writer() as writer:
            if models is None:
                writer.delete_all_documents()
            else:
                for model in models:
                    writer.delete_documents_by_term(DJANGO_CT, get_model_ct(model))
        if models is None:
            self.store.mark_reindexed()

    def indexed_identifiers(self) -> set[str]:
        """Every document identifier in the index (for reconciliation)."""
        searcher = self.store.searcher()
        return set(_identifiers(searcher, Query.all_query()))

    def identifiers_containing(self, words: Iterable[str]) -> list[str]:
        """Identifiers of the documents whose text contains any of the words as a phrase.

        Index upkeep (the domain dictionary's new words), not a reader's search: no results,
        highlights or spelling suggestions. A bulk import teaches 75,000 names at once; as a
        haystack query that found nothing they went to the "did you mean" path, which compares
        every word with every dictionary word (the 1M import spent its first 8 minutes there).
        """
        searcher = self.store.searcher()
        if searcher.num_docs == 0:
            return []
        fields = self._text_specs()
        clauses = [(Occur.Should, content_query(self.schema, ContentText((quote(w),)), fields)) for w in words]
        if not clauses:
            return []
        return _identifiers(searcher, Query.boolean_query(clauses))

    # -- reading ------------------------------------------------------------

    def _registered(self, models: Iterable[type] | None) -> list[str]:
        if models:
            return sorted(get_model_ct(model) for model in models)
        if getattr(settings, "HAYSTACK_LIMIT_TO_REGISTERED_MODELS", True):
            return sorted(self.build_models_list())
        return []

    def _plan(self, query_string: Any) -> QueryPlan:
        if isinstance(query_string, QueryPlan):
            return query_string
        text = str(query_string or "").strip()
        if text in ("", "*"):
            return QueryPlan(None)
        content = parse_user_text(AutoQuery(text))
        return QueryPlan(Node("AND", False, (Leaf(CONTENT, "content", content),)), content=content.include)

    def _filters(self, narrow_queries: Iterable[str] | None, models: list[str]) -> list[Query]:
        filters = []
        for narrow in narrow_queries or ():
            field, _, value = str(narrow).partition(":")
            if not value:
                raise QueryError(f"narrow query must be field:value, not {narrow!r}")
            filters.append(compile_leaf(self.schema, self.specs, Leaf(field, "exact", value.strip('"'))))
        if models:
            filters.append(compile_leaf(self.schema, self.specs, Leaf(DJANGO_CT, "in", tuple(models))))
        return filters

    def _query(self, plan: QueryPlan, filters: list[Query], searcher: tantivy.Searcher) -> Query:
        facts = IndexFacts(searcher)
        clauses = [(Occur.Must, compile_node(self.schema, self.specs, plan.root, facts))]
        clauses += [(Occur.Must, f) for f in filters]
        for word, weight in plan.boosts:
            boosted = content_query(self.schema, parse_user_text(word), self._text_specs(), facts)
            clauses.append((Occur.Should, Query.boost_query(boosted, float(weight))))
        return Query.boolean_query(clauses)

    def _sort(self, sort_by: list[str] | None) -> tuple[str | None, tantivy.Order]:
        if not sort_by:
            return None, tantivy.Order.Desc
        first = sort_by[0]
        name = first.lstrip("-")
        if name in ("score", "_score"):
            return None, tantivy.Order.Desc
        spec = self.specs.get(name)
        if spec is None or spec.kind == TEXT:
            raise QueryError(f"cannot sort by {name!r}")
        return name, tantivy.Order.Desc if first.startswith("-") else tantivy.Order.Asc

    def generation(self) -> str | None:
        """Names the index state a search started now would see (IndexStore.generation), after
        what a search does first: loading new dictionary words."""
        _run_before_search_hooks()
        return self.store.generation()

    @log_query
    def search(self, query_string: Any, **kwargs: Any) -> dict[str, Any]:
        _run_before_search_hooks()
        plan = self._plan(query_string)
        models = self._registered(kwargs.get("models"))
        for name in kwargs.get("facets") or ():
            if name not in self.specs or self.specs[name].kind == TEXT:
                raise QueryError(f"cannot facet on {name!r}")
        searcher = self.store.searcher()
        stored: dict[tuple[int, int], dict[str, Any]] = {}  # documents read while collapsing, read once
        query = self._query(plan, self._filters(kwargs.get("narrow_queries"), models), searcher)
        order_by, order = self._sort(kwargs.get("sort_by"))

        start, limit = results_.page_window(searcher, kwargs.get("start_offset"), kwargs.get("end_offset"))
        collapse = kwargs.get("collapse")
        if limit == 0 and kwargs.get("facets"):
            # Counts only (search.service counts a filtered facet without its own filter): one
            # pass over the matches, the count summed from a bucket per model.
            counted = self._facets(searcher, query, kwargs, count=True)
            hits, count, facets_result = [], counted.pop(results_.COUNT_FACET), counted
        elif collapse:
            # The count is collapsed too, so it comes from the aggregation (tantivy_collapse).
            counting = _in_background(functools.partial(self._facets, count=True), searcher, query, kwargs)
            hits = self._collapsed_hits(searcher, query, collapse, start, limit, order_by, order, stored)
            facets_result = counting.result()
            count = facets_result.pop(results_.COUNT_FACET)
        else:
            # The facets evaluate the query a second time; tantivy releases the GIL, so on a
            # second core that costs no wall time (measured at 100k articles: 93 → 47 ms for a
            # phrase in 65% of the documents).
            facets = _in_background(self._facets, searcher, query, kwargs)
            found = searcher.search(
                query, limit=max(limit, 1), offset=start, count=True, order_by_field=order_by, order=order
            )
            hits, count, facets_result = (found.hits if limit > 0 else []), found.count, facets.result()

        analyzed = analysis.analyze_query(plan.content_text) if kwargs.get("highlight") else None
        response: dict[str, Any] = {
            "results": results_.build_results(
                searcher, hits, self.specs, scored=order_by is None, wanted_fields=kwargs.get("fields"),
                query=analyzed, result_class=kwargs.get("result_class"), registered=set(models) or None,
                read=stored,
            ),
            "hits": count,
            "facets": facets_result,
            "spelling_suggestion": None,
        }
        spelling_query = kwargs.get("spelling_query")
        if spelling_query or (count == 0 and plan.content):
            response["spelling_suggestion"] = suggest(
                searcher, self.schema, self._text_specs(), spelling_query or plan.content_text
            )
        return response

    def _facets(
        self, searcher: tantivy.Searcher, query: Query, kwargs: dict[str, Any], *, count: bool = False
    ) -> dict[str, Any]:
        """haystack's facet counts; with count=True also the number of matches, under
        results_.COUNT_FACET, from the same aggregation."""
        facets: dict[str, Any] = {"fields": {}, "dates": {}, "queries": {}}
        if kwargs.get("facets") or count:
            aggregations = results_.facet_aggregations(kwargs.get("facets") or {}, count=count)
            collapse = kwargs.get("collapse")
            aggregated = (collapse_.aggregate(searcher, query, aggregations, collapse) if collapse
                          else searcher.aggregate(query, aggregations))
            if count:
                facets[results_.COUNT_FACET] = results_.matches_counted(aggregated)
            facets["fields"] = results_.facet_counts(aggregated)
        for field, value in kwargs.get("query_facets") or ():
            leaf = compile_leaf(self.schema, self.specs, Leaf(field, "exact", value))
            counted = searcher.search(Query.boolean_query([(Occur.Must, query), (Occur.Must, leaf)]), limit=1)
            facets["queries"][f"{field}_{value}"] = counted.count
        return facets

    def _collapsed_hits(
        self, searcher: tantivy.Searcher, query: Query, field: str, start: int, limit: int,
        order_by: str | None, order: tantivy.Order, read: dict[tuple[int, int], dict[str, Any]],
    ) -> list[tuple[Any, tantivy.DocAddress]]:
        """Hits start..start+limit of the ranking with each value of field once; every document
        read to learn its value is kept in read (the page's hits are not read twice)."""
        if limit == 0:
            return []

        def ranked(n: int) -> list[tuple[Any, tantivy.DocAddress]]:
            n = min(n, max(searcher.num_docs, 1))  # tantivy takes a machine-sized limit
            return searcher.search(query, limit=n, order_by_field=order_by, order=order).hits

        def story_of(address: tantivy.DocAddress) -> Any:
            key = (address.segment_ord, address.doc)
            if key not in read:
                read[key] = searcher.doc(address).to_dict()
            values = read[key].get(field)
            return values[0] if values else None

        return collapse_.first_of_each(ranked, story_of, start + limit)[start:]

    def more_like_this(
        self,
        model_instance: Any,
        additional_query_string: Any = None,
        result_class: type[SearchResult] | None = None,
        start_offset: int = 0,
        end_offset: int | None = None,
        models: Iterable[type] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Documents sharing the instance's most distinctive terms (TF-IDF
        over our own tokens, since tantivy's MLT would re-tokenise)."""
        searcher = self.store.searcher()
        identifier = get_identifier(model_instance)
        own = searcher.search(Query.term_query(self.schema, ID, identifier), limit=1).hits
        if not own:
            return {"results": [], "hits": 0}
        stored = searcher.doc(own[0][1]).to_dict()
        terms = self._distinctive_terms(searcher, stored)
        if not terms:
            return {"results": [], "hits": 0}
        similar = Query.boolean_query(
            [(Occur.Should, Query.boost_query(Query.term_query(self.schema, f, t), w)) for (f, t), w in terms]
        )
        plan = self._plan(additional_query_string)
        registered = self._registered(models)
        clauses = [(Occur.Must, similar), (Occur.MustNot, Query.term_query(self.schema, ID, identifier))]
        if plan.root is not None:
            clauses.append((Occur.Must, compile_node(self.schema, self.specs, plan.root, IndexFacts(searcher))))
        clauses += [(Occur.Must, f) for f in self._filters(None, registered)]
        end = start_offset + 20 if end_offset is None else end_offset
        start, limit = results_.page_window(searcher, start_offset, end)
        found = searcher.search(Query.boolean_query(clauses), limit=max(limit, 1), offset=start, count=True)
        return {
            "results": results_.build_results(
                searcher, found.hits if limit > 0 else [], self.specs, scored=True, wanted_fields=None,
                query=None, result_class=result_class, registered=set(registered) or None,
            ),
            "hits": found.count,
        }

    def _distinctive_terms(
        self, searcher: tantivy.Searcher, stored: dict[str, list[Any]]
    ) -> list[tuple[tuple[str, str], float]]:
        total = max(searcher.num_docs, 1)
        frequency: Counter[tuple[str, str]] = Counter()
        values = stored_values(self.specs, stored)
        for spec in self._text_specs():
            if values.get(spec.name):
                frequency.update((spec.name, t.text) for t in analysis.tokenize(values[spec.name]) if len(t.text) > 1)
        weighted = []
        for (field, term), tf in frequency.items():
            df = searcher.doc_freq(field, term)
            if df <= 1:
                continue  # only this document has it: says nothing about others
            weighted.append(((field, term), tf * math.log(1 + total / df)))
        weighted.sort(key=lambda item: -item[1])
        return weighted[:MLT_MAX_TERMS]


class TantivyEngine(BaseEngine):
    backend = TantivySearchBackend
    query = TantivySearchQuery
