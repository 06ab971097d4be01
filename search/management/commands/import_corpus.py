"""Bulk import of an already-structured corpus, indexed as it is written (search.bulk_index).

    manage.py import_corpus DIR [--workers 2] [--batch 1000] [--no-history]

DIR holds entities.json and articles.jsonl in the format bench/corpus.py writes; raw pages go
through `import_texts` instead. Safe to run again after an interruption: articles already in
the database are skipped and the index is repaired to equal the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.bulk_index import default_workers, import_corpus


def _records(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CommandError(f"{path.name} line {number} is not JSON: {error.msg}.") from error
            if not isinstance(record, dict) or not {"fingerprint", "title", "body", "source"} <= record.keys():
                raise CommandError(
                    f"{path.name} line {number}: an article needs fingerprint, title, body and source."
                )
            yield record


class Command(BaseCommand):
    help = "Import a structured corpus (entities.json + articles.jsonl) in bulk and index it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="folder holding entities.json and articles.jsonl")
        parser.add_argument("--workers", type=int, default=default_workers(), help="indexing processes")
        parser.add_argument("--batch", type=int, default=1000, help="articles per database transaction")
        parser.add_argument("--no-history", action="store_true", help="write no edit history for the articles")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        entities_file, articles_file = directory / "entities.json", directory / "articles.jsonl"
        for path in (entities_file, articles_file):
            if not path.is_file():
                raise CommandError(f"{path} does not exist: the folder needs entities.json and articles.jsonl.")
        try:
            entities = json.loads(entities_file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"{entities_file.name} is not JSON in UTF-8: {error}.") from error
        if not isinstance(entities, dict):
            raise CommandError(f"{entities_file.name} must hold one JSON object of reference records.")
        report = import_corpus(
            entities, _records(articles_file), workers=options["workers"], batch_size=options["batch"],
            history=not options["no_history"],
        )
        self.stdout.write(
            f"{report.created['文章']} articles imported, {report.skipped} already present; "
            f"{report.indexed} documents indexed in {report.seconds['total']:.1f} s"
        )
        if not report.consistent:
            raise CommandError(f"the index {report.index_counts} differs from the database {report.database_counts}")
