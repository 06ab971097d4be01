"""The knowledge base records its own changes: the one feeder of the outbox, the content version
and the article counts (articles.services.tallies).

Every change to a record that has a search document (articles.changes.dependencies.INDEXED)
writes a SearchOutbox row in the caller's transaction; a change to a record copied into other
documents records those documents (dependencies.RELATED). Model signals call this for every
save and delete (articles.changes.receivers); services that write in bulk (queryset.update,
bulk_create send no signals) call record_changes themselves. After the commit the content
version rises and `changes_committed` is sent: the search app drains the outbox then. The
knowledge base never imports the search app: it only announces.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, router, transaction
from django.dispatch import Signal

from articles.changes.dependencies import INDEXED
from articles.models import Article, ContentVersion, SearchOutbox
from articles.services import tallies

# Sent after the commit of a transaction that recorded outbox rows (and by writers that bypass
# the outbox, after their own commit); the search app's receiver applies the rows.
changes_committed = Signal()


def _announce() -> None:
    changes_committed.send(sender=SearchOutbox)


def record_changes(
    instances: Iterable[models.Model], *, deleted: bool = False, content: bool = True
) -> None:
    """Record changed (or deleted) records in the current transaction; readers follow once it
    commits. Records of kinds without a search document only raise the content version.
    content=False: the records are unchanged and only their search documents must be rebuilt
    (new dictionary words re-tokenise them), so no cached page is invalidated."""
    using = router.db_for_write(SearchOutbox)
    instances = list(instances)
    if content:
        content_changed(using)
        # The article counts move in the same transaction as the change they count.
        tallies.recount(obj.pk for obj in instances if isinstance(obj, Article) and obj.pk is not None)
    action = SearchOutbox.Action.DELETE if deleted else SearchOutbox.Action.UPDATE
    rows = [
        SearchOutbox(model_label=obj._meta.label_lower, object_pk=str(obj.pk), action=action)
        for obj in instances
        if type(obj) in INDEXED and obj.pk is not None
    ]
    if not rows:
        return
    with transaction.atomic(using=using):
        SearchOutbox.objects.using(using).bulk_create(rows)
    # robust: a failing reader must not turn a committed save into an error; the rows stay
    # and the next drain applies them.
    transaction.on_commit(_announce, using=using, robust=True)


def record_change(instance: models.Model, *, deleted: bool = False) -> None:
    record_changes([instance], deleted=deleted)


def pending() -> int:
    """Outbox rows not yet applied."""
    return SearchOutbox.objects.count()


def content_version() -> int:
    """The current content version (0 before the first change)."""
    return ContentVersion.objects.filter(pk=1).values_list("counter", flat=True).first() or 0


def bump_content_version() -> None:
    """Invalidate every cache keyed on the content version (bulk imports and restores call
    this themselves; record_changes has it called after each commit)."""
    if not ContentVersion.objects.filter(pk=1).update(counter=models.F("counter") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"counter": 1})


def content_changed(using: str | None = None) -> None:
    """Raise the content version once the current transaction commits.

    After the commit, never inside the transaction: a row lock held until the commit would
    serialise (and could deadlock) concurrent editors; raised before it, a reader could cache
    old data under the new version."""
    transaction.on_commit(bump_content_version, using=using, robust=True)

