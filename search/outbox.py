"""Keeping the search index equal to the database (transactional outbox).

Every change to an indexed record writes a SearchOutbox row in the caller's
transaction and schedules drain() for after the commit. drain() applies
pending rows under tantivy's writer lock, re-reading every record from the
database (the source of truth), and deletes the rows it applied.

No row is stranded: a drainer that finds the lock busy leaves its rows to the
holder, and every holder drains again after releasing the lock
(tantivy_store.after_write_hooks), checking the outbox only once the lock is
free. If a holder dies, the OS frees the lock and the next drain, search
(drain_if_pending) or `manage.py search_drain` picks the rows up.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models, router, transaction
from haystack import connections
from haystack.constants import DEFAULT_ALIAS
from haystack.exceptions import NotHandled

from search.backends.tantivy_store import IndexLocked
from search.models import ContentVersion, SearchOutbox

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
_state = threading.local()


def _indexed_models() -> set[type[models.Model]]:
    return set(connections[DEFAULT_ALIAS].get_unified_index().get_indexed_models())


def record_changes(instances: Iterable[models.Model], *, deleted: bool = False) -> None:
    """Record changed (or deleted) indexed instances in the current
    transaction; the index follows once it commits. Instances of models
    without a SearchIndex are ignored."""
    using = router.db_for_write(SearchOutbox)
    content_changed(using)
    indexed = _indexed_models()
    action = SearchOutbox.Action.DELETE if deleted else SearchOutbox.Action.UPDATE
    rows = [
        SearchOutbox(model_label=obj._meta.label_lower, object_pk=str(obj.pk), action=action)
        for obj in instances
        if type(obj) in indexed and obj.pk is not None
    ]
    if not rows:
        return
    with transaction.atomic(using=using):
        SearchOutbox.objects.using(using).bulk_create(rows)
    # robust: a failing drain must not turn a committed save into an error;
    # the rows stay and the next drain applies them.
    transaction.on_commit(drain, using=using, robust=True)


def content_version() -> int:
    """The current content version (0 before the first change)."""
    return ContentVersion.objects.filter(pk=1).values_list("counter", flat=True).first() or 0


def bump_content_version() -> None:
    """Invalidate every cache keyed on the content version (bulk imports and restores call
    this themselves; record_changes calls it after each commit)."""
    if not ContentVersion.objects.filter(pk=1).update(counter=models.F("counter") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"counter": 1})


def content_changed(using: str | None = None) -> None:
    """Raise the content version once the current transaction commits.

    After the commit, never inside the transaction: a row lock held until the commit would
    serialise (and could deadlock) concurrent editors; raised before it, a reader could cache
    old data under the new version."""
    transaction.on_commit(bump_content_version, using=using, robust=True)


def record_change(instance: models.Model, *, deleted: bool = False) -> None:
    record_changes([instance], deleted=deleted)


def pending() -> int:
    return SearchOutbox.objects.count()


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
    if not hasattr(backend, "apply_changes"):
        return _drain_with_haystack(backend)
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


def _drain_with_haystack(backend: Any) -> int:
    """The Whoosh comparison baseline has no shared lock: apply row by row."""
    unified = connections[DEFAULT_ALIAS].get_unified_index()
    applied = 0
    for row in SearchOutbox.objects.order_by("id"):
        try:
            model = apps.get_model(row.model_label)
            index = unified.get_index(model)
        except (LookupError, NotHandled):
            row.delete()
            continue
        obj = index.index_queryset().filter(pk=row.object_pk).first()
        if obj is None:
            backend.remove(row.identifier)
        else:
            backend.update(index, [obj])
        row.delete()
        applied += 1
    return applied


def drain_if_pending() -> None:
    """Before a search: apply rows a crashed or busy process left behind.

    Also rebuilds an index that a schema change recreated empty. Skipped
    inside a transaction, where uncommitted data would leak into the index
    (on_commit drains those changes anyway)."""
    if transaction.get_connection(router.db_for_write(SearchOutbox)).in_atomic_block:
        return
    store = getattr(connections[DEFAULT_ALIAS].get_backend(), "store", None)
    if store is not None and store.needs_reindex:
        from search.reconcile import reconcile

        reconcile()
    if SearchOutbox.objects.exists():
        drain()
