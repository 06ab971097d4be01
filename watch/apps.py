from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WatchConfig(AppConfig):
    name = "watch"
    verbose_name = "检索保存与关注"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from watch import groups

        post_migrate.connect(groups.after_migrate, sender=self, dispatch_uid="watch.groups")
