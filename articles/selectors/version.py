"""The fingerprint of the knowledge base that caches of derived data and pages key on.

It is articles.changes' content version: raised after every commit that records a change
(admin saves and deletes, imports, merges, queryset updates that record their changes,
restores), so every worker process sees an edit at once. Caches keyed on it
also expire on their own, in case a change bypassed the outbox.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from articles.changes import content_version

T = TypeVar("T")


def data_version() -> str:
    return str(content_version())


def cached_on_version(key: str, compute: Callable[[], T], *, seconds: int = 3600) -> T:
    """compute(), cached until the knowledge base changes (or `seconds` pass)."""
    full_key = f"{key}:{data_version()}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, seconds)
    return value
