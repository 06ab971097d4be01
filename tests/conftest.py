"""Fixtures shared by the whole suite."""

import datetime
import shutil
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connections

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def isolated_var_dir(tmp_path_factory):
    """Dictionary version stamps and the jieba cache of this run stay out of var/ (the cache is
    copied when present, to spare rebuilding it)."""
    path = tmp_path_factory.mktemp("kejiku-var")
    cache = ROOT / "var" / "jieba" / "jieba.cache"
    if cache.is_file():
        (path / "jieba").mkdir()
        shutil.copy(cache, path / "jieba" / "jieba.cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("KEJIKU_VAR_DIR", str(path))
    yield path
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(isolated_var_dir):
    """The file cache of this run lives in its own var dir, not in the checkout's var/cache."""
    from django.test import override_settings

    def file_cache(location):
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(location)}

    with override_settings(CACHES={"default": file_cache(isolated_var_dir / "cache"),
                                   "search": file_cache(isolated_var_dir / "cache" / "search")}):
        yield


@pytest.fixture(autouse=True)
def empty_cache(isolated_cache):
    """Each test starts with an empty cache: rolled-back tests reuse content version numbers,
    so a page cached by one test would otherwise be served to the next."""
    from django.core.cache import caches

    from articles.selectors.version import forget_held

    for alias in ("default", "search"):
        caches[alias].clear()
    forget_held()
    yield
    for alias in ("default", "search"):
        caches[alias].clear()
    forget_held()


@contextmanager
def haystack_engine(settings, engine: str, path: Path) -> Iterator:
    """Point haystack's default connection at `engine` on `path`; yields the backend."""
    from haystack import connections

    from search.backends.tantivy_store import forget_stores

    previous = connections.connections_info
    settings.HAYSTACK_CONNECTIONS = {"default": {"ENGINE": engine, "PATH": str(path)}}
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    forget_stores()
    try:
        yield connections["default"].get_backend()
    finally:
        connections.connections_info = previous
        connections.reload("default")
        forget_stores()


@pytest.fixture
def search_index(tmp_path, settings):
    """An empty tantivy index of this test's own; yields the haystack backend."""
    with haystack_engine(settings, "search.backends.tantivy_backend.TantivyEngine", tmp_path / "index") as backend:
        yield backend


@pytest.fixture(scope="session", autouse=True)
def isolated_search_index(tmp_path_factory):
    """Point the search engine at a throw-away index so tests never touch var/index."""
    from django.conf import settings
    from haystack import connections

    index_dir = tmp_path_factory.mktemp("search-index")
    for options in settings.HAYSTACK_CONNECTIONS.values():
        options["PATH"] = str(index_dir / "default")
    settings.SEARCH_INDEX_DIR = index_dir / "default"
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    yield index_dir


def _shares_in_memory_sqlite() -> bool:
    return any(conn.vendor == "sqlite" and conn.is_in_memory_db() for conn in connections.all())


class _OneRequestAtATime:
    """A WSGI app that, on in-memory SQLite, serves one request at a time, its response read to
    the end inside the lock."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response) -> Iterable[bytes]:
        # Asked per request: the server may start before the test database replaces the real one.
        if not _shares_in_memory_sqlite():
            return self.app(environ, start_response)
        with self.lock:
            response = self.app(environ, start_response)
            try:
                return list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()


@pytest.fixture(scope="session", autouse=True)
def live_server_serialised_on_in_memory_sqlite():
    """On in-memory SQLite every thread of the live server opens the same shared-cache database,
    and two requests at once (the browser sends the admin's autocomplete and changelist requests
    together) once left both threads blocked inside SQLite for good. There requests are served
    one at a time; on PostgreSQL the threaded server is left as it is."""
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class SerialisedServer(ThreadedWSGIServer):
        def set_app(self, application):
            super().set_app(_OneRequestAtATime(application))

    previous = LiveServerThread.server_class
    LiveServerThread.server_class = SerialisedServer
    yield
    LiveServerThread.server_class = previous


def editor_group() -> Group:
    """The 编辑 group a data migration creates. A transactional test's flush deletes it (and
    re-creates permissions), so transactional tests get it back with the same permissions here."""
    group, created = Group.objects.get_or_create(name="编辑")
    if created:
        editor_migration = import_module("articles.migrations.0002_editor_group")
        codenames = [f"{action}_{model}" for model in editor_migration.CONTENT_MODELS for action in editor_migration.ACTIONS]
        group.permissions.set(Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))
        # and their own saved searches and watches, as the watch app's migration gives them
        watch_migration = import_module("watch.migrations.0002_analyst_group")
        group.permissions.add(*Permission.objects.filter(content_type__app_label="watch",
                                                         codename__in=watch_migration.watch_codenames()))
    return group


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="bianji", password="pw-不要用于生产", is_staff=True)
    user.groups.add(editor_group())
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def xinhua(db):
    from articles.models import Source, SourceKind

    return Source.objects.create(name="新华社", kind=SourceKind.AGENCY)


@pytest.fixture
def make_article(xinhua):
    from articles.models import Article

    def make(**fields):
        defaults = {
            "title": "全国科技工作会议在京召开",
            "body": "新华社北京1月26日电 全国科技工作会议26日在京召开。",
            "source": xinhua,
            "published_on": datetime.date(2026, 1, 26),
        }
        defaults.update(fields)
        return Article.objects.create(**defaults)

    return make


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser(monkeypatch):
    """Debian's headless chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still work here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
            # The connection that fixtures set up after this one (editor, xinhua …) opened
            # outlived pytest-django's clean-up, which no longer saw it once Playwright had
            # run, and kept PostgreSQL from dropping the test database at the end of the run.
            # Here, before Playwright stops, it is still visible and is closed.
            connections.close_all()
