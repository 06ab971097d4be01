"""Phase: bulk import + index of the generated corpus (search.bulk_index).

    python -m bench.importer --size N [--workers 2] [--batch 1000]   (environment from bench.common)

Writes <workdir>/phases/import.json: articles/s (wall), the CPU split between preparing records
and analysing text (tokenisation), the CPU of every part by thread and process (bench/cpu.py:
the importing thread, tantivy's threads, the workers, PostgreSQL) per article, index and
database size, and the consistency check.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

from bench.common import database_name, dir_bytes, machine, setup_django, workdir, write_json
from bench.cpu import CpuAccount


def records(path):
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--no-history", action="store_true")
    parser.add_argument("--chunk", type=int, default=2000, help="records per worker task (read, prepare, analyse)")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection

    from search.bulk_index import import_corpus

    base = workdir(args.size)
    corpus = base / "corpus"
    entities = json.loads((corpus / "entities.json").read_text(encoding="utf-8"))
    before = machine()["loadavg"]
    last = [time.perf_counter()]

    def progress(stage: str, done: int) -> None:
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  {stage}: {done}", file=sys.stderr, flush=True)

    account = CpuAccount.start()
    report = import_corpus(entities, records(corpus / "articles.jsonl"), batch_size=args.batch,
                           workers=args.workers, history=not args.no_history, index_chunk=args.chunk,
                           progress=progress)
    cpu = account.stop()
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    python_cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    with connection.cursor() as cursor:
        cursor.execute("select pg_database_size(%s)", [database_name(args.size)])
        db_bytes = cursor.fetchone()[0]
    articles = report.created["文章"]
    total = report.seconds["total"]
    result = {
        "articles": articles,
        "skipped": report.skipped,
        "indexed_documents": report.indexed,
        "characters": report.characters,
        "workers": report.workers,
        "batch": args.batch,
        "index_chunk": args.chunk,
        "history": not args.no_history,
        "seconds": {k: round(v, 2) for k, v in report.seconds.items()},
        "articles_per_s": round(articles / total, 1) if total else None,
        "mb_per_s": round(report.characters * 3 / 1e6 / total, 2) if total else None,
        "cpu_seconds": {
            "python_total": round(python_cpu, 1),
            "prepare": round(report.prepare_cpu, 1),
            "analysis": round(report.analysis_cpu, 1),
        },
        # CPU seconds of the import by part (bench/cpu.py), and per article: what 2 cores allow
        "cpu_seconds_by_part": cpu,
        "cpu_ms_per_article": {part: round(1000 * seconds / max(articles, 1), 2) for part, seconds in cpu.items()},
        "cpu_ms_per_article_total": round(1000 * sum(cpu.values()) / max(articles, 1), 2),
        "tokenisation_share_of_python_cpu": round(report.analysis_cpu / python_cpu, 3) if python_cpu else None,
        "analysis_ms_per_article": round(1000 * report.analysis_cpu / max(report.indexed, 1), 2),
        "index_bytes": dir_bytes(settings.SEARCH_INDEX_DIR),
        "database_bytes": db_bytes,
        "consistent": report.consistent,
        "index_counts": report.index_counts,
        "database_counts": report.database_counts,
        "created": dict(report.created),
        "loadavg_before": before,
        "loadavg_after": machine()["loadavg"],
    }
    write_json(base / "phases" / "import.json", result)
    print(json.dumps({k: result[k] for k in ("articles", "articles_per_s", "seconds", "consistent",
                                             "cpu_ms_per_article", "cpu_ms_per_article_total")},
                     ensure_ascii=False))
    if not report.consistent:
        sys.exit("index differs from the database")


if __name__ == "__main__":
    main()
