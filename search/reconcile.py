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


def reconcile(*, timeout: float = 600.0, missing_only: bool = False) -> tuple[int, int]:
    """Re-index every indexed record (with missing_only, only those absent from the index: what
    an interrupted bulk import leaves) and remove documents whose record is gone. Returns
    (indexed, removed)."""
    backend = connections[DEFAULT_ALIAS].get_backend()
    unified = connections[DEFAULT_ALIAS].get_unified_index()
    present = backend.indexed_identifiers()
    expected: set[str] = set()
    indexed = 0
    for model in unified.get_indexed_models():
        index = unified.get_index(model)
        batch = []
        for obj in index.index_queryset().order_by("pk").iterator(chunk_size=BATCH_SIZE):
            identifier = get_identifier(obj)
            expected.add(identifier)
            if missing_only and identifier in present:
                continue
            batch.append((index, obj))
            if len(batch) >= BATCH_SIZE:
                backend.apply_changes(batch, timeout=timeout)
                indexed += len(batch)
                batch = []
        backend.apply_changes(batch, timeout=timeout)
        indexed += len(batch)
    stale = sorted(present - expected)
    backend.apply_changes(removals=stale, timeout=timeout)
    backend.store.mark_reindexed()
    return indexed, len(stale)
