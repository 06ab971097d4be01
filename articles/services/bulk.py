"""Bulk writes of a large, already-structured corpus into the knowledge base: batched inserts.

`entities` is a dict of reference records (sources, officials with aliases and posts, policy
documents, meeting sessions) and `records` an iterable of article dicts — the format
bench/corpus.py writes (see its docstring); `manage.py import_texts` stays the path for raw
pages, `manage.py import_corpus` (search.bulk_index) the path for hundreds of thousands of
structured articles. This module only writes the database; the search app builds the index
beside it, from the pks each batch yields.

1. Reference records are upserted by natural key in one transaction (names, document numbers,
   series + date), through KnowledgeBaseWriter's own lookups where one exists.
2. Articles are inserted in batches, one transaction each (articles, their history, topic
   links, mentions, post links; with COPY on PostgreSQL, see copy_rows, bulk_create elsewhere).
   Articles whose fingerprint already exists are skipped: the import is idempotent and can
   simply be run again after an interruption.
3. Bulk articles write no outbox rows (a drain of 100,000 rows would follow every import); the
   caller indexes them directly and raises the content version when it is done.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from articles.ingest.citations import title_key
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
from articles.services import copy_rows, tallies
from articles.services.imports import KnowledgeBaseWriter

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000  # articles per database transaction


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
    if copy_rows.available():
        return copy_rows.create(model, objs, history=history)
    if history and hasattr(model, "history"):
        return bulk_create_with_history(objs, model, batch_size=BATCH_SIZE)
    return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)


def upsert_references(entities: dict, report: BulkReport, history: bool) -> References:
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
        PolicyDocument(title=d["title"], title_key=title_key(d["title"]),  # bulk_create skips save()
                       short_title=d.get("short_title", ""), doc_number=d["doc_number"],
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
        for model, links in ((topic_through, topic_links), (Mention, mentions), (post_through, post_links)):
            _link(model, links)
        pks = [a.pk for a in articles]
        tallies.recount(pks)  # no signals here: the batch's articles are counted in its transaction
        report.created["文章"] += len(articles)
        report.created["提及"] += len(mentions)
        return pks


def _link(model: type, links: list) -> None:
    """Rows hanging off the batch's new articles. A record may name a topic, a post or a
    mention twice: the second is dropped (none of them can be in the table yet, their articles
    being new; a uniqueness rule over nullable columns, as the mentions', would not stop it)."""
    links = list({copy_rows.unique_key(link): link for link in links}.values())
    if not links:
        return
    if copy_rows.available():
        copy_rows.insert(model, links, with_pks=False)
    else:
        model.objects.bulk_create(links, batch_size=5000)


def _widen_posts(seen_posts: dict[int, list[datetime.date]]) -> list[int]:
    """first_seen/last_seen of the posts the articles state; returns the officials touched."""
    changed, officials = [], set()
    for post in Post.objects.filter(pk__in=list(seen_posts)):
        first, last = post.seen_span_widened_by(seen_posts[post.pk])
        if (first, last) != (post.first_seen, post.last_seen):
            post.first_seen, post.last_seen = first, last
            changed.append(post)
            officials.add(post.official_id)
    Post.objects.bulk_update(changed, ["first_seen", "last_seen"], batch_size=BATCH_SIZE)
    return sorted(officials)


def insert_articles(
    records: Iterable[dict], refs: References, report: BulkReport, *, batch_size: int = BATCH_SIZE,
    history: bool = True, seen_posts: dict[int, list[datetime.date]],
) -> Iterator[list[int]]:
    """Insert the records batch by batch (one transaction each), yielding each batch's new
    article pks once it is committed; the posts each article states are collected in
    seen_posts for widen_posts."""
    for batch in _batches(records, batch_size):
        yield _insert_batch(batch, refs, report, history, seen_posts)


def widen_posts(seen_posts: dict[int, list[datetime.date]]) -> list[int]:
    """In one transaction, the posts' first and last seen days from the articles stating
    them; returns the officials touched."""
    with transaction.atomic():
        return _widen_posts(seen_posts)


def analyze_tables() -> None:
    """Fresh planner statistics: after 100,000 inserts PostgreSQL still believed the article
    table held a few thousand rows (autovacuum had not run) and chose hash joins over full
    scans for the browse pages' counts. On PostgreSQL the tables are vacuumed too, as autovacuum
    would do some time after a bulk load (where it runs at all): until then no count can be
    answered from an index alone, and the first request to read each new row also writes its
    page back (hint bits). Counting the 123,812 articles stating one post at 1,000,000 read
    8,854 table pages (310 ms on the first render of that official's page); VACUUM writes the
    visibility map that lets such a count read the (post, article) index alone."""
    from django.db import connection

    # VACUUM cannot run inside a transaction (a caller's, or a test's).
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")


