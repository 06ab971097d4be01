"""Merging duplicate officials or organizations that ingestion or editors created twice.

Everything that points at a duplicate moves to the record being kept; the duplicate's
name becomes an alias of the kept record so future imports resolve to it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from articles.models import (
    Article,
    MeetingParticipation,
    Mention,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    Post,
)
from search.outbox import record_changes


@dataclass(frozen=True)
class MergeReport:
    merged: int
    moved_posts: int
    moved_mentions: int
    moved_aliases: int


def _widen_dates(target: Post, other: Post) -> None:
    firsts = [d for d in (target.first_seen, other.first_seen) if d]
    lasts = [d for d in (target.last_seen, other.last_seen) if d]
    target.first_seen = min(firsts) if firsts else None
    target.last_seen = max(lasts) if lasts else None


@transaction.atomic
def official_merge(*, keep: Official, duplicates: Iterable[Official]) -> MergeReport:
    """Fold each duplicate into `keep`: posts (joined when the same post), aliases, mentions, meetings."""
    moved_posts = moved_mentions = moved_aliases = merged = 0
    changed_articles: set[int] = set()
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        for post in duplicate.posts.all():
            twin = keep.posts.filter(full_title=post.full_title).first()
            if twin is None:
                post.official = keep
                post.save()
            else:
                _widen_dates(twin, post)
                twin.save()
                twin.articles.add(*post.articles.all())
                post.delete()
            moved_posts += 1
        moved_aliases += OfficialAlias.objects.filter(official=duplicate).update(official=keep)
        if duplicate.name != keep.name and not OfficialAlias.objects.filter(name=duplicate.name).exists():
            OfficialAlias.objects.create(official=keep, name=duplicate.name)
            moved_aliases += 1
        mentions = Mention.objects.filter(official=duplicate)
        changed_articles.update(mentions.values_list("article_id", flat=True))
        moved_mentions += mentions.update(official=keep)
        for participation in MeetingParticipation.objects.filter(official=duplicate):
            MeetingParticipation.objects.get_or_create(
                meeting=participation.meeting, official=keep, role=participation.role
            )
            participation.delete()
        record_changes([duplicate], deleted=True)
        duplicate.delete()
        merged += 1
    record_changes([keep])
    _record_articles(changed_articles)
    return MergeReport(merged, moved_posts, moved_mentions, moved_aliases)


@transaction.atomic
def organization_merge(*, keep: Organization, duplicates: Iterable[Organization]) -> MergeReport:
    """Fold each duplicate into `keep`: aliases, posts, mentions, issued documents, child organizations."""
    moved_posts = moved_mentions = moved_aliases = merged = 0
    changed_articles: set[int] = set()
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        moved_aliases += OrganizationAlias.objects.filter(organization=duplicate).update(organization=keep)
        if duplicate.name != keep.name and not OrganizationAlias.objects.filter(name=duplicate.name).exists():
            OrganizationAlias.objects.create(organization=keep, name=duplicate.name)
            moved_aliases += 1
        moved_posts += Post.objects.filter(organization=duplicate).update(organization=keep)
        mentions = Mention.objects.filter(organization=duplicate)
        changed_articles.update(mentions.values_list("article_id", flat=True))
        moved_mentions += mentions.update(organization=keep)
        documents = list(duplicate.issued_documents.all())
        keep.issued_documents.add(*documents)
        Organization.objects.filter(parent=duplicate).exclude(pk=keep.pk).update(parent=keep)
        record_changes(documents)
        duplicate.delete()
        merged += 1
    _record_articles(changed_articles)
    return MergeReport(merged, moved_posts, moved_mentions, moved_aliases)


def _record_articles(article_ids: set[int]) -> None:
    if article_ids:
        record_changes(Article.objects.filter(pk__in=article_ids))
