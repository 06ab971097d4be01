"""Keeping the search index equal to the database: the reading end of the transactional outbox.

The knowledge base records every change to an indexed record as a SearchOutbox row in the
caller's transaction (articles.changes) and announces the commit (changes_committed), on
which drain() runs. drain() applies pending rows under tantivy's writer lock, re-reading
every record from the database (the source of truth), and deletes the rows it applied.

No row is stranded: a drainer that finds the lock busy leaves its rows to the holder, and
every holder drains again after releasing the lock (tantivy_store.after_write_hooks),
checking the outbox only once the lock is free. If a holder dies, the OS frees the lock and
the next write's drain or `manage.py search_drain` (run by a timer or a worker) picks the
rows up. A search never writes: it reads the index as it is.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from typing import Any

from django.apps import apps
from haystack import connections
from haystack.constants import DEFAULT_ALIAS
from haystack.exceptions import NotHandled

from articles.models import SearchOutbox
from search import dictionary
from search.backends.tantivy_store import IndexLocked

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
_state = threading.local()


def _apply(backend: Any, rows: list[SearchOutbox], timeout: float) -> None:
    unified = connections[DEFAULT_ALIAS].get_unified_index()
    wanted: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        wanted[row.model_label].add(row.object_pk)
    updates, removals = [], []
    for label, pks in wanted.items():
        try:
            model = apps.get_model(label)
            index = unified.get_index(model)
        except (LookupError, NotHandled):
            removals.extend(f"{label}.{pk}" for pk in pks)
            continue
        # Whatever the row says, the database decides: present → index it,
        # gone (or excluded by index_queryset) → remove it.
        present = {str(obj.pk): obj for obj in index.index_queryset().filter(pk__in=list(pks))}
        updates.extend((index, obj) for obj in present.values())
        removals.extend(f"{label}.{pk}" for pk in pks if pk not in present)
    backend.apply_changes(updates, removals, timeout=timeout)


def drain(*, timeout: float = 0.0) -> int:
    """Apply every pending outbox row; returns how many rows were applied.

    timeout=0 gives up at once if another writer holds the lock (that
    writer drains after it releases); management commands pass a timeout.
    """
    if getattr(_state, "draining", False):
        return 0
    backend = connections[DEFAULT_ALIAS].get_backend()
    applied = 0
    _state.draining = True
    try:
        while True:
            rows = list(SearchOutbox.objects.order_by("id")[:BATCH_SIZE])
            if not rows:
                break
            try:
                _apply(backend, rows, timeout)
            except IndexLocked:
                break
            # Only the rows read above: changes recorded meanwhile stay.
            SearchOutbox.objects.filter(id__in=[r.id for r in rows]).delete()
            applied += len(rows)
    finally:
        _state.draining = False
    return applied


def upkeep(*, timeout: float = 60.0) -> int:
    """What a timer or worker runs (search_drain): rebuild an index that a schema change
    recreated empty, then apply every pending row. Returns the rows applied."""
    store = getattr(connections[DEFAULT_ALIAS].get_backend(), "store", None)
    if store is not None and store.needs_reindex:
        from search.reconcile import reconcile

        reconcile(timeout=timeout)
    return drain(timeout=timeout)


def drain_after_commit(**_: Any) -> None:
    """articles.changes.changes_committed's receiver: the committed rows reach the index now
    (or, if another writer holds the lock, when it releases it), together with the documents
    that new dictionary words of the same commit re-tokenise."""
    dictionary.flush_pending()
    drain()
