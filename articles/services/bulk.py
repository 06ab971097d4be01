"""Bulk import of a large corpus: batched inserts, a parallel index build, then a check that the
index equals the database.

    report = import_corpus(entities, records, workers=2)

`entities` is a dict of reference records (sources, officials with aliases and posts, policy
documents, meeting sessions) and `records` an iterable of article dicts — the format
bench/corpus.py writes (see its docstring); `manage.py import_texts` stays the path for raw
pages, this is the path for hundreds of thousands of already-structured articles.

How it stays correct (the index must equal the database afterwards):

1. Reference records are upserted by natural key in one transaction (names, document numbers,
   series + date); new names are taught to the domain dictionary and announced, and documents
   already indexed that contain a new name are queued through the outbox as usual.
2. Articles are inserted in batches, one transaction each (bulk_create for articles, their
   history, topic links, mentions, post links). Each batch also writes its SearchOutbox rows in
   the same transaction, so a crash at any point leaves rows that the next drain applies.
   Articles whose fingerprint already exists are skipped (the import is idempotent).
3. While the batches are written, worker processes analyse them (jieba, the bigram field) with
   the same SearchIndex.full_prepare + tantivy_schema.to_document the outbox uses, and this
   process adds the documents to ONE tantivy writer that holds the index lock for the whole
   import (a drain elsewhere finds the lock busy and leaves its rows to us). After every
   commit the outbox rows of the committed documents are deleted; when the writer is released
   the ordinary drain applies whatever editors changed meanwhile.
4. Finally the number of documents of each kind in the index is compared with the database.
"""

from __future__ import annotations

import datetime
import logging
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
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

BATCH_SIZE = 1000
COMMIT_EVERY = 50_000  # documents per tantivy commit (each commit is a recovery point)
ENTITY_LABELS = {Official: "articles.official", PolicyDocument: "articles.policydocument", Meeting: "articles.meeting"}


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

    from search import analysis, dictionary
    from search.outbox import record_changes

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
                  seen_posts: dict[int, list[datetime.date]]) -> tuple[list[int], list[int]]:
    """One transaction: the new articles of the batch and everything hanging off them.
    Returns (article pks, outbox row ids)."""
    from search.models import SearchOutbox

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
            return [], []
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
        rows = SearchOutbox.objects.bulk_create(
            [SearchOutbox(model_label="articles.article", object_pk=str(a.pk)) for a in articles], batch_size=5000
        )
        report.created["文章"] += len(articles)
        report.created["提及"] += len(mentions)
        return [a.pk for a in articles], [row.pk for row in rows]


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


# -- analysis in worker processes -------------------------------------------------------------


def _analyse(label: str, pks: list[int]) -> tuple[list[tuple[str, Any]], float, float]:
    """(identifier, tantivy Document) for each record, exactly as the outbox would build it;
    also the CPU seconds spent reading/preparing and analysing."""
    from django.apps import apps
    from haystack import connections
    from haystack.utils import get_identifier

    from search import dictionary
    from search.backends.tantivy_schema import to_document

    dictionary.ensure_current()  # one stat() once loaded
    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(apps.get_model(label))
    started = time.process_time()
    prepared = [(get_identifier(obj), index.full_prepare(obj)) for obj in index.index_queryset().filter(pk__in=pks)]
    middle = time.process_time()
    docs = [(identifier, to_document(backend.specs, values)) for identifier, values in prepared]
    return docs, middle - started, time.process_time() - middle


# -- the whole import -----------------------------------------------------------------------


