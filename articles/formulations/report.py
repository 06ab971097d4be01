"""One phrase across the knowledge base: first appearance, speakers, use per month and per source."""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db.models import Q, QuerySet

from articles.formulations.scan import Occurrence, Speakers, occurrences_in, simplified
from articles.models import Article, Official, Source
from articles.selectors.listing import MonthCount, month_range
from articles.selectors.version import cached_on_version, held_on_version

MIN_PHRASE = 2
MAX_PHRASE = 30
# A phrase as common as 科技 is in most articles; analysing 100,000 articles takes minutes. The
# report covers the newest MAX_ANALYSED articles using the phrase and says since when: reading
# 3,000 took 2 s (plus 1.3 s caching the report) at 10,000 articles; 300 stay within a page's
# budget at any size (bench/page_queries.py).
MAX_ANALYSED = 300
CHUNK = 200
# What the page and its exports show of an article that uses the phrase; the scan reads the texts
# too (TEXT_FIELDS), which the report drops before it is cached.
SHOWN_FIELDS = ("kicker", "title", "published_on", "source", "kind", "script", "page")
TEXT_FIELDS = ("body", "subtitle")


class PhraseError(ValueError):
    """The phrase cannot be analysed (empty, too short or too long)."""


def normalize_phrase(raw: str) -> str:
    # Whitespace and slashes never belong to a phrase (and a slash would break its permalink).
    phrase = simplified("".join(raw.replace("/", " ").split()))
    if len(phrase) < MIN_PHRASE:
        raise PhraseError(f"提法至少需要 {MIN_PHRASE} 个字")
    if len(phrase) > MAX_PHRASE:
        raise PhraseError(f"提法不能超过 {MAX_PHRASE} 个字")
    return phrase


TRADITIONAL_FORMS = ("s2t", "s2tw", "s2hk")  # OpenCC's traditional spellings of a simplified phrase


def candidate_articles(*, phrase: str) -> QuerySet[Article]:
    """Articles that may use the phrase: texts containing it as given or in one of OpenCC's
    traditional spellings (a traditional original is read in simplified form afterwards)."""
    from textkit.analysis import convert

    forms = {phrase, *(convert(phrase, config) for config in TRADITIONAL_FORMS)}
    contains = Q()
    for form in sorted(forms):
        contains |= Q(title__contains=form) | Q(body__contains=form)
    # A formulation's history is a timeline: stories of unknown date wait for an editor's date.
    return (Article.objects.filter(contains, published_on__isnull=False).select_related("source")
            .order_by("published_on", "pk"))


# Article pks that may use a phrase, newest (or oldest) first, read lazily: candidate_articles
# unless the search app registers the index's answer, which reads no text and is as fast at a
# million articles as at a thousand (search.formulations). wanted: how many the caller expects
# to read, so that an index can answer in as few searches as it may.
CandidateFinder = Callable[..., Iterable[int]]
_finders: list[CandidateFinder] = []


def use_candidate_finder(finder: CandidateFinder) -> None:
    _finders[:] = [finder]


def _database_candidates(phrase: str, *, newest_first: bool, wanted: int = CHUNK) -> Iterator[int]:
    # One query, read a chunk at a time, whatever is wanted.
    order = ("-published_on", "-pk") if newest_first else ("published_on", "pk")
    return candidate_articles(phrase=phrase).order_by(*order).values_list("pk", flat=True).iterator(chunk_size=CHUNK)


def candidates(phrase: str, *, newest_first: bool, wanted: int = CHUNK) -> Iterable[int]:
    return (_finders[0] if _finders else _database_candidates)(phrase, newest_first=newest_first, wanted=wanted)


@dataclass
class SpeakerUse:
    official: Official
    uses: int
    first_date: datetime.date
    articles: int


@dataclass
class SourceUse:
    source: Source
    uses: int
    articles: int


@dataclass
class FormulationReport:
    phrase: str
    occurrences: list[Occurrence]
    speakers: list[SpeakerUse] = field(default_factory=list)
    per_month: list[MonthCount] = field(default_factory=list)
    per_source: list[SourceUse] = field(default_factory=list)
    # Set when the phrase is in more than MAX_ANALYSED articles: the date of the oldest analysed
    # article, and the first use in the whole knowledge base (found separately).
    analysed_since: datetime.date | None = None
    first_use: Occurrence | None = None

    @property
    def first(self) -> Occurrence | None:
        if self.first_use is not None:
            return self.first_use
        return self.occurrences[0] if self.occurrences else None

    @property
    def article_count(self) -> int:
        return len({o.article.pk for o in self.occurrences})

    @property
    def unattributed(self) -> int:
        return sum(1 for o in self.occurrences if o.speaker is None)

    def in_month(self, month: datetime.date | None) -> list[Occurrence]:
        if month is None:
            return self.occurrences
        return [
            o for o in self.occurrences
            if (o.article.published_on.year, o.article.published_on.month) == (month.year, month.month)
        ]


