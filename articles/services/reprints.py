"""Reprints (通稿): which articles of the knowledge base are printings of one story.

Every printing of a story points at the story's first printing (Article.reprint_of: earliest
published_on, undated last, then lowest id), which points nowhere, so a story is one indexed
lookup (selectors/reprints.py). The texts are compared by textkit.reprints: candidates through
the LSH keys stored in ReprintKey (an indexed table, so finding them never scans the articles),
then an exact comparison of their normalised character grams.

An article joins the story of its most similar matching printing and stories are never merged
by the machine: a paragraph quoted in two different statements must not chain them into one
through a third text (measured in bench/reprints.py). An editor's decision (reprint_checked,
set when reprint_of is changed in the admin) is never undone by an import or find_reprints.

Writes go through queryset.update, so they record their own changes (articles.changes): the
whole story is recorded, since each printing's page lists the others.
"""

from __future__ import annotations

import datetime
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.db.models.signals import post_delete, pre_delete

from articles.changes import record_changes
from articles.models import Article, ReprintKey
from textkit import reprints as kit

# SQLite allows 32,766 parameters in one statement; a chunk of keys stays well under it.
KEY_CHUNK = 5000
FIELDS = ("pk", "body", "published_on", "reprint_of_id", "reprint_checked")


def printing_order(article: Article) -> tuple[bool, datetime.date, int]:
    """Earliest first: by publication date (undated last), then by id."""
    day = article.published_on
    return (day is None, day or datetime.date.max, article.pk)


