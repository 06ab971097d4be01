"""Reads about officials: the list, one official's posts, meetings and coverage."""

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from articles.models import Article, MeetingParticipation, Official, OfficialAlias, Post
from articles.selectors import tallies


def official_list_queryset() -> QuerySet[Official]:
    return (
        Official.objects.prefetch_related("aliases")
        .annotate(article_count=tallies.counted("official"))
        .order_by("-article_count", "name")
    )


def get_official(*, pk: int) -> Official:
    return get_object_or_404(Official.objects.prefetch_related("aliases"), pk=pk)


STATING_SHOWN = 3  # a post stated by thousands of articles lists the earliest few and the count


def _stating_count() -> Coalesce:
    """How many articles state each post: the links counted down their (post, article) index,
    where COUNT(DISTINCT) over the join sorted every link (15,621 for one post at 100,000)."""
    links = (Post.articles.through.objects.filter(post=OuterRef("pk")).order_by().values("post")
             .annotate(n=Count("*")).values("n"))
    return Coalesce(Subquery(links), 0)


def official_posts(*, official: Official) -> list[Post]:
    """The official's posts as a timeline, earliest attested first; each post carries the
    earliest articles stating it (first_stating) and how many state it (stating_count)."""
    posts = list(
        official.posts.select_related("organization")
        .annotate(stating_count=_stating_count())
        .order_by(F("first_seen").asc(nulls_last=True), "full_title")
    )
    stating = Article.objects.select_related("source").defer("body").order_by("published_on", "pk")
    for post in posts:
        # One short query per post (an official holds a few): prefetching a slice numbers every
        # stating article in a window and sorts them all, 77 ms for a post 5,600 of 100,000
        # articles state, where the first three are found down the date index.
        post.first_stating = list(stating.filter(stated_posts=post)[:STATING_SHOWN]) if post.stating_count else []
    return posts


def stating_article_ids(*, posts: list[Post]) -> dict[int, list[int]]:
    """Every article stating each post (oldest first), in one query."""
    through = Post.articles.through
    ids: dict[int, list[int]] = {post.pk: [] for post in posts}
    rows = (through.objects.filter(post__in=posts)
            .order_by("article__published_on", "article_id").values_list("post_id", "article_id"))
    for post_id, article_id in rows:
        ids[post_id].append(article_id)
    return ids


def official_meetings(*, official: Official) -> QuerySet[MeetingParticipation]:
    """Every meeting part the texts give the official (spoke, chaired, reported, attended), by date."""
    return (
        MeetingParticipation.objects.filter(official=official)
        .select_related("meeting__series")
        .order_by("meeting__start_date", "role")
    )


def known_official_names() -> dict[str, str]:
    """Every name and other spelling of the officials the knowledge base holds, to the official's
    name: what the import recognises wherever the texts name them."""
    names = {name: name for name in Official.objects.values_list("name", flat=True)}
    for alias, name in OfficialAlias.objects.values_list("name", "official__name"):
        names.setdefault(alias, name)
    return names


def find_official(value: str) -> Official | None:
    """An official by number, or by name or alias (the most mentioned of namesakes)."""
    if value.isdigit():
        return Official.objects.filter(pk=int(value)).first()
    named = Official.objects.filter(Q(name=value) | Q(aliases__name=value)).distinct()
    return named.annotate(mentioned=Count("mentions")).order_by("-mentioned", "pk").first()


def official_names_for_choice(limit: int = 300) -> list[str]:
    """The names offered when choosing officials to compare: the most mentioned first."""
    return list(Official.objects.annotate(mentioned=Count("mentions")).order_by("-mentioned", "name")
                .values_list("name", flat=True)[:limit])

