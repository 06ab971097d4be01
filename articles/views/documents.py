"""Policy documents and the organizations that issue them."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.generic import TemplateView

from articles.filters import DocumentFilter, OrganizationFilter, valid_data
from articles.models import Validity
from articles.selectors.documents import (
    document_citations,
    document_coverage,
    document_coverage_count,
    document_list_queryset,
    document_meetings,
    document_reception,
    document_versions,
    get_document,
    get_organization,
    issued_counts,
    issued_documents,
    organization_list_queryset,
    organization_posts,
    validity_counts,
)
from articles.selectors.listing import articles_mentioning
from articles.views.mixins import FilteredListView, NavMixin
from textkit import text_diff

ISSUED_SHOWN = 20  # the newest documents an organization's page lists; the rest are a link away
POSTS_SHOWN = 50  # the posts held there it lists (5,758 at one ministry of the 1,000,000 corpus)
_SEGMENT = {"same": "{}", "removed": "<del>{}</del>", "added": "<ins>{}</ins>"}


class DocumentList(FilteredListView):
    template_name = "articles/document_list.html"
    filterset_class = DocumentFilter
    export_name = "documents"
    nav = "documents"

    def base_queryset(self):
        return document_list_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Counted with every filter but its own, so the other values stay offered once one is chosen.
        query = self.request.GET.copy()
        chosen = query.pop("validity", [""])[0]
        query.pop("page", None)
        data, _ = valid_data(DocumentFilter, query)
        counts = validity_counts(documents=DocumentFilter(data, queryset=document_list_queryset()).qs)
        facets = []
        for value, label in Validity.choices:
            if counts.get(value):
                link = query.copy()
                link["validity"] = value
                facets.append((label, counts[value], f"?{link.urlencode()}", value == chosen))
        context["validity_facets"] = facets
        return context


class DocumentDetail(FilteredListView):
    """Number, issuers, kind, dates, the meetings that produced it; citing articles as the listing."""

    template_name = "articles/document_detail.html"
    nav = "documents"

    def get(self, request, *args, **kwargs):
        self.document = get_document(pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return document_coverage(document=self.document)

    def unfiltered_count(self) -> int:
        return document_coverage_count(document=self.document)

    def get_export_name(self) -> str:
        return f"document-{self.document.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            document=self.document,
            issuers=list(self.document.issuers.all()),
            meetings=document_meetings(document=self.document),
        )
        context["cites"], context["cited_by"] = document_citations(document=self.document)
        context["reception"] = document_reception(document=self.document)
        versions = document_versions(document=self.document)
        context["versions"] = [
            (version, reverse("articles:document-diff", kwargs={"old": before.pk, "new": version.pk})
             if before is not None and before.full_text and version.full_text else None)
            for before, version in zip([None, *versions[:-1]], versions, strict=True)
        ]
        return context


def _marked(segments: tuple[text_diff.Segment, ...]):
    return format_html_join("", "{}", ((format_html(_SEGMENT[kind], text),) for kind, text in segments))


class DocumentDiff(NavMixin, TemplateView):
    """/documents/<old>/diff/<new>/ — two versions' texts side by side, changes marked."""

    template_name = "articles/document_diff.html"
    nav = "documents"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        old, new = get_document(pk=kwargs["old"]), get_document(pk=kwargs["new"])
        rows = text_diff.compare(old.full_text, new.full_text)
        context.update(
            old=old, new=new,
            rows=[(row.kind, _marked(row.old), _marked(row.new)) for row in rows],
            changed=sum(1 for row in rows if row.kind != "same"),
        )
        return context


class OrganizationList(FilteredListView):
    template_name = "articles/organization_list.html"
    filterset_class = OrganizationFilter
    export_name = "organizations"
    nav = "documents"

    def base_queryset(self):
        return organization_list_queryset()


class OrganizationDetail(FilteredListView):
    """Documents issued (and with whom), posts held there; the articles mentioning it as the listing."""

    template_name = "articles/organization_detail.html"
    nav = "documents"

    def get(self, request, *args, **kwargs):
        self.organization = get_organization(pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return articles_mentioning(entity=self.organization)

    def get_export_name(self) -> str:
        return f"organization-{self.organization.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organization=self.organization,
            documents=issued_documents(organization=self.organization, limit=ISSUED_SHOWN),
            issued=issued_counts(organization=self.organization),
            posts=organization_posts(organization=self.organization)[:POSTS_SHOWN],
            post_count=self.organization.posts.count(),
        )
        return context
