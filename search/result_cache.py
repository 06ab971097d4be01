"""Search outcomes kept until the index changes: what Solr calls its query result cache.

An outcome (search.service.SearchOutcome: the page of hits with their marked snippets, the
counts, the facets, the suggestion) depends on the parameters, on the index's contents and on
how the query is analysed (the domain dictionary). The key names all three (index_version).
An edit is therefore seen by the next search in every worker as soon as its outbox row
reaches the index; nothing is ever invalidated, old keys just stop being asked for.

What repeats is then answered without the engine: paging back, a filter undone, the same
topical search by several analysts, a search feed polled, a trend chart (search.trends: a
series of counts per period, dozens of aggregations) reloaded. A file cache beside the browse
pages' keeps outcomes for all workers of a machine, with a budget of its own. A backend that
names no generation (the benchmarks' Whoosh baseline, bench/whoosh_backend.py) is never cached;
SEARCH_CACHE_SECONDS=0 turns the cache off (the engine benchmark does). kejiku.page_cache
keeps the search page whole under the same index_version.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import pickle
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.urls import get_script_prefix
from haystack import connections
from haystack.constants import DEFAULT_ALIAS

from textkit import analysis

if TYPE_CHECKING:
    from search.params import SearchParams

logger = logging.getLogger(__name__)

Outcome = TypeVar("Outcome")


def shape(*dataclass_types: type) -> str:
    """The field names of the outcome's classes: an outcome stored by a release whose classes
    had other fields is never asked for."""
    return ";".join(",".join(f.name for f in dataclasses.fields(t)) for t in dataclass_types)


def index_version() -> str | None:
    """What every search's answer depends on besides its parameters: the index's last commit
    (TantivySearchBackend.generation) and the dictionary's size (words are only ever added).
    None when nothing may be cached: the cache is off, or the backend cannot name its state."""
    if settings.SEARCH_CACHE_SECONDS <= 0:
        return None
    generation = getattr(connections[DEFAULT_ALIAS].get_backend(), "generation", None)
    current = generation() if generation is not None else None
    return None if current is None else f"{current}.{analysis.domain_word_count()}"


def key(params: object, version: str, shape: str) -> str:
    parts = (version, get_script_prefix(), shape, repr(params))
    return "search:" + hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def cached(params: SearchParams | object, compute: Callable[[], Outcome], outcome_shape: str) -> Outcome:
    """compute()'s outcome, from the cache when the same search was made on this index state.

    params is a frozen dataclass (SearchParams, trends.TrendParams): its repr, class name
    included, is part of the key. outcome_shape is shape() of the outcome's classes."""
    version = index_version()
    if version is None:
        return compute()
    full_key = key(params, version, outcome_shape)
    cache = caches["search"]
    try:
        outcome = cache.get(full_key)
    except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError, ValueError):
        # Stored by a release whose classes no longer load: search again and overwrite it.
        logger.warning("unreadable cached search outcome %s", full_key, exc_info=True)
        outcome = None
    if outcome is None:
        outcome = compute()
        cache.set(full_key, outcome, settings.SEARCH_CACHE_SECONDS)
    return outcome
