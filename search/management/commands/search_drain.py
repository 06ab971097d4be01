"""Index upkeep, for a timer or a worker: apply pending outbox rows (rebuilding an index a
schema change recreated empty first), or fully reconcile the index."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from articles.changes import pending
from search import outbox
from search.reconcile import reconcile


class Command(BaseCommand):
    help = "Apply pending search-index changes from the outbox; --reconcile re-indexes everything."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reconcile", action="store_true", help="re-index every record and drop documents whose record is gone"
        )
        parser.add_argument(
            "--timeout", type=float, default=60.0, help="seconds to wait for the index writer lock (default 60)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reconcile"]:
            indexed, removed = reconcile(timeout=options["timeout"])
            self.stdout.write(f"reconciled: {indexed} indexed, {removed} stale removed")
        applied = outbox.upkeep(timeout=options["timeout"])
        self.stdout.write(f"applied {applied} pending change(s); {pending()} left")
