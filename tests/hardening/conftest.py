"""Fixtures of the hardening tests: a database and an index that real subprocesses share.

Counts the issue asks for (faults survived, edits kept, fuzz cases, 5xx) are collected
in COUNTS and printed at the end of the run.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest
from django.db import connections

COUNTS: Counter = Counter()


def pytest_terminal_summary(terminalreporter):
    if COUNTS:
        terminalreporter.write_sep("-", "hardening counts")
        for name, value in sorted(COUNTS.items()):
            terminalreporter.write_line(f"{name}: {value}")


@pytest.fixture
def index(search_index):
    """An empty tantivy index of this test's own (tests/conftest.py); yields the haystack backend."""
    return search_index


@pytest.fixture
def _editor_group_after_flush(django_db_blocker):
    """Set up before the test database and so torn down after its flush: puts back the 编辑 group
    that migration 0002 created, for the tests that follow. (Serialized rollback would do it,
    but breaks when a plain transactional test ran before.)"""
    yield
    from tests.conftest import editor_group

    with django_db_blocker.unblock():
        editor_group()


@pytest.fixture
def shared_db(_editor_group_after_flush, transactional_db, tmp_path):
    """The test database, openable by subprocesses: yields its settings dict.

    PostgreSQL's test database already is one. SQLite's lives in memory: it is copied
    (migrated, as it is) to a file that replaces the default connection for the test.
    """
    original = connections["default"]
    if original.vendor != "sqlite":
        yield original.settings_dict
        return
    path = tmp_path / "shared.sqlite3"
    original.ensure_connection()
    target = sqlite3.connect(path)
    original.connection.backup(target)
    target.close()
    settings_dict = {**original.settings_dict, "NAME": str(path)}
    wrapper = original.__class__(settings_dict, alias="default")
    connections["default"] = wrapper
    try:
        yield settings_dict
    finally:
        wrapper.close()
        connections["default"] = original
