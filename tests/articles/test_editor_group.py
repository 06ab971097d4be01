"""The 编辑 group may edit all content and nothing about accounts."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from articles.models import BOOKKEEPING

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    model for model in apps.get_app_config("articles").get_models()
    if not model.__name__.startswith("Historical") and model not in BOOKKEEPING
]


def editor_permissions() -> set[str]:
    group = Group.objects.get(name="编辑")
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_editors_may_add_change_delete_and_view_every_content_model(model):
    name = model._meta.model_name
    assert {f"articles.{action}_{name}" for action in ("add", "change", "delete", "view")} <= editor_permissions()


@pytest.mark.parametrize("model", BOOKKEEPING, ids=lambda model: model.__name__)
def test_editors_cannot_edit_the_bookkeeping(model):
    name = model._meta.model_name
    assert not {f"articles.{action}_{name}" for action in ("add", "change", "delete")} & editor_permissions()


def test_editors_have_no_permission_outside_the_content():
    # Besides the content: their own saved searches and watches, as analysts have (watch app).
    watching = {f"watch.{action}_{model}" for model in ("savedsearch", "watch")
                for action in ("add", "change", "delete", "view")}
    assert {permission for permission in editor_permissions() if not permission.startswith("articles.")} == watching


def test_editors_cannot_touch_users_groups_or_permissions(editor):
    for codename in ("view_user", "change_user", "add_group", "change_group", "change_permission"):
        assert not editor.has_perm(f"auth.{codename}")
