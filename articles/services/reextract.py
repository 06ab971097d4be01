"""The editors' path: an article typed or corrected in the admin goes through the import's extraction."""

from __future__ import annotations

from django.db import transaction

from articles.ingest.dates import DateContext
from articles.ingest.entities import extract_entities
from articles.ingest.model import ParsedArticle, ParsedDocument, Publication
from articles.models import Article
from articles.selectors.officials import known_official_names

from .imports import ImportReport, KnowledgeBaseWriter, record_changes


def reextract_article(article: Article) -> ImportReport:
    """Run an article added or edited by hand through the same extraction as an import.

    Officials, posts, meetings, documents and organizations found in its text are
    upserted and its mentions rebuilt; its own fields and topics are left as the
    editor set them.
    """
    item = ParsedArticle(
        title=article.title, body=article.body, kind=article.kind, script=article.script,
        line_start=article.line_start or 1, line_end=article.line_end or 1, kicker=article.kicker,
        subtitle=article.subtitle, published_on=article.published_on, dateline_date=article.dateline_date,
        source_name=article.source.name, fingerprint=article.fingerprint or "",
    )
    items, entities = extract_entities([item], DateContext(ref=item.date), known_official_names())
    parsed = ParsedDocument(
        filename=article.source_file, encoding="", layout="", script=article.script,
        publication=Publication(article.source.name, article.source.kind, article.published_on),
        items=tuple(items), **entities,
    )
    writer = KnowledgeBaseWriter()
    with transaction.atomic():
        writer.document(parsed, existing=[(article, True)])
        record_changes([*dict.fromkeys(writer.changed), article])
    return writer.report
