"""Make the index equal to the database, whatever happened before.

Used by `manage.py search_drain --reconcile` and after a schema change
(the index is recreated empty). haystack's `rebuild_index` does the same
through clear + update; `update_index --remove` too, in more steps.
"""

from __future__ import annotations

from haystack import connections
from haystack.constants import DEFAULT_ALIAS
from haystack.utils import get_identifier

BATCH_SIZE = 500


def reconcile(*, timeout: float = 600.0) -> tuple[int, int]:
    """Re-index every indexed record and remove documents whose record is
    gone. Returns (indexed, removed)."""
    backend = connections[DEFAULT_ALIAS].get_backend()
    unified = connections[DEFAULT_ALIAS].get_unified_index()
    expected: set[str] = set()
    indexed = 0
    for model in unified.get_indexed_models():
        index = unified.get_index(model)
        batch = []
        for obj in index.index_queryset().order_by("pk").iterator(chunk_size=BATCH_SIZE):
            expected.add(get_identifier(obj))
            batch.append((index, obj))
            if len(batch) >= BATCH_SIZE:
                backend.apply_changes(batch, timeout=timeout)
                indexed += len(batch)
                batch = []
        backend.apply_changes(batch, timeout=timeout)
        indexed += len(batch)
    stale = sorted(backend.indexed_identifiers() - expected)
    backend.apply_changes(removals=stale, timeout=timeout)
    backend.store.mark_reindexed()
    return indexed, len(stale)
