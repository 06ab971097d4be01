"""Reads about the topic taxonomy."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from articles.models import Article, Topic
from articles.selectors import tallies


@dataclass
class TopicNode:
    topic: Topic
    article_count: int
    children: list["TopicNode"] = field(default_factory=list)


def _counted(topics: list[Topic]) -> list[Topic]:
    """Each topic with article_count: the articles its page lists, filed under it or any topic
    below it (read from the kept counts, not counted over the links)."""
    counts = tallies.totals([tallies.scope_of(topic) for topic in topics])
    for topic in topics:
        topic.article_count = counts[tallies.scope_of(topic)]
    return topics


def topic_tree() -> list[TopicNode]:
    """Every topic as a tree; each node counts the articles its page lists."""
    topics = _counted(list(Topic.objects.order_by("name")))
    nodes = {topic.pk: TopicNode(topic=topic, article_count=topic.article_count) for topic in topics}
    roots: list[TopicNode] = []
    for topic in topics:
        parent = nodes.get(topic.parent_id) if topic.parent_id else None
        (parent.children if parent else roots).append(nodes[topic.pk])
    return roots


def topic_subtree_ids(*, topic: Topic) -> list[int]:
    """The topic and all its descendants (cycle-safe)."""
    children_of: dict[int | None, list[int]] = {}
    for pk, parent_id in Topic.objects.values_list("pk", "parent_id"):
        children_of.setdefault(parent_id, []).append(pk)
    seen: list[int] = []
    stack = [topic.pk]
    while stack:
        pk = stack.pop()
        if pk in seen:
            continue
        seen.append(pk)
        stack.extend(children_of.get(pk, []))
    return seen


def get_topic(*, slug: str) -> Topic:
    return get_object_or_404(Topic.objects.select_related("parent"), slug=slug)


def topic_children(*, topic: Topic) -> list[Topic]:
    return _counted(list(topic.children.order_by("name")))


def articles_for_topic(*, topic: Topic) -> QuerySet[Article]:
    """Articles tagged with the topic or any topic below it."""
    from articles.selectors.listing import article_list_queryset

    ids = Article.objects.filter(topics__in=topic_subtree_ids(topic=topic)).values("pk")
    return article_list_queryset().filter(pk__in=ids)
