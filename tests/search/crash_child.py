"""Run as a separate process by test_crash.py: commit an article to the
database, then stop forever at the chosen point so the parent can SIGKILL it.

    python -m tests.search.crash_child after-db-commit|during-index-write
"""

from __future__ import annotations

import datetime
import sys
import time

import django


def wait_to_be_killed(message: str) -> None:
    print(message, flush=True)
    while True:
        time.sleep(1)


def main(mode: str) -> None:
    django.setup()
    from django.db import transaction
    from haystack import connections

    from articles.models import Article, Source

    with transaction.atomic():
        if mode == "after-db-commit":
            # Registered before the article's own drain, so it runs first.
            transaction.on_commit(lambda: wait_to_be_killed("COMMITTED"))
        else:
            backend = connections["default"].get_backend()

            def write_without_committing() -> None:
                with backend.store.writer() as writer:
                    writer.delete_all_documents()  # never committed: the kill discards it
                    wait_to_be_killed("WRITING")

            transaction.on_commit(write_without_committing)
        source, _ = Source.objects.get_or_create(name="新华社")
        Article.objects.create(
            title="进程被杀前保存的稿件", body="赤霄系统首次亮相。", source=source,
            published_on=datetime.date(2026, 2, 1),
        )


if __name__ == "__main__":
    main(sys.argv[1])
