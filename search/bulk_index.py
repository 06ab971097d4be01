"""Bulk import of a large corpus: the knowledge base's batched inserts (articles.services.bulk)
with a parallel index build beside them, then a check that the index equals the database.

    report = import_corpus(entities, records, workers=2)      # or: manage.py import_corpus DIR

How the index stays equal to the database:

1. New names in the reference records are taught to the domain dictionary the way an admin save
   teaches one (search.dictionary.teach_all): documents already indexed that contain a new name
   are queued through the outbox, and other processes are told to reload.
2. While articles.services.bulk inserts batches, worker processes (spawned, ≤ 2 on this
   machine) read, prepare and analyse chunks of 2,000 committed records with the very
   functions the outbox uses (SearchIndex.full_prepare, tantivy_schema.analyse_prepared): a
   document's terms come back as a few strings, cheap to pickle. The importing process turns
   them into tantivy documents (tantivy_schema.to_document) and adds them to one writer it
   holds for the whole import, committing every 20,000 documents: tantivy indexes on its own
   threads, merging in the background, while the workers analyse the next chunks. Editors'
   saves meanwhile wait in the outbox (their drain does not wait for the lock) and are
   applied at the end.
3. This is a direct index build, not the outbox: bulk articles write no outbox rows. The import
   ends with a reconciliation: documents of each kind in the index are counted against the
   database, and any difference (a worker died, an earlier run was interrupted) is repaired by
   search.reconcile, indexing exactly the missing records and removing stale ones. Then the
   outbox is drained for whatever editors changed meanwhile.
"""

from __future__ import annotations

import datetime
import gc
import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import django
from django.apps import apps
from django.db import connections as db_connections
from django.db import transaction
from haystack import connections
from haystack.constants import ID
from haystack.query import SearchQuerySet
from haystack.utils import get_identifier

from articles.changes import bump_content_version
from articles.services import bulk
from articles.services.bulk import BATCH_SIZE, BulkReport
from search import dictionary
from search.backends.tantivy_schema import analyse_prepared, to_document
from search.outbox import drain
from search.reconcile import reconcile

logger = logging.getLogger(__name__)

