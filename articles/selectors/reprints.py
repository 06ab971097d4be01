"""Reads for reprints (通稿): the other printings of an article's story."""

from __future__ import annotations

from django.db.models import F, Q

from articles.models import Article


def cluster_key(article: Article) -> int:
    """The story's id: the id of its first printing (the article's own id when it is the first
    or was printed only once). Equal keys, same story."""
    return article.reprint_of_id or article.pk


def other_printings(article: Article) -> list[Article]:
    """Every other printing of the article's story, earliest first (the first printing leads)."""
    key = cluster_key(article)
    return list(
        Article.objects.filter(Q(pk=key) | Q(reprint_of_id=key))
        .exclude(pk=article.pk)
        .select_related("source", "publication")
        .order_by(F("published_on").asc(nulls_last=True), "pk")
    )


def outlet(article: Article) -> str:
    """Who printed it: the paper or site, else the credited source."""
    return (article.publication or article.source).name


def outlet_count(printings: list[Article]) -> int:
    """How many distinct outlets printed these."""
    return len({outlet(printing) for printing in printings})
