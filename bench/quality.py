"""Search quality against the judged query set (tests/search/judged_queries.toml).

The judgements name records the way a reader of the seeds would: articles by
a piece of their title and their source, entities by name. They are resolved
against whatever database is loaded, every query is run through
search.service (what the page and the API use) over all result pages, and
scored: recall and precision per query, per category and overall. Records
judged only partly relevant ("also") count neither way. Used by
bench/search_quality.py, bench/ranking_check.py and tests/search/test_quality.py;
evaluation code, not the application: it reads tests/ and imports Django models,
so bench/search_quality.py imports it only after Django is set up.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from articles.models import Article, Meeting, Official, PolicyDocument
from search import service
from search.params import MAX_PAGE_SIZE, make_params
from textkit import analysis

JUDGED = Path(__file__).resolve().parent.parent / "tests" / "search" / "judged_queries.toml"
Key = tuple[str, int]  # (kind, pk)


class Unresolved(LookupError):
    """A judged record that is not (or not unambiguously) in the database."""


@dataclass(frozen=True)
class Judged:
    q: str
    categories: tuple[str, ...]
    relevant: tuple[str, ...]  # record references, see resolve()
    also: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Score:
    judged: Judged
    retrieved: tuple[Key, ...]
    relevant: frozenset[Key]
    also: frozenset[Key]
    unresolved: tuple[str, ...] = ()
    labels: dict[Key, str] = field(default_factory=dict, compare=False)

    @property
    def found(self) -> frozenset[Key]:
        return self.relevant & set(self.retrieved)

    @property
    def missed(self) -> frozenset[Key]:
        return self.relevant - set(self.retrieved)

    @property
    def extra(self) -> tuple[Key, ...]:
        return tuple(k for k in self.retrieved if k not in self.relevant and k not in self.also)

    @property
    def judged_retrieved(self) -> int:
        return len(self.found) + len(self.extra)

    @property
    def wanted(self) -> int:
        return len(self.relevant) + len(self.unresolved)

    @property
    def recall(self) -> float:
        return len(self.found) / self.wanted if self.wanted else 1.0

    @property
    def precision(self) -> float:
        if not self.judged_retrieved:
            return 1.0 if not self.wanted else 0.0
        return len(self.found) / self.judged_retrieved


def load_judged(path: Path = JUDGED) -> tuple[dict[str, dict], list[Judged]]:
    """(named article records, judged queries) from the TOML file."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    queries = [
        Judged(
            q=entry["q"],
            categories=tuple(entry["categories"]),
            relevant=tuple(entry.get("relevant", ())),
            also=tuple(entry.get("also", ())),
            note=entry.get("note", ""),
        )
        for entry in data["query"]
    ]
    return data.get("articles", {}), queries


def _one(candidates: list, reference: str) -> int:
    if len(candidates) != 1:
        found = "none" if not candidates else f"{len(candidates)}: {candidates}"
        raise Unresolved(f"{reference} → {found}")
    return candidates[0].pk


def _article(spec: dict, reference: str) -> int:
    matches = [a for a in Article.objects.select_related("source") if spec["title"] in a.display_title]
    exact = [a for a in matches if a.display_title == spec["title"]]
    matches = exact or matches
    if "source" in spec:
        matches = [a for a in matches if a.source.name == spec["source"]]
    return _one(matches, reference)


def _official(name: str, reference: str) -> int:
    return _one(list(Official.objects.filter(name=name)) or
                list(Official.objects.filter(aliases__name=name).distinct()), reference)


def _meeting(value: str, reference: str) -> int:
    name, _, day = value.partition("@")
    meetings = [m for m in Meeting.objects.select_related("series") if m.display_name == name]
    if day:
        meetings = [m for m in meetings if m.start_date == datetime.date.fromisoformat(day)]
    return _one(meetings, reference)


