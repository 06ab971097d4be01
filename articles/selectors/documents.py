"""Reads about policy documents and the organizations that issue them."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from articles.models import MeetingDocument, Organization, PolicyDocument, Post

_ISSUERS = Prefetch("issuers", queryset=Organization.objects.order_by("name"))


def document_list_queryset() -> QuerySet[PolicyDocument]:
    return (
        PolicyDocument.objects.prefetch_related(_ISSUERS)
        .annotate(article_count=Count("mentions__article", distinct=True))
        .order_by("-issued_on", "title")
    )


def get_document(*, pk: int) -> PolicyDocument:
    return get_object_or_404(PolicyDocument.objects.prefetch_related(_ISSUERS), pk=pk)


def document_meetings(*, document: PolicyDocument) -> QuerySet[MeetingDocument]:
    """The meetings that adopted, released or discussed the document."""
    return document.meetingdocument_set.select_related("meeting__series").order_by("meeting__start_date")


def document_citations(*, document: PolicyDocument) -> tuple[list[PolicyDocument], list[PolicyDocument]]:
    """What the document's text cites, and the documents whose texts cite it."""
    return list(document.cites.order_by("-issued_on", "title")), list(document.cited_by.order_by("-issued_on", "title"))


def organization_list_queryset() -> QuerySet[Organization]:
    return Organization.objects.annotate(
        document_count=Count("issued_documents", distinct=True),
        article_count=Count("mentions__article", distinct=True),
    ).order_by("-document_count", "-article_count", "name")


def get_organization(*, pk: int) -> Organization:
    return get_object_or_404(
        Organization.objects.select_related("parent").prefetch_related("aliases", "children"), pk=pk
    )


@dataclass(frozen=True)
class IssuedDocument:
    document: PolicyDocument
    co_issuers: list[Organization]

    @property
    def jointly(self) -> bool:
        return bool(self.co_issuers)


def issued_documents(*, organization: Organization) -> list[IssuedDocument]:
    """Documents the organization issued, each with the other organizations that issued it jointly."""
    documents = organization.issued_documents.prefetch_related(_ISSUERS).order_by("-issued_on", "title")
    return [
        IssuedDocument(document=d, co_issuers=[o for o in d.issuers.all() if o.pk != organization.pk])
        for d in documents
    ]


def organization_posts(*, organization: Organization) -> QuerySet[Post]:
    return organization.posts.select_related("official").order_by("-last_seen", "official__name")
