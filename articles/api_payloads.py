"""Records turned into the API's plain dicts (the shapes are in api_schemas)."""

from django.urls import reverse

from articles.links import url_for
from articles.models import Article, Meeting, Official, PolicyDocument
from articles.selectors import tallies
from articles.selectors.article_detail import article_mentions, mentioned_entities, posts_stated_in
from articles.selectors.documents import document_meetings, document_reception
from articles.selectors.listing import articles_mentioning
from articles.selectors.meetings import meeting_documents, meeting_participants, series_sessions
from articles.selectors.network import associates
from articles.selectors.officials import official_meetings, official_posts, stating_article_ids


def ref(record, name: str | None = None) -> dict:
    return {"id": record.pk, "name": name if name is not None else str(record), "url": url_for(record)}


def meeting_ref(meeting: Meeting) -> dict:
    return {"id": meeting.pk, "name": meeting.display_name, "start_date": meeting.start_date,
            "date_precision": meeting.date_precision, "date_label": meeting.date_label, "url": url_for(meeting)}


def document_ref(document: PolicyDocument) -> dict:
    return {"id": document.pk, "title": document.title, "doc_number": document.doc_number, "url": url_for(document)}


def article_item(article: Article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "kicker": article.kicker,
        "published_on": article.published_on,
        "source": ref(article.source, article.source.name),
        "kind": article.kind,
        "script": article.script,
        "page": article.page,
        "topics": [{"slug": t.slug, "name": t.name, "url": url_for(t)} for t in article.topics.all()],
        "url": url_for(article),
    }


def article_detail(article: Article) -> dict:
    entities = mentioned_entities(mentions=article_mentions(article=article), day=article.published_on)
    return {
        **article_item(article),
        "subtitle": article.subtitle,
        "body": article.body,
        "dateline_place": article.dateline_place,
        "dateline_date": article.dateline_date,
        "agency": article.agency,
        "reporters": list(article.reporters or []),
        "photographers": list(article.photographers or []),
        "editor": article.editor,
        "credited_source": article.credited_source,
        "provenance": article.provenance,
        "officials": [{**ref(e.entity, e.entity.name), "post_at_time": e.post.text} for e in entities.officials],
        "organizations": [ref(e.entity, e.entity.name) for e in entities.organizations],
        "meetings": [meeting_ref(e.entity) for e in entities.meetings],
        "documents": [document_ref(e.entity) for e in entities.documents],
        "stated_posts": [
            {"official_id": p.official_id, "official": p.official.name, "full_title": p.full_title}
            for p in posts_stated_in(article=article)
        ],
    }


def official_item(official: Official) -> dict:
    return {
        "id": official.pk,
        "name": official.name,
        "aliases": [a.name for a in official.aliases.all()],
        "article_count": getattr(official, "article_count", 0),
        "url": url_for(official),
    }


def official_detail(official: Official) -> dict:
    posts = official_posts(official=official)
    stating = stating_article_ids(posts=posts)
    return {
        **official_item(official),
        "article_count": tallies.total(tallies.scope_of(official)),
        "notes": official.notes,
        "posts": [
            {
                "title": post.title,
                "full_title": post.full_title,
                "organization": ref(post.organization, post.organization.name) if post.organization else None,
                "first_seen": post.first_seen,
                "last_seen": post.last_seen,
                "article_ids": stating[post.pk],
            }
            for post in posts
        ],
        "meetings": [
            {"meeting": meeting_ref(p.meeting), "role": p.role, "role_label": p.get_role_display()}
            for p in official_meetings(official=official)
        ],
        "article_ids": list(articles_mentioning(entity=official).values_list("pk", flat=True)),
    }


def meeting_item(meeting: Meeting) -> dict:
    series = meeting.series
    return {
        "id": meeting.pk,
        "name": meeting.display_name,
        "series": {"id": series.pk, "name": series.name, "kind": series.kind, "url": url_for(series)},
        "start_date": meeting.start_date,
        "date_precision": meeting.date_precision,
        "date_label": meeting.date_label,
        "end_date": meeting.end_date,
        "place": meeting.place,
        "article_count": getattr(meeting, "article_count", 0),
        "url": url_for(meeting),
    }


