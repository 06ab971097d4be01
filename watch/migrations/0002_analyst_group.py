"""Create the 分析员 (analyst) group: view every content record of the knowledge base, edit none;
save searches and watch, like the 编辑 (editor) group, which gets the watch app's rights too.

A frozen copy of watch/groups.py as it was (migrations do not import app code); after every
migrate, watch.groups keeps the group complete as models are added."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ANALYST_GROUP = "分析员"
EDITOR_GROUP = "编辑"
# The knowledge base's bookkeeping (articles.models.BOOKKEEPING): nobody's reading.
BOOKKEEPING = {"searchoutbox", "contentversion"}
WATCH_MODELS = ["savedsearch", "watch"]
ACTIONS = ["add", "change", "delete", "view"]


def analyst_codenames(apps) -> list[str]:
    models = apps.get_app_config("articles").get_models()
    return [f"view_{model._meta.model_name}" for model in models if model._meta.model_name not in BOOKKEEPING]


def watch_codenames() -> list[str]:
    return [f"{action}_{model}" for model in WATCH_MODELS for action in ACTIONS]


def configure_groups(apps) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    watching = Permission.objects.filter(content_type__app_label="watch", codename__in=watch_codenames())
    analysts, _ = Group.objects.get_or_create(name=ANALYST_GROUP)
    analysts.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=analyst_codenames(apps)),
        *watching,
    )
    editors = Group.objects.filter(name=EDITOR_GROUP).first()
    if editors is not None:
        editors.permissions.add(*watching)


def create_analyst_group(apps, schema_editor):
    # Permissions are normally created after all migrations; these need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    configure_groups(apps)


def remove_analyst_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=ANALYST_GROUP).delete()
    editors = Group.objects.filter(name=EDITOR_GROUP).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="watch", codename__in=watch_codenames()))


class Migration(migrations.Migration):
    dependencies = [
        ("watch", "0001_initial"),
        ("articles", "0008_outbox_and_content_version"),
        ("articles", "0002_editor_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_analyst_group, remove_analyst_group)]
