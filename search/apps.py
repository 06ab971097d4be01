from django.apps import AppConfig
from django.core import checks
from django.core.signals import request_finished, request_started


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from articles.changes import changes_committed
        from articles.formulations import report
        from search import checks as search_checks
        from search import dictionary, formulations, outbox
        from search.backends import tantivy_backend, tantivy_store

        # The knowledge base announces its commits; the index follows them. Nothing else
        # writes to the index on its own: a search only reads.
        changes_committed.connect(outbox.drain_after_commit, dispatch_uid="search.outbox.drain")
        dictionary.connect()
        request_started.connect(dictionary.request_started, dispatch_uid="search.dictionary.request")
        request_finished.connect(dictionary.request_finished, dispatch_uid="search.dictionary.request_done")
        tantivy_backend.before_write_hooks.append(dictionary.ensure_current)
        tantivy_backend.before_search_hooks.append(dictionary.ensure_current)
        # A formulation's page reads the articles the index finds, not a scan of every text.
        report.use_candidate_finder(formulations.candidates)
        # Whoever releases the writer lock drains what others left behind.
        tantivy_store.after_write_hooks.append(outbox.drain)
        checks.register(search_checks.analysis_works, "search")
        checks.register(search_checks.index_writable, "search")
        checks.register(search_checks.every_searched_kind_is_indexed, "search")
