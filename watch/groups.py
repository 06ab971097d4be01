"""The 分析员 group kept complete: after every `migrate` (and a test database's flush), it holds the
view permission of every content model of the knowledge base, a model added later included, and
the watch app's rights; the 编辑 group, when there is one, holds the watch app's rights too.
Permissions are only ever added here, but for the knowledge base's bookkeeping.
(watch/migrations/0002_analyst_group.py created the group.)"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from watch.access import ANALYST_GROUP

EDITOR_GROUP = "编辑"
WATCH_MODELS = ("savedsearch", "watch")
ACTIONS = ("add", "change", "delete", "view")


def bookkeeping_names() -> set[str]:
    """articles.models.BOOKKEEPING by model name (these functions also run on a migration's
    historical models, which are other classes): one list serves editors, backups and analysts."""
    from articles.models import BOOKKEEPING

    return {model._meta.model_name for model in BOOKKEEPING}


def watch_codenames() -> list[str]:
    return [f"{action}_{model}" for model in WATCH_MODELS for action in ACTIONS]


def analyst_codenames(apps) -> list[str]:
    """view_<model> for every model of the knowledge base (their histories too) but its bookkeeping."""
    models = apps.get_app_config("articles").get_models()
    skipped = bookkeeping_names()
    return [f"view_{model._meta.model_name}" for model in models if model._meta.model_name not in skipped]


def configure(apps, using: str = DEFAULT_DB_ALIAS) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.using(using)
    watching = list(permissions.filter(content_type__app_label="watch", codename__in=watch_codenames()))
    reading = list(permissions.filter(content_type__app_label="articles", codename__in=analyst_codenames(apps)))
    analysts, _ = Group.objects.using(using).get_or_create(name=ANALYST_GROUP)
    analysts.permissions.add(*reading, *watching)
    # A model that became bookkeeping after the group was made (the reprints' band keys) is no
    # record anyone reads: its permission is the one thing ever taken away here.
    bookkeeping = [f"{action}_{name}" for name in bookkeeping_names() for action in ACTIONS]
    analysts.permissions.remove(*permissions.filter(content_type__app_label="articles", codename__in=bookkeeping))
    editors = Group.objects.using(using).filter(name=EDITOR_GROUP).first()
    if editors is not None:
        editors.permissions.add(*watching)


def after_migrate(sender, using: str = DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate of the watch app (the last app: every app's permissions exist by then); a
    flush sends it without the migration state's registry."""
    configure(apps, using)
