"""Reads about policy documents and the organizations that issue them."""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from articles.models import MeetingDocument, Mention, Organization, PolicyDocument, Post
from articles.selectors import tallies
from articles.selectors.listing import articles_mentioning

_ISSUERS = Prefetch("issuers", queryset=Organization.objects.order_by("name"))


def document_list_queryset() -> QuerySet[PolicyDocument]:
    return (
        PolicyDocument.objects.select_related("replaced_by", "amends").prefetch_related(_ISSUERS)
        .annotate(article_count=tallies.counted("document"))
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


def issued_documents(*, organization: Organization, limit: int | None = None) -> list[IssuedDocument]:
    """Documents the organization issued, newest first and undated last (the first `limit`), each
    with the other organizations that issued it jointly."""
    documents = (organization.issued_documents.prefetch_related(_ISSUERS)
                 .order_by(F("issued_on").desc(nulls_last=True), "title"))
    if limit is not None:
        documents = documents[:limit]
    return [
        IssuedDocument(document=d, co_issuers=[o for o in d.issuers.all() if o.pk != organization.pk])
        for d in documents
    ]


@dataclass(frozen=True)
class IssuedCounts:
    documents: int
    jointly: int  # of them issued with another organization


def issued_counts(*, organization: Organization) -> IssuedCounts:
    """How many documents the organization issued, and how many jointly, counted in the
    issuers' link table (an organization of a large knowledge base issues thousands)."""
    links = PolicyDocument.issuers.through.objects
    own = links.filter(organization=organization).values("policydocument_id")
    joint = links.filter(policydocument_id__in=own).exclude(organization=organization)
    return IssuedCounts(documents=own.count(), jointly=joint.values("policydocument_id").distinct().count())


def organization_posts(*, organization: Organization) -> QuerySet[Post]:
    """Posts held at the organization, the most recently seen first (never seen last, on every
    database)."""
    return organization.posts.select_related("official").order_by(
        F("last_seen").desc(nulls_last=True), "official__name", "pk")


@dataclass(frozen=True)
class MonthOfCoverage:
    month: str  # 2026-01
    coverage: int  # articles mentioning the document, its 解读 not counted
    interpretations: int

    @property
    def total(self) -> int:
        return self.coverage + self.interpretations


@dataclass(frozen=True)
class Reception:
    """How a document was received: its 解读, the rest of its coverage per month, and how often it
    was cited per year (articles and documents)."""

    interpretations: list
    months: list[MonthOfCoverage]
    cited_per_year: dict[str, int]
    undated: int  # articles citing it with no known date

    @property
    def busiest(self) -> int:
        return max((month.total for month in self.months), default=0)


def document_interpretations(*, document: PolicyDocument) -> QuerySet:
    """Articles that explain the document (解读), newest first."""
    return document.interpretations.select_related("source").order_by("-published_on", "-pk")


def document_coverage(*, document: PolicyDocument) -> QuerySet:
    """Articles mentioning the document that are not its 解读 (ordinary coverage)."""
    return articles_mentioning(entity=document).exclude(interprets=document)


def document_coverage_count(*, document: PolicyDocument) -> int:
    """How many articles document_coverage lists, from the kept counts: every article mentioning
    the document less its 解读 (a few) among them."""
    return tallies.total(tallies.scope_of(document)) - len(_interpretations_mentioning(document))


def _interpretations_mentioning(document: PolicyDocument) -> set[int]:
    """The document's 解读 that also mention it, which the kept counts count among its coverage.
    Read from the 解读 side (a few articles), not from every article mentioning the document."""
    return set(Mention.objects.filter(document=document, article__interprets=document)
               .values_list("article_id", flat=True))


def document_reception(*, document: PolicyDocument) -> Reception:
    interpretations = list(document_interpretations(document=document))
    # Coverage is every article mentioning the document (the kept counts) less the 解读 among them.
    mentioning = {month.strftime("%Y-%m"): n for month, n in tallies.months(tallies.scope_of(document)).items()}
    undated = tallies.undated(tallies.scope_of(document))
    explaining = _interpretations_mentioning(document)
    counts: dict[str, list[int]] = {month: [n, 0] for month, n in mentioning.items()}
    for article in interpretations:
        day = article.published_on
        if article.pk in explaining:
            if day is None:
                undated -= 1
            else:
                counts[f"{day:%Y-%m}"][0] -= 1
        if day is None:
            undated += 1
        else:
            counts.setdefault(f"{day:%Y-%m}", [0, 0])[1] += 1
    counts = {month: pair for month, pair in counts.items() if pair != [0, 0]}
    per_year: dict[str, int] = {}
    for month, (covering, explained) in counts.items():
        per_year[month[:4]] = per_year.get(month[:4], 0) + covering + explained
    for citing in document.cited_by.all():
        day = citing.issued_on or citing.published_on
        if day:
            per_year[str(day.year)] = per_year.get(str(day.year), 0) + 1
    months = [MonthOfCoverage(month, *counts.get(month, [0, 0])) for month in _months_between(sorted(counts))]
    return Reception(interpretations, months, dict(sorted(per_year.items())), undated)


def _months_between(months: list[str]) -> list[str]:
    """Every month from the first to the last given, so quiet months show as quiet."""
    if not months:
        return []
    year, month = map(int, months[0].split("-"))
    last = months[-1]
    every = []
    while (current := f"{year:04d}-{month:02d}") <= last and len(every) < 600:
        every.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return every
