"""The registry of the knowledge base's kinds of record: one entry per kind, read by every place
that needs to know about kinds (permalinks, mention columns, search documents and their labels,
the API's kind values, the outbox, the domain dictionary).

Adding a kind is an entry here plus its model, its page (the route named here) and, when it is
searched, its SearchIndex in search/search_indexes.py (KIND = the entry's index_kind).
`manage.py check` (articles.checks) fails at once when an entry and the models disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Model

from articles.models import (
    Article,
    Meeting,
    MeetingSeries,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    PolicyDocument,
    Source,
    Topic,
)


@dataclass(frozen=True)
class Kind:
    name: str  # in code, CSS classes and entity links: "official"
    model: type[Model]
    label: str  # what readers see: 官员
    route: str | None  # the record's page, reversed with its pk (None: addressed otherwise)
    mention_field: str | None = None  # the Mention column pointing at this kind, if articles mention it
    index_kind: str | None = None  # the search documents' kind (also the API's kind values), if searched
    index_label: str | None = None  # the label of that kind on the search page, if not `label`
    words: tuple[str, ...] = ()  # fields whose values the domain dictionary learns as words
    alias_model: type[Model] | None = None  # its aliases (their `name` is a word too)

    @property
    def search_label(self) -> str:
        return self.index_label or self.label


KINDS: tuple[Kind, ...] = (
    Kind("article", Article, "文章", "articles:article", index_kind="article"),
    Kind("official", Official, "官员", "articles:official", mention_field="official", index_kind="official",
         words=("name",), alias_model=OfficialAlias),
    Kind("organization", Organization, "机构", "articles:organization", mention_field="organization",
         words=("name",), alias_model=OrganizationAlias),
    Kind("meeting", Meeting, "会议", "articles:meeting", mention_field="meeting", index_kind="meeting",
         words=("name",)),
    Kind("meeting_series", MeetingSeries, "会议系列", "articles:meeting-series", words=("name",)),
    Kind("document", PolicyDocument, "文件", "articles:document", mention_field="document",
         index_kind="policy_document", index_label="政策文件", words=("short_title",)),
    Kind("source", Source, "来源", "articles:source"),
    Kind("topic", Topic, "主题", None),  # addressed by slug: articles.links.url_for
)

BY_MODEL: dict[type[Model], Kind] = {kind.model: kind for kind in KINDS}


def kind_of(record_or_model: Model | type[Model]) -> Kind:
    model = record_or_model if isinstance(record_or_model, type) else type(record_or_model)
    return BY_MODEL[model]


def mentioned() -> tuple[Kind, ...]:
    """The kinds an article's mentions can point at, in the Mention model's column order."""
    return tuple(kind for kind in KINDS if kind.mention_field)


def indexed() -> tuple[Kind, ...]:
    """The kinds with a search document, in the order the search page lists them."""
    return tuple(kind for kind in KINDS if kind.index_kind)


def by_index_kind(index_kind: str) -> Kind:
    return next(kind for kind in KINDS if kind.index_kind == index_kind)


def named_fields() -> Iterator[tuple[type[Model], tuple[str, ...]]]:
    """(model, fields) whose values are domain-dictionary words: each kind's own and its aliases'."""
    for kind in KINDS:
        if kind.words:
            yield kind.model, kind.words
        if kind.alias_model is not None:
            yield kind.alias_model, ("name",)
