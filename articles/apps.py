from django.apps import AppConfig
from django.core import checks


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "知识库"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from articles import checks as articles_checks
        from articles.changes import receivers
        from articles.services import reprints

        receivers.connect()
        reprints.connect()  # deleting a story's first printing hands the story to the next
        checks.register(articles_checks.kinds_agree, "articles")
