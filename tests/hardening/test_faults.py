"""Faults: an import killed with SIGKILL at random points leaves the database as before or
fully imported, never half, and the index equals the database after every kill; a database
that goes away mid-request answers a clean 503 and the site recovers when it comes back."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import dj_database_url
import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, connections, transaction
from django.db.utils import load_backend

from articles.models import SearchOutbox
from search import outbox
from search.backends.tantivy_store import forget_stores
from tests.hardening import pgcluster
from tests.hardening.conftest import COUNTS
from tests.hardening.helpers import (
    PYTHON,
    ROOT,
    assert_index_equals_database,
    child_env,
    content_models,
    database_snapshot,
    free_port,
    seed,
)

KILLS = int(os.environ.get("KEJIKU_HARDENING_KILLS", "30"))
BEFORE = "001"  # already in the knowledge base
IMPORTED = "000"  # the multi-story page the killed imports load (3 stories, officials, meetings)


class Zygote:
    """tests/hardening/import_zygote.py: forks one real `import_texts` run per request."""

    def __init__(self, env: dict[str, str], *paths: Path) -> None:
        self.process = subprocess.Popen(
            [PYTHON, "-m", "tests.hardening.import_zygote", *map(str, paths)],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self.read() == "READY"

    def read(self) -> str:
        line = self.process.stdout.readline().strip()
        assert line, f"the import zygote died (exit {self.process.poll()})"
        return line

    def send(self, command: str) -> None:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def run(self, path: Path) -> int:
        self.send(f"run {path}")
        word, pid = self.read().split()
        assert word == "PID"
        return int(pid)

    def wait(self) -> int:
        self.send("wait")
        word, code = self.read().split()
        assert word == "EXIT"
        return int(code)

    def close(self) -> None:
        if self.process.poll() is None:
            self.send("quit")
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class WriteProbe:
    """Is some other process inside a write transaction on the test database right now?"""

    def __init__(self, settings_dict: dict) -> None:
        self.sqlite = settings_dict["ENGINE"].endswith("sqlite3")
        self.journal = Path(f"{settings_dict['NAME']}-journal")

    def __call__(self) -> bool:
        if self.sqlite:  # rollback-journal mode: the journal exists while a write transaction is open
            return self.journal.exists()
        with connections["default"].cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
            )
            return cursor.fetchone()[0] > 0

    def wait_until(self, wanted: bool, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self() == wanted:
                return True
            time.sleep(0.005)
        return False


class SavedState:
    """The knowledge base and its index as they are now, put back in a fraction of a second:
    every content table copied aside in SQL, the index directory copied aside."""

    PREFIX = "kj_saved_"

    def __init__(self, backend, where: Path) -> None:
        self.backend = backend
        self.index_dir = Path(backend.store.path)
        self.saved_index = where / "saved-index"
        self.tables = [m._meta.db_table for m in content_models()] + [SearchOutbox._meta.db_table]
        with connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"DROP TABLE IF EXISTS {self._saved(table)}")
                cursor.execute(f"CREATE TABLE {self._saved(table)} AS SELECT * FROM {self._q(table)}")
        shutil.copytree(self.index_dir, self.saved_index)

    def _q(self, name: str) -> str:
        return connection.ops.quote_name(name)

    def _saved(self, table: str) -> str:
        return self._q(self.PREFIX + table)

    def restore(self) -> None:
        with transaction.atomic():  # foreign keys are deferred to the commit on both databases
            connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), self.tables, allow_cascade=True))
            with connection.cursor() as cursor:
                for table in self.tables:
                    cursor.execute(f"INSERT INTO {self._q(table)} SELECT * FROM {self._saved(table)}")
        self.backend._store = None
        forget_stores()
        shutil.rmtree(self.index_dir)
        shutil.copytree(self.saved_index, self.index_dir)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"DROP TABLE IF EXISTS {self._saved(table)}")


def drain_and_check(index) -> int:
    """What a search or `manage.py search_drain` does after a crash; then index == database.
    Returns how many outbox rows the dead process had left."""
    left = SearchOutbox.objects.count()
    outbox.drain(timeout=60)
    assert_index_equals_database(index)
    return left


def test_an_import_killed_at_random_points_leaves_all_or_nothing(shared_db, index, tmp_path, isolated_var_dir):
    rng = random.Random(int(os.environ.get("KEJIKU_HARDENING_SEED", str(time.time_ns()))))
    env = child_env(shared_db, Path(index.store.path), isolated_var_dir)
    probe = WriteProbe(shared_db)
    zygote = saved = None
    try:
        zygote = Zygote(env, seed(BEFORE), seed(IMPORTED))
        # The knowledge base before: one page imported, and an editor's own article.
        zygote.run(seed(BEFORE))
        assert zygote.wait() == 0
        from articles.models import Article, Source

        Article.objects.create(title="编辑手工录入的稿件", body="赤霄系统首次亮相。", published_on="2026-02-01",
                               source=Source.objects.get_or_create(name="新华社")[0])
        drain_and_check(index)
        before = database_snapshot()
        saved = SavedState(index, tmp_path)

        # One run to the end: the fully imported state, and how long the phases take.
        started = time.monotonic()
        zygote.run(seed(IMPORTED))
        assert probe.wait_until(True, 120), "the import never started writing"
        write_start = time.monotonic() - started
        assert zygote.wait() == 0
        run_time = time.monotonic() - started
        full = database_snapshot()
        assert full != before
        drain_and_check(index)
        saved.restore()
        assert database_snapshot() == before
        assert_index_equals_database(index)

        outcomes = {"before": 0, "full": 0}
        in_transaction = after_commit = 0
        for kill in range(KILLS):
            started = time.monotonic()
            pid = zygote.run(seed(IMPORTED))
            if kill % 3 == 2:  # a random point anywhere in the run
                time.sleep(rng.uniform(0, run_time * 1.1))
            else:  # a random point once it writes: its transaction, or the index update after it
                probe.wait_until(True, run_time * 3 + 30)
                time.sleep(rng.uniform(0, max(run_time - write_start, 0.05)))
            writing = probe()
            os.kill(pid, signal.SIGKILL)
            code = zygote.wait()
            assert code in (0, -signal.SIGKILL), f"the import failed by itself (exit {code})"
            if probe.sqlite:
                writing = writing or probe.journal.exists()  # a hot journal: killed mid-write
            else:
                assert probe.wait_until(False, 60), "the killed import's transaction never ended"
            in_transaction += writing
            state = database_snapshot()
            assert state in (before, full), f"kill {kill} after {time.monotonic() - started:.2f}s left a half import"
            outcome = "before" if state == before else "full"
            outcomes[outcome] += 1
            if drain_and_check(index) and outcome == "full":
                after_commit += 1  # committed, but killed before its index update finished
            if outcome == "full":
                saved.restore()

        # The real command line too, killed inside its write transaction.
        cli = subprocess.Popen([PYTHON, "manage.py", "import_texts", str(seed(IMPORTED))], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert probe.wait_until(True, 300), "manage.py import_texts never started writing"
            time.sleep(rng.uniform(0, max(run_time - write_start, 0.05)))
            cli.send_signal(signal.SIGKILL)
            assert cli.wait(30) in (0, -signal.SIGKILL)
        finally:
            if cli.poll() is None:
                cli.kill()
                cli.wait()
        assert probe.sqlite or probe.wait_until(False, 60)
        assert database_snapshot() in (before, full)
        drain_and_check(index)
    finally:
        if zygote is not None:
            zygote.close()
        if saved is not None:
            saved.drop()

    COUNTS["faults: import processes SIGKILLed, all survived (all-or-nothing, index == database)"] += KILLS + 1
    COUNTS["faults: kills that left the knowledge base as before"] += outcomes["before"]
    COUNTS["faults: kills that left it fully imported"] += outcomes["full"]
    COUNTS["faults: kills inside the import's write transaction"] += in_transaction
    COUNTS["faults: kills after the commit, index update unfinished"] += after_commit
    # Mid-transaction kills and the "as before" outcome must actually have been exercised.
    assert in_transaction > 0
    assert outcomes["before"] > 0


def test_a_writer_killed_in_its_commit_does_not_block_every_later_commit(tmp_path, monkeypatch):
    """Found by the test above: a writer killed during its commit can leave <segment>.<opstamp>.del,
    unknown to .managed.json; the next commit deleting from that segment failed with
    FileAlreadyExists, for ever, and the index stopped following the database."""
    import tantivy

    from search.backends import tantivy_store
    from search.backends.tantivy_store import IndexStore

    monkeypatch.setattr(tantivy_store, "after_write_hooks", [])  # no outbox here
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    schema = builder.build()
    live, crashed = tmp_path / "index", tmp_path / "crashed"
    store = IndexStore(live, schema)
    with store.writer() as writer:
        for n in range(5):
            writer.add_document(tantivy.Document(id=str(n)))
    # What the killed process got as far as: the same commit, in a copy, whose .del file it wrote.
    shutil.copytree(live, crashed)
    with IndexStore(crashed, schema).writer() as writer:
        writer.delete_documents_by_term("id", "1")
    for orphan in set(os.listdir(crashed)) - set(os.listdir(live)):
        shutil.copy(crashed / orphan, live / orphan)
    with store.writer() as writer:
        writer.delete_documents_by_term("id", "1")
    assert store.searcher().num_docs == 4


# -- the database goes away -------------------------------------------------------------------

def _private_port() -> int:
    import socket

    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", 5444)) != 0:
            return 5444
    return free_port()


@pytest.fixture
def private_database(django_db_blocker, index):
    """The default connection pointed at a private PostgreSQL cluster with the schema (and no data)."""
    reason = pgcluster.available()
    if reason:
        pytest.fail(f"cannot start a private PostgreSQL cluster: {reason}")
    cluster = pgcluster.PrivateCluster(_private_port()).init()
    original = connections["default"]
    try:
        cluster.start()
        cluster.create_database("kejiku")
        config = dj_database_url.parse(cluster.url("kejiku"), conn_max_age=60, conn_health_checks=True)
        config["OPTIONS"] = {"connect_timeout": 5}
        config = connections.configure_settings({"default": config})["default"]
        wrapper = load_backend(config["ENGINE"]).DatabaseWrapper(config, "default")
        connections["default"] = wrapper
        with django_db_blocker.unblock():
            with wrapper.schema_editor() as editor:
                for model in apps.get_models():
                    if model._meta.managed and not model._meta.proxy:
                        editor.create_model(model)
            yield cluster
            wrapper.close()
    finally:
        connections["default"] = original
        cluster.destroy()


class Served:
    """A response as a WSGI server (gunicorn) gets it from Django's WSGIHandler.

    Not the test client: it disconnects close_old_connections from the request signals,
    so a broken connection would never be dropped and the recovery a real server sees
    could not be tested.
    """

    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status_code = int(status.split()[0])
        self.headers = dict(headers)
        self.content = body

    def __getitem__(self, name: str) -> str:
        return self.headers[name]

    def json(self):
        return json.loads(self.content)


def serve(path: str) -> Served:
    from urllib.parse import quote, urlsplit

    from django.core.handlers.wsgi import WSGIHandler

    parts = urlsplit(path)
    environ = {"PATH_INFO": parts.path, "QUERY_STRING": quote(parts.query, safe="=&"), "REQUEST_METHOD": "GET",
               "HTTP_HOST": "127.0.0.1", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
               "wsgi.input": io.BytesIO(b"")}
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=headers)

    result = WSGIHandler()(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()  # request_finished: what a server does after each response
    return Served(started["status"], started["headers"], body)


def assert_clean_503(response, *, api: bool) -> None:
    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.content.decode()
    for leak in ("Traceback", "OperationalError", "psycopg", "File \"", "connection"):
        assert leak not in body, leak
    if api:
        assert response["Content-Type"].startswith("application/json")
        assert "数据库" in response.json()["error"]
    else:
        assert response["Content-Type"].startswith("text/html")
        assert "数据库暂时不可用" in body and "<html" in body


def test_a_database_gone_mid_request_gives_a_503_and_the_site_recovers(private_database, settings):
    from articles.models import Article, Source

    settings.DEBUG = False
    cluster = private_database
    source = Source.objects.create(name="新华社")
    article = Article.objects.create(title="赤霄系统首次亮相", body="赤霄系统首次亮相。", source=source,
                                     published_on="2026-02-01")
    page, api = f"/articles/{article.pk}/", f"/api/articles/{article.pk}"
    for url in (page, "/", "/articles/", api, "/api/articles", "/search/?q=赤霄"):
        assert serve(url).status_code == 200, url

    # The server dies between two queries of one request (the first one succeeded). A page not
    # served yet: a cached one needs a single query (the content version).
    queries = []

    def vanish_after_first_query(execute, sql, params, many, context):
        queries.append(sql)
        if len(queries) == 2:
            cluster.stop("immediate")
        return execute(sql, params, many, context)

    with connections["default"].execute_wrapper(vanish_after_first_query):
        assert_clean_503(serve("/archive/"), api=False)
    assert len(queries) >= 2

    # While it is down: every kind of page, and the API, answer 503 at once, except a search page
    # already answered: it is kept under the index's state and needs no database (a search only
    # reads the index).
    for url in (page, "/", "/articles/", "/feeds/latest/"):
        assert_clean_503(serve(url), api=False)
    assert serve("/search/?q=赤霄").status_code == 200
    assert serve("/api/search?q=赤霄").json()["count"] == 1  # the same search through the API
    for url in (api, "/api/articles"):
        assert_clean_503(serve(url), api=True)

    # Back again: the very next requests reconnect by themselves.
    cluster.start()
    for url in (page, "/", "/search/?q=赤霄"):
        assert serve(url).status_code == 200, url
    assert serve(api).json()["title"] == "赤霄系统首次亮相"
    COUNTS["faults: database stopped mid-request and restarted (503, then 200)"] += 1
