from django.apps import AppConfig
from django.core import checks


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import checks as search_checks
        from search import dictionary, outbox, signals
        from search.backends import tantivy_backend, tantivy_store

        signals.connect()
        tantivy_backend.before_write_hooks.append(dictionary.ensure_current)
        tantivy_backend.before_search_hooks.extend([dictionary.ensure_current, outbox.drain_if_pending])
        # Whoever releases the writer lock drains what others left behind.
        tantivy_store.after_write_hooks.append(outbox.drain)
        checks.register(search_checks.analysis_works, "search")
        checks.register(search_checks.index_writable, "search")