def import_corpus(
    entities: dict,
    records: Iterable[dict],
    *,
    batch_size: int = BATCH_SIZE,
    workers: int = 2,
    history: bool = True,
    commit_every: int = COMMIT_EVERY,
    progress: Callable[[str, int], None] | None = None,
) -> BulkReport:
    """Import reference records and articles, index them, check the index. See the module doc."""
    from haystack import connections
    from haystack.constants import ID

    from search.models import SearchOutbox

    report = BulkReport(workers=workers)
    started = time.perf_counter()
    with transaction.atomic():
        refs = _references(entities, report, history)
    _teach_dictionary()
    report.seconds["references"] = time.perf_counter() - started

    backend = connections["default"].get_backend()
    store = backend.store
    # Workers are separate interpreters (spawn): nothing of this process's database connection
    # or tantivy threads is shared with them.
    db_connections.close_all()
    context = multiprocessing.get_context("spawn")
    # The initializer is django.setup itself: this module imports models, so a worker can
    # unpickle tasks that name its functions only once Django is set up.
    pool = context.Pool(workers, initializer=django.setup) if workers > 0 else None
    inserting = analysing = 0.0
    pending: deque = deque()
    uncommitted: list[int] = []  # outbox row ids of documents added since the last commit
    since_commit = 0

    def submit(label: str, pks: list[int], rows: list[int]) -> None:
        if pool is None:
            pending.append((_analyse(label, pks), rows))
        else:
            pending.append((pool.apply_async(_analyse, (label, pks)), rows))

    def collect(writer: Any, *, wait: bool) -> None:
        nonlocal since_commit, analysing
        while pending and (wait or len(pending) > 2 * max(workers, 1) or _ready(pending[0][0])):
            job, rows = pending.popleft()
            t0 = time.perf_counter()
            docs, prepare_cpu, analysis_cpu = job.get() if pool is not None else job
            analysing += time.perf_counter() - t0
            report.prepare_cpu += prepare_cpu
            report.analysis_cpu += analysis_cpu
            for identifier, doc in docs:
                writer.delete_documents_by_term(ID, identifier)
                writer.add_document(doc)
            report.indexed += len(docs)
            since_commit += len(docs)
            uncommitted.extend(rows)
            if since_commit >= commit_every:
                commit(writer)

    def commit(writer: Any) -> None:
        nonlocal since_commit
        writer.commit()
        for start in range(0, len(uncommitted), 10_000):
            SearchOutbox.objects.filter(pk__in=uncommitted[start : start + 10_000]).delete()
        uncommitted.clear()
        since_commit = 0

    try:
        write_started = time.perf_counter()
        with store.writer(timeout=600) as writer:
            seen_posts: dict[int, list[datetime.date]] = {}
            for batch in _batches(records, batch_size):
                t0 = time.perf_counter()
                pks, rows = _insert_batch(batch, refs, report, history, seen_posts)
                inserting += time.perf_counter() - t0
                if pks:
                    submit("articles.article", pks, rows)
                collect(writer, wait=False)
                if progress:
                    progress("articles", report.created["文章"] + report.skipped)
            with transaction.atomic():
                touched = _widen_posts(seen_posts)
                entity_pks = {label: list(pks) for label, pks in refs.new_entities.items()}
                entity_pks["articles.official"] = sorted(set(entity_pks["articles.official"]) | set(touched))
                entity_rows = {
                    label: [r.pk for r in SearchOutbox.objects.bulk_create(
                        [SearchOutbox(model_label=label, object_pk=str(pk)) for pk in pks], batch_size=5000)]
                    for label, pks in entity_pks.items()
                }
            for label, pks in entity_pks.items():
                for start in range(0, len(pks), batch_size):
                    submit(label, pks[start : start + batch_size],
                           entity_rows[label][start : start + batch_size])
            collect(writer, wait=True)
            t0 = time.perf_counter()
            commit(writer)
            report.seconds["final_commit"] = time.perf_counter() - t0
        # leaving the block released the lock and drained what editors changed meanwhile
        report.seconds["write_and_index"] = time.perf_counter() - write_started
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    report.seconds["insert"] = inserting
    report.seconds["wait_for_analysis"] = analysing
    t0 = time.perf_counter()
    report.index_counts, report.database_counts = index_and_database_counts()
    report.seconds["verify"] = time.perf_counter() - t0
    report.seconds["total"] = time.perf_counter() - started
    if not report.consistent:
        logger.error("index %s differs from database %s", report.index_counts, report.database_counts)
    return report


def _ready(job: Any) -> bool:
    return job.ready() if hasattr(job, "ready") else True


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
