"""Shapes of the entity API (django-ninja / pydantic).

The parameters state every rule a request's shape can break (types, enumerations, ranges), so
a request the schema allows is never refused with a 400; what no schema can know, a topic,
source or issuer that no record has, is a 404.
"""

import datetime
import re
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from articles.models import ArticleKind, DocumentKind, MeetingKind, Validity


def _full_date(value: object) -> object:
    # The schema says "format: date" (YYYY-MM-DD); pydantic alone would also read 0 or
    # 1767225600 as a Unix timestamp and "2026-01-01T00:00" as a day.
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise PydanticCustomError("date_format", "Input should be a date written YYYY-MM-DD")
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_full_date)]


class ListParams(Schema):
    """Filters and paging shared by every entity listing; each listing adds its own kinds."""

    topic: str | None = Field(None, description="主题标识（slug），含下级主题；不存在的主题返回 404")
    source: int | None = Field(None, ge=1, description="来源编号；不存在的来源返回 404")
    date_from: IsoDate | None = Field(None, description="起始日期（含），YYYY-MM-DD")
    date_to: IsoDate | None = Field(
        None, description="截止日期（含），YYYY-MM-DD；早于 date_from 时没有结果"
    )
    page: int = Field(1, ge=1, description="页码；超过最后一页返回 404")
    page_size: int = Field(20, ge=1, le=100)


class ArticleParams(ListParams):
    kind: ArticleKind | None = Field(None, description="文章体裁")


class OfficialParams(ListParams):
    kind: ArticleKind | None = Field(None, description="提及该官员的文章的体裁")


class MeetingParams(ListParams):
    kind: MeetingKind | None = Field(None, description="会议系列的类型")


class DocumentParams(ListParams):
    kind: DocumentKind | None = Field(None, description="文种")
    issuer: int | None = Field(None, ge=1, description="发文机关（机构编号）；不存在的机构返回 404")
    validity: Validity | None = Field(None, description="效力：in_force、amended、repealed、not_yet、unknown")


class Ref(Schema):
    id: int
    name: str
    url: str


class MentionedOfficialRef(Ref):
    post_at_time: str = Field(
        ..., description="知识库所记、文章日期时该官员的职务（多个以“、”分隔）；无记录或文章无日期时为“职务不详”"
    )


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
    officials: list[MentionedOfficialRef]
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
    validity: Validity = Field(..., description="效力（编辑标注）；unknown 为未标注")
    validity_label: str
    expires_on: datetime.date | None
    replaced_by: Ref | None = Field(..., description="已废止时取代它的文件")
    amends: Ref | None = Field(..., description="本文件修订的文件")
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
    """Every error of the API, whatever its status, the search's included."""

    error: str


# What every operation may answer besides its 200: a request its schema refuses, or a NUL in the
# path (400); a record, filter value or page that does not exist (404); the database away (503,
# from kejiku.middleware.database_unavailable).
ERRORS = {400: Error, 404: Error, 503: Error}


class MonthCountOut(Schema):
    month: str = Field(..., description="YYYY-MM")
    count: int = Field(..., description="该月提及此官员的文章数")


class OfficialTimelineOut(Schema):
    official: Ref
    posts: list[PostOut] = Field(..., description="职务：最早、最晚见于的日期，以及载明它的文章")
    months: list[MonthCountOut] = Field(..., description="每月提及的文章数（最近 36 个月，空月为 0）")
    meetings: list[ParticipationOut] = Field(..., description="出席的会议及角色")


class SharedPostOut(Schema):
    organization: Ref
    post: str = Field(..., description="本人在该机构的职务")
    their_post: str = Field(..., description="对方在该机构的职务")
    start: datetime.date = Field(..., description="两人任职时间重叠的起点")
    end: datetime.date = Field(..., description="两人任职时间重叠的终点")


class TieOut(Schema):
    official: Ref
    shared_posts: list[SharedPostOut] = Field(..., description="同一机构、任职时间重叠的证据")
    meetings: list[MeetingRef] = Field(..., description="两人都出席的会议")
    compare_url: str


class OfficialNetworkOut(Schema):
    official: Ref
    ties: list[TieOut] = Field(..., description="共事或同会的官员，关系最多者在前")


class CoverageMonth(Schema):
    month: str = Field(..., description="月份，YYYY-MM")
    interpretations: int
    coverage: int = Field(..., description="提及本文件、但不是解读的文章数")


class CitationsOut(Schema):
    document: Ref
    cites: list[Ref] = Field(..., description="本文件正文引用的文件，最新在前")
    cited_by_documents: list[Ref] = Field(..., description="正文引用本文件的文件，最新在前")
    cited_by_articles: list[CitingArticle] = Field(..., description="提及本文件的文章（含解读），最新在前")
    interpretations: list[CitingArticle] = Field(
        ..., description="解读本文件的文章（政策解读、答记者问、主管部门的说明），最新在前")
    per_year: dict[str, int] = Field(..., description="每年引用本文件的文件与文章数（按其日期；无日期的不计）")
    coverage_per_month: list[CoverageMonth] = Field(
        ..., description="逐月的报道数：解读与其他报道分计，从第一篇到最后一篇之间的每个月（无日期的不计）")
