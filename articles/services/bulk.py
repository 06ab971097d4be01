"""Bulk import of a large corpus: batched inserts, a parallel index build, then a check that the
index equals the database.

    report = import_corpus(entities, records, workers=2)

`entities` is a dict of reference records (sources, officials with aliases and posts, policy
documents, meeting sessions) and `records` an iterable of article dicts — the format
bench/corpus.py writes (see its docstring); `manage.py import_texts` stays the path for raw
pages, this is the path for hundreds of thousands of already-structured articles.

How it stays correct (the index must equal the database afterwards):

1. Reference records are upserted by natural key in one transaction (names, document numbers,
   series + date); new names are taught to the domain dictionary and announced (other
   processes reload it), and documents already indexed that contain a new name are queued
   through the outbox, as an admin save would.
2. Articles are inserted in batches, one transaction each (bulk_create for articles, their
   history, topic links, mentions, post links). Articles whose fingerprint already exists are
   skipped: the import is idempotent and can simply be run again after an interruption.
3. Meanwhile worker processes (spawned, ≤ 2 on this machine) index chunks of 2,000 committed
   records: read, prepare and tokenise them with the very functions the outbox uses
   (SearchIndex.full_prepare, tantivy_schema.to_document), then take the index writer lock
   just long enough to add them and commit. While one worker writes, the other analyses.
   Tantivy documents are built where they are written: they pickle 100× slower than they are
   built, so shipping them to one writing process made that process the bottleneck.
4. This is a direct index build, not the outbox: bulk articles write no outbox rows (a web
   process seeing 100,000 pending rows would start draining them in a request). Instead the
   import ends with a reconciliation: documents of each kind in the index are counted against
   the database, and any difference (a worker died, an earlier run was interrupted) is repaired
   by indexing exactly the missing records and removing stale ones. Then the outbox is drained
   for whatever editors changed meanwhile.
"""

from __future__ import annotations

import datetime
import gc
import logging
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import django
from django.db import connections as db_connections
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from articles.models import (
    Article,
    Meeting,
    MeetingSeries,
    Mention,
    Official,
    OfficialAlias,
    Organization,
    PolicyDocument,
    Post,
    Source,
    Topic,
)
from articles.services.imports import KnowledgeBaseWriter

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000  # articles per database transaction
INDEX_CHUNK = 2000  # records a worker analyses, then writes in one writer session (one commit)
WRITER_HEAP_BYTES = 200_000_000  # per writer session: fewer, larger segments than the default


@dataclass
class BulkReport:
    created: Counter = field(default_factory=Counter)
    skipped: int = 0
    indexed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    # CPU seconds the workers spent: reading + preparing records, and analysing text (tokenisation)
    prepare_cpu: float = 0.0
    analysis_cpu: float = 0.0
    characters: int = 0
    workers: int = 0
    index_counts: dict[str, int] = field(default_factory=dict)
    database_counts: dict[str, int] = field(default_factory=dict)

    @property
    def consistent(self) -> bool:
        return self.index_counts == self.database_counts


# -- reference records -----------------------------------------------------------------------


@dataclass
class References:
    sources: dict[str, int]
    topics: dict[str, int]
    officials: dict[str, int]
    posts: dict[tuple[int, str], int]
    documents: dict[str, int]
    meetings: dict[str, int]
    new_entities: dict[str, list[int]]


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _create(model: type, objs: list, history: bool) -> list:
    if not objs:
        return []
    if history and hasattr(model, "history"):
        return bulk_create_with_history(objs, model, batch_size=BATCH_SIZE)
    return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)


