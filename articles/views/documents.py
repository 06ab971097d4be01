"""Policy documents and the organizations that issue them."""

from articles.filters import DocumentFilter, OrganizationFilter
from articles.selectors.documents import (
    document_citations,
    document_list_queryset,
    document_meetings,
    get_document,
    get_organization,
    issued_documents,
    organization_list_queryset,
    organization_posts,
)
from articles.selectors.listing import articles_mentioning
from articles.views.mixins import FilteredListView


class DocumentList(FilteredListView):
    template_name = "articles/document_list.html"
    filterset_class = DocumentFilter
    export_name = "documents"
    nav = "documents"

    def base_queryset(self):
        return document_list_queryset()


class DocumentDetail(FilteredListView):
    """Number, issuers, kind, dates, the meetings that produced it; citing articles as the listing."""

    template_name = "articles/document_detail.html"
    nav = "documents"

    def get(self, request, *args, **kwargs):
        self.document = get_document(pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return articles_mentioning(entity=self.document)

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
        documents = issued_documents(organization=self.organization)
        context.update(
            organization=self.organization,
            documents=documents,
            joint_count=sum(1 for d in documents if d.jointly),
            posts=organization_posts(organization=self.organization),
        )
        return context
