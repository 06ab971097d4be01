"""Shapes of GET /api/search (django-ninja / pydantic), documented in /api/openapi.json.

The parameters state every rule of search.params that a request's shape can break (lengths,
enumerations, ranges, no NUL), so ninja refuses those with a 400 before the search runs, and a
request the schema allows is answered: see search.api for what only the data decides.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BaseModel

from articles.api_schemas import IsoDate
from search.params import (
    DEFAULT_PAGE_SIZE,
    KINDS,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    REPRINTS,
    VALIDITY_LABELS,
)
from search.trends import INTERVALS
from search.trends import MAX_QUERIES as MAX_TREND_QUERIES

Kind = Literal[KINDS]  # the searched kinds, from the registry (articles.kinds)
Sort = Literal["relevance", "date"]
Interval = Literal[INTERVALS]
ValidityValue = Literal[tuple(VALIDITY_LABELS)]
Reprints = Literal[REPRINTS]
REPRINTS_HELP = ("collapse（默认）：同一通稿的各次刊印算一条结果、只计一次，显示排名最前的一次；"
                 "all：每次刊印分别列出、分别计数")
# PostgreSQL can neither store nor compare a NUL character, and no text contains one.
NO_NUL = r"^[^\x00]*$"
FilterValue = Annotated[str, Field(pattern=NO_NUL)]
TrendQuery = Annotated[str, Field(min_length=1, max_length=MAX_QUERY_CHARS, pattern=NO_NUL)]


class SearchParamsIn(Schema):
    q: str = Field(
        ...,
        min_length=1,
        max_length=MAX_QUERY_CHARS,
        pattern=NO_NUL,
        description=(
            f"检索式，1–{MAX_QUERY_CHARS} 个字符，简体或繁体（语法见 /search/syntax/）。空格分隔的词须同时出现；"
            "OR 或 | 表示任一；-词 或 NOT 词 排除；括号分组；\"引号\"内为短语；\"科技 金融\"~10 为 10 字以内；"
            "字段 title: source: topic: kind: docno: official: org: date:2025-01..2025-06；exact:词 不扩展别名。"
            "文号的括号〔〕[]【】任写其一。空白或只有标点的检索词没有可检索的文字，结果为空（tokens 为空）；"
            "语法错误（引号或括号不配对、未知字段）返回 400，并指出出错的位置。"
        ),
    )
    kind: list[Kind] | None = Field(
        None, description="只检索这些类型（可重复：kind=article&kind=official）；不给则检索全部类型"
    )
    source: list[FilterValue] | None = Field(
        None,
        max_length=MAX_FILTER_VALUES,
        description="来源名称，取值同 facets.source 的键（可重复，多个为“或”）；未知来源返回 404",
    )
    topic: list[FilterValue] | None = Field(
        None,
        max_length=MAX_FILTER_VALUES,
        description="主题名称，取值同 facets.topic 的键（可重复，多个为“或”）；未知主题返回 404",
    )
    validity: list[ValidityValue] | None = Field(
        None, description="政策文件的效力（可重复）：in_force 现行有效、amended 已修订、repealed 已废止、"
        "not_yet 尚未生效、unknown 未标注；给出时只检索符合的政策文件"
    )
    date_from: IsoDate | None = Field(None, description="起始日期（含），YYYY-MM-DD；无日期的记录被排除")
    date_to: IsoDate | None = Field(None, description="截止日期（含），YYYY-MM-DD；早于 date_from 时结果为空")
    sort: Sort = Field("relevance", description="relevance：相关度（标题命中优先）；date：日期从新到旧")
    reprints: Reprints = Field("collapse", description=REPRINTS_HELP + "；count 与 facets 同此计法")
    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"页码，1–{MAX_PAGE}；超过最后一页返回 404")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="每页条数")


# The answers are plain pydantic models, not ninja Schemas: a Schema wraps every value it checks
# in an attribute getter for ORM objects, which cost ~1 ms per search over a page of dicts.
class QueryOut(BaseModel):
    q: str = Field(..., description="检索词原文（去掉首尾空白）")
    normalized: str = Field(..., description="规范化后的检索式：简体、半角、小写、文号统一为〔〕")
    tokens: list[str] = Field(..., description="分词结果（jieba 搜索模式加领域词典），按出现顺序去重")


class ResultOut(BaseModel):
    kind: Kind
    id: int = Field(..., description="该类型记录的编号，同 /api/<类型>/<id>")
    title: str = Field(..., description="标题或名称（纯文本，原文字体）")
    url: str = Field(..., description="记录页面的路径")
    date: datetime.date | None = Field(
        ..., description="文章出版日期、会议开始日期、文件发布日期、官员职务最近见于的日期；可为空"
    )
    source: str | None = Field(..., description="文章来源名称；其他类型为空")
    printings: int = Field(1, description="文章所属通稿的刊印次数（只刊印一次为 1）；其他类型为 1")
    outlets: int = Field(1, description="刊印该通稿的媒体数（含本条）；其他类型为 1")
    snippet: str = Field(
        ...,
        description="正文片段，HTML：文字已转义，命中处以 <mark> 标出（原文字体，简繁均可标出）",
    )


class FacetsOut(BaseModel):
    kind: dict[str, int] = Field(..., description="各类型的结果数（不受 kind 筛选影响）")
    source: dict[str, int] = Field(..., description="各来源的结果数（不受 source 筛选影响）")
    topic: dict[str, int] = Field(..., description="各主题的结果数（不受 topic 筛选影响）")
    validity: dict[str, int] = Field(..., description="政策文件各效力的结果数（不受 validity 筛选影响）")
    year: dict[str, int] = Field(..., description="各年份的结果数（不受日期筛选影响）")


class SearchOut(BaseModel):
    query: QueryOut
    count: int = Field(..., description="符合全部条件的结果总数（精确）")
    page: int
    results: list[ResultOut]
    facets: FacetsOut = Field(
        ..., description="分面计数，按数量从多到少；每个分面按其他全部条件计数，便于多选"
    )



class TrendParamsIn(Schema):
    q: list[TrendQuery] = Field(
        ..., min_length=1, max_length=MAX_TREND_QUERIES,
        description=f"检索式，可重复（最多 {MAX_TREND_QUERIES} 个），语法同 /api/search 的 q；每个一条曲线",
    )
    interval: Interval = Field("month", description="时段：day、week（ISO 周）、month、year")
    source: list[FilterValue] | None = Field(
        None, max_length=MAX_FILTER_VALUES, description="只统计这些来源（可重复）；总数也只计这些来源；未知来源返回 404"
    )
    date_from: IsoDate | None = Field(None, description="起始日期（含），YYYY-MM-DD")
    date_to: IsoDate | None = Field(None, description="截止日期（含），YYYY-MM-DD；早于 date_from 时返回 400")
    split: Literal["source"] | None = Field(None, description="source：每个检索式按来源分成多条曲线")
    reprints: Reprints = Field("collapse", description=REPRINTS_HELP + "；count 与 total 同此计法")


class TrendPointOut(Schema):
    period: str = Field(..., description="时段：2026、2026-01、2026-W03 或 2026-01-15")
    count: int = Field(..., description="该时段匹配的文章数")
    total: int = Field(..., description="该时段（同一来源筛选下）的文章总数")
    share: float = Field(..., description="count ÷ total，四位小数；total 为 0 时为 0")


class TrendSeriesOut(Schema):
    q: str
    normalized: str = Field(..., description="规范化后的检索式（简体、半角，列出别名）")
    source: str | None = Field(None, description="split=source 时该曲线的来源")
    points: list[TrendPointOut]


class TrendOut(Schema):
    interval: Interval
    series: list[TrendSeriesOut]
