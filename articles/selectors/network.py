"""Who served with whom: officials who held posts in the same organization at overlapping dates,
and officials who attended the same meetings, each with the evidence; and what two officials
share, side by side.

Overlap is judged on the attested spans (Post.first_seen … last_seen, widened by every dated
text stating the post): two posts overlap when each began, as far as the texts say, before the
other ended. Undated posts prove nothing about overlap and are left out.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from articles.models import Meeting, MeetingParticipation, Official, Organization, PolicyDocument, Post

MAX_ASSOCIATES = 40


@dataclass(frozen=True)
class SharedPost:
    organization: Organization
    mine: Post
    theirs: Post
    start: datetime.date  # the overlap of the two attested spans
    end: datetime.date


@dataclass
class Associate:
    official: Official
    posts: list[SharedPost] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return len(self.posts) + len(self.meetings)


def _overlap(a: Post, b: Post) -> tuple[datetime.date, datetime.date] | None:
    if not (a.first_seen and a.last_seen and b.first_seen and b.last_seen):
        return None
    start, end = max(a.first_seen, b.first_seen), min(a.last_seen, b.last_seen)
    return (start, end) if start <= end else None


def associates(*, official: Official, limit: int = MAX_ASSOCIATES) -> list[Associate]:
    """The officials who served with `official` (same organization, overlapping dates) or met
    with them (same meeting), strongest ties first, each with its evidence."""
    found: dict[int, Associate] = {}

    def of(other: Official) -> Associate:
        return found.setdefault(other.pk, Associate(other))

    mine = [p for p in Post.objects.filter(official=official, organization__isnull=False)
            .select_related("organization") if p.first_seen and p.last_seen]
    if mine:
        theirs = (Post.objects.filter(organization__in={p.organization_id for p in mine})
                  .exclude(official=official).exclude(first_seen=None).exclude(last_seen=None)
                  .select_related("official", "organization"))
        for other in theirs:
            for post in mine:
                span = _overlap(post, other) if post.organization_id == other.organization_id else None
                if span:
                    of(other.official).posts.append(SharedPost(post.organization, post, other, *span))
    attended = MeetingParticipation.objects.filter(official=official).values("meeting_id")
    together = (MeetingParticipation.objects.filter(meeting_id__in=attended).exclude(official=official)
                .select_related("official", "meeting__series").order_by("-meeting__start_date"))
    for part in together:
        meetings = of(part.official).meetings
        if part.meeting not in meetings:
            meetings.append(part.meeting)
    ranked = sorted(found.values(), key=lambda a: (-a.weight, a.official.name))
    return ranked[:limit]


@dataclass(frozen=True)
class Comparison:
    a: Official
    b: Official
    organizations: list[tuple[Organization, list[Post], list[Post]]]  # both held posts there
    overlaps: list[SharedPost]  # … at overlapping dates
    meetings: list[Meeting]  # both attended
    documents: list[PolicyDocument]  # cited in articles mentioning each of them


def _documents_near(official: Official) -> set[int]:
    """Documents mentioned in the articles that mention the official."""
    return set(PolicyDocument.objects.filter(
        mentions__article__mentions__official=official).values_list("pk", flat=True))


def compare(*, a: Official, b: Official) -> Comparison:
    posts: dict[int, dict[int, list[Post]]] = defaultdict(lambda: {a.pk: [], b.pk: []})
    for post in Post.objects.filter(Q(official=a) | Q(official=b), organization__isnull=False).select_related(
        "organization"
    ):
        posts[post.organization_id][post.official_id].append(post)
    shared = [(by[a.pk][0].organization, by[a.pk], by[b.pk]) for by in posts.values() if by[a.pk] and by[b.pk]]
    shared.sort(key=lambda item: item[0].name)
    overlaps = [SharedPost(org, mine, theirs, *span) for org, a_posts, b_posts in shared
                for mine in a_posts for theirs in b_posts if (span := _overlap(mine, theirs))]
    meetings = list(Meeting.objects.filter(participants=a).filter(participants=b)
                    .select_related("series").distinct().order_by("-start_date"))
    documents = list(PolicyDocument.objects.filter(pk__in=_documents_near(a) & _documents_near(b))
                     .order_by("-issued_on", "title"))
    return Comparison(a, b, shared, overlaps, meetings, documents)
