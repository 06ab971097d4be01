"""Merging duplicate officials or organizations that ingestion or editors created twice.

Everything that points at a duplicate moves to the record being kept; the duplicate's
name becomes an alias of the kept record so future imports resolve to it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from articles.changes import record_changes
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


@dataclass(frozen=True)
class MergeReport:
    merged: int
    moved_posts: int
    moved_mentions: int
    moved_aliases: int


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
                twin.first_seen, twin.last_seen = twin.seen_span_widened_by([post.first_seen, post.last_seen])
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
