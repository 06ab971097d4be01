"""Listing filters (django-filter), shared by the site's listings, the exports and the entity API.

Every filter validates its input: an unknown source id, kind or topic slug makes the
filterset invalid, and callers decide whether to ignore the bad field (HTML pages, with a
notice) or answer 400 (exports and the API).
"""

import django_filters
from django import forms
from django.db.models import QuerySet

from articles.models import (
    Article,
    ArticleKind,
    DocumentKind,
    Meeting,
    MeetingKind,
    Mention,
    Official,
    Organization,
    PolicyDocument,
    Script,
    Source,
    SourceKind,
    Topic,
    Validity,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


def _date(label: str, field_name: str, lookup: str, **extra) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        label=label, field_name=field_name, lookup_expr=lookup, widget=DATE_WIDGET, **extra
    )


def _sources(request=None) -> QuerySet[Source]:
    return Source.objects.order_by("name")


def _topics(request=None) -> QuerySet[Topic]:
    return Topic.objects.order_by("name")


class SourceKindFilter(django_filters.FilterSet):
    """The two filters every article listing has."""

    source = django_filters.ModelChoiceFilter(label="来源", queryset=_sources, empty_label="全部来源")
    kind = django_filters.ChoiceFilter(label="体裁", choices=ArticleKind.choices, empty_label="全部体裁")

    class Meta:
        model = Article
        fields: list[str] = []


class ArchiveFilter(SourceKindFilter):
    """Date archives: source, kind and topic (the period is in the URL)."""

    topic = django_filters.ModelChoiceFilter(
        label="主题", queryset=_topics, to_field_name="slug", method="filter_topic", empty_label="全部主题"
    )

    def filter_topic(self, queryset: QuerySet[Article], name: str, value: Topic) -> QuerySet[Article]:
        from articles.selectors.topics import topic_subtree_ids

        return queryset.filter(topics__in=topic_subtree_ids(topic=value)).distinct()


class ArticleFilter(ArchiveFilter):
    """The full article filter: the /articles/ listing, its exports and /api/articles."""

    date_from = _date("起始日期", "published_on", "gte")
    date_to = _date("截止日期", "published_on", "lte")


def _unchanged(queryset: QuerySet, name: str, value) -> QuerySet:
    """Filters about the mentioning articles are applied together in filter_queryset."""
    return queryset


class _MentionedInFilter(django_filters.FilterSet):
    """Entities filtered by the articles that mention them: one article must meet every condition."""

    mention_field = ""  # the Mention column naming this kind of entity
    article_filters: dict[str, str] = {"source": "source", "topic": "topics__in"}

    source = django_filters.ModelChoiceFilter(
        label="报道来源", queryset=_sources, method=_unchanged, empty_label="全部来源"
    )
    topic = django_filters.ModelChoiceFilter(
        label="主题", queryset=_topics, to_field_name="slug", method=_unchanged, empty_label="全部主题"
    )

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        conditions = {}
        for name, lookup in self.article_filters.items():
            value = self.form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if name == "topic":
                from articles.selectors.topics import topic_subtree_ids

                value = topic_subtree_ids(topic=value)
            conditions[lookup] = value
        if not conditions:
            return queryset
        articles = Article.objects.filter(**conditions).values("pk")
        mentioned = Mention.objects.filter(article__in=articles).values(f"{self.mention_field}_id")
        return queryset.filter(pk__in=mentioned)


class OfficialFilter(_MentionedInFilter):
    mention_field = "official"
    article_filters = {
        "source": "source", "topic": "topics__in", "kind": "kind",
        "date_from": "published_on__gte", "date_to": "published_on__lte",
    }

    name = django_filters.CharFilter(label="姓名", method="filter_name")
    kind = django_filters.ChoiceFilter(
        label="报道体裁", choices=ArticleKind.choices, method=_unchanged, empty_label="全部体裁"
    )
    date_from = _date("报道起始", "date_from", "gte", method=_unchanged)
    date_to = _date("报道截止", "date_to", "lte", method=_unchanged)

    class Meta:
        model = Official
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet[Official], name: str, value: str) -> QuerySet[Official]:
        from django.db.models import Q

        return queryset.filter(Q(name__contains=value) | Q(aliases__name__contains=value)).distinct()


class MeetingFilter(_MentionedInFilter):
    mention_field = "meeting"

    kind = django_filters.ChoiceFilter(
        label="会议类型", field_name="series__kind", choices=MeetingKind.choices, empty_label="全部类型"
    )
    date_from = _date("起始日期", "start_date", "gte")
    date_to = _date("截止日期", "start_date", "lte")

    class Meta:
        model = Meeting
        fields: list[str] = []


class DocumentFilter(_MentionedInFilter):
    mention_field = "document"

    kind = django_filters.ChoiceFilter(label="文种", choices=DocumentKind.choices, empty_label="全部文种")
    validity = django_filters.ChoiceFilter(label="效力", choices=Validity.choices, empty_label="全部")
    issuer = django_filters.ModelChoiceFilter(
        label="发文机关", field_name="issuers", queryset=Organization.objects.order_by("name"),
        empty_label="全部机关",
    )
    date_from = _date("发布起始", "issued_on", "gte")
    date_to = _date("发布截止", "issued_on", "lte")

    class Meta:
        model = PolicyDocument
        fields: list[str] = []


class OrganizationFilter(_MentionedInFilter):
    mention_field = "organization"

    name = django_filters.CharFilter(label="名称", method="filter_name")

    class Meta:
        model = Organization
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet[Organization], name: str, value: str) -> QuerySet[Organization]:
        from django.db.models import Q

        return queryset.filter(Q(name__contains=value) | Q(aliases__name__contains=value)).distinct()


class SourceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="类型", choices=SourceKind.choices, empty_label="全部类型")
    script = django_filters.ChoiceFilter(
        label="常用字体", field_name="usual_script", choices=Script.choices, empty_label="全部"
    )

    class Meta:
        model = Source
        fields: list[str] = []


def valid_data(filterset_class: type[django_filters.FilterSet], data) -> tuple[dict, dict[str, str]]:
    """Split request data into the values that validate and a message per rejected field."""
    probe = filterset_class(data, queryset=filterset_class._meta.model.objects.none())
    if probe.is_valid():
        return data, {}
    problems: dict[str, str] = {}
    cleaned = data.copy()
    for name, errors in probe.form.errors.items():
        label = probe.form.fields[name].label if name in probe.form.fields else name
        problems[name] = f"{label}：{'；'.join(errors)}"
        cleaned.pop(name, None)
    return cleaned, problems