def _chunks(items: list[Any], size: int = KEY_CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _store_keys(article_pk: int, keys: list[int]) -> None:
    ReprintKey.objects.filter(article_id=article_pk).delete()
    ReprintKey.objects.bulk_create([ReprintKey(article_id=article_pk, key=key) for key in keys])


def _candidate_ids(article_pk: int, keys: list[int]) -> list[int]:
    """Articles sharing a key with this text, those sharing most first (at most
    kit.MAX_CANDIDATES); keys held by more than kit.MAX_BUCKET articles are boilerplate."""
    if not keys:
        return []
    crowded = set(
        ReprintKey.objects.filter(key__in=keys).values("key").annotate(n=Count("id"))
        .filter(n__gt=kit.MAX_BUCKET).values_list("key", flat=True)
    )
    wanted = [key for key in keys if key not in crowded]
    if not wanted:
        return []
    rows = (
        ReprintKey.objects.filter(key__in=wanted).exclude(article_id=article_pk)
        .values("article_id").annotate(shared=Count("id")).order_by("-shared", "article_id")
    )
    return [row["article_id"] for row in rows[: kit.MAX_CANDIDATES]]


def _record_story(pks: Iterable[int]) -> None:
    record_changes([Article(pk=pk) for pk in set(pks)])


def _point(pks: Iterable[int], root_pk: int | None) -> None:
    pks = list(pks)
    if pks:
        Article.objects.filter(pk__in=pks).update(reprint_of=root_pk)


def _story_pks(root_pk: int) -> set[int]:
    return {root_pk, *Article.objects.filter(reprint_of_id=root_pk).values_list("pk", flat=True)}


def _reroot(pks: Iterable[int]) -> int | None:
    """Make the earliest of these printings the first of the others (checked ones stay)."""
    rows = [row for row in Article.objects.filter(pk__in=list(pks)).only(*FIELDS) if not row.reprint_checked]
    if not rows:
        return None
    rows.sort(key=printing_order)
    root, rest = rows[0], rows[1:]
    _point([root.pk], None)
    _point([row.pk for row in rest], root.pk)
    _record_story([root.pk, *(row.pk for row in rest)])
    return root.pk


@transaction.atomic
def assign_cluster(article: Article) -> int:
    """Store the article's keys and put it in the story of its most similar printing already
    in the knowledge base (becoming that story's first printing if it was printed earlier).
    Returns the id of the story's first printing (the article's own id when it starts one)."""
    grams = kit.shingles(article.body)
    keys = kit.band_keys(grams)
    _store_keys(article.pk, keys)
    if article.reprint_checked:
        return article.reprint_of_id or article.pk
    candidates = Article.objects.filter(pk__in=_candidate_ids(article.pk, keys)).only(*FIELDS)
    match = kit.best_match(grams, ((other, kit.shingles(other.body)) for other in candidates))
    former_root = article.reprint_of_id
    followers = set(Article.objects.filter(reprint_of_id=article.pk).values_list("pk", flat=True))
    if match is None:
        if former_root is not None:  # its text changed: no longer a printing of that story
            _point([article.pk], None)
            article.reprint_of_id = None
            _record_story([article.pk, *_story_pks(former_root)])
        return article.pk
    other = match[0]
    root_pk = other.reprint_of_id or other.pk
    if root_pk in (former_root, article.pk):  # already in that story (or leading it)
        return root_pk
    if followers:  # it led a story of its own: that story goes on without it
        _reroot(followers)
    story = Article.objects.filter(pk__in=_story_pks(root_pk)).only(*FIELDS)
    root = next(row for row in story if row.pk == root_pk)
    if printing_order(article) < printing_order(root) and not root.reprint_checked:
        # Printed earlier than the story's first known printing: it becomes the first.
        _point([article.pk], None)
        _point([row.pk for row in story if not row.reprint_checked], article.pk)
        article.reprint_of_id, new_root = None, article.pk
    else:
        _point([article.pk], root_pk)
        article.reprint_of_id, new_root = root_pk, root_pk
    _record_story([article.pk, *(row.pk for row in story), *(_story_pks(former_root) if former_root else ())])
    return new_root


def set_first_printing(article: Article, target: Article | None) -> int | None:
    """An editor's decision: `article` is a printing of `target`'s story (None: of no other
    article's). The story's first printing is taken for the target, the article's own
    followers move with it, and the article is marked checked so no machine undoes it."""
    root_pk = (target.reprint_of_id or target.pk) if target is not None else None
    if root_pk is not None and root_pk == article.pk:
        raise ValidationError("所选文章是本篇的转载，不能反过来指向它；请改在那篇文章上设置。")
    return root_pk


def adopt_followers(article: Article) -> None:
    """After an editor pointed `article` at another story: its own followers join that story."""
    if article.reprint_of_id is None:
        return
    followers = list(Article.objects.filter(reprint_of_id=article.pk).values_list("pk", flat=True))
    if followers:
        _point(followers, article.reprint_of_id)
        _record_story([*followers, article.pk, article.reprint_of_id])


# -- the whole knowledge base --------------------------------------------------------------
@dataclass
class ReclusterReport:
    articles: int = 0
    keyed: int = 0  # long enough to be compared
    stories: int = 0  # stories printed more than once
    printings: int = 0  # articles in those stories
    changed: int = 0  # articles whose first printing changed

    def __str__(self) -> str:
        return (f"{self.articles} 篇文章，{self.keyed} 篇可比对；{self.stories} 篇通稿共 {self.printings} 次刊载；"
                f"{self.changed} 篇的归属有变")


class _GramCache:
    """The grams of recently compared articles: candidates are mostly printed near each other."""

    def __init__(self, size: int = 20000) -> None:
        self.size = size
        self.items: OrderedDict[int, frozenset[str]] = OrderedDict()

    def get(self, pk: int) -> frozenset[str] | None:
        grams = self.items.get(pk)
        if grams is not None:
            self.items.move_to_end(pk)
        return grams

    def put(self, pk: int, grams: frozenset[str]) -> None:
        self.items[pk] = grams
        if len(self.items) > self.size:
            self.items.popitem(last=False)


def _ordered_articles(batch: int) -> Iterator[list[Article]]:
    queryset = Article.objects.only(*FIELDS).order_by(
        models.F("published_on").asc(nulls_last=True), "pk"
    )
    chunk: list[Article] = []
    for article in queryset.iterator(chunk_size=batch):
        chunk.append(article)
        if len(chunk) >= batch:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def rebuild_keys(*, batch: int = 1000) -> int:
    """Recompute every article's keys (after a restore: the keys are never dumped)."""
    ReprintKey.objects.all().delete()
    keyed = 0
    for chunk in _ordered_articles(batch):
        rows = [ReprintKey(article_id=a.pk, key=key) for a in chunk for key in kit.band_keys(kit.shingles(a.body))]
        keyed += len({row.article_id for row in rows})
        ReprintKey.objects.bulk_create(rows, batch_size=5000)
    return keyed


def recluster_all(*, batch: int = 1000, progress: Callable[[int], None] | None = None) -> ReclusterReport:
    """Re-key and re-cluster every article, replaying assign_cluster in printing order: each
    article joins the story of its most similar earlier printing. Editors' decisions stay."""
    report = ReclusterReport()
    ReprintKey.objects.all().delete()
    cache = _GramCache()
    first: dict[int, int] = {}  # article → its story's first printing
    current: dict[int, int | None] = {}
    for chunk in _ordered_articles(batch):
        grams = {a.pk: kit.shingles(a.body) for a in chunk}
        keys = {a.pk: kit.band_keys(grams[a.pk]) for a in chunk}
        index = kit.KeyIndex()
        wanted = sorted({key for ks in keys.values() for key in ks})
        for part in _chunks(wanted):  # earlier chunks' printings sharing these keys
            for key, pk in ReprintKey.objects.filter(key__in=part).values_list("key", "article_id"):
                index.buckets.setdefault(key, []).append(pk)
        missing = {pk for members in index.buckets.values() if len(members) <= kit.MAX_BUCKET
                   for pk in members if cache.get(pk) is None}
        for part in _chunks(sorted(missing)):
            for pk, body in Article.objects.filter(pk__in=part).values_list("pk", "body"):
                cache.put(pk, kit.shingles(body))
        for article in chunk:
            report.articles += 1
            current[article.pk] = article.reprint_of_id
            own = grams[article.pk]
            report.keyed += bool(keys[article.pk])
            if article.reprint_checked:
                first[article.pk] = article.reprint_of_id or article.pk
            else:
                found = kit.best_match(own, ((pk, cache.get(pk) or grams.get(pk) or frozenset())
                                             for pk in index.candidates(keys[article.pk])))
                first[article.pk] = first.get(found[0], found[0]) if found else article.pk
            index.add(article.pk, keys[article.pk])
            cache.put(article.pk, own)
        ReprintKey.objects.bulk_create(
            [ReprintKey(article_id=pk, key=key) for pk, ks in keys.items() for key in ks], batch_size=5000
        )
        if progress:
            progress(report.articles)
    changes = [(pk, None if root == pk else root) for pk, root in first.items()
               if current[pk] != (None if root == pk else root)]
    for part in _chunks(changes):  # few commits: each one drains the search outbox
        with transaction.atomic():
            by_root: dict[int | None, list[int]] = {}
            for pk, root in part:
                by_root.setdefault(root, []).append(pk)
            for root, pks in by_root.items():
                _point(pks, root)
            record_changes([Article(pk=pk) for pk in {*(pk for pk, _ in part), *(r for _, r in part if r)}])
    sizes: dict[int, int] = {}
    for root in first.values():
        sizes[root] = sizes.get(root, 0) + 1
    report.stories = sum(1 for size in sizes.values() if size > 1)
    report.printings = sum(size for size in sizes.values() if size > 1)
    report.changed = len(changes)
    return report


# -- deleting a first printing ---------------------------------------------------------------
def _before_delete(sender: type[Article], instance: Article, **_: Any) -> None:
    instance._reprint_followers = list(
        Article.objects.filter(reprint_of_id=instance.pk).values_list("pk", flat=True)
    )


def _after_delete(sender: type[Article], instance: Article, **_: Any) -> None:
    followers = getattr(instance, "_reprint_followers", None)
    if followers:  # on_delete=SET_NULL cut them loose: the earliest of them leads the story now
        _reroot(followers)


def connect() -> None:
    pre_delete.connect(_before_delete, sender=Article, dispatch_uid="articles.reprints.before_delete")
    post_delete.connect(_after_delete, sender=Article, dispatch_uid="articles.reprints.after_delete")
