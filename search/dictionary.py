"""The domain dictionary drawn from the knowledge base itself.

Official names and aliases, organisation names and aliases, meeting names
and document short titles become jieba words, so 阴和俊 or 工信部 are single
tokens. Every process loads them lazily; when an editor adds an entity the
saving process learns the words at once, re-queues the documents that
contain them (their tokens change) and touches a version file that makes the
other processes reload.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.apps import apps
from django.db import DatabaseError, models, transaction
from haystack import connections
from haystack.constants import DEFAULT_ALIAS

from articles.models import (
    Meeting,
    MeetingSeries,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    PolicyDocument,
)
from search.outbox import record_changes
from textkit import analysis

logger = logging.getLogger(__name__)

# model → the fields whose values are dictionary words
NAMED_MODELS: dict[type[models.Model], tuple[str, ...]] = {
    Official: ("name",),
    OfficialAlias: ("name",),
    Organization: ("name",),
    OrganizationAlias: ("name",),
    MeetingSeries: ("name",),
    Meeting: ("name",),
    PolicyDocument: ("short_title",),
}

_lock = threading.Lock()
_loaded_stamp: int | None = None


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


def ensure_current() -> None:
    """Load the knowledge base's words once, and again after any process
    announced new ones (one stat() when nothing changed)."""
    global _loaded_stamp
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
    new = analysis.add_domain_words(entity_words(instance))
    if not new:
        return
    if hasattr(connections[DEFAULT_ALIAS].get_backend(), "apply_changes"):
        # Their tokens change with the dictionary: have them re-analysed.
        record_changes(documents_containing(new))
    transaction.on_commit(_announce)