def meeting_detail(meeting: Meeting) -> dict:
    articles = articles_mentioning(entity=meeting)
    return {
        **meeting_item(meeting),
        "article_count": articles.count(),
        "summary": meeting.summary,
        "sessions": [meeting_ref(m) for m in series_sessions(series=meeting.series)],
        "participants": [
            {"official": ref(p.official, p.official.name), "role": p.role, "role_label": p.get_role_display()}
            for p in meeting_participants(meeting=meeting)
        ],
        "documents": [
            {"document": document_ref(d.document), "relation": d.relation, "relation_label": d.get_relation_display()}
            for d in meeting_documents(meeting=meeting)
        ],
        "article_ids": list(articles.values_list("pk", flat=True)),
    }


def document_item(document: PolicyDocument) -> dict:
    return {
        "id": document.pk,
        "title": document.title,
        "short_title": document.short_title,
        "doc_number": document.doc_number,
        "kind": document.kind,
        "issuers": [ref(o, o.name) for o in document.issuers.all()],
        "issued_on": document.issued_on,
        "effective_on": document.effective_on,
        "validity": document.validity,
        "validity_label": document.get_validity_display(),
        "expires_on": document.expires_on,
        "replaced_by": ref(document.replaced_by, document.replaced_by.title) if document.replaced_by_id else None,
        "amends": ref(document.amends, document.amends.title) if document.amends_id else None,
        "article_count": getattr(document, "article_count", 0),
        "url": url_for(document),
    }


def document_detail(document: PolicyDocument) -> dict:
    citing = list(articles_mentioning(entity=document).order_by("published_on", "pk"))
    return {
        **document_item(document),
        "article_count": len(citing),
        "original_url": document.url,
        "published_on": document.published_on,
        "index_number": document.index_number,
        "subjects": document.subjects,
        "full_text": document.full_text,
        "cites": [ref(d, d.title) for d in document.cites.order_by("-issued_on", "title")],
        "cited_by": [ref(d, d.title) for d in document.cited_by.order_by("-issued_on", "title")],
        "citing_articles": [
            {"id": a.pk, "title": a.title, "published_on": a.published_on, "source": a.source.name, "url": url_for(a)}
            for a in citing
        ],
        "meetings": [
            {"meeting": meeting_ref(m.meeting), "relation": m.relation, "relation_label": m.get_relation_display()}
            for m in document_meetings(document=document)
        ],
    }


def official_timeline(official: Official) -> dict:
    detail = official_detail(official)
    months = tallies.month_counts(tallies.scope_of(official))
    return {"official": ref(official, official.name), "posts": detail["posts"], "meetings": detail["meetings"],
            "months": [{"month": f"{m.month:%Y-%m}", "count": m.count} for m in months]}


def official_network(official: Official) -> dict:
    compare = reverse("articles:official-compare")
    return {
        "official": ref(official, official.name),
        "ties": [
            {
                "official": ref(tie.official, tie.official.name),
                "shared_posts": [
                    {"organization": ref(shared.organization, shared.organization.name),
                     "post": shared.mine.full_title, "their_post": shared.theirs.full_title,
                     "start": shared.start, "end": shared.end}
                    for shared in tie.posts
                ],
                "meetings": [meeting_ref(meeting) for meeting in tie.meetings],
                "compare_url": f"{compare}?a={official.pk}&b={tie.official.pk}",
            }
            for tie in associates(official=official)
        ],
    }


def _citing_article(article) -> dict:
    return {"id": article.pk, "title": article.title, "published_on": article.published_on,
            "source": article.source.name, "url": url_for(article)}


def document_citations_payload(document: PolicyDocument) -> dict:
    citing_articles = list(articles_mentioning(entity=document).order_by("-published_on", "-pk"))
    citing_documents = list(document.cited_by.order_by("-issued_on", "title"))
    reception = document_reception(document=document)
    return {
        "document": ref(document, document.title),
        "cites": [ref(d, d.title) for d in document.cites.order_by("-issued_on", "title")],
        "cited_by_documents": [ref(d, d.title) for d in citing_documents],
        "cited_by_articles": [_citing_article(a) for a in citing_articles],
        "interpretations": [_citing_article(a) for a in reception.interpretations],
        "per_year": reception.cited_per_year,
        "coverage_per_month": [{"month": m.month, "interpretations": m.interpretations, "coverage": m.coverage}
                               for m in reception.months],
    }