INDEX_CHUNK = 2000  # records a worker reads and analyses in one task
COMMIT_EVERY = 20_000  # documents between commits: what an interrupted import has kept
WRITER_HEAP_BYTES = 200_000_000  # fewer, larger segments than the default
# tantivy's indexing threads: its work is spread over both cores, beside the workers'.
WRITER_THREADS = 2


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """Analysis allocates ~6,000 tuples per article, none of them in a reference cycle
    (reference counting frees them all), yet every 700 allocations start a collection that
    walks the young objects: 17% of the analysis time, measured on 1,000 generated articles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _analyse_chunk(label: str, pks: list[int]) -> tuple[list[tuple[str, dict[str, Any]]], float, float]:
    """Read, prepare and analyse a chunk of records (in a worker). Returns the (identifier,
    analysed values) of each, CPU seconds reading/preparing and CPU seconds analysing."""
    dictionary.ensure_current()  # one stat() once loaded
    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(apps.get_model(label))
    started = time.process_time()
    prepared = [(get_identifier(obj), index.full_prepare(obj)) for obj in index.index_queryset().filter(pk__in=pks)]
    middle = time.process_time()
    with _without_cycle_collector():
        analysed = [(identifier, analyse_prepared(backend.specs, values)) for identifier, values in prepared]
    return analysed, middle - started, time.process_time() - middle


def import_corpus(
    entities: dict,
    records: Iterable[dict],
    *,
    batch_size: int = BATCH_SIZE,
    workers: int = 2,
    history: bool = True,
    index_chunk: int = INDEX_CHUNK,
    commit_every: int = COMMIT_EVERY,
    heap_bytes: int = WRITER_HEAP_BYTES,
    progress: Callable[[str, int], None] | None = None,
) -> BulkReport:
    """Import reference records and articles, index them, check the index. See the module doc."""
    report = BulkReport(workers=workers)
    started = time.perf_counter()
    with transaction.atomic():
        refs = bulk.upsert_references(entities, report, history)
    dictionary.teach_all()
    report.seconds["references"] = time.perf_counter() - started

    # Workers are separate interpreters (spawn): nothing of this process's database connection
    # or tantivy threads is shared with them. The initializer is django.setup itself: this
    # module imports models, so a worker can unpickle tasks naming its functions only then.
    db_connections.close_all()
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(workers, initializer=django.setup) if workers > 0 else None
    backend = connections["default"].get_backend()
    timings = dict.fromkeys(("insert", "waiting_for_workers", "adding", "final_commit"), 0.0)
    pending: deque = deque()
    uncommitted = 0

    def submit(label: str, pks: list[int]) -> None:
        args = (label, pks)
        pending.append(pool.apply_async(_analyse_chunk, args) if pool is not None else _analyse_chunk(*args))

    def collect(writer: Any, *, wait: bool) -> None:
        nonlocal uncommitted
        while pending and (wait or len(pending) > 2 * max(workers, 1) or _ready(pending[0])):
            job = pending.popleft()
            t0 = time.perf_counter()
            analysed, prepare_cpu, analysis_cpu = job.get() if pool is not None else job
            t1 = time.perf_counter()
            for identifier, values in analysed:
                writer.delete_documents_by_term(ID, identifier)
                writer.add_document(to_document(backend.specs, values))
            uncommitted += len(analysed)
            if uncommitted >= commit_every:
                writer.commit()
                uncommitted = 0
            timings["waiting_for_workers"] += t1 - t0
            timings["adding"] += time.perf_counter() - t1
            report.indexed += len(analysed)
            report.prepare_cpu += prepare_cpu
            report.analysis_cpu += analysis_cpu

    try:
        write_started = time.perf_counter()
        # run_hooks=False: the outbox is drained once, below, when the writer is released.
        holding = backend.store.writer(timeout=3600, heap_bytes=heap_bytes, run_hooks=False, threads=WRITER_THREADS)
        with holding as writer:
            seen_posts: dict[int, list[datetime.date]] = {}
            chunk: list[int] = []
            batches = bulk.insert_articles(records, refs, report, batch_size=batch_size, history=history,
                                           seen_posts=seen_posts)
            while True:
                t0 = time.perf_counter()
                pks = next(batches, None)
                timings["insert"] += time.perf_counter() - t0
                if pks is None:
                    break
                chunk += pks
                if len(chunk) >= index_chunk:
                    submit("articles.article", chunk)
                    chunk = []
                collect(writer, wait=False)
                if progress:
                    progress("articles", report.created["文章"] + report.skipped)
            if chunk:
                submit("articles.article", chunk)
            touched = bulk.widen_posts(seen_posts)
            entity_pks = {label: list(pks) for label, pks in refs.new_entities.items()}
            entity_pks["articles.official"] = sorted(set(entity_pks["articles.official"]) | set(touched))
            for label, pks in entity_pks.items():
                for start in range(0, len(pks), index_chunk):
                    submit(label, pks[start : start + index_chunk])
            collect(writer, wait=True)
            final_commit = time.perf_counter()
        timings["final_commit"] = time.perf_counter() - final_commit  # and the merges it waits for
        report.seconds["insert_and_index"] = time.perf_counter() - write_started
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    report.seconds.update(timings)
    t0 = time.perf_counter()
    report.index_counts, report.database_counts = index_and_database_counts()
    if not report.consistent:
        # A worker died, or an earlier run of the import was interrupted: index what is missing.
        repair()
        report.index_counts, report.database_counts = index_and_database_counts()
    drain(timeout=600)  # what editors changed meanwhile
    bump_content_version()  # the bulk writes recorded no outbox rows; cached pages must go
    report.seconds["verify"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    bulk.analyze_tables()
    report.seconds["analyze"] = time.perf_counter() - t0
    report.seconds["total"] = time.perf_counter() - started
    if not report.consistent:
        logger.error("index %s differs from database %s", report.index_counts, report.database_counts)
    return report


def _ready(job: Any) -> bool:
    return job.ready() if hasattr(job, "ready") else True


def repair(*, timeout: float = 3600) -> tuple[int, int]:
    """Index every record missing from the index and remove documents whose record is gone
    (what an interrupted import leaves); returns (indexed, removed)."""
    return reconcile(timeout=timeout, missing_only=True)


def index_and_database_counts() -> tuple[dict[str, int], dict[str, int]]:
    """Documents per model in the index and records per model in the database."""
    unified = connections["default"].get_unified_index()
    in_index, in_db = {}, {}
    for model in unified.get_indexed_models():
        label = model._meta.label_lower
        in_index[label] = SearchQuerySet().models(model).count()
        in_db[label] = unified.get_index(model).index_queryset().count()
    return in_index, in_db


def default_workers() -> int:
    return max(1, min(2, (os.cpu_count() or 1)))
