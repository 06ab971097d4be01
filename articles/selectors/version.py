"""The fingerprint of the knowledge base that caches of derived data and pages key on.

It is articles.changes' content version: raised after every commit that records a change
(admin saves and deletes, imports, merges, queryset updates that record their changes,
restores), so every worker process sees an edit at once. Caches keyed on it
also expire on their own, in case a change bypassed the outbox.
"""

from collections.abc import Callable
from typing import Any, TypeVar

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


# Values this process keeps for the current data version: the holder of each key and its version.
_held: dict[str, tuple[str, Any]] = {}


def held_on_version(key: str, compute: Callable[[], T]) -> T:
    """compute(), kept in this process until the knowledge base changes: for a value every
    request of a kind needs that costs more to build than the shared cache saves (25,000
    officials' names: 100 ms to read and convert at a million articles)."""
    version = data_version()
    held = _held.get(key)
    if held is not None and held[0] == version:
        return held[1]
    value = compute()
    _held[key] = (version, value)
    return value


def forget_held() -> None:
    """Drop what this process holds (tests: rolled-back transactions reuse version numbers)."""
    _held.clear()
