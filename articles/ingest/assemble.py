"""Repairs a careful reader makes after the first split: stray headlines and displaced paragraphs."""

from __future__ import annotations

from .layout import Para
from .split import RawItem
from .text import ends_paragraph, squeeze

LEAD_MATCH = 0.6


def bigrams(text: str) -> set[str]:
    text = squeeze(text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _word_bigrams(text: str) -> set[str]:
    return {g for g in bigrams(text) if all("\u4e00" <= ch <= "\u9fff" for ch in g)}


def coverage(part: str, whole: str) -> float:
    """Share of part's character bigrams that also occur in whole."""
    grams = bigrams(part)
    return len(grams & bigrams(whole)) / len(grams) if grams else 0.0


def _lead(item: RawItem) -> str:
    return "".join(p.simp for p in item.paras[:2])[:240]


def attach_orphans(
    items: list[RawItem], orphans: list[Para], kicker_candidates: list[tuple[Para, RawItem]]
) -> list[Para]:
    """Give each headline printed apart from its story to the story whose lead restates it.

    A kicker guessed from position moves too when another story restates it
    better. Returns the headlines no story claims (a box of headlines).
    """
    stories = [item for item in items if not item.caption and item.paras]
    for candidate, owner in kicker_candidates:
        best = max(stories, key=lambda s: coverage(candidate.simp, _lead(s)), default=None)
        if best is not None and best is not owner and best.title is None and \
                coverage(candidate.simp, _lead(best)) > max(LEAD_MATCH, coverage(candidate.simp, _lead(owner))):
            owner.kicker = None
            best.title = candidate
    unclaimed = []
    for orphan in orphans:
        scored = sorted(stories, key=lambda s: coverage(orphan.simp, _lead(s)), reverse=True)
        best = scored[0] if scored else None
        if best is None or coverage(orphan.simp, _lead(best)) < LEAD_MATCH:
            unclaimed.append(orphan)
        elif best.title is None:
            best.title = orphan
        elif best.subtitle is None:
            best.subtitle = orphan
        else:
            unclaimed.append(orphan)
    return unclaimed


def reattach_displaced(items: list[RawItem]) -> list[tuple[Para, RawItem]]:
    """A story that stops mid-sentence takes back its ending when the page printed it just above.

    The paragraph directly above the broken story's first line moves when its
    vocabulary fits that story better than the story it sits in.
    """
    moved = []
    for item in items:
        if not item.paras or ends_paragraph(item.paras[-1].text) or item.caption:
            continue
        first_line = min(p.line_start for p in item.paras)
        for other in items:
            if other is item or len(other.paras) < 2:
                continue
            last = other.paras[-1]
            if not (first_line - 3 <= last.line_end < first_line):
                continue
            # Count the word bigrams the paragraph shares with one story and not the other.
            grams = _word_bigrams(last.simp)
            here_grams = _word_bigrams("".join(p.simp for p in item.paras))
            there_grams = _word_bigrams("".join(p.simp for p in other.paras[:-1]))
            if len(grams & here_grams - there_grams) > len(grams & there_grams - here_grams):
                other.paras.pop()
                tail = item.paras[-1]
                item.paras[-1] = Para(tail.text + last.text, min(tail.line_start, last.line_start),
                                      max(tail.line_end, last.line_end), tail.gap_before)
                moved.append((last, item))
            break
    return moved


def line_span(item: RawItem) -> tuple[int, int]:
    """Lines of the body, widened to headline lines printed right above it."""
    body = item.paras or [p for p in (item.title,) if p]
    start = min(p.line_start for p in body)
    end = max(p.line_end for p in body)
    for head in (item.kicker, item.title, item.subtitle, item.byline):
        if head is not None and start - 6 <= head.line_start < start:
            start = head.line_start
    return start, end
