"""Access: visitors only read; the 编辑 group edits content, never accounts; every form needs its
CSRF token; production settings send HSTS, a Content-Security-Policy and secure cookies."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import get_resolver, reverse

from articles import urls as site_urls
from tests.conftest import editor_group
from tests.hardening.conftest import COUNTS
from tests.hardening.helpers import ROOT, database_snapshot

pytestmark = pytest.mark.django_db
WRITES = ("post", "put", "patch", "delete")
PASSWORD = "pw-不要用于生产"


@pytest.fixture
def records(index):
    from tests.site.kb import build

    kb = build()
    topic = next(iter(kb.topics.values()))
    meeting = next(m for m in kb.meetings.values() if m.series_id)
    return {
        "article": {"pk": next(iter(kb.articles.values())).pk},
        "archive-year": {"year": "2026"}, "archive-month": {"year": "2026", "month": "01"},
        "archive-day": {"year": "2026", "month": "01", "day": "26"},
        "topic": {"slug": topic.slug}, "feed-topic": {"slug": topic.slug},
        "official": {"pk": next(iter(kb.officials.values())).pk},
        "official-dossier": {"pk": next(iter(kb.officials.values())).pk},
        "organization-dossier": {"pk": next(iter(kb.orgs.values())).pk},
        "document-dossier": {"pk": next(iter(kb.documents.values())).pk},
        "feed-official": {"pk": next(iter(kb.officials.values())).pk},
        "meeting": {"pk": meeting.pk}, "meeting-series": {"pk": meeting.series_id},
        "document": {"pk": next(iter(kb.documents.values())).pk},
        "document-diff": dict(zip(("old", "new"), [d.pk for d in kb.documents.values()][:2], strict=True)),
        "organization": {"pk": next(iter(kb.orgs.values())).pk},
        "source": {"pk": next(iter(kb.sources.values())).pk},
        "formulation": {"phrase": "新质生产力"},
    }


def site_and_api_urls(client: Client, records: dict) -> list[str]:
    """Every route of the site (all must be covered here) and every path of the API schema."""
    urls = []
    for pattern in site_urls.urlpatterns:
        kwargs = records.get(pattern.name, {})
        urls.append(reverse(f"articles:{pattern.name}", kwargs=kwargs))
    urls += [reverse(f"search:{name}") for name in ("search", "syntax", "trends", "batch")]
    schema = client.get("/api/openapi.json").json()
    for path in schema["paths"]:
        urls.append(path.replace("{article_id}", str(records["article"]["pk"])).replace(
            "{official_id}", str(records["official"]["pk"])).replace("{meeting_id}", str(records["meeting"]["pk"])
        ).replace("{document_id}", str(records["document"]["pk"])))
    assert all("{" not in url for url in urls), urls
    # An operation that declares a login (an analyst's own watches, /api/watch/…) answers 401.
    signed_in = {path for path, methods in schema["paths"].items() if any(op.get("security") for op in methods.values())}
    for url in urls:  # the URLs exist: a GET answers
        expected = (401,) if url in signed_in else (200, 301, 302)
        assert client.get(url, {"q": "科技"}).status_code in expected, url
    return urls


def test_visitors_cannot_write_anything_outside_or_inside_the_admin(client, records):
    urls = site_and_api_urls(client, records)
    before = database_snapshot()
    refused = 0
    # Views that take a form by POST (accepts_post): the batch search reads a list too long for a
    # URL and writes nothing; the snapshot below proves it. Every other method there is refused.
    posting = {reverse("search:batch")}
    for url in urls:
        for method in WRITES:
            # The test client skips CSRF checks: the refusal comes from the method itself.
            response = getattr(client, method)(url, {"title": "篡改"}, content_type="application/json")
            if method == "post" and url in posting:
                assert response.status_code == 400, (method, url, response.status_code)  # no terms given
                continue
            assert response.status_code == 405, (method, url, response.status_code)
            assert response["Allow"] == "GET, HEAD"
            if url.startswith("/api/"):
                assert "只读" in response.json()["error"]
            refused += 1
    # The admin: anonymous writes go to the login page, and nothing changes.
    article = records["article"]["pk"]
    for url in ("/admin/articles/article/add/", f"/admin/articles/article/{article}/change/",
                f"/admin/articles/article/{article}/delete/", "/admin/articles/article/",
                "/admin/auth/user/add/", "/admin/articles/article/import/"):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"title": "篡改", "post": "yes", "action": "delete_selected",
                                                     "_selected_action": [article]})
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), (method, url)
            refused += method == "post"
    assert database_snapshot() == before
    COUNTS["access: anonymous writes refused (site, API, admin)"] += refused


EDITOR_FORBIDDEN = ["/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/", "/admin/auth/group/add/"]


def test_editors_edit_content_but_never_users_groups_or_permissions(index):
    editor = get_user_model().objects.create_user("bianji", password=PASSWORD, is_staff=True)
    editor.groups.add(editor_group())
    other = get_user_model().objects.create_user("other", password=PASSWORD, is_staff=True)
    group = Group.objects.get(name="编辑")
    client = Client()
    client.force_login(editor)

    from django.contrib import admin

    superuser = Client()
    superuser.force_login(get_user_model().objects.create_superuser("root", password=PASSWORD))
    content = [m for m in admin.site._registry if m._meta.app_label == "articles"]
    for model in content:
        base = f"/admin/articles/{model._meta.model_name}/"
        assert client.get(base).status_code == 200, base
        # Whatever the admin offers anyone: records found in texts (未解析的引用) are never added by hand.
        offered = superuser.get(base + "add/").status_code
        assert offered in (200, 403) and client.get(base + "add/").status_code == offered, base
    forbidden = [*EDITOR_FORBIDDEN, f"/admin/auth/user/{editor.pk}/change/", f"/admin/auth/user/{other.pk}/change/",
                 f"/admin/auth/user/{editor.pk}/password/", f"/admin/auth/group/{group.pk}/change/",
                 f"/admin/auth/group/{group.pk}/delete/", f"/admin/auth/user/{other.pk}/delete/"]
    for url in forbidden:
        assert client.get(url).status_code == 403, url
    # Escalation attempts by POST: make oneself a superuser, grant the group every permission.
    every = list(Permission.objects.values_list("pk", flat=True))
    attempts = [
        (f"/admin/auth/user/{editor.pk}/change/", {"username": "bianji", "is_superuser": "on", "is_staff": "on",
                                                  "is_active": "on", "user_permissions": every}),
        (f"/admin/auth/group/{group.pk}/change/", {"name": "编辑", "permissions": every}),
        ("/admin/auth/group/add/", {"name": "超级编辑", "permissions": every}),
        ("/admin/auth/user/add/", {"username": "mole", "password1": "x1y2z3w4v5u6", "password2": "x1y2z3w4v5u6"}),
        (f"/admin/auth/user/{editor.pk}/password/", {"password1": "x1y2z3w4v5u6", "password2": "x1y2z3w4v5u6"}),
        ("/admin/auth/user/", {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"}),
    ]
    permissions_before = set(group.permissions.values_list("pk", flat=True))
    for url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    editor.refresh_from_db()
    assert not editor.is_superuser and not editor.user_permissions.exists()
    assert set(group.permissions.values_list("pk", flat=True)) == permissions_before
    assert not Group.objects.filter(name="超级编辑").exists()
    assert set(get_user_model().objects.values_list("username", flat=True)) == {"bianji", "other", "root"}
    index_page = client.get("/admin/").content.decode()
    assert "/admin/auth/" not in index_page
    COUNTS["access: editor attempts on users/groups/permissions refused"] += len(forbidden) + len(attempts)


def test_every_admin_form_refuses_a_post_without_its_csrf_token(index):
    from django.contrib import admin

    from articles.models import Article, Source

    editor = get_user_model().objects.create_user("bianji", password=PASSWORD, is_staff=True)
    editor.groups.add(editor_group())
    article = Article.objects.create(title="赤霄系统首次亮相", body="赤霄。", source=Source.objects.create(name="新华社"),
                                     published_on="2026-02-01")
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/admin/login/", {"username": "bianji", "password": PASSWORD}).status_code == 403

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    urls = ["/admin/logout/", "/admin/password_change/", "/admin/articles/article/import/",
            f"/admin/articles/article/{article.pk}/change/", f"/admin/articles/article/{article.pk}/delete/"]
    for model in admin.site._registry:
        if model._meta.app_label == "articles":
            urls += [f"/admin/articles/{model._meta.model_name}/add/", f"/admin/articles/{model._meta.model_name}/"]
    before = database_snapshot()
    for url in urls:
        response = client.post(url, {"title": "没有令牌", "action": "delete_selected",
                                     "_selected_action": [article.pk], "post": "yes"})
        assert response.status_code == 403, (url, response.status_code)
    assert database_snapshot() == before

    # The same change with the page's token goes through.
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    from tests.hardening.web import form_fields

    fields = dict(form_fields(page, "article_form"))
    assert fields["csrfmiddlewaretoken"]
    fields["title"] = "赤霄系统首次亮相（更正）"
    assert client.post(f"/admin/articles/article/{article.pk}/change/", {**fields, "_save": "保存"}).status_code == 302
    article.refresh_from_db()
    assert article.title == "赤霄系统首次亮相（更正）"
    COUNTS["access: POSTs without a CSRF token refused"] += len(urls) + 1


PRODUCTION_PROBE = r"""
import json, django
django.setup()
from django.test import Client
from django.test.utils import override_settings
from django.contrib.auth import get_user_model

