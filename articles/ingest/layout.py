"""Rebuild a page's paragraphs, with the lines each came from.

Lines are read one paragraph a line, or, on a page whose lines were cut by narrow
newspaper columns (a fragment a line, even mid-word), joined back by column. Which
layout a page has is decided by the modules of articles/ingest/layouts/. Broken
lines are joined back so that no sentence is cut, and paragraph breaks are kept.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from textkit.punctuation import PROSE_MARK

from .patterns import is_credit, is_fixed_line, is_story_opener, titled_with_site
from .text import ends_paragraph, ends_sentence, has_clause_punct, simplified, width

NEWSPAPER, COLUMNS, MARKDOWN, WEB, RELEASE = "newspaper", "columns", "markdown", "web", "release"
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
# In column text a paragraph usually opens with its speaker ("丁薛祥强调，", "会议指出，").
_PARAGRAPH_OPENER = re.compile(r"^[\u4e00-\u9fff]{2,6}(指出|表示|强调|认为|介绍|要求|提出)[，,：:]")


@dataclass(frozen=True)
class Para:
    text: str
    line_start: int
    line_end: int
    gap_before: int = 1  # blank lines above; two or more separate boxes on a page
    heading: int = 0  # Markdown heading level, 0 for none
    frame_start: bool = False  # first line of a text frame in column-broken extraction

    @property
    def simp(self) -> str:
        return simplified(self.text)


@dataclass(frozen=True)
class RawLine:
    number: int
    text: str
    indent: int


def _lines(text: str) -> list[RawLine | None]:
    """None stands for a blank (or whitespace-only) line."""
    result: list[RawLine | None] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip().replace("\u3000", " ").strip()
        if not stripped:
            result.append(None)
            continue
        indent = len(raw) - len(raw.lstrip(" \t\u3000"))
        result.append(RawLine(number, stripped, indent))
    return result


def nonblank_lines(text: str) -> list[RawLine]:
    return [ln for ln in _lines(text) if ln]


def detect_layout(text: str) -> str:
    """The name of the registered layout that claims the text (see articles.ingest.layouts)."""
    from .layouts import detect  # the layout modules build on this module's line reading

    return detect(text).name


def paragraphs(text: str, layout: str) -> list[Para]:
    raw = _lines(text)
    if layout == COLUMNS:
        return _join_columns(_fragments(raw))
    return _join_broken(_single_lines(raw))


def _single_lines(raw: list[RawLine | None]) -> list[Para]:
    paras: list[Para] = []
    gap = 0
    for line in raw:
        if line is None:
            gap += 1
            continue
        match = HEADING.match(line.text)
        if match:
            paras.append(Para(match[2].strip(), line.number, line.number, gap, len(match[1])))
        else:
            paras.append(Para(line.text, line.number, line.number, gap))
        gap = 0
    return paras


def _joinable(prev: Para, nxt: Para, repeated: set[str]) -> bool:
    """An ordinary page broke a paragraph in two: the first half stops mid-sentence.

    Such breaks show as exactly one blank line; lines printed twice (a title
    repeated as an image placeholder) and page furniture are never halves.
    """
    if prev.heading or nxt.heading or nxt.gap_before != 1:
        return False
    if prev.text in repeated or nxt.text in repeated or titled_with_site(prev.simp):
        return False
    if ends_paragraph(prev.text) or is_fixed_line(prev.simp) or is_fixed_line(nxt.simp):
        return False
    if not (has_clause_punct(prev.text) or width(prev.text) >= 25):
        return False
    return not is_story_opener(nxt.simp)


def _join_broken(paras: list[Para]) -> list[Para]:
    counts = Counter(p.text for p in paras)
    repeated = {text for text, n in counts.items() if n > 1}
    joined: list[Para] = []
    for para in paras:
        if joined and _joinable(joined[-1], para, repeated):
            last = joined[-1]
            joined[-1] = Para(last.text + para.text, last.line_start, para.line_end, last.gap_before, 0)
        else:
            joined.append(para)
    return joined


def _fragments(raw: list[RawLine | None]) -> list[Para]:
    """Column pages: adjacent lines are one fragment unless the second opens a new text frame."""
    frags: list[Para] = []
    gap = 0
    current: Para | None = None
    for line in raw:
        if line is None:
            if current:
                frags.append(current)
                current = None
            gap += 1
            continue
        frame = line.indent > 0
        if current is not None and not frame:
            current = Para(current.text + line.text, current.line_start, line.number,
                           current.gap_before, 0, current.frame_start)
            continue
        if current:
            frags.append(current)
        current = Para(line.text, line.number, line.number, gap, 0, frame)
        gap = 0
    if current:
        frags.append(current)
    return frags


def _frames(frags: list[Para]) -> list[list[Para]]:
    frames: list[list[Para]] = []
    for frag in frags:
        if frag.frame_start or not frames:
            frames.append([])
        frames[-1].append(frag)
    return frames


def _join_columns(frags: list[Para]) -> list[Para]:
    paras: list[Para] = []
    for frame in _frames(frags):
        if not any(PROSE_MARK.search(f.text) for f in frame):
            # A frame without a sentence in it is a box of headlines: one per fragment.
            paras.extend(frame)
            continue
        widths = [width(f.text) for f in frame]
        current: Para | None = None
        for i, frag in enumerate(frame):
            if current is None:
                current = frag
            else:
                current = Para(_glue(current.text, frag.text), current.line_start, frag.line_end,
                               current.gap_before, 0, current.frame_start)
            nxt = frame[i + 1] if i + 1 < len(frame) else None
            if nxt is None or _column_break(current, frag, nxt, widths, i, first=(current is frag and i == 0)):
                paras.append(Para(tidy_column_text(current.text), current.line_start, current.line_end,
                                  current.gap_before, 0, current.frame_start))
                current = None
    return paras


def _column_break(para: Para, frag: Para, nxt: Para, widths: list[float], i: int, first: bool) -> bool:
    nxt_simp = simplified(nxt.text)
    if is_story_opener(nxt_simp) or is_credit(nxt_simp) or is_credit(simplified(frag.text)):
        return True
    if first and not has_clause_punct(frag.text) and not is_story_opener(simplified(frag.text)):
        return True  # a frame opens with a headline or with a dateline
    if not ends_sentence(frag.text):
        return False
    window = widths[max(0, i - 8) : i + 9]
    column = statistics.median(window)
    return width(frag.text) < 0.8 * column or bool(_PARAGRAPH_OPENER.match(nxt_simp))


_DIGIT_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，。、])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fff])")


def _glue(left: str, right: str) -> str:
    # Narrow columns are justified with spaces around numbers ("13 日"); they are not in the text.
    return _DIGIT_SPACE.sub("", left + right)


def tidy_column_text(text: str) -> str:
    return _DIGIT_SPACE.sub("", text)
