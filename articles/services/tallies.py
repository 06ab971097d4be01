"""Keeping the article counts (articles.models.tallies) equal to the articles they count.

An article is counted in one bucket of each scope it belongs to:
- its month ("month:2026-06", or "month:undated") in the scopes "all", its source, every topic
  it is filed under with every topic above those, and every official, meeting and document it
  mentions;
- each official, meeting and document it mentions ("official:7") in the scopes of its topics
  (the most mentioned on a topic's page), of its month (the home page's "this month") and of
  the meetings it mentions (the officials reported with a meeting).

recount(article_ids) reads what the articles are now, compares it with what they were counted
as (TalliedArticle), and moves only the difference, in the caller's transaction: the write
paths call it where they change articles, topics or mentions (articles.changes.record_changes,
the mention and topic receivers, the bulk import), so the counts commit or roll back with the
change. A deleted article is counted as nothing and so taken out. rebuild() and drift() count
everything from scratch, for a restore and for the check that nothing drifted.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection, transaction
from django.db.models import Model, Q

from articles.models import Article, Mention, Topic
from articles.models.tallies import TalliedArticle, Tally

ALL = "all"  # the scope of every article
TOTAL = "all"  # the bucket of every article of a scope
COUNTED_MENTIONS = ("official", "meeting", "document")  # the Mention fields whose records count articles
CHUNK = 2000  # articles read per round of queries
Pair = tuple[str, str]  # (scope, bucket)


def month_bucket(day: datetime.date | None) -> str:
    return f"month:{day:%Y-%m}" if day else "month:undated"


def entity_key(kind: str, pk: int) -> str:
    """The scope or bucket of one record: "topic:3", "official:7", "source:2"."""
    return f"{kind}:{pk}"


@dataclass
class _Article:
    published_on: datetime.date | None
    source_id: int
    topic_ids: set[int] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)  # "official:7", "document:3"


def topic_lineage(topic_model: type[Model] = Topic) -> dict[int, frozenset[int]]:
    """Every topic with the topics above it, itself included (cycle-safe)."""
    parents = dict(topic_model.objects.values_list("pk", "parent_id"))
    lineage = {}
    for pk in parents:
        chain, node = [], pk
        while node is not None and node not in chain:
            chain.append(node)
            node = parents.get(node)
        lineage[pk] = frozenset(chain)
    return lineage


def profile(article: _Article, lineage: dict[int, frozenset[int]]) -> frozenset[str]:
    """What an article is counted by: its month, its source, every topic it is filed under with
    the topics above them, and the records it mentions. This is what TalliedArticle keeps (a
    line of keys, not the pairs they make): the pairs follow from it alone, whatever the tree
    looks like by the time the article is counted again."""
    topics = {entity_key("topic", pk) for topic in article.topic_ids for pk in lineage.get(topic, (topic,))}
    return frozenset({month_bucket(article.published_on), entity_key("source", article.source_id),
                      *topics, *article.entities})


def counted_pairs(keys: frozenset[str]) -> set[Pair]:
    """The (scope, bucket) pairs an article with this profile is counted in."""
    month = next(key for key in keys if key.startswith("month:"))
    scopes = {ALL, *(key for key in keys if key != month)}
    pairs = {(scope, bucket) for scope in scopes for bucket in (TOTAL, month)}
    entities = {key for key in keys if key.split(":")[0] in COUNTED_MENTIONS}
    groups = {key for key in keys if key.startswith(("topic:", "meeting:"))}
    if month != month_bucket(None):
        groups.add(month)
    pairs.update((group, entity) for group in groups for entity in entities if entity != group)
    return pairs


def _read(ids: list[int], article_model: type[Model] = Article,
          mention_model: type[Model] = Mention) -> dict[int, _Article]:
    """The articles as counted: their month, source, topics and the records they mention. (The
    models are parameters so that the migration creating the counts reads its own.)"""
    articles = {pk: _Article(day, source) for pk, day, source in
                article_model.objects.filter(pk__in=ids).values_list("pk", "published_on", "source_id")}
    through = article_model.topics.through
    for article_id, topic_id in through.objects.filter(article_id__in=ids).values_list("article_id", "topic_id"):
        articles[article_id].topic_ids.add(topic_id)
    named = Q()
    for name in COUNTED_MENTIONS:
        named |= Q(**{f"{name}__isnull": False})
    mentions = mention_model.objects.filter(named, article_id__in=ids)
    for article_id, *records in mentions.values_list("article_id", *(f"{name}_id" for name in COUNTED_MENTIONS)):
        if article_id in articles:
            articles[article_id].entities.update(
                entity_key(name, pk) for name, pk in zip(COUNTED_MENTIONS, records, strict=True) if pk)
    return articles


def _encode(keys: frozenset[str]) -> str:
    return " ".join(sorted(keys))


def _decode(counted: str) -> frozenset[str]:
    return frozenset(counted.split())


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    iterator = iter(sorted(set(ids)))
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def recount(article_ids: Iterable[int]) -> int:
    """Count these articles as they are now (a missing one as nothing); returns how many
    changed. Runs in the caller's transaction."""
    changed = 0
    with transaction.atomic():
        lineage = topic_lineage()
        for ids in _chunks(article_ids):
            changed += _recount(ids, lineage)
    return changed


