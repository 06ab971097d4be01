"""Search outcomes kept until the index changes: what Solr calls its query result cache.

An outcome (search.service.SearchOutcome: the page of hits with their marked snippets, the
counts, the facets, the suggestion) depends on the parameters, on the index's contents and on
how the query is analysed (the domain dictionary). The key names all three: the index by its
last commit (TantivySearchBackend.generation), the dictionary by its size (words are only ever
added). An edit is therefore seen by the next search in every worker as soon as its outbox row
reaches the index; nothing is ever invalidated, old keys just stop being asked for.

What repeats is then answered without the engine: paging back, a filter undone, the same
topical search by several analysts, a search feed polled. A file cache beside the browse
pages' keeps outcomes for all workers of a machine, with a budget of its own. The Whoosh
baseline names no generation and is never cached; SEARCH_CACHE_SECONDS=0 turns the cache off
(the engine benchmark does).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import pickle
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import caches
from django.urls import get_script_prefix
from haystack import connections
from haystack.constants import DEFAULT_ALIAS

from search import analysis

if TYPE_CHECKING:
    from search.params import SearchParams
    from search.service import SearchOutcome

logger = logging.getLogger(__name__)


def shape(*dataclass_types: type) -> str:
    """The field names of the outcome's classes: an outcome stored by a release whose classes
    had other fields is never asked for."""
    return ";".join(",".join(f.name for f in dataclasses.fields(t)) for t in dataclass_types)


def index_generation() -> str | None:
    """The index state a search would see now; None when the backend cannot name it."""
    generation = getattr(connections[DEFAULT_ALIAS].get_backend(), "generation", None)
    return generation() if generation is not None else None


def key(params: SearchParams, generation: str, shape: str) -> str:
    parts = (generation, analysis.domain_word_count(), get_script_prefix(), shape, repr(params))
    return "search:" + hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def cached(params: SearchParams, compute: Callable[[], SearchOutcome], outcome_shape: str) -> SearchOutcome:
    """compute()'s outcome, from the cache when the same search was made on this index state.

    outcome_shape is shape() of the outcome's classes."""
    seconds = settings.SEARCH_CACHE_SECONDS
    generation = index_generation() if seconds > 0 else None
    if generation is None:
        return compute()
    full_key = key(params, generation, outcome_shape)
    cache = caches["search"]
    try:
        outcome = cache.get(full_key)
    except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError, ValueError):
        # Stored by a release whose classes no longer load: search again and overwrite it.
        logger.warning("unreadable cached search outcome %s", full_key, exc_info=True)
        outcome = None
    if outcome is None:
        outcome = compute()
        cache.set(full_key, outcome, seconds)
    return outcome
