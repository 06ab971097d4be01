"""The articles that may use a 提法 (formulation), from the index: articles.formulations.report
reads their texts newest first. The database could only find them by a substring scan of every
article's text (seconds at 100,000 articles, minutes at a million); the index finds the newest in
milliseconds at any size, and sees traditional spellings through the same normalisation as a
search (search.apps registers it)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from haystack.query import SearchQuerySet

from articles.models import Article
from search.backends.query_plan import CONTENT, ContentText, Leaf, Structured, quote

# Hits read from the index at a time: what the caller wants and a quarter more (most candidates
# use the phrase; a few are other spellings or held back below), at least FIRST_PAGE; then pages
# growing to PAGE. Each page is one search over every match, ordered by date: at a million
# articles a phrase as common as 科技 matches nearly all of them, and the pages of 25, 50, 100
# and 200 the newest 300 uses took were four such searches.
FIRST_PAGE, PAGE = 25, 200


def phrase_queryset(phrase: str) -> SearchQuerySet:
    """Records containing the phrase as written (no aliases), every printing of a reprint."""
    leaf = Leaf(CONTENT, "content", ContentText((quote(phrase),)))
    return SearchQuerySet().filter(content=Structured(leaf, (phrase,)))


def candidates(phrase: str, *, newest_first: bool, wanted: int = FIRST_PAGE) -> Iterator[int]:
    """Dated articles containing the phrase, newest (or oldest) first, a page at a time."""
    # Only ids and dates: the hits' texts are neither decoded nor highlighted.
    found = phrase_queryset(phrase).models(Article).order_by("-date" if newest_first else "date")
    found = found.values_list("date", "pk")
    start, size = 0, max(FIRST_PAGE, wanted + wanted // 4)
    # The index orders by date alone: articles of one date are told apart by id here, and those
    # of a page's last date wait for the next page, which may hold more of them.
    held: list[tuple[datetime.date, int]] = []
    while page := list(found[start : start + size]):
        held += [(date, int(pk)) for date, pk in page if date]
        if held:
            last = held[-1][0]
            yield from (pk for _, pk in sorted((h for h in held if h[0] != last), reverse=newest_first))
            held = [h for h in held if h[0] == last]
        start, size = start + size, min(size * 2, PAGE)
    yield from (pk for _, pk in sorted(held, reverse=newest_first))
