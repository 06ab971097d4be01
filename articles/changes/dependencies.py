"""Which indexed documents a change to a related record affects.

search.search_indexes copies related data into documents (an article's source
and topics, an official's aliases and posts, a meeting's participants and
documents, a document's issuers). Each function here answers: this record
changed, which indexed records must be re-read? Stubs carrying only a pk are
enough: the outbox re-reads every record from the database anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import models

from articles import kinds
from articles.models import (
    Article,
    Meeting,
    MeetingDocument,
    MeetingParticipation,
    MeetingSeries,
    Mention,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    PolicyDocument,
    Post,
    Source,
    Topic,
)

Affected = Callable[[models.Model], Iterable[models.Model]]


def _stubs(model: type[models.Model], pks: Iterable[object]) -> list[models.Model]:
    return [model(pk=pk) for pk in pks if pk is not None]


def _pks(queryset: models.QuerySet) -> list[object]:
    return list(queryset.values_list("pk", flat=True))


def _official_meetings(official: Official) -> list[models.Model]:
    return _stubs(Meeting, _pks(Meeting.objects.filter(participants=official.pk)))


def _document_meetings(document: PolicyDocument) -> list[models.Model]:
    return _stubs(Meeting, _pks(Meeting.objects.filter(documents=document.pk)))


def _organization_documents(organization_id: object) -> list[models.Model]:
    return _stubs(PolicyDocument, _pks(PolicyDocument.objects.filter(issuers=organization_id)))


def _organization_officials(organization_id: object) -> list[models.Model]:
    return _stubs(Official, _pks(Official.objects.filter(posts__organization=organization_id).distinct()))


# Records whose own save or delete changes other documents' text or facets.
RELATED: dict[type[models.Model], Affected] = {
    Source: lambda source: _stubs(Article, _pks(Article.objects.filter(source=source.pk))),
    Topic: lambda topic: _stubs(Article, _pks(Article.objects.filter(topics=topic.pk))),
    OfficialAlias: lambda alias: _stubs(Official, [alias.official_id]),
    Post: lambda post: _stubs(Official, [post.official_id]),
    Organization: lambda org: _organization_documents(org.pk) + _organization_officials(org.pk),
    OrganizationAlias: lambda alias: _organization_documents(alias.organization_id),
    MeetingSeries: lambda series: _stubs(Meeting, _pks(Meeting.objects.filter(series=series.pk))),
    MeetingParticipation: lambda part: _stubs(Meeting, [part.meeting_id]),
    MeetingDocument: lambda link: _stubs(Meeting, [link.meeting_id]),
    Official: _official_meetings,
    PolicyDocument: _document_meetings,
}

# Deleting these clears many-to-many rows without any m2m_changed signal,
# so the affected documents are collected before the rows disappear.
CLEARED_ON_DELETE: dict[type[models.Model], Affected] = {
    Topic: RELATED[Topic],
    Organization: lambda org: _organization_documents(org.pk),
}

# Many-to-many relations copied into documents: through model → (forward
# model, reverse model).
M2M: dict[type[models.Model], tuple[type[models.Model], type[models.Model]]] = {
    Article.topics.through: (Article, Topic),
    PolicyDocument.issuers.through: (PolicyDocument, Organization),
    # .add() on a custom through model bulk-creates rows without post_save.
    MeetingParticipation: (Meeting, Official),
    MeetingDocument: (Meeting, PolicyDocument),
}

INDEXED: tuple[type[models.Model], ...] = tuple(kind.model for kind in kinds.indexed())

# Shown on the site but changing no search document: their changes only invalidate cached pages.
SHOWN_NOT_INDEXED: tuple[type[models.Model], ...] = (Mention,)
SHOWN_NOT_INDEXED_M2M: tuple[type[models.Model], ...] = (Post.articles.through,)
