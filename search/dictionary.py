"""The domain dictionary drawn from the knowledge base itself.

Official names and aliases, organisation names and aliases, meeting names
and document short titles become jieba words, so 阴和俊 or 工信部 are single
tokens. Every process loads them lazily, and checks for new ones once per
request. When an editor adds an entity the saving process learns the words at
once; after the commit it re-queues the documents that contain them (their
tokens change) and touches a version file that makes the other processes
reload. The index is never queried inside the editor's transaction.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.apps import apps
from django.db import DatabaseError, models, transaction
from django.db.models.signals import post_save
from haystack import connections
from haystack.constants import DEFAULT_ALIAS

from articles import kinds
from articles.changes import record_changes
from textkit import analysis

logger = logging.getLogger(__name__)

# model → the fields whose values are dictionary words (the registry of kinds names them)
NAMED_MODELS: dict[type[models.Model], tuple[str, ...]] = dict(kinds.named_fields())

_lock = threading.Lock()
_loaded_stamp: int | None = None
# Within a web request the version file is looked at once (request_started resets this); outside
# one (commands, shells) at every search and write.
_request = threading.local()
# Words learned by saves whose transaction has not been flushed yet (flush_pending).
_pending = threading.local()


def version_file() -> Path:
    return analysis.var_dir() / "dictionary.version"


def _clean(value: str) -> str:
    return value.strip().strip("《》“”\"")


def entity_words(instance: models.Model) -> list[str]:
    fields = NAMED_MODELS.get(type(instance), ())
    return [_clean(v) for v in (getattr(instance, f, "") for f in fields) if v and _clean(v)]


def all_words() -> Iterator[str]:
    for model, fields in NAMED_MODELS.items():
        for values in model.objects.values_list(*fields):
            yield from (_clean(v) for v in values if v and _clean(v))


def _stamp() -> int:
    try:
        return version_file().stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def request_started(**_: object) -> None:
    _request.checked = False


def request_finished(**_: object) -> None:
    _request.__dict__.pop("checked", None)


def ensure_current() -> None:
    """Load the knowledge base's words once, and again after any process
    announced new ones (one stat() when nothing changed, once per request)."""
    global _loaded_stamp
    checked = getattr(_request, "checked", None)
    if checked:
        return
    if checked is False:
        _request.checked = True
    stamp = _stamp()
    if stamp == _loaded_stamp:
        return
    with _lock:
        if stamp == _loaded_stamp:
            return
        try:
            analysis.add_domain_words(all_words())
        except DatabaseError:
            logger.debug("domain dictionary not loaded: database not ready", exc_info=True)
            return
        _loaded_stamp = stamp


def _announce() -> None:
    path = version_file()
    path.write_text(str(path.stat().st_mtime_ns + 1 if path.exists() else 1))


def documents_containing(words: Iterable[str]) -> list[models.Model]:
    """Indexed records (pk-only stubs) whose text contains any of the words."""
    words = list(words)
    if not words:
        return []
    stubs = []
    for identifier in connections[DEFAULT_ALIAS].get_backend().identifiers_containing(words):
        label, pk = identifier.rsplit(".", 1)
        model = apps.get_model(label)
        stubs.append(model(pk=model._meta.pk.to_python(pk)))
    return stubs


def entity_changed(instance: models.Model) -> None:
    """A named record was saved: its words are tokens from now on in this process; after the
    commit, the documents containing them are re-analysed and the other processes told."""
    new = analysis.add_domain_words(entity_words(instance))
    if new:
        _pending.words = [*getattr(_pending, "words", ()), *new]
        transaction.on_commit(flush_pending, robust=True)


def flush_pending() -> None:
    """Re-analyse the documents containing the words learned since the last flush, all at once.

    The outbox's drain calls this first (search.outbox.drain_after_commit), so an import that
    names fifty new officials queues the documents already indexed with their old tokens in
    the same drain as its own records, instead of a drain per name; the on_commit call of
    entity_changed covers a commit that recorded no outbox row. Words of a transaction that
    rolled back are flushed with the next commit: they were learned in this process anyway."""
    words = getattr(_pending, "words", None)
    if words:
        _pending.words = []
        _reanalyse(words)


def teach_all() -> None:
    """Every name in the knowledge base becomes a word, as if each had been saved by an editor
    (a bulk import writes thousands without a save signal); call it outside a transaction."""
    new = analysis.add_domain_words(all_words())
    if new:
        _reanalyse(new)


def _reanalyse(words: list[str]) -> None:
    # Re-tokenised, not changed: the pages showing them stay as they are.
    record_changes(documents_containing(words), content=False)
    _announce()


def _entity_saved(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: object) -> None:
    if not raw:
        entity_changed(instance)


def connect() -> None:
    for model in NAMED_MODELS:
        post_save.connect(_entity_saved, sender=model, dispatch_uid=f"search.dictionary.{model.__name__}")