def _references(entities: dict, report: BulkReport, history: bool) -> References:
    writer = KnowledgeBaseWriter()
    writer.topic_rows()
    topics = dict(Topic.objects.values_list("name", "pk"))

    sources = dict(Source.objects.values_list("name", "pk"))
    new_sources = [Source(name=s["name"], kind=s.get("kind", "newspaper")) for s in entities.get("sources", [])
                   if s["name"] not in sources]
    for source in _create(Source, new_sources, history):
        sources[source.name] = source.pk
    report.created["来源"] += len(new_sources)

    org_names = {p.get("organization") for o in entities.get("officials", []) for p in o.get("posts", [])}
    org_names |= {name for d in entities.get("documents", []) for name in d.get("issuers", [])}
    orgs: dict[str, Organization] = {name: writer.organization(name) for name in sorted(filter(None, org_names))}

    officials = dict(Official.objects.values_list("name", "pk"))
    officials.update(OfficialAlias.objects.values_list("name", "official_id"))
    wanted = [o for o in entities.get("officials", []) if o["name"] not in officials]
    created_officials = _create(Official, [Official(name=o["name"]) for o in wanted], history)
    for official in created_officials:
        officials[official.name] = official.pk
    report.created["官员"] += len(created_officials)
    taken = set(OfficialAlias.objects.values_list("name", flat=True))
    aliases = []
    for o in entities.get("officials", []):
        for alias in o.get("aliases", []):
            if alias not in taken and alias not in officials:
                taken.add(alias)
                aliases.append(OfficialAlias(official_id=officials[o["name"]], name=alias))
    _create(OfficialAlias, aliases, history)
    report.created["官员别名"] += len(aliases)
    posts = {(off, title): pk for pk, off, title in Post.objects.values_list("pk", "official_id", "full_title")}
    new_posts = []
    for o in entities.get("officials", []):
        for p in o.get("posts", []):
            key = (officials[o["name"]], p["full_title"])
            if key not in posts:
                posts[key] = 0
                org = orgs.get(p.get("organization") or "")
                new_posts.append(Post(official_id=key[0], full_title=p["full_title"], title=p["title"],
                                      organization=org))
    for post in _create(Post, new_posts, history):
        posts[(post.official_id, post.full_title)] = post.pk
    report.created["职务"] += len(new_posts)

    documents = dict(PolicyDocument.objects.exclude(doc_number="").values_list("doc_number", "pk"))
    new_docs = [d for d in entities.get("documents", []) if d["doc_number"] not in documents]
    created_docs = _create(PolicyDocument, [
        PolicyDocument(title=d["title"], short_title=d.get("short_title", ""), doc_number=d["doc_number"],
                       kind=d.get("kind", "其他"), issued_on=_day(d.get("issued_on")))
        for d in new_docs
    ], history)
    through = PolicyDocument.issuers.through
    through.objects.bulk_create([
        through(policydocument_id=doc.pk, organization_id=orgs[name].pk)
        for doc, d in zip(created_docs, new_docs, strict=True) for name in d.get("issuers", []) if name in orgs
    ], batch_size=BATCH_SIZE)
    for doc in created_docs:
        documents[doc.doc_number] = doc.pk
    report.created["政策文件"] += len(created_docs)

    series = {}
    for m in entities.get("meetings", []):
        if m["series"] not in series:
            row, made = MeetingSeries.objects.get_or_create(name=m["series"], defaults={"kind": m.get("kind", "other")})
            series[m["series"]] = row.pk
            report.created["会议系列"] += made
    meetings = {f"{name}|{day}": pk for pk, name, day in
                Meeting.objects.filter(start_date__isnull=False).values_list("pk", "series__name", "start_date")}
    new_meetings = [m for m in entities.get("meetings", []) if f"{m['series']}|{m['start_date']}" not in meetings]
    created_meetings = _create(Meeting, [
        Meeting(series_id=series[m["series"]], name=m.get("name", ""), start_date=_day(m["start_date"]))
        for m in new_meetings
    ], history)
    for meeting, m in zip(created_meetings, new_meetings, strict=True):
        meetings[f"{m['series']}|{m['start_date']}"] = meeting.pk
    report.created["会议"] += len(created_meetings)

    return References(
        sources=sources, topics=topics, officials=officials, posts=posts, documents=documents, meetings=meetings,
        new_entities={
            "articles.official": [o.pk for o in created_officials],
            "articles.policydocument": [d.pk for d in created_docs],
            "articles.meeting": [m.pk for m in created_meetings],
        },
    )


