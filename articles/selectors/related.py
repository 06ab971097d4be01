"""An article's related articles: more-like-this from the search engine, through haystack.

When the engine is unavailable (no index yet, backend error) the caller gets a clearly
labelled fallback instead of a 500: related articles by shared topics and entities.
Queries (the search page, the API, the search's feed and exports) all go through
search.service instead.
"""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass

from articles.models import Article, Mention
from articles.selectors.listing import article_list_queryset, in_order

logger = logging.getLogger(__name__)


@dataclass
class SearchOutcome:
    articles: list[Article]
    engine: str  # "search" when haystack answered, "fallback" otherwise


def _result_pks(results, limit: int) -> list[int]:
    pks: list[int] = []
    for result in results[: limit * 2]:
        if getattr(result, "model", Article) is not Article:
            continue
        try:
            pk = int(result.pk)
        except (TypeError, ValueError):
            continue
        if pk not in pks:
            pks.append(pk)
        if len(pks) >= limit:
            break
    return pks


def related_articles(*, article: Article, limit: int = 5) -> SearchOutcome:
    """More like this from the search engine, else articles sharing topics or mentioned entities.

    The engine's answer is cached until any article changes: more-like-this analyses the whole
    article and is by far the slowest part of an article page.
    """
    from articles.selectors.version import cached_on_version

    def compute() -> tuple[list[int], str]:
        outcome = _related_uncached(article=article, limit=limit)
        return [a.pk for a in outcome.articles], outcome.engine

    pks, engine = cached_on_version(f"related:{article.pk}:{limit}", compute)
    return SearchOutcome(articles=in_order(article_list_queryset(), pks), engine=engine)


def _related_uncached(*, article: Article, limit: int) -> SearchOutcome:
    try:
        from haystack.query import SearchQuerySet

        pks = _result_pks(SearchQuerySet().models(Article).more_like_this(article), limit + 1)
        pks = [pk for pk in pks if pk != article.pk][:limit]
        if pks:
            return SearchOutcome(articles=in_order(article_list_queryset(), pks), engine="search")
    except Exception:  # any engine failure falls back; logged for the search team
        logger.warning("more_like_this unavailable for article %s", article.pk, exc_info=True)
    return SearchOutcome(articles=shared_entity_articles(article=article, limit=limit), engine="fallback")


def shared_entity_articles(*, article: Article, limit: int = 5) -> list[Article]:
    """Other articles ranked by how many topics and mentioned entities they share with this one."""
    scores: Counter[int] = Counter()
    for name in Mention.ENTITY_FIELDS:
        ids = {pk for pk in article.mentions.values_list(f"{name}_id", flat=True) if pk is not None}
        if ids:
            pairs = Mention.objects.filter(**{f"{name}__in": ids}).exclude(article=article)
            for article_id, _entity in set(pairs.values_list("article_id", f"{name}_id")):
                scores[article_id] += 1
    topic_ids = list(article.topics.values_list("pk", flat=True))
    if topic_ids:
        through = Article.topics.through.objects.filter(topic_id__in=topic_ids).exclude(article=article)
        for article_id in through.values_list("article_id", flat=True):
            scores[article_id] += 1
    if not scores:
        return []
    by_pk = article_list_queryset().in_bulk(list(scores))
    ranked = sorted(by_pk.values(), key=lambda a: (-scores[a.pk], -(a.published_on or datetime.date.min).toordinal(),
                                                   -a.pk))
    return ranked[:limit]
