"""Reads about policy documents and the organizations that issue them."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from articles.models import MeetingDocument, Organization, PolicyDocument, Post

_ISSUERS = Prefetch("issuers", queryset=Organization.objects.order_by("name"))


def document_list_queryset() -> QuerySet[PolicyDocument]:
    return (
        PolicyDocument.objects.select_related("replaced_by", "amends").prefetch_related(_ISSUERS)
        .annotate(article_count=Count("mentions__article", distinct=True))
        .order_by("-issued_on", "title")
    )


def validity_counts(*, documents: QuerySet[PolicyDocument]) -> dict[str, int]:
    """Documents per validity, among those given (the list's other filters applied)."""
    rows = documents.order_by().values("validity").annotate(n=Count("pk", distinct=True))
    return {row["validity"]: row["n"] for row in rows}


def get_document(*, pk: int) -> PolicyDocument:
    return get_object_or_404(
        PolicyDocument.objects.select_related("replaced_by", "amends").prefetch_related(_ISSUERS), pk=pk
    )


def document_meetings(*, document: PolicyDocument) -> QuerySet[MeetingDocument]:
    """The meetings that adopted, released or discussed the document."""
    return document.meetingdocument_set.select_related("meeting__series").order_by("meeting__start_date")


def document_citations(*, document: PolicyDocument) -> tuple[list[PolicyDocument], list[PolicyDocument]]:
    """What the document's text cites, and the documents whose texts cite it."""
    return list(document.cites.order_by("-issued_on", "title")), list(document.cited_by.order_by("-issued_on", "title"))


def document_versions(*, document: PolicyDocument, limit: int = 20) -> list[PolicyDocument]:
    """The chain of versions the document belongs to, oldest first: back through what it amends
    or replaces, forward through what amends or replaces it (editors record both links)."""
    def earlier(doc: PolicyDocument) -> PolicyDocument | None:
        return doc.amends or doc.replaces.order_by("-issued_on").first()

    def later(doc: PolicyDocument) -> PolicyDocument | None:
        return doc.replaced_by or doc.amended_by.order_by("issued_on").first()

    chain = [document]
    seen = {document.pk}
    while len(chain) < limit and (before := earlier(chain[0])) is not None and before.pk not in seen:
        chain.insert(0, before)
        seen.add(before.pk)
    while len(chain) < limit and (after := later(chain[-1])) is not None and after.pk not in seen:
        chain.append(after)
        seen.add(after.pk)
    return chain


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
