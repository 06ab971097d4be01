"""Citations resolved against the knowledge base: every 《title》 and document number in an article
or in a document's full text (articles.ingest.citations) is tied to the one document it names — a
mention for an article, a 引用 link for a document — or kept as an UnresolvedCitation for editors
to link or create.

A number matches a document's number, with the longest issuer that is one (根据国办发〔2024〕5号
is 国办发〔2024〕5号). A title matches a document's title as printed, else its title_key (issuers
before 关于, 中华人民共和国, quotation marks and script folded), else a document's short title;
a short title the text declares (以下简称《方案》) stands for its full title. Two documents on one
key are ambiguous: the citation waits for an editor, with both as candidates. A bare genre word
(《意见》) the text does not declare names nothing and is passed over.

Runs at import and after an editor's save (articles.services.imports.KnowledgeBaseWriter), when
a document is created or renamed (its waiting citations are retried), and over the whole base by
manage.py resolve_citations. Resolving again finds the same: mentions and links are only added,
and an article's or document's waiting citations are replaced by what its text cites now.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from articles.changes import record_changes
from articles.ingest.citations import Citation, find_citations, is_bare_genre, title_key
from articles.ingest.interpretations import interpreted
from articles.models import Article, Mention, PolicyDocument, UnresolvedCitation

ARTICLE_FIELDS = ("title", "body")


@dataclass
class CitationReport:
    resolved: int = 0  # citations tied to a document
    added: int = 0  # of those, mentions or 引用 links that were not there before
    waiting: list[str] = field(default_factory=list)  # the citations left for editors, as printed
    interpretations: int = 0

    @property
    def unresolved(self) -> int:
        return len(self.waiting)

    def __str__(self) -> str:
        return (f"引用 {self.resolved} 处已对应文件（新增 {self.added}），{self.unresolved} 处待编辑处理"
                + (f"，解读 {self.interpretations} 篇" if self.interpretations else ""))


@dataclass(frozen=True)
class Lookup:
    document: int | None  # the document's id
    candidates: tuple[int, ...] = ()  # when ambiguous

    @property
    def reason(self) -> str:
        return UnresolvedCitation.Reason.AMBIGUOUS if self.candidates else UnresolvedCitation.Reason.NOT_FOUND


def _one(ids: list[int]) -> Lookup | None:
    if len(ids) == 1:
        return Lookup(ids[0])
    if len(ids) > 1:
        return Lookup(None, tuple(ids))
    return None


def lookup(citation: Citation) -> Lookup:
    """The document a citation names (see the module's note)."""
    documents = PolicyDocument.objects.values_list("pk", flat=True)
    if citation.number:
        for number in (citation.number, *citation.number_variants):
            if found := _one(list(documents.filter(doc_number=number)[:5])):
                return found
        return Lookup(None)
    for query in (Q(title=citation.title), Q(title_key=title_key(citation.title)), Q(short_title=citation.title)):
        if found := _one(list(documents.filter(query)[:5])):
            return found
    return Lookup(None)


def citations_in(text: str) -> list[Citation]:
    return [c for c in find_citations(text) if c.number or not is_bare_genre(c.title)]


def _waiting(citation: Citation, place: str, found: Lookup, **citing) -> UnresolvedCitation:
    row = UnresolvedCitation.objects.create(
        field=place, start=citation.start, end=citation.end, surface=citation.surface[:300], kind=citation.kind,
        key=citation.key[:300], reason=found.reason, **citing,
    )
    if found.candidates:
        row.candidates.set(found.candidates)
    return row


def resolve_article(article: Article, *, report: CitationReport | None = None,
                    interpret: bool = True) -> CitationReport:
    """Tie every citation in the article's title and body to its document (a mention), list the
    rest for editors; with interpret, propose the documents it is a 解读 of."""
    report = report or CitationReport()
    added_before = report.added
    with transaction.atomic():
        UnresolvedCitation.objects.filter(article=article).delete()
        spans = {(m.field, m.start, m.end, m.document_id)
                 for m in Mention.objects.filter(article=article, document__isnull=False)}
        cited: list[tuple[str, Citation, int]] = []
        for place in ARTICLE_FIELDS:
            for citation in citations_in(getattr(article, place)):
                found = lookup(citation)
                if found.document is None:
                    _waiting(citation, place, found, article=article)
                    report.waiting.append(citation.surface)
                    continue
                report.resolved += 1
                cited.append((place, citation, found.document))
                if not any(f == place and s < citation.end and citation.start < e and d == found.document
                           for f, s, e, d in spans):
                    Mention.objects.create(article=article, field=place, start=citation.start, end=citation.end,
                                           surface=citation.surface[:300], document_id=found.document)
                    report.added += 1
        new: set[int] = set()
        if interpret and not article.interpretation_checked:
            explained = interpreted(article.title, article.body, [(place, c.start, doc) for place, c, doc in cited])
            new = set(explained) - set(article.interprets.values_list("pk", flat=True))
            if new:
                article.interprets.add(*new)
                report.interpretations += 1
        if report.added > added_before or new:
            touched = {document for *_, document in cited}
            record_changes([article, *PolicyDocument.objects.filter(pk__in=touched)])
    return report


def resolve_document(document: PolicyDocument, *, report: CitationReport | None = None) -> CitationReport:
    """Tie every citation in a document's full text to the document it names (引用), list the rest."""
    report = report or CitationReport()
    with transaction.atomic():
        UnresolvedCitation.objects.filter(citing_document=document).delete()
        have = set(document.cites.values_list("pk", flat=True))
        added = set()
        for citation in citations_in(document.full_text):
            found = lookup(citation)
            if found.document is None:
                _waiting(citation, "full_text", found, citing_document=document)
                report.waiting.append(citation.surface)
            elif found.document != document.pk:
                report.resolved += 1
                if found.document not in have | added:
                    added.add(found.document)
        if added:
            document.cites.add(*added)
            report.added += len(added)
            record_changes([document, *PolicyDocument.objects.filter(pk__in=added)])
    return report


def retry_for(document: PolicyDocument) -> CitationReport:
    """A document created or renamed: the waiting citations it may answer are resolved again."""
    keys = {document.title_key, document.doc_number, title_key(document.short_title) if document.short_title else ""}
    waiting = UnresolvedCitation.objects.filter(key__in=keys - {""})
    return resolve_citing(waiting)


def resolve_citing(rows: Iterable[UnresolvedCitation]) -> CitationReport:
    report = CitationReport()
    rows = list(rows)
    for article in Article.objects.filter(pk__in={row.article_id for row in rows if row.article_id}):
        resolve_article(article, report=report, interpret=False)
    for citing in PolicyDocument.objects.filter(pk__in={row.citing_document_id for row in rows
                                                        if row.citing_document_id}):
        resolve_document(citing, report=report)
    return report


@transaction.atomic
def link(row: UnresolvedCitation, document: PolicyDocument) -> int:
    """An editor's answer: the citation, and every waiting citation with the same key, is the
    document chosen. Returns how many citations were linked."""
    same = list(UnresolvedCitation.objects.filter(key=row.key, kind=row.kind).select_related("article"))
    for waiting in same:
        if waiting.article_id:
            Mention.objects.get_or_create(
                article_id=waiting.article_id, field=waiting.field, start=waiting.start, end=waiting.end,
                document=document, defaults={"surface": waiting.surface},
            )
        elif waiting.citing_document_id != document.pk:
            waiting.citing_document.cites.add(document)
    record_changes([document, *(w.article for w in same if w.article_id),
                    *(w.citing_document for w in same if w.citing_document_id)])
    UnresolvedCitation.objects.filter(pk__in=[w.pk for w in same]).delete()
    return len(same)


def resolve_all(*, articles: Iterable[Article] | None = None, documents: Iterable[PolicyDocument] | None = None,
                interpret: bool = False) -> CitationReport:
    """Every article and every document with a full text (manage.py resolve_citations)."""
    report = CitationReport()
    for article in articles if articles is not None else Article.objects.order_by("pk").iterator(chunk_size=500):
        resolve_article(article, report=report, interpret=interpret)
    for document in (documents if documents is not None
                     else PolicyDocument.objects.exclude(full_text="").order_by("pk").iterator(chunk_size=200)):
        resolve_document(document, report=report)
    return report
