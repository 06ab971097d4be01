"""The frozen dataclasses the pipeline returns; the only shapes other code may rely on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date the text gives only to the year or month (2025年5月, 去年8月) or in full."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    @property
    def precision(self) -> str:
        """day | month | year: the values of articles.models.DatePrecision."""
        return "year" if self.month is None else "month" if self.day is None else "day"

    def first_day(self) -> date:
        """The first day of the period the date names (2024-06 → 2024-06-01)."""
        return date(self.year, self.month or 1, self.day or 1)

    def contains(self, other: PartialDate) -> bool:
        """other lies within this period (2024-06 contains 2024-06-24; a day contains only itself)."""
        mine = (self.year, self.month, self.day)
        theirs = (other.year, other.month, other.day)
        return all(a is None or a == b for a, b in zip(mine, theirs, strict=True))

    @classmethod
    def of(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)


@dataclass(frozen=True)
class Mention:
    """One place an entity is named; start/end index the article's title or body as stored."""

    entity: str  # official | organization | meeting | document
    key: str  # the entity's key in ParsedDocument's lists
    field: str  # title | body
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Publication:
    name: str | None
    kind: str  # newspaper | web | government | agency
    date: date | None
    date_inferred: bool = False
    issue: str = ""
    editor: str = ""


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    body: str
    kind: str  # news | interview | caption | notice | continuation | feature
    script: str  # simplified | traditional
    line_start: int
    line_end: int
    title_derived: bool = False  # untitled items (captions, fragments) get their first words
    kicker: str = ""
    subtitle: str = ""
    published_on: date | None = None
    date_inferred: bool = False
    dateline_place: str = ""
    dateline_date: date | None = None
    agency: str = ""
    reporters: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    editor: str = ""
    page: str = ""
    source_name: str | None = None
    source_kind: str = "newspaper"
    credited_source: str = ""
    continued_from: str = ""
    topics: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    fingerprint: str = ""

    @property
    def date(self) -> date | None:
        """The story's own date (its dateline or lead), else the day it was published."""
        return self.dateline_date or self.published_on


@dataclass(frozen=True)
class Post:
    full_title: str  # 科技部党组书记, as the text composes it
    title: str  # 党组书记
    organization: str | None  # canonical name from the alias table, when recognised
    articles: tuple[int, ...]  # indexes into ParsedDocument.items stating the post


@dataclass(frozen=True)
class Official:
    name: str  # simplified form
    spellings: tuple[str, ...]  # forms seen in the text, e.g. 習近平
    posts: tuple[Post, ...]
    articles: tuple[int, ...]


@dataclass(frozen=True)
class Person:
    """Someone named who is not an official: reporter, photographer, researcher, analyst."""

    name: str
    role: str
    articles: tuple[int, ...]


@dataclass(frozen=True)
class Meeting:
    key: str
    series: str
    name: str
    kind: str  # values of articles.models.MeetingKind
    date: PartialDate | None
    end_date: date | None = None
    place: str = ""
    articles: tuple[int, ...] = ()
    documents: tuple[tuple[str, str], ...] = ()  # (document key, adopted | released | discussed)
    # (official's name, spoke | chaired | reported | attended): values of MeetingParticipation.Role
    participants: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PolicyDocument:
    key: str
    title: str  # simplified, without 《》
    kind: str  # values of articles.models.DocumentKind
    short_title: str = ""
    doc_number: str = ""
    issuers: tuple[str, ...] = ()
    issued: PartialDate | None = None  # the date it was written or issued (成文日期, 印发)
    effective_on: date | None = None
    articles: tuple[int, ...] = ()
    # Known only from the document's own page (a 中国政府网 policy page):
    published_on: date | None = None  # 发布日期
    full_text: str = ""
    index_number: str = ""  # 索引号
    subjects: tuple[str, ...] = ()  # 主题分类
    cites: tuple[str, ...] = ()  # keys of the documents its text cites


@dataclass(frozen=True)
class Organization:
    name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str | None
    seen_as: tuple[str, ...]
    articles: tuple[int, ...]


@dataclass(frozen=True)
class Dropped:
    """Text left out of every article, with the reason, so nothing disappears silently."""

    line_start: int
    line_end: int
    reason: str
    text: str


@dataclass(frozen=True)
class ParsedDocument:
    filename: str
    encoding: str
    layout: str
    script: str
    publication: Publication
    items: tuple[ParsedArticle, ...]
    officials: tuple[Official, ...] = ()
    people: tuple[Person, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    documents: tuple[PolicyDocument, ...] = ()
    organizations: tuple[Organization, ...] = ()
    dropped: tuple[Dropped, ...] = field(default=())

    def to_json(self) -> dict:
        from .jsonout import document_to_json  # local import: the serializer depends on this module

        return document_to_json(self)
