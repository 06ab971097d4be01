"""Writing parsed pages into the knowledge base: one transaction, idempotent, traceable.

Every record is looked up by its natural key (article fingerprint, official
name or alias, organization name or alias, meeting series + date or name — see
services/sessions.py —, document number or title) and saved only when
something differs, so loading the same file twice changes nothing. Mentions are
rebuilt only for articles whose text changed: an editor's corrections to an
unchanged article survive a re-import. Meeting documents and participations are
only ever added, so an editor's additions survive too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.text import slugify

from articles.changes import record_changes
from articles.ingest import model as parsed_model
from articles.ingest.citations import title_key
from articles.ingest.model import ParsedArticle, ParsedDocument
from articles.ingest.organizations import load_table
from articles.ingest.topics import load_taxonomy
from articles.models import (
    Article,
    MeetingDocument,
    MeetingParticipation,
    Mention,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    PolicyDocument,
    Post,
    Source,
    Topic,
)

from . import citations
from .reprints import assign_cluster
from .sessions import store_meeting

UNKNOWN_SOURCE = "来源不详"


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)  # stories kept with their date unknown
    guessed: list[str] = field(default_factory=list)  # stories dated by inference, not by the page
    unresolved: list[str] = field(default_factory=list)  # citations tied to no one document

    def __str__(self) -> str:
        def part(label: str, counts: Counter) -> str:
            return f"{label} " + ("、".join(f"{k}{v}" for k, v in sorted(counts.items())) or "无")

        text = "；".join([part("新建", self.created), part("更新", self.updated), part("未变", self.unchanged)])
        if self.undated:
            text += f"；{len(self.undated)} 篇日期不详（已保留，待编辑补填）"
        if self.guessed:
            text += f"；{len(self.guessed)} 篇日期系推断"
        if self.unresolved:
            text += f"；{len(self.unresolved)} 处引用未能对应到文件（见“未解析的引用”）"
        return text + (f"；跳过 {len(self.skipped)} 项" if self.skipped else "")

    def notes(self) -> list[str]:
        """Every guess and every unknown, line by line, for the person importing."""
        return [f"日期不详：{line}" for line in self.undated] + [f"推断：{line}" for line in self.guessed] + [
            f"跳过：{line}" for line in self.skipped] + [f"引用未解析：{line}" for line in self.unresolved]

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


class KnowledgeBaseWriter:
    def __init__(self) -> None:
        self.report = ImportReport()
        self.changed: list[models.Model] = []
        self.orgs: dict[str, Organization] = {}
        self.topics: dict[str, Topic] = {}
        self.new_texts: list[Article] = []  # created or rewritten: their story is looked up after the import

    def save(self, obj: models.Model, label: str, values: dict, *, created: bool) -> models.Model:
        """Apply values; save only if something differs, and count what happened."""
        dirty = created or any(getattr(obj, k) != v for k, v in values.items())
        if not dirty:
            self.report.unchanged[label] += 1
            return obj
        for key, value in values.items():
            setattr(obj, key, value)
        obj.save()
        (self.report.created if created else self.report.updated)[label] += 1
        self.changed.append(obj)
        return obj

    def upsert(self, model: type[models.Model], label: str, lookup: dict, values: dict) -> models.Model:
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            return self.save(model(**lookup), label, values, created=True)
        return self.save(obj, label, values, created=False)

    # -- reference data ------------------------------------------------------------------
    def topic_rows(self) -> None:
        for entry in load_taxonomy():
            parent = self.topics.get(entry.parent) if entry.parent else None
            self.topics[entry.name] = self.upsert(
                Topic, "主题", {"name": entry.name},
                {"slug": entry.slug or slugify(entry.name, allow_unicode=True), "parent": parent,
                 "keywords": list(entry.keywords)},
            )

    def organization(self, name: str) -> Organization:
        if name in self.orgs:
            return self.orgs[name]
        alias = OrganizationAlias.objects.filter(name=name).select_related("organization").first()
        entry = load_table().get(name)
        parent = self.organization(entry.parent) if entry and entry.parent else None
        if alias is not None and not Organization.objects.filter(name=name).exists():
            org = alias.organization
            self.report.unchanged["机构"] += 1
        else:
            org = self.upsert(Organization, "机构", {"name": name}, {"parent": parent} if parent else {})
        for alias_name in entry.aliases if entry else ():
            if not OrganizationAlias.objects.filter(name=alias_name).exists():
                OrganizationAlias.objects.create(organization=org, name=alias_name)
                self.report.created["机构别称"] += 1
        self.orgs[name] = org
        return org

    # -- the page ------------------------------------------------------------------------
    def document(self, parsed: ParsedDocument,
                 existing: list[tuple[Article | None, bool]] | None = None) -> None:
        articles = existing if existing is not None else [self.article(parsed, item) for item in parsed.items]
        for org in parsed.organizations:
            self.organization(org.name)
        officials = {o.name: self.official(o, parsed, articles) for o in parsed.officials}
        meetings = {m.key: store_meeting(self, m) for m in parsed.meetings}
        documents = {d.key: self.policy_document(d) for d in parsed.documents}
        self.citations(parsed, documents)
        for meeting in parsed.meetings:
            row = meetings.get(meeting.key)
            if row is None:
                continue
            for doc_key, relation in meeting.documents:
                if documents.get(doc_key):
                    self.upsert(MeetingDocument, "会议文件", {"meeting": row, "document": documents[doc_key]},
                                {"relation": relation})
            for name, role in meeting.participants:
                if officials.get(name):
                    self.upsert(MeetingParticipation, "出席",
                                {"meeting": row, "official": officials[name], "role": role}, {})
        targets = {"official": officials, "organization": self.orgs, "meeting": meetings, "document": documents}
        for item, (article, rewrite) in zip(parsed.items, articles, strict=True):
            if article is not None and rewrite:
                self.mentions(article, item, targets)
                self.resolve_citations(citations.resolve_article(article), f"{parsed.filename}:{item.line_start}")
        for parsed_doc in parsed.documents:
            document = documents.get(parsed_doc.key)
            if document is None:
                continue
            if parsed_doc.full_text:
                self.resolve_citations(citations.resolve_document(document), parsed.filename)
            if document in self.changed:  # new or renamed: citations waiting for it are answered
                self.report.created["提及"] += citations.retry_for(document).added

    def resolve_citations(self, report: citations.CitationReport, place: str) -> None:
        self.report.created["提及"] += report.added
        self.report.unresolved.extend(f"{place} {surface}" for surface in report.waiting)
        if report.interpretations:
            self.report.created["解读"] += report.interpretations

    def article(self, parsed: ParsedDocument, item: ParsedArticle) -> tuple[Article | None, bool]:
        day = item.published_on or item.date
        if day is None:  # kept with its date unknown, for an editor to fill in (文章 → 出版日期 → 空)
            self.report.undated.append(f"{parsed.filename}:{item.line_start} {item.title}")
        elif item.date_inferred:
            self.report.guessed.append(
                f"{parsed.filename}:{item.line_start} {item.title}：日期推断为 {day.isoformat()}")
        source, _ = Source.objects.get_or_create(
            name=item.source_name or UNKNOWN_SOURCE,
            defaults={"kind": item.source_kind, "usual_script": item.script},
        )
        outlet = parsed.publication
        publication = Source.objects.get_or_create(
            name=outlet.name, defaults={"kind": outlet.kind, "usual_script": parsed.script},
        )[0] if outlet.name else None
        values = {
            "title": item.title[:300], "kicker": item.kicker, "subtitle": item.subtitle, "body": item.body,
            "script": item.script, "kind": item.kind, "source": source, "publication": publication,
            "published_on": day, "date_inferred": item.date_inferred,
            "page": item.page, "dateline_place": item.dateline_place, "dateline_date": item.dateline_date,
            "agency": item.agency, "reporters": list(item.reporters), "photographers": list(item.photographers),
            "editor": item.editor, "credited_source": item.credited_source,
            "source_file": parsed.filename, "line_start": item.line_start, "line_end": item.line_end,
        }
        existing = Article.objects.filter(fingerprint=item.fingerprint).first()
        text_changed = existing is None or existing.body != item.body or existing.title != item.title[:300]
        article = self.upsert(Article, "文章", {"fingerprint": item.fingerprint}, values)
        if text_changed:
            self.new_texts.append(article)
        wanted = {self.topics[name].pk for name in item.topics if name in self.topics}
        if set(article.topics.values_list("pk", flat=True)) != wanted:
            article.topics.set(wanted)
            if article not in self.changed:
                self.changed.append(article)
        return article, text_changed

    def official(self, parsed_official: parsed_model.Official, parsed: ParsedDocument,
                 articles: list[tuple[Article | None, bool]]) -> Official:
        official = Official.objects.filter(name=parsed_official.name).first()
        if official is None:
            alias = OfficialAlias.objects.filter(name=parsed_official.name).select_related("official").first()
            official = alias.official if alias else None
        if official is None:
            official = self.save(Official(name=parsed_official.name), "官员", {}, created=True)
        else:
            self.report.unchanged["官员"] += 1
        for spelling in parsed_official.spellings:
            if spelling != official.name and not OfficialAlias.objects.filter(name=spelling).exists():
                OfficialAlias.objects.create(official=official, name=spelling)
                self.report.created["官员别名"] += 1
        for post in parsed_official.posts:
            stating = [articles[i][0] for i in post.articles if articles[i][0] is not None]
            days = [parsed.items[i].date for i in post.articles if parsed.items[i].date]
            known = Post.objects.filter(official=official, full_title=post.full_title).first()
            first, last = (known or Post()).seen_span_widened_by(days)  # a new post spans its texts' days
            org = self.organization(post.organization) if post.organization else None
            row = self.upsert(Post, "职务", {"official": official, "full_title": post.full_title},
                              {"title": post.title, "organization": org, "first_seen": first, "last_seen": last})
            missing = set(stating) - set(row.articles.all())
            if missing:
                row.articles.add(*missing)
        return official

    def policy_document(self, parsed_doc: parsed_model.PolicyDocument) -> PolicyDocument:
        """Find the document by number, else by title — a document first seen only as a title cited
        in an article is completed in place when its own page is imported."""
        existing = None
        if parsed_doc.doc_number:
            existing = PolicyDocument.objects.filter(doc_number=parsed_doc.doc_number).first()
        if existing is None:
            existing = PolicyDocument.objects.filter(title=parsed_doc.title).order_by("pk").first()
        if existing is None:  # the same document cited another way (issuers before 关于, script…)
            keyed = list(PolicyDocument.objects.filter(title_key=title_key(parsed_doc.title))[:2])
            existing = keyed[0] if len(keyed) == 1 else None
        values: dict = {"title": parsed_doc.title, "kind": parsed_doc.kind}
        for name, value in (("short_title", parsed_doc.short_title), ("doc_number", parsed_doc.doc_number),
                            ("published_on", parsed_doc.published_on), ("full_text", parsed_doc.full_text),
                            ("index_number", parsed_doc.index_number),
                            ("subjects", "、".join(parsed_doc.subjects)),
                            ("effective_on", parsed_doc.effective_on)):
            if value or existing is None:  # what this text does not state leaves the record as it is
                values[name] = value
        if existing is not None and not parsed_doc.full_text and existing.full_text:
            values["kind"] = existing.kind  # the document's own page decided its genre
        if existing is not None and not parsed_doc.full_text and existing.title_key == title_key(parsed_doc.title):
            values["title"] = existing.title  # cited in a shorter form: the record keeps its full title
        issued = parsed_doc.issued.as_date() if parsed_doc.issued else None
        if issued or existing is None:
            values["issued_on"] = issued or None
        if existing is None:
            doc = self.save(PolicyDocument(), "政策文件", values, created=True)
        else:
            doc = self.save(existing, "政策文件", values, created=False)
        issuers = {self.organization(name) for name in parsed_doc.issuers}
        missing = issuers - set(doc.issuers.all())
        if missing:
            doc.issuers.add(*missing)
            if doc not in self.changed:
                self.changed.append(doc)
        return doc

    def citations(self, parsed: ParsedDocument, documents: dict[str, PolicyDocument]) -> None:
        for parsed_doc in parsed.documents:
            citing = documents.get(parsed_doc.key)
            cited = {documents[key] for key in parsed_doc.cites if documents.get(key)}
            missing = cited - set(citing.cites.all()) if citing else set()
            if missing:
                citing.cites.add(*missing)
                self.report.created["文件引用"] += len(missing)
                if citing not in self.changed:
                    self.changed.append(citing)

    def mentions(self, article: Article, item: ParsedArticle, targets: dict[str, dict]) -> None:
        wanted = set()
        for m in item.mentions:
            target = targets[m.entity].get(m.key)
            if target is not None:
                wanted.add((m.field, m.start, m.end, m.surface[:300], m.entity, target.pk))
        have = {
            (x.field, x.start, x.end, x.surface, name, getattr(x, f"{name}_id")): x.pk
            for x in article.mentions.all() for name in Mention.ENTITY_FIELDS if getattr(x, f"{name}_id")
        }
        stale = [pk for key, pk in have.items() if key not in wanted]
        Mention.objects.filter(pk__in=stale).delete()
        new = [Mention(article=article, field=f, start=s, end=e, surface=surface, **{f"{entity}_id": pk})
               for (f, s, e, surface, entity, pk) in wanted - set(have)]
        Mention.objects.bulk_create(new)
        if new:
            self.report.created["提及"] += len(new)


def import_documents(parsed: Iterable[ParsedDocument]) -> ImportReport:
    """Write several parsed files in one transaction; nothing is written if any step fails."""
    writer = KnowledgeBaseWriter()
    with transaction.atomic():
        writer.topic_rows()
        for document in parsed:
            writer.document(document)
        for article in writer.new_texts:  # after all are written: printings in one import find each other
            assign_cluster(article)
        record_changes(dict.fromkeys(writer.changed))
    return writer.report


def import_document(parsed: ParsedDocument) -> ImportReport:
    return import_documents([parsed])

