"""Dossiers: everything the knowledge base holds about one official, organization or document,
as facts that each name the articles stating them, for one printable page and a Word file.

A dossier is read, never written: it is assembled from the same records the record's own page
shows, in a fixed number of queries whatever the coverage. A fact the texts state cites the
articles that state it: the articles recorded as stating a post (Post.articles), or the
articles that mention both records a relation joins (an official and a meeting, a document
and its issuer). A fact no article states is what an editor entered, and says so (编辑录入),
so a reader of the printed page can tell the two apart.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Model, QuerySet

from articles import kinds
from articles.links import url_for
from articles.models import Article, Mention, Official, Organization, PolicyDocument, Post
from articles.selectors.documents import (
    document_citations,
    document_interpretations,
    document_meetings,
    issued_documents,
)
from articles.selectors.officials import official_meetings

EDITORIAL = "编辑录入"
CITED_PER_FACT = 20  # a post stated by thousands of articles cites the earliest 20 and the count
MENTIONING_SHOWN = 50  # the newest articles mentioning the record
DOCUMENTS_SHOWN = 30  # an official's documents: those most often mentioned alongside them


def day_label(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "日期不详"


@dataclass(frozen=True)
class Citation:
    """One article a fact rests on, as a printed page cites it."""

    article_id: int
    title: str
    outlet: str
    published_on: datetime.date | None
    url: str  # the article's permalink on this site (the views make it absolute)

    @property
    def date_label(self) -> str:
        return day_label(self.published_on)


@dataclass(frozen=True)
class Fact:
    text: str
    citations: tuple[Citation, ...] = ()
    cited_total: int = 0  # how many articles state it, of which `citations` are the first
    link: str = ""  # the page of the record the fact names, if any

    @property
    def basis(self) -> str:
        """Where the fact comes from when no article states it."""
        return "" if self.citations else EDITORIAL

    @property
    def more(self) -> int:
        """Articles stating the fact beyond those cited."""
        return max(self.cited_total - len(self.citations), 0)


@dataclass(frozen=True)
class Section:
    heading: str
    facts: tuple[Fact, ...]
    note: str = ""


@dataclass(frozen=True)
class Dossier:
    kind: str  # the kinds registry's name: "official", "organization", "document"
    kind_label: str  # 官员档案
    pk: int
    title: str
    subtitle: str
    url: str  # the record's own page
    sections: tuple[Section, ...]

    @property
    def filename_stem(self) -> str:
        """An ASCII file name for the download (the Chinese title goes in filename*)."""
        return f"kejiku-{self.kind}-{self.pk}"


# ---------------------------------------------------------------------------------------------
# Shared reads


def _citations(article_ids: Iterable[int]) -> dict[int, Citation]:
    """The citations of these articles, in one query (bodies left unread)."""
    ids = set(article_ids)
    if not ids:
        return {}
    articles = Article.objects.select_related("source", "publication").defer("body").in_bulk(ids)
    return {pk: _citation(article) for pk, article in articles.items()}


def _citation(article: Article) -> Citation:
    outlet = article.source.name
    if article.publication is not None and article.publication_id != article.source_id:
        outlet = f"{outlet}，{article.publication.name}刊载"
    return Citation(article.pk, article.display_title, outlet, article.published_on, url_for(article))


def _fact(text: str, article_ids: list[int], citations: dict[int, Citation], *, link: str = "") -> Fact:
    """A fact citing the first CITED_PER_FACT of the articles stating it (ids in citing order)."""
    shown = tuple(citations[pk] for pk in article_ids[:CITED_PER_FACT] if pk in citations)
    return Fact(text, shown, len(article_ids), link)


def _mention_field(record: Model) -> str:
    field = kinds.kind_of(record).mention_field
    if field is None:
        raise TypeError(f"{type(record).__name__} is never mentioned")
    return field


def _articles_naming(record: Model) -> QuerySet[Mention]:
    """The ids of the articles mentioning the record, as a subquery."""
    return Mention.objects.filter(**{_mention_field(record): record}).values("article_id")


def _co_mentioned(record: Model, *, field: str, ids: Iterable[int]) -> dict[int, list[int]]:
    """For each record of kind `field` among `ids`, the articles mentioning it and `record`
    both, oldest first: the texts that state the relation the editors recorded between them."""
    ids = set(ids)
    if not ids:
        return {}
    rows = (
        Mention.objects.filter(**{f"{field}_id__in": ids}, article_id__in=_articles_naming(record))
        .order_by(F("article__published_on").asc(nulls_last=True), "article_id")
        .values_list(f"{field}_id", "article_id")
    )
    return _grouped(rows, keys=ids)


def _grouped(rows: Iterable[tuple[int, int]], *, keys: Iterable[int] = ()) -> dict[int, list[int]]:
    """(key, article id) rows as each key's distinct article ids, in the rows' order."""
    found: dict[int, dict[int, None]] = {key: {} for key in keys}
    for key, article in rows:
        found.setdefault(key, {})[article] = None
    return {key: list(articles) for key, articles in found.items()}


def _stating(posts: list[Post]) -> dict[int, list[int]]:
    """Every article recorded as stating each post, oldest first, in one query."""
    found: dict[int, list[int]] = {post.pk: [] for post in posts}
    rows = (
        Post.articles.through.objects.filter(post__in=[post.pk for post in posts])
        .order_by(F("article__published_on").asc(nulls_last=True), "article_id")
        .values_list("post_id", "article_id")
    )
    for post, article in rows:
        found[post].append(article)
    return found


def _span(first: datetime.date | None, last: datetime.date | None) -> str:
    if first is None and last is None:
        return "日期不详"
    if first == last or last is None:
        return f"见于{day_label(first)}"
    if first is None:
        return f"最晚见于{day_label(last)}"
    return f"{day_label(first)}至{day_label(last)}"


def _post_facts(posts: list[Post], *, holder: bool) -> tuple[Fact, ...]:
    """Each post with its attested span, citing the articles stating it. With `holder` the
    fact names the official (an organization's dossier), otherwise the organization."""
    stating = _stating(posts)
    citations = _citations(pk for ids in stating.values() for pk in ids[:CITED_PER_FACT])
    facts = []
    for post in posts:
        if holder:
            text, link = f"{post.official.name}：{post.full_title}", url_for(post.official)
        else:
            where = f"（{post.organization.name}）" if post.organization else ""
            text, link = f"{post.full_title}{where}", url_for(post.organization) if post.organization else ""
        facts.append(_fact(f"{text}，{_span(post.first_seen, post.last_seen)}", stating[post.pk], citations,
                           link=link))
    return tuple(facts)


def _mentioning_section(record: Model, heading: str) -> Section:
    """The newest articles mentioning the record, each citing itself, with how it is named there."""
    mentioning = Article.objects.filter(pk__in=_articles_naming(record))
    total = mentioning.count()
    newest = list(
        mentioning.order_by(F("published_on").desc(nulls_last=True), "-pk").values_list("pk", flat=True)[
            :MENTIONING_SHOWN
        ]
    )
    citations = _citations(newest)
    surfaces: dict[int, list[str]] = defaultdict(list)
    rows = (Mention.objects.filter(**{_mention_field(record): record}, article_id__in=newest)
            .order_by("article_id", "field", "start").values_list("article_id", "surface"))
    for article, surface in rows:
        surfaces[article].append(surface)
    facts = []
    for pk in newest:
        named = surfaces[pk]
        spellings = "、".join(f"“{s}”" for s in dict.fromkeys(named))
        facts.append(Fact(f"提及 {len(named)} 处，原文作{spellings}", (citations[pk],), 1))
    note = f"共 {total} 篇，列出最新的 {len(newest)} 篇。" if total > len(newest) else f"共 {total} 篇。"
    return Section(heading, tuple(facts), note)


def _editorial(*pairs: tuple[str, object]) -> tuple[Fact, ...]:
    """Facts an editor entered: label and value, leaving out what is blank."""
    return tuple(Fact(f"{label}：{value}") for label, value in pairs if value)


# ---------------------------------------------------------------------------------------------
# Officials


def official_dossier(*, official: Official) -> Dossier:
    """Names, posts (with the articles stating each), meetings and roles, the documents named
    alongside the official, and the newest articles mentioning them."""
    aliases = "、".join(alias.name for alias in official.aliases.all())
    posts = list(
        official.posts.select_related("organization")
        .order_by(F("first_seen").asc(nulls_last=True), "full_title")
    )
    latest = max((p for p in posts if p.last_seen), key=lambda p: p.last_seen, default=None)
    sections = [
        Section("基本信息", _editorial(("姓名", official.name), ("又作", aliases), ("备注", official.notes))),
        Section("职务（按文本载明的时间）", _post_facts(posts, holder=False),
                "每项职务列出载明它的文章，最早的在前。"),
        _official_meetings(official),
        _official_documents(official),
        _mentioning_section(official, f"提及{official.name}的文章"),
    ]
    subtitle = f"最近载明的职务：{latest.full_title}（{day_label(latest.last_seen)}）" if latest else ""
    return _dossier(official, official.name, subtitle, sections)


def _meeting_section(record: Model, links: list, describe: Callable[[Any], str], heading: str,
                     note: str) -> Section:
    """A fact per link to a meeting (an official's part in it, a document's relation to it), each
    citing the articles that mention both the record and the meeting."""
    evidence = _co_mentioned(record, field="meeting", ids={link.meeting_id for link in links})
    citations = _citations(pk for ids in evidence.values() for pk in ids[:CITED_PER_FACT])
    facts = tuple(
        _fact(f"{link.meeting.date_label} {link.meeting.display_name}：{describe(link)}",
              evidence[link.meeting_id], citations, link=url_for(link.meeting))
        for link in links
    )
    return Section(heading, facts, note)


def _official_meetings(official: Official) -> Section:
    return _meeting_section(official, list(official_meetings(official=official)),
                            lambda part: part.get_role_display(), "会议",
                            "角色为编辑据报道所录；引文为同时提及其人与该会议的文章。")


def _official_documents(official: Official) -> Section:
    """The documents named in the articles that name the official, most often first."""
    by_document = _grouped(
        Mention.objects.filter(document__isnull=False, article_id__in=_articles_naming(official))
        .order_by(F("article__published_on").asc(nulls_last=True), "article_id")
        .values_list("document_id", "article_id")
    )
    ranked = sorted(by_document, key=lambda pk: (-len(by_document[pk]), pk))[:DOCUMENTS_SHOWN]
    documents = PolicyDocument.objects.in_bulk(ranked)
    citations = _citations(pk for doc in ranked for pk in by_document[doc][:CITED_PER_FACT])
    facts = tuple(
        _fact(_document_label(documents[pk]), by_document[pk], citations, link=url_for(documents[pk]))
        for pk in ranked
    )
    note = "提及其人的文章中同时提及的文件，提及篇数多的在前。"
    if len(by_document) > len(ranked):
        note += f"共 {len(by_document)} 件，列出前 {len(ranked)} 件。"
    return Section("相关文件", facts, note)


def _document_label(document: PolicyDocument) -> str:
    return f"{document}（{document.doc_number}）" if document.doc_number else str(document)


# ---------------------------------------------------------------------------------------------
# Organizations


def organization_dossier(*, organization: Organization) -> Dossier:
    """Names, the posts officials held there, the documents it issued, and the newest articles
    mentioning it."""
    aliases = "、".join(alias.name for alias in organization.aliases.all())
    children = "、".join(child.name for child in organization.children.order_by("name"))
    basics = list(_editorial(("名称", organization.name), ("又称", aliases)))
    if organization.parent is not None:
        basics.append(Fact(f"上级机构：{organization.parent.name}", link=url_for(organization.parent)))
    basics += _editorial(("下属机构", children), ("说明", organization.description))
    posts = list(
        organization.posts.select_related("official", "organization")
        .order_by(F("last_seen").desc(nulls_last=True), "official__name", "full_title")
    )
    sections = [
        Section("基本信息", tuple(basics)),
        Section("在此任职的官员", _post_facts(posts, holder=True), "每项职务列出载明它的文章，最早的在前。"),
        _issued(organization),
        _mentioning_section(organization, "提及该机构的文章"),
    ]
    return _dossier(organization, organization.name, f"又称 {aliases}" if aliases else "", sections)


def _issued(organization: Organization) -> Section:
    issued = issued_documents(organization=organization)
    evidence = _co_mentioned(organization, field="document", ids={item.document.pk for item in issued})
    citations = _citations(pk for ids in evidence.values() for pk in ids[:CITED_PER_FACT])
    facts = []
    for item in issued:
        doc = item.document
        jointly = "，与" + "、".join(o.name for o in item.co_issuers) + "联合发文" if item.jointly else ""
        issued_on = f"，成文于{day_label(doc.issued_on)}" if doc.issued_on else ""
        text = f"{_document_label(doc)}{issued_on}{jointly}"
        facts.append(_fact(text, evidence[doc.pk], citations, link=url_for(doc)))
    joint = sum(1 for item in issued if item.jointly)
    return Section("发布的文件", tuple(facts),
                   f"共 {len(issued)} 件，其中联合发文 {joint} 件；引文为同时提及该机构与该文件的文章。")


# ---------------------------------------------------------------------------------------------
# Policy documents


def document_dossier(*, document: PolicyDocument) -> Dossier:
    """Number, issuers, dates, validity and versions, the meetings that produced it, what it
    cites and what cites it, and the articles mentioning it."""
    issuers = list(document.issuers.all())
    sections = [
        Section("基本信息", _document_basics(document, issuers)),
        Section("效力与版本", _document_life(document)),
        _document_meetings(document),
        _document_citations(document),
        _document_interpretations(document),
        _mentioning_section(document, "提及该文件的文章"),
    ]
    subtitle = "、".join(o.name for o in issuers)
    if document.doc_number:
        subtitle = f"{subtitle} {document.doc_number}".strip()
    return _dossier(document, str(document), subtitle, sections)


def _document_basics(document: PolicyDocument, issuers: list[Organization]) -> tuple[Fact, ...]:
    """The number cites the articles mentioning the document that print it; each issuer, the
    articles mentioning both; the rest is what editors entered."""
    mentioning = Article.objects.filter(pk__in=_articles_naming(document))
    printing_number: list[int] = []
    if document.doc_number:
        printing_number = list(
            mentioning.filter(body__contains=document.doc_number)
            .order_by(F("published_on").asc(nulls_last=True), "pk").values_list("pk", flat=True)
        )
    evidence = _co_mentioned(document, field="organization", ids={o.pk for o in issuers})
    citations = _citations([*printing_number[:CITED_PER_FACT],
                            *(pk for ids in evidence.values() for pk in ids[:CITED_PER_FACT])])
    facts = [Fact(f"标题：{document}")]
    if document.short_title:
        facts.append(Fact(f"简称：《{document.short_title}》"))
    if document.doc_number:
        facts.append(_fact(f"文号：{document.doc_number}", printing_number, citations))
    facts.append(Fact(f"文种：{document.get_kind_display()}"))
    facts += [_fact(f"发文机关：{o.name}", evidence[o.pk], citations, link=url_for(o)) for o in issuers]
    facts += _editorial(
        ("成文日期", document.issued_on and day_label(document.issued_on)),
        ("发布日期", document.published_on and day_label(document.published_on)),
        ("施行日期", document.effective_on and day_label(document.effective_on)),
        ("索引号", document.index_number),
        ("主题分类", document.subjects),
        ("原文链接", document.url),
    )
    return tuple(facts)


def _document_life(document: PolicyDocument) -> tuple[Fact, ...]:
    validity = document.get_validity_display()
    if document.expires_on:
        validity += f"（{day_label(document.expires_on)}失效）"
    facts = [Fact(f"效力：{validity}")]
    if document.replaced_by is not None:
        facts.append(Fact(f"已被{document.replaced_by}取代", link=url_for(document.replaced_by)))
    if document.amends is not None:
        facts.append(Fact(f"修订{document.amends}", link=url_for(document.amends)))
    for other in document.replaces.order_by("issued_on", "title"):
        facts.append(Fact(f"取代了{other}", link=url_for(other)))
    for other in document.amended_by.order_by("issued_on", "title"):
        facts.append(Fact(f"被{other}修订", link=url_for(other)))
    return tuple(facts)


def _document_meetings(document: PolicyDocument) -> Section:
    return _meeting_section(document, list(document_meetings(document=document)),
                            lambda link: link.get_relation_display(), "产生该文件的会议",
                            "引文为同时提及该会议与该文件的文章。")


def _document_citations(document: PolicyDocument) -> Section:
    cites, cited_by = document_citations(document=document)
    facts = [Fact(f"引用{_document_label(other)}", link=url_for(other)) for other in cites]
    facts += [Fact(f"被{_document_label(other)}引用", link=url_for(other)) for other in cited_by]
    return Section("引用关系", tuple(facts))


def _document_interpretations(document: PolicyDocument) -> Section:
    """Each 解读 is its own evidence: the fact is that this article explains the document."""
    explaining = list(document_interpretations(document=document).values_list("pk", flat=True))
    citations = _citations(explaining)
    facts = tuple(_fact(f"解读：{citations[pk].title}", [pk], citations) for pk in explaining if pk in citations)
    return Section("解读", facts, "政策解读、答记者问、主管部门的说明，区别于一般报道。")


def _dossier(record: Model, title: str, subtitle: str, sections: list[Section]) -> Dossier:
    kind = kinds.kind_of(record)
    return Dossier(kind.name, f"{kind.label}档案", record.pk, title, subtitle, url_for(record), tuple(sections))
