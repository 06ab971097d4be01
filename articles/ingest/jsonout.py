"""The JSON shape of a parse: the keys the issue asks for, plus provenance and details."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import ParsedDocument


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def document_to_json(doc: ParsedDocument) -> dict[str, Any]:
    items = doc.items
    return {
        "file": doc.filename,
        "encoding": doc.encoding,
        "layout": doc.layout,
        "script": doc.script,
        "publication": {
            "name": doc.publication.name, "kind": doc.publication.kind, "date": _iso(doc.publication.date),
            "date_inferred": doc.publication.date_inferred, "issue": doc.publication.issue,
        },
        "articles": [
            {
                "title": a.title, "date": _iso(a.date), "source": a.source_name, "kind": a.kind,
                "reporters": list(a.reporters), "body": a.body, "publication": doc.publication.name,
                "kicker": a.kicker, "subtitle": a.subtitle, "title_derived": a.title_derived,
                "published_on": _iso(a.published_on), "date_inferred": a.date_inferred,
                "dateline_place": a.dateline_place, "dateline_date": _iso(a.dateline_date),
                "agency": a.agency, "photographers": list(a.photographers), "editor": a.editor,
                "page": a.page, "source_kind": a.source_kind, "credited_source": a.credited_source,
                "continued_from": a.continued_from, "script": a.script,
                "line_start": a.line_start, "line_end": a.line_end, "topics": list(a.topics),
                "fingerprint": a.fingerprint,
                "mentions": [
                    {"entity": m.entity, "key": m.key, "field": m.field, "start": m.start, "end": m.end,
                     "surface": m.surface}
                    for m in a.mentions
                ],
            }
            for a in items
        ],
        "officials": [
            {
                "name": o.name, "posts": [p.full_title for p in o.posts], "spellings": list(o.spellings),
                "post_details": [
                    {"full_title": p.full_title, "title": p.title, "organization": p.organization,
                     "articles": [items[i].title for i in p.articles]}
                    for p in o.posts
                ],
            }
            for o in doc.officials
        ],
        "people": [{"name": p.name, "role": p.role} for p in doc.people],
        "meetings": [
            {"name": m.name, "date": m.date.iso() if m.date else None, "series": m.series, "kind": m.kind,
             "date_precision": m.date.precision if m.date else None, "end_date": _iso(m.end_date),
             "documents": [{"title": d, "relation": r} for d, r in m.documents],
             "participants": [{"name": n, "role": r} for n, r in m.participants]}
            for m in doc.meetings
        ],
        "policy_documents": [
            {"title": d.title, "doc_number": d.doc_number, "issuers": list(d.issuers),
             "date": d.issued.iso() if d.issued else None, "kind": d.kind, "short_title": d.short_title,
             "effective_on": _iso(d.effective_on)}
            for d in doc.documents
        ],
        "organizations": [
            {"name": o.name, "aliases": list(o.aliases), "kind": o.kind, "parent": o.parent,
             "seen_as": list(o.seen_as)}
            for o in doc.organizations
        ],
        "dropped": [
            {"line_start": d.line_start, "line_end": d.line_end, "reason": d.reason, "text": d.text}
            for d in doc.dropped
        ],
    }
