"""What is searchable: articles, officials, meetings and policy documents.

Every index has the same facet fields (kind, source, topics, date, year) so
one query spans all four kinds. Text is assembled here rather than in
templates: the search app owns its fields, and articles.changes.dependencies lists
the related records whose changes must re-index these documents.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from haystack import indexes

from articles import kinds
from articles.models import Article, Meeting, Official, PolicyDocument
from articles.selectors import reprints
from search import periods
from search.fields import KeywordField, KeywordMultiField, StoredField
from search.highlight import snippet_source
from textkit.analysis import normalize_doc_number

TITLE_BOOST = 3.0


def _join(*parts: Any) -> str:
    return "\n".join(str(p) for p in parts if p)


class KejikuIndex(indexes.SearchIndex):
    text = indexes.CharField(document=True)
    title = indexes.CharField(boost=TITLE_BOOST)
    kind = KeywordField()
    source = KeywordField(null=True)
    topics = KeywordMultiField(null=True)
    validity = KeywordField(null=True)  # policy documents' legal force (Validity); others none
    date = indexes.DateField(null=True)
    year = indexes.IntegerField(null=True)
    # The periods trends count by (search.periods keys), each a facet. Calendar months and ISO
    # weeks have no fixed length, so a histogram over the date cannot give them.
    month = indexes.IntegerField(null=True)
    week = indexes.IntegerField(null=True)
    day = indexes.IntegerField(null=True)
    # The text's normalised form and map back, for placing snippets without normalising the
    # whole text on every hit (search.highlight.snippet_source).
    snippet_source = StoredField(null=True)

    KIND = ""

    def prepare(self, obj: Any) -> dict[str, Any]:
        data = super().prepare(obj)
        data["snippet_source"] = snippet_source(data["text"]) if data.get("text") else None
        return data

    def prepare_kind(self, obj: Any) -> str:
        return self.KIND

    def item_date(self, obj: Any) -> datetime.date | None:
        return None

    def prepare_date(self, obj: Any) -> datetime.date | None:
        return self.item_date(obj)

    def prepare_year(self, obj: Any) -> int | None:
        day = self.item_date(obj)
        return day.year if day else None

    def prepare_month(self, obj: Any) -> int | None:
        day = self.item_date(obj)
        return periods.key_of("month", day) if day else None

    def prepare_week(self, obj: Any) -> int | None:
        day = self.item_date(obj)
        return periods.key_of("week", day) if day else None

    def prepare_day(self, obj: Any) -> int | None:
        day = self.item_date(obj)
        return periods.key_of("day", day) if day else None

    def prepare_source(self, obj: Any) -> str | None:
        return None

    def prepare_topics(self, obj: Any) -> list[str]:
        return []

    def prepare_validity(self, obj: Any) -> str | None:
        return None


class ArticleIndex(KejikuIndex, indexes.Indexable):
    KIND = kinds.kind_of(Article).index_kind
    script = KeywordField(model_attr="script")
    article_kind = KeywordField(model_attr="kind")
    # Reprints (通稿): an article printed more than once carries its story (the first printing's
    # id, articles.selectors.reprints.cluster_key), which a search collapses on
    # (search.backends.tantivy_collapse), and how many printings and outlets the story has. A
    # story's every printing is re-indexed when it changes (articles.services.reprints).
    story = indexes.IntegerField(null=True)
    printings = indexes.IntegerField(null=True)
    outlets = indexes.IntegerField(null=True)

    def get_model(self) -> type[Article]:
        return Article

    def index_queryset(self, using: str | None = None) -> QuerySet[Article]:
        followed = Article.objects.filter(reprint_of=OuterRef("pk"))
        return (Article.objects.select_related("source", "publication").prefetch_related("topics")
                .annotate(has_reprints=Exists(followed)))

    def _printings(self, obj: Article) -> list[Article]:
        """Every printing of the article's story, itself first; [] when it was printed once. Only
        an article in a story costs a query: index_queryset says which are."""
        if not hasattr(obj, "_story_printings"):
            followed = getattr(obj, "has_reprints", None)
            if followed is None:
                followed = Article.objects.filter(reprint_of=obj.pk).exists()
            in_story = obj.reprint_of_id is not None or followed
            obj._story_printings = [obj, *reprints.other_printings(obj)] if in_story else []
        return obj._story_printings

    def prepare_story(self, obj: Article) -> int | None:
        return reprints.cluster_key(obj) if self._printings(obj) else None

    def prepare_printings(self, obj: Article) -> int | None:
        return len(self._printings(obj)) or None

    def prepare_outlets(self, obj: Article) -> int | None:
        printings = self._printings(obj)
        return reprints.outlet_count(printings) if printings else None

    def item_date(self, obj: Article) -> datetime.date | None:
        return obj.published_on

    def prepare_title(self, obj: Article) -> str:
        return obj.display_title

    def prepare_text(self, obj: Article) -> str:
        # The title is its own (boosted) field; a content search spans both.
        return _join(obj.subtitle, obj.body)

    def prepare_source(self, obj: Article) -> str:
        return obj.source.name

    def prepare_topics(self, obj: Article) -> list[str]:
        return sorted(topic.name for topic in obj.topics.all())


class OfficialIndex(KejikuIndex, indexes.Indexable):
    KIND = kinds.kind_of(Official).index_kind

    def get_model(self) -> type[Official]:
        return Official

    def index_queryset(self, using: str | None = None) -> QuerySet[Official]:
        return Official.objects.prefetch_related("aliases", "posts__organization")

    def item_date(self, obj: Official) -> datetime.date | None:
        seen = [post.last_seen for post in obj.posts.all() if post.last_seen]
        return max(seen) if seen else None

    def prepare_title(self, obj: Official) -> str:
        return obj.name

    def prepare_text(self, obj: Official) -> str:
        posts = [post.full_title for post in obj.posts.all()]
        organizations = [post.organization.name for post in obj.posts.all() if post.organization]
        return _join(*[a.name for a in obj.aliases.all()], *posts, *organizations, obj.notes)


class MeetingIndex(KejikuIndex, indexes.Indexable):
    KIND = kinds.kind_of(Meeting).index_kind

    def get_model(self) -> type[Meeting]:
        return Meeting

    def index_queryset(self, using: str | None = None) -> QuerySet[Meeting]:
        return Meeting.objects.select_related("series").prefetch_related("participants", "documents")

    def item_date(self, obj: Meeting) -> datetime.date | None:
        return obj.start_date

    def prepare_title(self, obj: Meeting) -> str:
        return obj.display_name

    def prepare_text(self, obj: Meeting) -> str:
        return _join(
            obj.series.name if obj.name else "",
            obj.place,
            obj.summary,
            *[official.name for official in obj.participants.all()],
            *[f"《{doc.title}》" for doc in obj.documents.all()],
        )


class PolicyDocumentIndex(KejikuIndex, indexes.Indexable):
    KIND = kinds.kind_of(PolicyDocument).index_kind
    doc_number = KeywordField(null=True)

    def get_model(self) -> type[PolicyDocument]:
        return PolicyDocument

    def index_queryset(self, using: str | None = None) -> QuerySet[PolicyDocument]:
        return PolicyDocument.objects.prefetch_related("issuers__aliases")

    def item_date(self, obj: PolicyDocument) -> datetime.date | None:
        return obj.issued_on

    def prepare_title(self, obj: PolicyDocument) -> str:
        return obj.title

    def prepare_validity(self, obj: PolicyDocument) -> str | None:
        return obj.validity

    def prepare_doc_number(self, obj: PolicyDocument) -> str | None:
        return normalize_doc_number(obj.doc_number) if obj.doc_number else None

    def prepare_text(self, obj: PolicyDocument) -> str:
        issuers = obj.issuers.all()
        return _join(
            obj.short_title,
            obj.doc_number,
            obj.get_kind_display(),
            *[org.name for org in issuers],
            *[alias.name for org in issuers for alias in org.aliases.all()],
            obj.full_text,
        )
