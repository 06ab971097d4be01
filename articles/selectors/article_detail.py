"""Reads for one article's page: the article, its mentions, the entities it names, its stated posts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from articles.models import Article, Mention, Post


def get_article(*, pk: int) -> Article:
    return get_object_or_404(Article.objects.select_related("source").prefetch_related("topics"), pk=pk)


def article_mentions(*, article: Article) -> list[Mention]:
    return list(
        Mention.objects.filter(article=article)
        .select_related("official", "organization", "meeting__series", "document")
        .order_by("field", "start")
    )


@dataclass
class MentionedEntity:
    entity: Model
    count: int
    post: PostAtTime | None = None  # officials only: the post held on the article's day


@dataclass(frozen=True)
class PostAtTime:
    """What an official was, as the knowledge base holds it, on the article's day."""

    titles: tuple[str, ...]  # full titles of the posts whose attested span takes in the day
    known: bool

    @property
    def text(self) -> str:
        return "、".join(self.titles) if self.titles else "职务不详"


def posts_at_time(*, official_ids: list[int], day: datetime.date | None) -> dict[int, PostAtTime]:
    """For each official, the posts held on `day`: those whose first and last attested days
    (Post.first_seen, last_seen, widened by every dated text that states them) take it in.
    One query for all the article's officials; 职务不详 when no dated post covers the day, or
    the article has no date."""
    held: dict[int, list[str]] = {pk: [] for pk in official_ids}
    if day is not None and official_ids:
        posts = Post.objects.filter(official_id__in=official_ids, first_seen__lte=day, last_seen__gte=day)
        for official_id, full_title in posts.order_by("official_id", "-last_seen", "full_title").values_list(
            "official_id", "full_title"
        ):
            held[official_id].append(full_title)
    return {pk: PostAtTime(tuple(titles), bool(titles)) for pk, titles in held.items()}


@dataclass
class ArticleEntities:
    officials: list[MentionedEntity] = field(default_factory=list)
    organizations: list[MentionedEntity] = field(default_factory=list)
    meetings: list[MentionedEntity] = field(default_factory=list)
    documents: list[MentionedEntity] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.officials or self.organizations or self.meetings or self.documents)


def mentioned_entities(*, mentions: list[Mention], day: datetime.date | None = None) -> ArticleEntities:
    """The distinct entities named in the article, in order of first mention, with mention counts,
    and for each official the post the knowledge base holds for the article's day."""
    result = ArticleEntities()
    buckets = {
        "official": result.officials,
        "organization": result.organizations,
        "meeting": result.meetings,
        "document": result.documents,
    }
    seen: dict[tuple[str, int], MentionedEntity] = {}
    for mention in sorted(mentions, key=lambda m: (m.field != Mention.Field.TITLE, m.start)):
        for name in Mention.ENTITY_FIELDS:
            entity = getattr(mention, name)
            if entity is None:
                continue
            key = (name, entity.pk)
            if key in seen:
                seen[key].count += 1
            else:
                seen[key] = MentionedEntity(entity=entity, count=1)
                buckets[name].append(seen[key])
    posts = posts_at_time(official_ids=[item.entity.pk for item in result.officials], day=day)
    for item in result.officials:
        item.post = posts[item.entity.pk]
    return result


def posts_stated_in(*, article: Article) -> QuerySet[Post]:
    return article.stated_posts.select_related("official", "organization").order_by("official__name", "title")
