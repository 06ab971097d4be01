"""Shared by the hardening tests: the database a subprocess can open, and the index == database check."""

from __future__ import annotations

import datetime
import hashlib
import os
import socket
import sys
from collections.abc import Iterable
from pathlib import Path

import tantivy
from django.apps import apps
from haystack import connections
from haystack.utils import get_identifier

from search.backends.tantivy_schema import stored_values

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
PYTHON = sys.executable


def database_url(settings_dict: dict) -> str:
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    return "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{key: settings_dict.get(key) or "" for key in ("USER", "PASSWORD", "HOST", "PORT", "NAME")}
    )


def child_env(settings_dict: dict, index_dir: Path, var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a subprocess working on the test's database and index."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kejiku.settings",
        "DATABASE_URL": database_url(settings_dict),
        "SEARCH_INDEX_DIR": str(index_dir),
        "KEJIKU_VAR_DIR": str(var_dir),
        "PYTHONUNBUFFERED": "1",
        "DEBUG": "1",
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


# -- index == database -----------------------------------------------------------------------

def _day(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat()


def _document(title, text, kind, source, topics, date) -> tuple:
    body = hashlib.sha256((text or "").encode()).hexdigest()[:16]
    return (title or "", body, kind, source or None, tuple(sorted(topics or ())), _day(date))


def index_documents(backend=None) -> dict[str, tuple]:
    """identifier → (title, text hash, kind, source, topics, date) of every document in the index."""
    backend = backend or connections["default"].get_backend()
    searcher = backend.store.searcher()
    hits = searcher.search(tantivy.Query.all_query(), limit=max(searcher.num_docs, 1)).hits
    found = {}
    for _, address in hits:
        doc = stored_values(backend.specs, searcher.doc(address).to_dict())
        found[doc["id"]] = _document(
            doc.get("title"), doc.get("text"), doc.get("kind"), doc.get("source"), doc.get("topics") or (), doc.get("date")
        )
    return found


def database_documents() -> dict[str, tuple]:
    """The same, prepared from the database by the search indexes themselves."""
    unified = connections["default"].get_unified_index()
    expected = {}
    for model in unified.get_indexed_models():
        index = unified.get_index(model)
        for obj in index.index_queryset().order_by("pk"):
            data = index.full_prepare(obj)
            expected[get_identifier(obj)] = _document(
                data.get("title"), data.get("text"), data.get("kind"), data.get("source"),
                data.get("topics") or (), data.get("date"),
            )
    return expected


def index_differences(backend=None) -> list[str]:
    """What differs between the index and the database; empty when they are equal."""
    indexed, expected = index_documents(backend), database_documents()
    problems = [f"missing from the index: {key}" for key in sorted(expected.keys() - indexed.keys())]
    problems += [f"left in the index: {key}" for key in sorted(indexed.keys() - expected.keys())]
    problems += [
        f"stale in the index: {key}: {indexed[key]} != {expected[key]}"
        for key in sorted(indexed.keys() & expected.keys())
        if indexed[key] != expected[key]
    ]
    return problems


def assert_index_equals_database(backend=None) -> int:
    """Asserts index == database (and an empty outbox); returns the number of documents."""
    from articles.models import SearchOutbox

    assert SearchOutbox.objects.count() == 0
    problems = index_differences(backend)
    assert not problems, "\n".join(problems[:20])
    return len(database_documents())


# -- a database snapshot that ignores primary keys --------------------------------------------

def content_models() -> Iterable:
    """The knowledge base's tables, without its bookkeeping (the outbox, the content version)."""
    from articles.models import BOOKKEEPING

    for config in (apps.get_app_config("articles"),):
        yield from (m for m in config.get_models(include_auto_created=True) if m not in BOOKKEEPING)


def database_snapshot() -> dict[str, object]:
    """Row counts of every content table (history and m2m tables included) plus the articles'
    fingerprints and text: two snapshots are equal only if no row was added or lost."""
    from articles.models import Article

    snapshot: dict[str, object] = {m._meta.db_table: m._default_manager.count() for m in content_models()}
    snapshot["articles"] = sorted(
        (a.fingerprint or "", a.title, hashlib.sha256(a.body.encode()).hexdigest()[:16])
        for a in Article.objects.all()
    )
    return snapshot