def _teach_dictionary() -> None:
    """New names become jieba words everywhere; documents already indexed that contain them are
    queued for re-analysis (what search.signals does for one admin save)."""
    from haystack import connections

    from search import dictionary
    from search.outbox import record_changes
    from textkit import analysis

    new = analysis.add_domain_words(dictionary.all_words())
    if new and hasattr(connections["default"].get_backend(), "apply_changes"):
        record_changes(dictionary.documents_containing(new))
    path = dictionary.version_file()
    path.write_text(str(time.time_ns()))


# -- articles -------------------------------------------------------------------------------


def _batches(records: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


def _insert_batch(batch: list[dict], refs: References, report: BulkReport, history: bool,
                  seen_posts: dict[int, list[datetime.date]]) -> list[int]:
    """One transaction: the new articles of the batch and everything hanging off them.
    Returns the new articles' pks."""
    with transaction.atomic():
        fingerprints = [r["fingerprint"] for r in batch]
        existing = set(Article.objects.filter(fingerprint__in=fingerprints).values_list("fingerprint", flat=True))
        fresh = []
        for r in batch:
            if r["fingerprint"] in existing:
                continue
            existing.add(r["fingerprint"])
            fresh.append(r)
        report.skipped += len(batch) - len(fresh)
        if not fresh:
            return []
        for r in fresh:
            if r["source"] not in refs.sources:
                refs.sources[r["source"]] = Source.objects.get_or_create(name=r["source"])[0].pk
        articles = _create(Article, [
            Article(
                title=r["title"][:300], kicker=r.get("kicker", ""), subtitle=r.get("subtitle", ""), body=r["body"],
                script=r.get("script", "simplified"), kind=r.get("kind", "news"),
                source_id=refs.sources[r["source"]], published_on=_day(r["published_on"]), page=r.get("page", ""),
                reporters=r.get("reporters", []), fingerprint=r["fingerprint"],
                source_file=r.get("source_file", ""), line_start=r.get("line_start"), line_end=r.get("line_end"),
            )
            for r in fresh
        ], history)
        topic_links, mentions, post_links = [], [], []
        topic_through, post_through = Article.topics.through, Post.articles.through
        for article, r in zip(articles, fresh, strict=True):
            report.characters += len(r["body"]) + len(r["title"])
            topic_links += [topic_through(article_id=article.pk, topic_id=refs.topics[name])
                            for name in r.get("topics", []) if name in refs.topics]
            for m in r.get("mentions", []):
                target = {"official": refs.officials, "document": refs.documents,
                          "meeting": refs.meetings}.get(m["entity"], {}).get(m["key"])
                if target:
                    mentions.append(Mention(article_id=article.pk, field=m.get("field", "body"), start=m["start"],
                                            end=m["end"], surface=m["surface"][:300],
                                            **{f"{m['entity']}_id": target}))
            for p in r.get("posts", []):
                official = refs.officials.get(p["official"])
                post = refs.posts.get((official, p["full_title"])) if official else None
                if post:
                    post_links.append(post_through(post_id=post, article_id=article.pk))
                    seen_posts.setdefault(post, []).append(article.published_on)
        topic_through.objects.bulk_create(topic_links, batch_size=5000, ignore_conflicts=True)
        Mention.objects.bulk_create(mentions, batch_size=5000, ignore_conflicts=True)
        post_through.objects.bulk_create(post_links, batch_size=5000, ignore_conflicts=True)
        report.created["文章"] += len(articles)
        report.created["提及"] += len(mentions)
        return [a.pk for a in articles]


def _widen_posts(seen_posts: dict[int, list[datetime.date]]) -> list[int]:
    """first_seen/last_seen of the posts the articles state; returns the officials touched."""
    changed, officials = [], set()
    for post in Post.objects.filter(pk__in=list(seen_posts)):
        days = seen_posts[post.pk]
        first = min([d for d in (post.first_seen, *days) if d])
        last = max([d for d in (post.last_seen, *days) if d])
        if (first, last) != (post.first_seen, post.last_seen):
            post.first_seen, post.last_seen = first, last
            changed.append(post)
            officials.add(post.official_id)
    Post.objects.bulk_update(changed, ["first_seen", "last_seen"], batch_size=BATCH_SIZE)
    return sorted(officials)


# -- analysis and indexing in worker processes ----------------------------------------------


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


def _index_chunk(label: str, pks: list[int], heap_bytes: int) -> tuple[int, float, float, float]:
    """Analyse a chunk of records and write them to the index in one writer session.

    The documents are built (read, prepared, tokenised) before the writer lock is taken, so
    another worker analyses while this one writes: the lock is held only for adding and
    committing. to_document is the very function the outbox uses. Returns (documents,
    CPU seconds reading/preparing, CPU seconds analysing, seconds holding the writer)."""
    from django.apps import apps
    from haystack import connections
    from haystack.constants import ID
    from haystack.utils import get_identifier

    from search import dictionary
    from search.backends.tantivy_schema import analyse_prepared, to_document

    dictionary.ensure_current()  # one stat() once loaded
    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(apps.get_model(label))
    started = time.process_time()
    prepared = [(get_identifier(obj), index.full_prepare(obj)) for obj in index.index_queryset().filter(pk__in=pks)]
    middle = time.process_time()
    with _without_cycle_collector():
        docs = [(identifier, to_document(backend.specs, analyse_prepared(backend.specs, values)))
                for identifier, values in prepared]
    analysed = time.process_time()
    t0 = time.perf_counter()
    # run_hooks=False: the outbox is drained once, by the importing process, at the end.
    with backend.store.writer(timeout=3600, heap_bytes=heap_bytes, run_hooks=False) as writer:
        for identifier, doc in docs:
            writer.delete_documents_by_term(ID, identifier)
            writer.add_document(doc)
    return len(docs), middle - started, analysed - middle, time.perf_counter() - t0


# -- the whole import -----------------------------------------------------------------------


def import_corpus(
    entities: dict,
    records: Iterable[dict],
    *,
    batch_size: int = BATCH_SIZE,
    workers: int = 2,
    history: bool = True,
    index_chunk: int = INDEX_CHUNK,
    heap_bytes: int = WRITER_HEAP_BYTES,
    progress: Callable[[str, int], None] | None = None,
) -> BulkReport:
    """Import reference records and articles, index them, check the index. See the module doc."""
    from search.outbox import bump_content_version, drain

    report = BulkReport(workers=workers)
    started = time.perf_counter()
    with transaction.atomic():
        refs = _references(entities, report, history)
    _teach_dictionary()
    report.seconds["references"] = time.perf_counter() - started

    # Workers are separate interpreters (spawn): nothing of this process's database connection
    # or tantivy threads is shared with them. The initializer is django.setup itself: this
    # module imports models, so a worker can unpickle tasks naming its functions only then.
    db_connections.close_all()
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(workers, initializer=django.setup) if workers > 0 else None
    inserting = waiting = 0.0
    pending: deque = deque()

    def submit(label: str, pks: list[int]) -> None:
        args = (label, pks, heap_bytes)
        pending.append(pool.apply_async(_index_chunk, args) if pool is not None else _index_chunk(*args))

    def collect(*, wait: bool) -> None:
        nonlocal waiting
        while pending and (wait or len(pending) > 2 * max(workers, 1) or _ready(pending[0])):
            job = pending.popleft()
            t0 = time.perf_counter()
            documents, prepare_cpu, analysis_cpu, writing = job.get() if pool is not None else job
            waiting += time.perf_counter() - t0
            report.indexed += documents
            report.prepare_cpu += prepare_cpu
            report.analysis_cpu += analysis_cpu
            report.seconds["holding_writer"] = report.seconds.get("holding_writer", 0.0) + writing

    try:
        write_started = time.perf_counter()
        seen_posts: dict[int, list[datetime.date]] = {}
        chunk: list[int] = []
        for batch in _batches(records, batch_size):
            t0 = time.perf_counter()
            pks = _insert_batch(batch, refs, report, history, seen_posts)
            inserting += time.perf_counter() - t0
            chunk += pks
            if len(chunk) >= index_chunk:
                submit("articles.article", chunk)
                chunk = []
            collect(wait=False)
            if progress:
                progress("articles", report.created["文章"] + report.skipped)
        if chunk:
            submit("articles.article", chunk)
        with transaction.atomic():
            touched = _widen_posts(seen_posts)
        entity_pks = {label: list(pks) for label, pks in refs.new_entities.items()}
        entity_pks["articles.official"] = sorted(set(entity_pks["articles.official"]) | set(touched))
        for label, pks in entity_pks.items():
            for start in range(0, len(pks), index_chunk):
                submit(label, pks[start : start + index_chunk])
        collect(wait=True)
        report.seconds["insert_and_index"] = time.perf_counter() - write_started
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    report.seconds["insert"] = inserting
    report.seconds["waiting_for_workers"] = waiting
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
    analyze_tables()
    report.seconds["analyze"] = time.perf_counter() - t0
    report.seconds["total"] = time.perf_counter() - started
    if not report.consistent:
        logger.error("index %s differs from database %s", report.index_counts, report.database_counts)
    return report


def analyze_tables() -> None:
    """Fresh planner statistics: after 100,000 inserts PostgreSQL still believed the article
    table held a few thousand rows (autovacuum had not run) and chose hash joins over full
    scans for the browse pages' counts."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _ready(job: Any) -> bool:
    return job.ready() if hasattr(job, "ready") else True


def repair(*, timeout: float = 3600) -> tuple[int, int]:
    """Index every record missing from the index and remove documents whose record is gone
    (what an interrupted import leaves); returns (indexed, removed)."""
    from haystack import connections

    backend = connections["default"].get_backend()
    unified = connections["default"].get_unified_index()
    present = backend.indexed_identifiers()  # haystack identifiers: app_label.model.pk
    expected: set[str] = set()
    indexed = 0
    for model in unified.get_indexed_models():
        index = unified.get_index(model)
        label = model._meta.label_lower
        pks = list(index.index_queryset().values_list("pk", flat=True))
        expected.update(f"{label}.{pk}" for pk in pks)
        missing = [pk for pk in pks if f"{label}.{pk}" not in present]
        for start in range(0, len(missing), BATCH_SIZE):
            objs = index.index_queryset().filter(pk__in=missing[start : start + BATCH_SIZE])
            backend.apply_changes([(index, obj) for obj in objs], timeout=timeout)
            indexed += len(objs)
    stale = sorted(present - expected)
    backend.apply_changes(removals=stale, timeout=timeout)
    return indexed, len(stale)


def index_and_database_counts() -> tuple[dict[str, int], dict[str, int]]:
    """Documents per model in the index and records per model in the database."""
    from haystack import connections
    from haystack.query import SearchQuerySet

    unified = connections["default"].get_unified_index()
    in_index, in_db = {}, {}
    for model in unified.get_indexed_models():
        label = model._meta.label_lower
        in_index[label] = SearchQuerySet().models(model).count()
        in_db[label] = unified.get_index(model).index_queryset().count()
    return in_index, in_db


def default_workers() -> int:
    return max(1, min(2, (os.cpu_count() or 1)))
