"""The entity API beside the search API: /api/articles, /api/officials, /api/meetings,
/api/policy-documents, each filterable and paginated, and /api/<kind>/<id> with linked records.

Filtering goes through the same django-filter FilterSets as the site, so a listing and its
API answer alike. Every status an operation answers is in the schema, each error as
{"error": "…"}: a request the schema refuses (a kind not in its enumeration, a page of 0) is a
400; a schema-valid one is never refused, since a client cannot tell it apart from a good one: a
topic, source or issuer no record has is a 404, like an unknown id or a page past the last, and
date_from after date_to is an empty range, with no results.
"""

from django.core.paginator import Paginator
from django.forms import ModelChoiceField
from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from articles import api_payloads as payloads
from articles.api_schemas import (
    ERRORS,
    ArticleDetailOut,
    ArticlePage,
    ArticleParams,
    CitationsOut,
    DocumentDetailOut,
    DocumentPage,
    DocumentParams,
    ListParams,
    MeetingDetailOut,
    MeetingPage,
    MeetingParams,
    OfficialDetailOut,
    OfficialNetworkOut,
    OfficialPage,
    OfficialParams,
    OfficialTimelineOut,
)
from articles.filters import ArticleFilter, DocumentFilter, MeetingFilter, OfficialFilter
from articles.models import Article, Meeting, Official, PolicyDocument
from articles.selectors.documents import document_list_queryset
from articles.selectors.listing import article_list_queryset
from articles.selectors.meetings import meeting_list_queryset
from articles.selectors.officials import official_list_queryset

router = Router(tags=["entities"])


def _filtered(filterset_class, queryset, params: ListParams):
    data = {
        name: value.isoformat() if hasattr(value, "isoformat") else str(value)
        for name, value in params.dict(exclude={"page", "page_size"}).items()
        if value is not None and name in filterset_class.base_filters
    }
    filterset = filterset_class(data, queryset=queryset)
    if not filterset.is_valid():
        name, errors = next(iter(filterset.form.errors.items()))
        if isinstance(filterset.form.fields[name], ModelChoiceField):
            # The schema allows any id or slug; only the data knows which records exist.
            raise HttpError(404, f"{name} {data[name]} not found")
        raise HttpError(400, f"{name}: {' '.join(errors)}")
    return filterset.qs


def _page(queryset, params: ListParams, item) -> dict:
    paginator = Paginator(queryset, params.page_size)
    if params.page > max(paginator.num_pages, 1):
        raise HttpError(404, f"page {params.page} does not exist; there are {paginator.num_pages}")
    page = paginator.page(params.page)
    return {
        "count": paginator.count,
        "page": page.number,
        "page_size": params.page_size,
        "num_pages": paginator.num_pages,
        "results": [item(record) for record in page.object_list],
    }


def _get(queryset, pk: int, label: str):
    record = queryset.filter(pk=pk).first()
    if record is None:
        raise HttpError(404, f"{label} {pk} not found")
    return record


@router.get("/articles", response={200: ArticlePage, **ERRORS}, summary="List articles")
def list_articles(request: HttpRequest, params: Query[ArticleParams]):
    """Filter by topic (slug, includes sub-topics), source id, kind (news, feature, interview,
    caption, notice, continuation) and publication date range."""
    return _page(_filtered(ArticleFilter, article_list_queryset(), params), params, payloads.article_item)


@router.get("/articles/{int:article_id}", response={200: ArticleDetailOut, **ERRORS}, summary="One article")
def get_article(request: HttpRequest, article_id: int):
    queryset = Article.objects.select_related("source").prefetch_related("topics")
    return payloads.article_detail(_get(queryset, article_id, "article"))


@router.get("/officials", response={200: OfficialPage, **ERRORS}, summary="List officials")
def list_officials(request: HttpRequest, params: Query[OfficialParams]):
    """Topic, source, kind (article kind) and dates select officials mentioned in matching articles."""
    return _page(_filtered(OfficialFilter, official_list_queryset(), params), params, payloads.official_item)


@router.get("/officials/{int:official_id}", response={200: OfficialDetailOut, **ERRORS}, summary="One official")
def get_official(request: HttpRequest, official_id: int):
    """With every post (dates and the ids of the articles stating it) and meeting part."""
    official = _get(Official.objects.prefetch_related("aliases"), official_id, "official")
    return payloads.official_detail(official)


@router.get("/officials/{int:official_id}/timeline", response={200: OfficialTimelineOut, **ERRORS},
            summary="One official's career timeline")
def get_official_timeline(request: HttpRequest, official_id: int):
    """Posts with first and last seen and the articles stating them, appearances per month, and
    meetings attended with their role."""
    return payloads.official_timeline(_get(Official.objects.all(), official_id, "official"))


@router.get("/officials/{int:official_id}/network", response={200: OfficialNetworkOut, **ERRORS},
            summary="Who served or met with one official")
def get_official_network(request: HttpRequest, official_id: int):
    """Officials who held posts in the same organization at overlapping dates, or attended the
    same meetings, each with the evidence, strongest ties first."""
    return payloads.official_network(_get(Official.objects.all(), official_id, "official"))


@router.get("/meetings", response={200: MeetingPage, **ERRORS}, summary="List meetings")
def list_meetings(request: HttpRequest, params: Query[MeetingParams]):
    """kind is the series kind (work_conference, plenary, study_session, press_conference, symposium,
    congress, other); dates filter the start date; topic and source select meetings their articles cover."""
    return _page(_filtered(MeetingFilter, meeting_list_queryset(), params), params, payloads.meeting_item)


@router.get("/meetings/{int:meeting_id}", response={200: MeetingDetailOut, **ERRORS}, summary="One meeting")
def get_meeting(request: HttpRequest, meeting_id: int):
    return payloads.meeting_detail(_get(Meeting.objects.select_related("series"), meeting_id, "meeting"))


@router.get("/policy-documents", response={200: DocumentPage, **ERRORS}, summary="List policy documents")
def list_documents(request: HttpRequest, params: Query[DocumentParams]):
    """kind is the 文种 (法, 条例, 办法, 意见, 通知, 方案, 规划, 计划, 倡议, 宣言, 举措, 报告, 其他);
    dates filter the issue date; issuer is an organization id."""
    return _page(_filtered(DocumentFilter, document_list_queryset(), params), params, payloads.document_item)


@router.get(
    "/policy-documents/{int:document_id}", response={200: DocumentDetailOut, **ERRORS}, summary="One document"
)
def get_document(request: HttpRequest, document_id: int):
    """Number, issuers, kind, dates, the articles citing it and the meetings that produced it."""
    document = _get(PolicyDocument.objects.prefetch_related("issuers"), document_id, "policy document")
    return payloads.document_detail(document)


@router.get("/policy-documents/{int:document_id}/citations", response={200: CitationsOut, **ERRORS},
            summary="What one document cites and what cites it")
def get_document_citations(request: HttpRequest, document_id: int):
    """引用 (what its text cites) and 被引用 (documents whose texts cite it, articles that mention
    it), newest first, with counts per year."""
    return payloads.document_citations_payload(_get(PolicyDocument.objects.all(), document_id, "policy document"))

