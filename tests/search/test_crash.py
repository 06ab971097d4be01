"""A process killed between the database commit and the index commit leaves
no change behind: the next search in another process converges."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from haystack.query import SearchQuerySet

from articles.models import SearchOutbox
from tests.search.test_outbox import assert_index_equals_database, index_state

ROOT = Path(__file__).resolve().parents[2]


def database_url(settings_dict: dict) -> str:
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    return "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{key: settings_dict.get(key) or "" for key in ("USER", "PASSWORD", "HOST", "PORT", "NAME")}
    )


@pytest.fixture
def shared_database(tmp_path):
    """A database the child process can open too.

    PostgreSQL's test database already is one; SQLite's is in memory, so the
    test swaps in a migrated file database for its duration.
    """
    original = connections["default"]
    if original.vendor != "sqlite":
        yield original.settings_dict
        return
    settings_dict = {**original.settings_dict, "NAME": str(tmp_path / "shared.sqlite3")}
    wrapper = original.__class__(settings_dict, alias="default")
    connections["default"] = wrapper
    try:
        call_command("migrate", verbosity=0)
        yield settings_dict
    finally:
        wrapper.close()
        connections["default"] = original


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", ["after-db-commit", "during-index-write"])
def test_killed_process_does_not_strand_its_change(mode, search_index, shared_database, isolated_var_dir):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(shared_database),
        "SEARCH_INDEX_DIR": str(search_index.path),
        "KEJIKU_VAR_DIR": str(isolated_var_dir),
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.search.crash_child", mode],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = child.stdout.readline().strip()
        assert line in {"COMMITTED", "WRITING"}, child.stderr.read()
        child.send_signal(signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()

    # The database has the article and its outbox row; the index has neither.
    assert SearchOutbox.objects.count() == 1
    assert index_state(search_index) == {}
    # A search only reads; the next drain (a timer's search_drain, or any later write's) applies
    # what the dead process left, taking the lock it held.
    assert list(SearchQuerySet().auto_query("赤霄")) == []
    call_command("search_drain", verbosity=0)
    assert [r.title for r in SearchQuerySet().auto_query("赤霄")] == ["进程被杀前保存的稿件"]
    assert_index_equals_database(search_index)
