"""Shapes of the entity API (django-ninja / pydantic)."""

import datetime

from ninja import Field, Schema


class ListParams(Schema):
    """Filters and paging shared by every entity listing."""

    topic: str | None = Field(None, description="主题标识（slug），含下级主题")
    source: int | None = Field(None, description="来源编号")
    kind: str | None = Field(None, description="文章体裁 / 会议类型 / 文种，取值见各接口")
    date_from: datetime.date | None = Field(None, description="起始日期（含），YYYY-MM-DD")
    date_to: datetime.date | None = Field(None, description="截止日期（含），YYYY-MM-DD")
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=100)


class DocumentParams(ListParams):
    issuer: int | None = Field(None, description="发文机关（机构编号）")


class Ref(Schema):
    id: int
    name: str
    url: str


class TopicRef(Schema):
    slug: str
    name: str
    url: str


class ArticleOut(Schema):
    id: int
    title: str
    kicker: str
    published_on: datetime.date | None
    source: Ref
    kind: str
    script: str
    page: str
    topics: list[TopicRef]
    url: str


class MeetingRef(Schema):
    id: int
    name: str
    start_date: datetime.date | None  # None: the texts never date the session
    date_precision: str  # day | month | year: a month or year is stored as its first day
    date_label: str
    url: str


class DocumentRef(Schema):
    id: int
    title: str
    doc_number: str
    url: str


class StatedPost(Schema):
    official_id: int
    official: str
    full_title: str


class ArticleDetailOut(ArticleOut):
    subtitle: str
    body: str
    dateline_place: str
    dateline_date: datetime.date | None
    agency: str
    reporters: list[str]
    photographers: list[str]
    editor: str
    credited_source: str
    provenance: str
    officials: list[Ref]
    organizations: list[Ref]
    meetings: list[MeetingRef]
    documents: list[DocumentRef]
    stated_posts: list[StatedPost]


class OfficialOut(Schema):
    id: int
    name: str
    aliases: list[str]
    article_count: int
    url: str


class PostOut(Schema):
    title: str
    full_title: str
    organization: Ref | None
    first_seen: datetime.date | None
    last_seen: datetime.date | None
    article_ids: list[int]


class ParticipationOut(Schema):
    meeting: MeetingRef
    role: str
    role_label: str


class OfficialDetailOut(OfficialOut):
    notes: str
    posts: list[PostOut]
    meetings: list[ParticipationOut]
    article_ids: list[int]


class SeriesRef(Schema):
    id: int
    name: str
    kind: str
    url: str


class MeetingOut(Schema):
    id: int
    name: str
    series: SeriesRef
    start_date: datetime.date | None
    date_precision: str
    date_label: str
    end_date: datetime.date | None
    place: str
    article_count: int
    url: str


class ParticipantOut(Schema):
    official: Ref
    role: str
    role_label: str


class MeetingDocumentOut(Schema):
    document: DocumentRef
    relation: str
    relation_label: str


class MeetingDetailOut(MeetingOut):
    summary: str
    sessions: list[MeetingRef]
    participants: list[ParticipantOut]
    documents: list[MeetingDocumentOut]
    article_ids: list[int]


class DocumentOut(Schema):
    id: int
    title: str
    short_title: str
    doc_number: str
    kind: str
    issuers: list[Ref]
    issued_on: datetime.date | None
    effective_on: datetime.date | None
    article_count: int
    url: str


class CitingArticle(Schema):
    id: int
    title: str
    published_on: datetime.date | None
    source: str
    url: str


class ProducingMeeting(Schema):
    meeting: MeetingRef
    relation: str
    relation_label: str


class DocumentDetailOut(DocumentOut):
    original_url: str
    published_on: datetime.date | None  # 发布日期, known from the document's own page
    index_number: str  # 索引号
    subjects: str  # 主题分类
    full_text: str  # empty until the document's own page is imported
    cites: list[Ref]  # documents its text cites
    cited_by: list[Ref]  # documents whose texts cite it
    citing_articles: list[CitingArticle]
    meetings: list[ProducingMeeting]


class Page(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int


class ArticlePage(Page):
    results: list[ArticleOut]


class OfficialPage(Page):
    results: list[OfficialOut]


class MeetingPage(Page):
    results: list[MeetingOut]


class DocumentPage(Page):
    results: list[DocumentOut]


class Error(Schema):
    error: str