def _recount(ids: list[int], lineage: dict[int, frozenset[int]]) -> int:
    # Locked first, then read: a second transaction recounting the same articles waits here and
    # then sees both what this one counted and what it changed (without the lock, both would add
    # their difference to the same "before" and count the article twice).
    before = dict(TalliedArticle.objects.select_for_update().filter(article_id__in=ids).order_by("article_id")
                  .values_list("article_id", "counted"))
    now = _read(ids)
    delta: Counter[Pair] = Counter()
    kept, gone = [], []
    for pk in ids:
        old = _decode(before.get(pk, ""))
        new = profile(now[pk], lineage) if pk in now else frozenset()
        if old == new:
            continue
        old_pairs = counted_pairs(old) if old else set()
        new_pairs = counted_pairs(new) if new else set()
        delta.update(dict.fromkeys(new_pairs - old_pairs, 1))
        delta.subtract(dict.fromkeys(old_pairs - new_pairs, 1))
        if new:
            kept.append(TalliedArticle(article_id=pk, counted=_encode(new)))
        elif pk in before:
            gone.append(pk)
    _add(delta)
    _keep_profiles(kept)
    if gone:
        TalliedArticle.objects.filter(article_id__in=gone).delete()
    return len(kept) + len(gone)


UPSERT = (
    "INSERT INTO {table} (scope, bucket, articles) VALUES {rows} "
    "ON CONFLICT (scope, bucket) DO UPDATE SET articles = {table}.articles + excluded.articles"
)


# On PostgreSQL each list is one array parameter: a batch of the bulk import moves tens of
# thousands of counts, and rows of placeholders cost psycopg more to render and the server more
# to parse than the counting itself (profiled: 4 of the 7 s of recounting 10,000 articles).
UPSERT_ARRAYS = (
    "INSERT INTO {table} (scope, bucket, articles) "
    "SELECT * FROM unnest(%s::varchar[], %s::varchar[], %s::integer[]) "
    "ON CONFLICT (scope, bucket) DO UPDATE SET articles = {table}.articles + excluded.articles"
)
UPSERT_PROFILES = (
    "INSERT INTO {table} (article_id, counted) SELECT * FROM unnest(%s::bigint[], %s::text[]) "
    "ON CONFLICT (article_id) DO UPDATE SET counted = excluded.counted"
)


def _keep_profiles(kept: list[TalliedArticle]) -> None:
    """Write what each article is now counted as, over what it was."""
    if not kept:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(UPSERT_PROFILES.format(table=TalliedArticle._meta.db_table),
                           [[t.article_id for t in kept], [t.counted for t in kept]])
    else:
        TalliedArticle.objects.bulk_create(kept, update_conflicts=True, unique_fields=["article_id"],
                                           update_fields=["counted"], batch_size=1000)


