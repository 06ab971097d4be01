"""What can be watched, read from the query string (?official=3, ?phrase=新质生产力), and the
articles each watch follows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.urls import reverse

from articles import links
from articles.formulations import PhraseError, normalize_phrase
from articles.formulations.report import candidate_articles
from articles.models import Article, MeetingSeries, Mention, Official, Organization, PolicyDocument
from watch.models import TARGET_FIELDS, Watch, WatchKind


@dataclass(frozen=True)
class TargetKind:
    kind: str  # WatchKind
    param: str  # the query parameter naming it on /watch/add/
    model: type[Model] | None  # None: a formulation, named by its phrase


TARGET_KINDS: tuple[TargetKind, ...] = (
    TargetKind(WatchKind.OFFICIAL, "official", Official),
    TargetKind(WatchKind.ORGANIZATION, "organization", Organization),
    TargetKind(WatchKind.DOCUMENT, "document", PolicyDocument),
    TargetKind(WatchKind.MEETING_SERIES, "series", MeetingSeries),
    TargetKind(WatchKind.FORMULATION, "phrase", None),
)


class UnknownTarget(ValueError):
    """The query string names nothing that can be watched; the message is for people."""


@dataclass(frozen=True)
class Target:
    kind: str
    value: object  # the record, or the normalized phrase

    @property
    def field(self) -> str:
        return TARGET_FIELDS[self.kind]

    @property
    def label(self) -> str:
        return WatchKind(self.kind).label

    @property
    def name(self) -> str:
        return str(self.value)

    @property
    def url(self) -> str:
        return target_url(self.kind, self.value)

    def lookup(self) -> dict[str, object]:
        """The Watch columns naming this target."""
        return {"kind": self.kind, self.field: self.value}


def target_from(data: QueryDict) -> Target:
    """The one target the parameters name (official=3, phrase=…), or UnknownTarget."""
    named = [kind for kind in TARGET_KINDS if data.get(kind.param, "").strip()]
    if len(named) != 1:
        raise UnknownTarget("请指明要关注的一位官员、一个机构、一份文件、一个会议系列或一个提法。")
    kind = named[0]
    raw = data.get(kind.param, "").strip()
    if kind.model is None:
        try:
            return Target(kind.kind, normalize_phrase(raw))
        except PhraseError as error:
            raise UnknownTarget(str(error)) from error
    if not raw.isascii() or not raw.isdigit():
        raise UnknownTarget(f"{WatchKind(kind.kind).label}编号应是数字，不能是“{raw[:30]}”。")
    record = kind.model.objects.filter(pk=int(raw)).first() if len(raw) < 19 else None
    if record is None:
        raise UnknownTarget(f"没有编号为 {raw[:30]} 的{WatchKind(kind.kind).label}。")
    return Target(kind.kind, record)


def target_of(watch: Watch) -> Target:
    return Target(watch.kind, watch.target)


def target_url(kind: str, value: object) -> str:
    if kind == WatchKind.FORMULATION:
        return reverse("articles:formulation", kwargs={"phrase": value})
    return links.url_for(value)  # type: ignore[arg-type]


def watched_articles(watch: Watch) -> QuerySet[Article]:
    """Every article the watch follows: those mentioning the official, organization or
    document, or any session of the meeting series; those using the formulation (as its page
    counts them: dated articles, traditional spellings included)."""
    if watch.kind == WatchKind.FORMULATION:
        return candidate_articles(phrase=watch.phrase).order_by()
    if watch.kind == WatchKind.MEETING_SERIES:
        mentions = Mention.objects.filter(meeting__series_id=watch.series_id)
    else:
        mentions = Mention.objects.filter(**{f"{TARGET_FIELDS[watch.kind]}_id": getattr(
            watch, f"{TARGET_FIELDS[watch.kind]}_id")})
    return Article.objects.filter(pk__in=mentions.values("article_id"))