# The static manifest is built by collectstatic at deploy time; these checks are about headers.
with override_settings(STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
    client = Client()
    plain = client.get("/api/openapi.json", HTTP_HOST="kejiku.example")
    page = client.get("/admin/login/", secure=True, HTTP_HOST="kejiku.example")
    api = client.get("/api/openapi.json", secure=True, HTTP_HOST="kejiku.example")
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "headers": dict(page.headers), "api_headers": dict(api.headers),
    "cookies": {name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]), "samesite": c["samesite"]}
                for name, c in page.cookies.items()},
}))
"""


def test_production_settings_send_hsts_csp_and_secure_cookies(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    env.update(DEBUG="0", SECRET_KEY="x" * 60 + "生产密钥", ALLOWED_HOSTS="kejiku.example",
               KEJIKU_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="kejiku.settings",
               DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    result = subprocess.run([sys.executable, "-c", PRODUCTION_PROBE], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain"] == [301, "https://kejiku.example/api/openapi.json"]
    for headers in (seen["headers"], seen["api_headers"]):
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
    csrf = seen["cookies"]["csrftoken"]
    assert csrf["secure"]
    from django.conf import settings as local

    assert local.SESSION_COOKIE_HTTPONLY
    probe = subprocess.run([sys.executable, "-c", "import django, json; django.setup(); from django.conf import "
                            "settings as s; print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
                            "s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, s.DEBUG]))"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert json.loads(probe.stdout.strip().splitlines()[-1]) == [True, True, True, True, False], probe.stderr[-2000:]
    COUNTS["access: production headers and cookies checked"] += 1


def test_every_route_is_covered_by_the_access_tests():
    """A new route must be added to `records` above (or need no arguments) to be tested."""
    names = {p.name for p in site_urls.urlpatterns if p.pattern.regex.groups or "<" in str(p.pattern)}
    covered = {"article", "archive-year", "archive-month", "archive-day", "topic", "feed-topic", "official",
               "feed-official", "meeting", "meeting-series", "document", "document-diff", "organization", "source",
               "formulation", "official-dossier", "organization-dossier", "document-dossier"}
    assert names <= covered, names - covered
    assert get_resolver()  # the project's resolver loads
