"""Concurrency: editors saving at once through a real gunicorn while an import runs lose
nothing, and the index equals the database afterwards.

The policy is optimistic locking (README, "Editing"): a save based on a page opened before
someone else's change is refused with a message, never applied over it; the editor reloads
and applies their change again. The in-process tests pin the policy down; the gunicorn test
shows it holds between processes, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from articles.admin.versioning import CONFLICT
from search import outbox
from tests.conftest import editor_group
from tests.hardening.conftest import COUNTS
from tests.hardening.helpers import (
    PYTHON,
    ROOT,
    assert_index_equals_database,
    child_env,
    free_port,
    seed,
)
from tests.hardening.web import Browser, form_fields

PASSWORD = "pw-并发测试-不要用于生产"  # a test account
EDITORS = int(os.environ.get("KEJIKU_HARDENING_EDITORS", "3"))
MIN_ROUNDS = 2
CONFLICT_MARK = CONFLICT[:12]


def make_editor(name: str):
    user = get_user_model().objects.create_user(username=name, password=PASSWORD, is_staff=True)
    user.groups.add(editor_group())
    return user


def make_article(title: str, body: str):
    from articles.models import Article, Source

    source, _ = Source.objects.get_or_create(name="新华社")
    return Article.objects.create(title=title, body=body, source=source, published_on=datetime.date(2026, 2, 1))


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


# -- the policy, in process ---------------------------------------------------------------------

def open_form(client: Client, article) -> dict[str, str]:
    page = client.get(change_url(article))
    assert page.status_code == 200
    return dict(form_fields(page.content.decode(), "article_form"))


def save(client: Client, article, fields: dict[str, str]):
    return client.post(change_url(article), {**fields, "_save": "保存"})


@pytest.mark.django_db
def test_a_save_from_a_page_opened_before_another_save_is_refused_then_reapplied(index):
    article = make_article("赤霄系统首次亮相", "赤霄系统首次亮相。")
    first, second = Client(), Client()
    first.force_login(make_editor("bianji1"))
    second.force_login(make_editor("bianji2"))
    page_one, page_two = open_form(first, article), open_form(second, article)
    assert page_one["loaded_version"]

    assert save(first, article, {**page_one, "title": "赤霄系统首次亮相（更正）"}).status_code == 302
    refused = save(second, article, {**page_two, "body": page_two["body"] + "补充一句。"})
    assert refused.status_code == 200
    assert CONFLICT in refused.content.decode()
    article.refresh_from_db()
    assert (article.title, article.body) == ("赤霄系统首次亮相（更正）", "赤霄系统首次亮相。")

    # Reloaded, the second editor sees the first one's change and applies theirs on top.
    page_two = open_form(second, article)
    assert page_two["title"] == "赤霄系统首次亮相（更正）"
    assert save(second, article, {**page_two, "body": page_two["body"] + "补充一句。"}).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("赤霄系统首次亮相（更正）", "赤霄系统首次亮相。补充一句。")
    outbox.drain()
    assert_index_equals_database(index)


@pytest.mark.django_db
def test_an_import_or_any_writer_changing_an_open_record_makes_the_stale_save_refused(index):
    from articles.models import Official

    client = Client()
    client.force_login(make_editor("bianji"))
    article = make_article("赤霄系统首次亮相", "赤霄系统首次亮相。")
    page = open_form(client, article)
    article.body = "导入程序写入的新正文。"
    article.save()
    refused = save(client, article, {**page, "title": "编辑改的标题"})
    assert refused.status_code == 200 and CONFLICT in refused.content.decode()
    article.refresh_from_db()
    assert (article.title, article.body) == ("赤霄系统首次亮相", "导入程序写入的新正文。")

    # Models without an update timestamp are versioned by their stored values all the same.
    official = Official.objects.create(name="王志刚")
    url = f"/admin/articles/official/{official.pk}/change/"
    fields = dict(form_fields(client.get(url).content.decode(), "official_form"))
    Official.objects.filter(pk=official.pk).update(name="王志钢")
    refused = client.post(url, {**fields, "name": "王志刚（科技部）", "_save": "保存"})
    assert refused.status_code == 200 and CONFLICT in refused.content.decode()
    assert Official.objects.get(pk=official.pk).name == "王志钢"


@pytest.mark.django_db
def test_saving_twice_from_fresh_pages_is_never_refused(index):
    client = Client()
    client.force_login(make_editor("bianji"))
    article = make_article("赤霄系统首次亮相", "赤霄系统首次亮相。")
    for n in range(3):
        page = open_form(client, article)
        assert save(client, article, {**page, "body": page["body"] + f"第{n}句。"}).status_code == 302
    article.refresh_from_db()
    assert article.body == "赤霄系统首次亮相。第0句。第1句。第2句。"


# -- between processes: a real gunicorn, editors in parallel, an import at the same time -------------

class Editor(threading.Thread):
    """Logs in and edits: the shared article's body and its own article's title, appending a
    marker each time; on a conflict it reloads and applies the same change again."""

    def __init__(self, base: str, user, shared, own, import_running) -> None:
        super().__init__(name=user.username, daemon=True)
        self.browser = Browser(base)
        self.browser.use_session(session_for(user))
        self.username = user.username
        self.shared, self.own = shared, own
        self.import_running = import_running
        self.saved: dict[int, list[str]] = {shared.pk: [], own.pk: []}
        self.conflicts = self.during_import = self.busy = 0
        self.failures: list[str] = []

    def edit(self, article, field: str, marker: str) -> None:
        for _attempt in range(30):
            page = self.browser.get(change_url(article))
            if page.status != 200:
                self.failures.append(f"GET {page.status}: {page.text[:300]}")
                return
            fields = dict(form_fields(page.text, "article_form"))
            fields[field] += marker
            answer = self.browser.post(change_url(article), [*fields.items(), ("_save", "保存")])
            if answer.status == 302:
                self.saved[article.pk].append(marker)
                self.during_import += self.import_running()
                return
            if answer.status == 200 and CONFLICT_MARK in answer.text:
                self.conflicts += 1
                continue
            if answer.status == 503:  # the database stayed locked too long (SQLite): nothing saved, retry
                self.busy += 1
                time.sleep(1)
                continue
            self.failures.append(f"POST {answer.status}: {answer.text[:300]}")
            return
        self.failures.append(f"gave up on {marker} after 30 conflicts")

    def run(self) -> None:
        try:
            rounds = 0
            deadline = time.monotonic() + 600
            while (rounds < MIN_ROUNDS or self.import_running()) and time.monotonic() < deadline:
                rounds += 1
                self.edit(self.shared, "body", f"〔{self.username}改{rounds}〕")
                self.edit(self.own, "title", f"·{rounds}")
                if self.failures:
                    return
        except Exception as error:  # reported by the test
            self.failures.append(repr(error))


def session_for(user) -> str:
    """A logged-in session, as Client.force_login makes one (a real login costs a password hash
    per editor; logging in is tested in tests/kejiku/test_security.py)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "kejiku.wsgi", "--workers", "3", "--bind", f"127.0.0.1:{port}",
         "--timeout", "120", "--config", "python:tests.hardening.gunicorn_conf"],
        cwd=ROOT, env={**env, "ALLOWED_HOSTS": "127.0.0.1"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    browser = Browser(f"http://127.0.0.1:{port}", timeout=10)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()[-3000:]
        try:
            if browser.get("/admin/login/").status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.kill()
    raise AssertionError("gunicorn did not answer within 3 minutes")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_parallel_admin_saves_and_an_import_through_gunicorn_lose_nothing(shared_db, index, isolated_var_dir):
    from articles.models import Article

    shared = make_article("全国科技工作会议在京召开", seed("001").read_text(encoding="utf-8")[:400])
    own = [make_article(f"编辑{n}负责的稿件", f"第{n}篇稿件的正文。赤霄系统首次亮相。") for n in range(EDITORS)]
    users = [make_editor(f"bianji{n}") for n in range(EDITORS)]
    outbox.drain(timeout=60)
    articles_before = Article.objects.count()

    env = child_env(shared_db, Path(index.store.path), isolated_var_dir)
    port = free_port()
    server = start_gunicorn(env, port)
    importer = None
    try:
        importer = subprocess.Popen(
            [PYTHON, "manage.py", "import_texts", str(seed("000")), str(seed("003"))],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        editors = [
            Editor(f"http://127.0.0.1:{port}", user, shared, own[n], lambda: importer.poll() is None)
            for n, user in enumerate(users)
        ]
        for editor in editors:
            editor.start()
        for editor in editors:
            editor.join(900)
        _, err = importer.communicate(timeout=600)
        assert importer.returncode == 0, err[-3000:]
    finally:
        stop(server)
        if importer is not None and importer.poll() is None:
            importer.kill()
            importer.wait()
    for editor in editors:
        assert not editor.failures, (editor.username, editor.failures[:3])

    outbox.drain(timeout=60)  # what the next search does; normally the workers drained already
    documents = assert_index_equals_database(index)

    # No lost update: every accepted save is there, exactly once, in the order it was accepted.
    shared.refresh_from_db()
    saved_on_shared = [marker for editor in editors for marker in editor.saved[shared.pk]]
    for marker in saved_on_shared:
        assert shared.body.count(marker) == 1, marker
    for n, (editor, article) in enumerate(zip(editors, own, strict=True)):
        article.refresh_from_db()
        assert article.title == f"编辑{n}负责的稿件" + "".join(editor.saved[article.pk])
    assert Article.objects.count() > articles_before  # the import really wrote

    saves = sum(len(markers) for editor in editors for markers in editor.saved.values())
    assert saves >= EDITORS * MIN_ROUNDS * 2
    COUNTS["concurrency: admin saves through gunicorn (3 workers) with nothing lost"] += saves
    COUNTS["concurrency: saves accepted while the import ran"] += sum(e.during_import for e in editors)
    COUNTS["concurrency: stale saves refused by optimistic locking, then reapplied"] += sum(
        e.conflicts for e in editors)
    COUNTS["concurrency: documents in the index, equal to the database"] += documents
    COUNTS["concurrency: saves answered 503 (database busy), nothing saved, retried"] += sum(e.busy for e in editors)
