"""Entities of a whole file: found per article on a simplified view, merged across articles.

Traditional-script text is read through OpenCC's simplified view
(textkit.analysis.to_simplified); spans are mapped back so every mention
indexes the article's title or body exactly as stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from textkit.analysis import to_simplified
from textkit.mapped_text import MappedText

from . import ner
from .dates import DateContext
from .documents import DocHit, effective_dates, find_documents
from .links import meeting_document_links
from .meetings import MeetingHit, find_meetings
from .model import (
    Meeting,
    Mention,
    Official,
    Organization,
    ParsedArticle,
    PartialDate,
    Person,
    PolicyDocument,
    Post,
)
from .organizations import OrgEntry, OrgHit, find_organizations, load_table, merge_model_organizations
from .participation import meeting_participants
from .people import PersonHit, find_people, name_ends_at
from .topics import assign_topics


@dataclass
class FieldView:
    index: int
    field: str
    text: str
    mapped: MappedText
    orgs: list[OrgHit]
    people: list[PersonHit]
    meetings: list[MeetingHit]
    documents: list[DocHit]
    ctx: DateContext

    def span(self, start: int, end: int) -> tuple[int, int, str]:
        lo, hi = self.mapped.span(start, end)
        return lo, hi, self.text[lo:hi]


@dataclass
class Session:
    series: str
    kind: str
    names: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    end_date: date | None = None
    articles: set[int] = field(default_factory=set)
    hits: list[tuple[FieldView, MeetingHit]] = field(default_factory=list)

    @property
    def name(self) -> str:
        numbered = [n for n in self.names if "次" in n and "全体会议" not in n]
        plain = [n for n in self.names if n == self.series]
        return (numbered or plain or [n for n in self.names if n] or [self.series])[0]

    @property
    def key(self) -> str:
        return f"{self.series}|{self.date.iso() if self.date else self.name}"


def _views(articles: list[ParsedArticle], ctx: DateContext) -> list[FieldView]:
    views = []
    for index, article in enumerate(articles):
        art_ctx = DateContext(ref=article.date) if article.date else ctx
        fields = [("body", article.body)] if article.title_derived else [("title", article.title),
                                                                            ("body", article.body)]
        for name, text in fields:
            mapped = MappedText.identity(text).convert_aligned(to_simplified)
            simp = mapped.text
            orgs = merge_model_organizations(simp, find_organizations(simp), ner.organizations(simp))
            people = find_people(simp, orgs, ner.people(simp), ner.places_and_bodies(simp), ner.not_name_starts(simp))
            views.append(FieldView(index, name, text, mapped, orgs, people,
                                   find_meetings(simp, art_ctx, orgs), find_documents(simp, art_ctx, orgs),
                                   art_ctx))
    return views


def _same_session(a: PartialDate, b: PartialDate) -> bool:
    da, db = a.as_date(), b.as_date()
    if da and db:
        return abs((da - db).days) <= 7
    shorter, longer = sorted((a.iso(), b.iso()), key=len)
    return longer.startswith(shorter)


def _sessions(views: list[FieldView]) -> list[Session]:
    sessions: list[Session] = []
    undated: list[tuple[FieldView, MeetingHit]] = []
    for view in views:
        for hit in view.meetings:
            if hit.date is None:
                undated.append((view, hit))
                continue
            match = next((s for s in sessions if s.series == hit.series and s.date
                          and _same_session(s.date, hit.date)), None)
            if match is None:
                match = Session(hit.series, hit.kind, date=hit.date)
                sessions.append(match)
            elif len(hit.date.iso()) > len(match.date.iso()) or (
                    hit.date.as_date() and match.date.as_date() and hit.date < match.date):
                match.end_date = max(filter(None, [match.end_date, match.date.as_date()]), default=None)
                match.date = hit.date
            if hit.end_date or (hit.date.as_date() and match.date.as_date() and hit.date > match.date):
                match.end_date = max(filter(None, [match.end_date, hit.end_date, hit.date.as_date()]))
            match.names.append(hit.name)
            match.articles.add(view.index)
            match.hits.append((view, hit))
    for view, hit in undated:
        dated = [s for s in sessions if s.series == hit.series and s.date is not None]
        named = [s for s in sessions if s.series == hit.series and s.date is None
                 and (s.name == hit.name or not hit.name)]
        target = dated[0] if len(dated) == 1 else (named[0] if named else None)
        if target is None:
            target = Session(hit.series, hit.kind)
            sessions.append(target)
        target.names.append(hit.name)
        target.articles.add(view.index)
        target.hits.append((view, hit))
    return sessions


def extract_entities(articles: list[ParsedArticle], ctx: DateContext,
                     known_officials: Mapping[str, str] | None = None) -> tuple[list[ParsedArticle], dict]:
    views = _views(articles, ctx)
    mentions: dict[int, list[Mention]] = defaultdict(list)

    def mention(view: FieldView, entity: str, key: str, start: int, end: int) -> None:
        lo, hi, surface = view.span(start, end)
        mentions[view.index].append(Mention(entity, key, view.field, lo, hi, surface))

    organizations = _organizations(views, mention)
    officials, people = _people(views, articles, mention, known_officials or {})
    sessions = _sessions(views)
    for session in sessions:
        for view, hit in session.hits:
            mention(view, "meeting", session.key, hit.start, hit.end)
    documents = _documents(views, mention)
    links = meeting_document_links(views, sessions, documents)
    participants = meeting_participants(views, sessions, {o.name for o in officials})
    meetings = tuple(
        Meeting(s.key, s.series, s.name, s.kind, s.date, s.end_date, "", tuple(sorted(s.articles)),
                tuple(sorted(links.get(s.key, {}).items())), tuple(sorted(participants.get(s.key, ()))))
        for s in sessions
    )
    updated = []
    for index, article in enumerate(articles):
        topics = assign_topics(to_simplified(article.title), to_simplified(article.body))
        ordered = tuple(sorted(set(mentions[index]), key=lambda m: (m.field, m.start, m.end, m.entity)))
        updated.append(replace(article, topics=topics, mentions=ordered))
    entities = {
        "officials": officials, "people": people, "meetings": meetings,
        "documents": tuple(documents.values()), "organizations": organizations,
    }
    return updated, entities


def _organizations(views: list[FieldView], mention) -> tuple[Organization, ...]:
    table = load_table()
    seen: dict[str, dict] = {}
    parents: dict[str, str | None] = {}
    for view in views:
        for hit in view.orgs:
            _lo, _hi, surface = view.span(hit.start, hit.end)
            parents.setdefault(hit.name, hit.parent)
            row = seen.setdefault(hit.name, {"seen": [], "articles": set()})
            if surface not in row["seen"]:
                row["seen"].append(surface)
            row["articles"].add(view.index)
            mention(view, "organization", hit.name, hit.start, hit.end)
    def entry(name: str) -> OrgEntry:
        # Found by pattern (开发区管委会) or by the model (商务部外国投资管理司), not in the table.
        parent = parents.get(name)
        return table.get(name) or OrgEntry(name, (), table[parent].kind if parent in table else "local", parent)

    return tuple(
        Organization(name, entry(name).aliases, entry(name).kind, entry(name).parent, tuple(row["seen"]),
                     tuple(sorted(row["articles"])))
        for name, row in seen.items()
    )


def _known_named(views: list[FieldView], known: Mapping[str, str], posted: set[str]) -> set[str]:
    """Officials the knowledge base holds, named in these texts without a post (李强在主持…时指出)."""
    named = set()
    for view in views:
        for spelling, name in known.items():
            if name in posted or name in named or len(spelling) < 2:
                continue
            start = view.mapped.text.find(spelling)
            while start >= 0:
                if name_ends_at(view.mapped.text, start + len(spelling)):
                    named.add(name)
                    break
                start = view.mapped.text.find(spelling, start + 1)
    return named


def _people(views: list[FieldView], articles: list[ParsedArticle], mention, known: Mapping[str, str]
            ) -> tuple[tuple[Official, ...], tuple[Person, ...]]:
    posts: dict[str, dict[str, dict]] = defaultdict(dict)
    roles: dict[str, tuple[str, set[int]]] = {}
    for view in views:
        for person in view.people:
            if person.role != "official":
                _role, where = roles.setdefault(person.name, (person.role, set()))
                where.add(view.index)
                continue
            for post in person.posts:
                row = posts[person.name].setdefault(post.full_title, {"post": post, "articles": set()})
                row["articles"].add(view.index)
    for name in _known_named(views, known, set(posts)):
        posts[name] = {}
    forms = defaultdict(set)
    for spelling, name in known.items():
        forms[name].add(spelling)
    officials = []
    for name, by_title in posts.items():
        spellings: list[str] = []
        where: set[int] = set()
        for view in views:
            for form in sorted({name, *forms[name]}, key=len, reverse=True):
                start = view.mapped.text.find(form)
                while start >= 0:
                    if by_title or name_ends_at(view.mapped.text, start + len(form)):
                        _lo, _hi, surface = view.span(start, start + len(form))
                        if surface not in spellings:
                            spellings.append(surface)
                        where.add(view.index)
                        mention(view, "official", name, start, start + len(form))
                    start = view.mapped.text.find(form, start + len(form))
        officials.append(Official(
            name, tuple(spellings),
            tuple(Post(t, row["post"].title, row["post"].org, tuple(sorted(row["articles"])))
                  for t, row in by_title.items()),
            tuple(sorted(where)),
        ))
    people = tuple(Person(name, role, tuple(sorted(where))) for name, (role, where) in roles.items()
                   if name not in posts)
    reporters = {(n, "reporter") for a in articles for n in a.reporters} | {
        (n, "photographer") for a in articles for n in a.photographers}
    extra = tuple(Person(n, r, tuple(i for i, a in enumerate(articles) if n in a.reporters + a.photographers))
                  for n, r in sorted(reporters) if n not in posts)
    return tuple(officials), people + extra


def _documents(views: list[FieldView], mention) -> dict[str, PolicyDocument]:
    docs: dict[str, PolicyDocument] = {}
    for view in views:
        for hit in view.documents:
            key = hit.title
            doc = docs.get(key) or PolicyDocument(key, hit.title, hit.kind)
            if not hit.is_reference:
                doc = replace(
                    doc,
                    short_title=doc.short_title or hit.short_title,
                    doc_number=doc.doc_number or hit.doc_number,
                    issuers=tuple(dict.fromkeys([*doc.issuers, *hit.issuers])),
                    issued=_more_precise(doc.issued, hit.issued),
                )
            doc = replace(doc, articles=tuple(sorted({*doc.articles, view.index})))
            docs[key] = doc
            mention(view, "document", key, hit.start, hit.end)
        for _, when in effective_dates(view.mapped.text, view.ctx):
            own = [h for h in view.documents if not h.is_reference]
            if len(own) == 1 and when.as_date():
                docs[own[0].title] = replace(docs[own[0].title], effective_on=when.as_date())
    return docs


def _more_precise(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    if a is None or b is None:
        return a or b
    return a if len(a.iso()) >= len(b.iso()) else b