def _document(value: str, reference: str) -> int:
    by_title = list(PolicyDocument.objects.filter(title=value))
    if by_title:
        return _one(by_title, reference)
    number = analysis.normalize_doc_number(value)
    return _one([d for d in PolicyDocument.objects.exclude(doc_number="")
                 if analysis.normalize_doc_number(d.doc_number) == number], reference)


def resolve(reference: str, articles: dict[str, dict]) -> Key:
    """"article-key" (a name from [articles]), "official:姓名", "meeting:名称[@YYYY-MM-DD]",
    "policy_document:标题或文号" → (kind, pk); Unresolved when absent or ambiguous."""
    kind, _, value = reference.partition(":")
    if not value:
        if reference not in articles:
            raise Unresolved(f"{reference}: no such entry in [articles]")
        return "article", _article(articles[reference], reference)
    if kind == "official":
        return kind, _official(value, reference)
    if kind == "meeting":
        return kind, _meeting(value, reference)
    if kind == "policy_document":
        return kind, _document(value, reference)
    raise Unresolved(f"{reference}: unknown kind {kind!r}")


def describe(key: Key) -> str:
    """A record as a reader would name it (for records the judgements do not name)."""
    kind, pk = key
    model = {"article": Article, "official": Official, "meeting": Meeting, "policy_document": PolicyDocument}[kind]
    record = model.objects.filter(pk=pk).first()
    if record is None:
        return f"{kind}#{pk}"
    name = record.display_title if kind == "article" else str(record)
    return f"{kind}:{name[:24]}"


def retrieve(q: str, *, sort: str = "relevance") -> tuple[Key, ...]:
    """Every result of q, in order, page by page through the search service."""
    keys: list[Key] = []
    page = 1
    while True:
        outcome = service.search(make_params(q=q, sort=sort, page=page, page_size=MAX_PAGE_SIZE))
        keys.extend((hit.kind, hit.id) for hit in outcome.hits)
        if page >= outcome.num_pages:
            return tuple(keys)
        page += 1


def _resolve_all(references: Iterable[str], articles: dict[str, dict]) -> tuple[dict[Key, str], list[str]]:
    keys, unresolved = {}, []
    for reference in references:
        try:
            keys[resolve(reference, articles)] = reference
        except Unresolved as error:
            unresolved.append(str(error))
    return keys, unresolved


def score(judged: Judged, articles: dict[str, dict]) -> Score:
    relevant, unresolved = _resolve_all(judged.relevant, articles)
    also, _ = _resolve_all(judged.also, articles)  # a missing "also" record is no loss
    return Score(
        judged=judged,
        retrieved=retrieve(judged.q),
        relevant=frozenset(relevant),
        also=frozenset(also),
        unresolved=tuple(unresolved),
        labels={**also, **relevant},
    )


def summarize(scores: list[Score]) -> dict[str, dict[str, float]]:
    """Macro precision/recall per category and overall, plus micro totals overall."""
    groups: dict[str, list[Score]] = {"overall": scores}
    for s in scores:
        for category in s.judged.categories:
            groups.setdefault(category, []).append(s)
    table = {}
    for name, members in groups.items():
        table[name] = {
            "queries": len(members),
            "precision": sum(s.precision for s in members) / len(members),
            "recall": sum(s.recall for s in members) / len(members),
        }
    found = sum(len(s.found) for s in scores)
    table["overall"]["micro_precision"] = found / max(1, sum(s.judged_retrieved for s in scores))
    table["overall"]["micro_recall"] = found / max(1, sum(s.wanted for s in scores))
    return table


@dataclass(frozen=True)
class Invariance:
    q: str
    variant: str
    same: bool
    results: int


def invariance(queries: Iterable[str], to_variant: Callable[[str], str]) -> list[Invariance]:
    """Does each query's variant (e.g. its traditional-script form) return the same results in
    the same order, under both sorts?"""
    checked = []
    for q in queries:
        variant = to_variant(q)
        same = all(retrieve(q, sort=sort) == retrieve(variant, sort=sort) for sort in ("relevance", "date"))
        checked.append(Invariance(q, variant, same, len(retrieve(q))))
    return checked