def _uses(phrase: str, speakers: Speakers, keys: Iterable[int], *, limit: int) -> list[list[Occurrence]]:
    """The uses in each of the articles keys that has some, in that order, up to limit articles.

    Texts are read a chunk at a time: ordering the candidates' texts themselves would make the
    database sort every candidate's body. A chunk asks for no more keys than the articles still
    wanted (and two): the first use needs one article, not a chunk of 200 texts, and keys asked
    for beyond what is read can cost the index another search."""
    found: list[list[Occurrence]] = []
    keys = iter(keys)
    while chunk := list(islice(keys, min(CHUNK, limit - len(found) + 2))):
        articles = Article.objects.only(*SHOWN_FIELDS, *TEXT_FIELDS).select_related("source").in_bulk(chunk)
        for pk in chunk:
            if pk not in articles:  # deleted since the index was asked
                continue
            uses = occurrences_in(article=articles[pk], phrase=phrase, speakers=speakers)
            if uses:
                found.append(uses)
                if len(found) >= limit:
                    return found
    return found


def _without_texts(occurrences: list[Occurrence]) -> list[Occurrence]:
    """The occurrences, their articles holding what the page shows and not their texts: the report
    is cached, and pickling 500 bodies took longer than the rest of the page. The texts are
    dropped from the very instances scanned (deferred, as if never read), so no second query."""
    for article in {id(o.article): o.article for o in occurrences}.values():
        for name in TEXT_FIELDS:
            article.__dict__.pop(name, None)
    return occurrences


def _analyse(phrase: str, max_articles: int = MAX_ANALYSED) -> FormulationReport:
    speakers = held_on_version("formulation-speakers", Speakers.load)
    newest = _uses(phrase, speakers, candidates(phrase, newest_first=True, wanted=max_articles + 1),
                   limit=max_articles + 1)
    truncated = len(newest) > max_articles
    newest = newest[:max_articles]
    occurrences = _without_texts([use for uses in reversed(newest) for use in uses])
    report = FormulationReport(phrase=phrase, occurrences=occurrences)
    if truncated:
        report.analysed_since = occurrences[0].article.published_on
        oldest = _uses(phrase, speakers, candidates(phrase, newest_first=False, wanted=1), limit=1)
        report.first_use = _without_texts(oldest[0])[0]

    by_speaker: dict[int, SpeakerUse] = {}
    speaker_articles: dict[int, set[int]] = {}
    for occ in occurrences:
        if occ.speaker is None:
            continue
        use = by_speaker.setdefault(
            occ.speaker.pk, SpeakerUse(official=occ.speaker, uses=0, first_date=occ.article.published_on, articles=0)
        )
        use.uses += 1
        speaker_articles.setdefault(occ.speaker.pk, set()).add(occ.article.pk)
    for pk, use in by_speaker.items():
        use.articles = len(speaker_articles[pk])
    report.speakers = sorted(by_speaker.values(), key=lambda u: (-u.uses, u.first_date))

    month_articles: dict[datetime.date, set[int]] = {}
    for occ in occurrences:
        month = occ.article.published_on.replace(day=1)
        month_articles.setdefault(month, set()).add(occ.article.pk)
    if month_articles:
        months = month_range(min(month_articles), max(month_articles))
        report.per_month = [MonthCount(month=m, count=len(month_articles.get(m, ()))) for m in months]

    uses: Counter[int] = Counter()
    source_articles: dict[int, set[int]] = {}
    sources: dict[int, Source] = {}
    for occ in occurrences:
        uses[occ.article.source_id] += 1
        source_articles.setdefault(occ.article.source_id, set()).add(occ.article.pk)
        sources[occ.article.source_id] = occ.article.source
    report.per_source = [
        SourceUse(source=sources[pk], uses=n, articles=len(source_articles[pk])) for pk, n in uses.most_common()
    ]
    return report


def formulation_report(*, phrase: str) -> FormulationReport:
    """The analysis of an already normalised phrase, cached until the data changes."""
    return cached_on_version(f"formulation:{phrase}", lambda: _analyse(phrase), seconds=600)
