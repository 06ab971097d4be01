"""Model signals feed the outbox: every save and delete an editor makes is recorded.

Admin edits arrive here; services doing bulk operations (queryset.update,
bulk_create) call articles.changes.record_changes themselves, since Django sends
no signals for those. Both go through the same record_changes.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from articles.changes import content_changed, dependencies, record_change, record_changes
from articles.models import Mention, Topic
from articles.services import tallies

DISPATCH = "articles.changes"


def _indexed_saved(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: Any) -> None:
    if not raw:
        record_change(instance)


def _indexed_deleted(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    record_change(instance, deleted=True)


def _related_changed(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: Any) -> None:
    if not raw:
        record_changes(dependencies.RELATED[sender](instance))


def _related_deleting(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    record_changes(dependencies.CLEARED_ON_DELETE[sender](instance))


def _foreign_key(through: type[models.Model], target: type[models.Model]) -> models.ForeignKey:
    return next(f for f in through._meta.get_fields() if f.many_to_one and f.related_model is target)


def _m2m_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **_: Any,
) -> None:
    forward, _ = dependencies.M2M[sender]
    if not reverse:
        if action.startswith("post_"):
            record_change(instance)
        return
    if action == "pre_clear":
        # pk_set is None for clear(): collect the documents while rows exist.
        to_forward, to_instance = _foreign_key(sender, forward), _foreign_key(sender, type(instance))
        rows = sender.objects.filter(**{to_instance.attname: instance.pk})
        record_changes(forward(pk=pk) for pk in rows.values_list(to_forward.attname, flat=True))
    elif action in ("post_add", "post_remove") and pk_set:
        record_changes(forward(pk=pk) for pk in pk_set)


def _content_changed(sender: type[models.Model], raw: bool = False, **_: Any) -> None:
    if not raw:
        content_changed()


def _shown_m2m_changed(sender: type[models.Model], action: str, **_: Any) -> None:
    if action.startswith("post_"):
        content_changed()


def _mention_changed(sender: type[models.Model], instance: Mention, raw: bool = False, **_: Any) -> None:
    """A mention moves its article between the counts of the records it names."""
    if not raw:
        tallies.recount([instance.article_id])


def _topic_saving(sender: type[models.Model], instance: Topic, raw: bool = False, **_: Any) -> None:
    """Before a topic is saved: was it elsewhere in the tree? (An edited description moves
    nobody: recounting a broad topic reads every article under it.)"""
    if not raw and instance.pk is not None:
        before = Topic.objects.filter(pk=instance.pk).values_list("parent_id", flat=True).first()
        instance._tally_moved = before != instance.parent_id


def _topic_saved(sender: type[models.Model], instance: Topic, raw: bool = False, **_: Any) -> None:
    """A topic that moved in the tree moves the articles under it, its descendants' included."""
    if not raw and getattr(instance, "_tally_moved", False):
        tallies.recount(tallies.articles_under_topics([instance.pk]))


def _topic_deleting(sender: type[models.Model], instance: Topic, **_: Any) -> None:
    """Before a topic is deleted (its links go without a signal): remember whose counts change."""
    instance._tallied_articles = tallies.articles_under_topics([instance.pk])


def _topic_deleted(sender: type[models.Model], instance: Topic, **_: Any) -> None:
    tallies.recount(getattr(instance, "_tallied_articles", []))


def connect() -> None:
    post_save.connect(_mention_changed, sender=Mention, dispatch_uid=f"{DISPATCH}.tally.mention-save")
    post_delete.connect(_mention_changed, sender=Mention, dispatch_uid=f"{DISPATCH}.tally.mention-delete")
    pre_save.connect(_topic_saving, sender=Topic, dispatch_uid=f"{DISPATCH}.tally.topic-saving")
    post_save.connect(_topic_saved, sender=Topic, dispatch_uid=f"{DISPATCH}.tally.topic-save")
    pre_delete.connect(_topic_deleting, sender=Topic, dispatch_uid=f"{DISPATCH}.tally.topic-deleting")
    post_delete.connect(_topic_deleted, sender=Topic, dispatch_uid=f"{DISPATCH}.tally.topic-delete")
    # Shown on pages but not indexed themselves: their changes still invalidate cached pages.
    for model in dependencies.SHOWN_NOT_INDEXED:
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"{DISPATCH}.shown.{model.__name__}")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{DISPATCH}.unshown.{model.__name__}")
    for through in dependencies.SHOWN_NOT_INDEXED_M2M:
        m2m_changed.connect(_shown_m2m_changed, sender=through, dispatch_uid=f"{DISPATCH}.m2m-shown.{through.__name__}")
    for model in dependencies.INDEXED:
        post_save.connect(_indexed_saved, sender=model, dispatch_uid=f"{DISPATCH}.save.{model.__name__}")
        post_delete.connect(_indexed_deleted, sender=model, dispatch_uid=f"{DISPATCH}.delete.{model.__name__}")
    for model in dependencies.RELATED:
        post_save.connect(_related_changed, sender=model, dispatch_uid=f"{DISPATCH}.rsave.{model.__name__}")
        post_delete.connect(_related_changed, sender=model, dispatch_uid=f"{DISPATCH}.rdelete.{model.__name__}")
    for model in dependencies.CLEARED_ON_DELETE:
        pre_delete.connect(_related_deleting, sender=model, dispatch_uid=f"{DISPATCH}.predelete.{model.__name__}")
    for through in dependencies.M2M:
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{DISPATCH}.m2m.{through.__name__}")
