"""Reads for one article's page: the article, its mentions, the entities it names, its stated posts."""

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


@dataclass
class ArticleEntities:
    officials: list[MentionedEntity] = field(default_factory=list)
    organizations: list[MentionedEntity] = field(default_factory=list)
    meetings: list[MentionedEntity] = field(default_factory=list)
    documents: list[MentionedEntity] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.officials or self.organizations or self.meetings or self.documents)


def mentioned_entities(*, mentions: list[Mention]) -> ArticleEntities:
    """The distinct entities named in the article, in order of first mention, with mention counts."""
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
    return result


def posts_stated_in(*, article: Article) -> QuerySet[Post]:
    return article.stated_posts.select_related("official", "organization").order_by("official__name", "title")
