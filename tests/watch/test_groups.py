"""The 分析员 group reads everything and edits nothing; analysts and editors may watch."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission

from articles.models import BOOKKEEPING, Article, Official, Source
from tests.hardening.helpers import database_snapshot
from tests.watch.conftest import GROUPS, groups, make_user

pytestmark = pytest.mark.django_db


def codenames(group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_analysts_view_every_content_model_and_change_none():
    from django.apps import apps

    analysts, editors = groups()
    granted = codenames(analysts)
    content = [m for m in apps.get_app_config("articles").get_models() if m not in BOOKKEEPING]
    assert {f"articles.view_{m._meta.model_name}" for m in content} <= granted
    assert not any(name.startswith("articles.") and not name.startswith("articles.view_") for name in granted)
    assert not any(m._meta.model_name in name for m in BOOKKEEPING for name in granted)
    assert not any(name.startswith(("auth.", "admin.", "contenttypes.", "sessions.")) for name in granted)
    watching = {f"watch.{action}_{model}" for model in ("savedsearch", "watch")
                for action in ("add", "change", "delete", "view")}
    assert {name for name in granted if name.startswith("watch.")} == watching
    assert watching <= codenames(editors)


def test_an_analyst_reads_the_admin_and_cannot_change_anything(client):
    analyst = make_user("fenxi", group=GROUPS.ANALYST_GROUP)
    source = Source.objects.create(name="新华社")
    article = Article.objects.create(title="赤霄系统首次亮相", body="赤霄。", source=source, published_on="2026-02-01")
    official = Official.objects.create(name="阴和俊")
    client.force_login(analyst)
    before = database_snapshot()
    registered = [m for m in admin.site._registry if m._meta.app_label == "articles"]
    assert registered
    for model in registered:
        base = f"/admin/articles/{model._meta.model_name}/"
        assert client.get(base).status_code == 200, base  # reads every list
        assert client.get(base + "add/").status_code == 403, base
        assert client.post(base + "add/", {"name": "新增", "title": "新增"}).status_code == 403, base
        assert client.post(base, {"action": "delete_selected", "_selected_action": [1, 2, 3],
                                  "post": "yes"}).status_code in (200, 302, 403), base
    for model, record in ((Article, article), (Official, official), (Source, source)):
        base = f"/admin/articles/{model._meta.model_name}/{record.pk}/"
        page = client.get(base + "change/")
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # a view, no form
        assert client.post(base + "change/", {"title": "篡改", "name": "篡改"}).status_code == 403
        assert client.get(base + "delete/").status_code == 403
        assert client.post(base + "delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/articles/article/import/").status_code == 403
    for url in ("/admin/auth/user/", "/admin/auth/group/"):
        assert client.get(url).status_code == 403
    assert database_snapshot() == before
    article.refresh_from_db()
    assert article.title == "赤霄系统首次亮相"
    assert not Permission.objects.filter(group__name=GROUPS.ANALYST_GROUP, codename__startswith="change_",
                                         content_type__app_label="articles").exists()


def test_every_migrate_keeps_the_analysts_group_complete():
    """A content model added later is readable by analysts without a migration of the watch app:
    post_migrate adds what is missing (and puts back a deleted group)."""
    from django.core.management import call_command

    analysts, _ = groups()
    analysts.permissions.remove(Permission.objects.get(codename="view_article"))
    call_command("migrate", verbosity=0)
    assert analysts.permissions.filter(codename="view_article").exists()
    analysts.delete()
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import Group

    assert Group.objects.get(name=GROUPS.ANALYST_GROUP).permissions.filter(codename="view_official").exists()
