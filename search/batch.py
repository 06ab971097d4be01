"""Batch search: a list of terms (one per line, up to 500) counted at once — per term, per source
and per year — each cell a link to the search it counts.

Every term is a query in the query language (search.query_language) and is checked as the search
page checks it; a term that cannot be searched is reported on its own row, and the others are
still counted. One facet aggregation per term gives its source and year counts. A story reprinted
by several outlets (通稿) counts once, as on the search page, unless reprints="all".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from haystack.query import SearchQuerySet

from search import service
from search.forms import describe
from search.params import InvalidSearch, SearchParams, make_params

MAX_TERMS = 500
MAX_SOURCE_COLUMNS = 12  # the sources with most matches; the rest are summed in 其他
FACET_LIMIT = 1000


class TooManyTerms(ValueError):
    pass


@dataclass(frozen=True)
class Row:
    term: str
    normalized: str = ""
    total: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    by_year: dict[int, int] = field(default_factory=dict)
    error: str = ""


@dataclass(frozen=True)
class Batch:
    rows: tuple[Row, ...]
    sources: tuple[str, ...]  # the columns, by total matches
    years: tuple[int, ...]
    reprints: str = "collapse"

    def other_sources(self, row: Row) -> int:
        return sum(n for source, n in row.by_source.items() if source not in self.sources)


def terms_from(text: str) -> list[str]:
    """The distinct non-empty lines, in order; TooManyTerms beyond MAX_TERMS."""
    terms = list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
    if len(terms) > MAX_TERMS:
        raise TooManyTerms(f"一次最多 {MAX_TERMS} 个检索词，这里有 {len(terms)} 个；请分批检索。")
    return terms


def _counts(sqs: SearchQuerySet, name: str) -> dict[str, int]:
    return {str(key): n for key, n in sqs.facet_counts().get("fields", {}).get(name, []) if key is not None}


def _row(term: str, reprints: str) -> Row:
    try:
        params = make_params(q=term, kinds=("article",), reprints=reprints)
    except InvalidSearch as error:
        return Row(term, error=describe(error))
    plan = service.planned(params.q)
    sqs = service.matching_queryset(params.q, plan, reprints=params.reprints).filter(kind__in=["article"])
    sqs = sqs.facet("source", limit=FACET_LIMIT).facet("year", limit=FACET_LIMIT)
    sqs.query.set_limits(0, 0)
    by_source = _counts(sqs, "source")
    by_year = {int(float(key)): n for key, n in _counts(sqs, "year").items()}
    total = sqs.count()
    return Row(term, plan.shown, total, by_source, by_year)


def count(terms: list[str], *, reprints: str = "collapse") -> Batch:
    rows = tuple(_row(term, reprints) for term in terms)
    totals: dict[str, int] = {}
    for row in rows:
        for source, n in row.by_source.items():
            totals[source] = totals.get(source, 0) + n
    sources = tuple(sorted(totals, key=lambda s: (-totals[s], s))[:MAX_SOURCE_COLUMNS])
    years = tuple(sorted({year for row in rows for year in row.by_year}))
    return Batch(rows, sources, years, reprints)


def search_params(term: str, *, source: str | None = None, year: int | None = None,
                  reprints: str = "collapse") -> SearchParams:
    """The search behind one cell."""
    days = (datetime.date(year, 1, 1), datetime.date(year, 12, 31)) if year else (None, None)
    return make_params(q=term, kinds=("article",), sources=(source,) if source else (),
                       date_from=days[0], date_to=days[1], reprints=reprints)