def _add(delta: Counter[Pair]) -> None:
    """Add each difference to its row, creating rows as needed, in a fixed order (two
    transactions counting the same months take the row locks in the same order, so neither
    waits for the other in a cycle); rows counted down to nothing are removed."""
    moves = sorted((pair, n) for pair, n in delta.items() if n)
    table = Tally._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if moves:  # one row per array position, in the arrays' order
                columns = [[scope for (scope, _), _ in moves], [bucket for (_, bucket), _ in moves],
                           [n for _, n in moves]]
                cursor.execute(UPSERT_ARRAYS.format(table=table), columns)
        else:
            for start in range(0, len(moves), 500):
                part = moves[start:start + 500]
                rows = ", ".join(["(%s, %s, %s)"] * len(part))
                values = [value for (scope, bucket), n in part for value in (scope, bucket, n)]
                cursor.execute(UPSERT.format(table=table, rows=rows), values)
    emptied = [pair for pair, n in moves if n < 0]
    for start in range(0, len(emptied), 500):
        part = emptied[start:start + 500]
        scopes = {scope for scope, _ in part}
        buckets = {bucket for _, bucket in part}
        Tally.objects.filter(scope__in=scopes, bucket__in=buckets, articles__lte=0).delete()


def articles_under_topics(topic_ids: Iterable[int]) -> list[int]:
    """The articles filed under these topics or any topic below them: those a change to the
    topics' place in the tree moves between counts."""
    wanted = set(topic_ids)
    below = [pk for pk, line in topic_lineage().items() if line & wanted]
    return list(Article.topics.through.objects.filter(topic_id__in=below)
                .values_list("article_id", flat=True).distinct())


# -- from scratch ------------------------------------------------------------------------------


def counted_articles(article_model: type[Model] = Article, mention_model: type[Model] = Mention,
                     topic_model: type[Model] = Topic) -> Iterator[tuple[int, frozenset[str]]]:
    """Every article with its profile, read a chunk at a time."""
    lineage = topic_lineage(topic_model)
    for ids in _chunks(article_model.objects.values_list("pk", flat=True).iterator(chunk_size=CHUNK)):
        for pk, article in _read(ids, article_model, mention_model).items():
            yield pk, profile(article, lineage)


def expected() -> tuple[Counter[Pair], int]:
    """Every count as the articles give it now, and how many articles were read."""
    counts: Counter[Pair] = Counter()
    read = 0
    for _, keys in counted_articles():
        counts.update(counted_pairs(keys))
        read += 1
    return counts, read


@dataclass(frozen=True)
class Drift:
    articles: int
    wrong: dict[Pair, tuple[int, int]]  # (scope, bucket) → (stored, expected)

    @property
    def clean(self) -> bool:
        return not self.wrong


def drift() -> Drift:
    """The stored counts against counts made from scratch."""
    want, read = expected()
    stored = {(scope, bucket): n for scope, bucket, n in Tally.objects.values_list("scope", "bucket", "articles")}
    wrong = {pair: (stored.get(pair, 0), want.get(pair, 0))
             for pair in stored.keys() | want.keys() if stored.get(pair, 0) != want.get(pair, 0)}
    return Drift(read, wrong)


def rebuild(article_model: type[Model] = Article, mention_model: type[Model] = Mention,
            topic_model: type[Model] = Topic, tally_model: type[Model] = Tally,
            tallied_model: type[Model] = TalliedArticle) -> int:
    """Forget every count and count every article again, in one transaction (a restore, the
    migration that created the counts, or a drift found by `manage.py tallies --check`).
    Returns how many articles were counted."""
    counts: Counter[Pair] = Counter()
    read = 0
    with transaction.atomic():
        tally_model.objects.all().delete()
        tallied_model.objects.all().delete()
        batch = []
        for pk, keys in counted_articles(article_model, mention_model, topic_model):
            counts.update(counted_pairs(keys))
            batch.append(tallied_model(article_id=pk, counted=_encode(keys)))
            if len(batch) >= CHUNK:
                tallied_model.objects.bulk_create(batch)
                read += len(batch)
                batch = []
        tallied_model.objects.bulk_create(batch)
        read += len(batch)
        tally_model.objects.bulk_create(
            (tally_model(scope=scope, bucket=bucket, articles=n) for (scope, bucket), n in sorted(counts.items())),
            batch_size=CHUNK)
    return read
