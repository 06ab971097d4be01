"""An article's text as paragraphs, with marked spans turned into escaped, linked HTML.

Bodies keep the printed layout: newspaper columns break lines mid-sentence and blank
lines separate both paragraphs and column breaks. A paragraph here ends after a line
that ends a sentence (。！？ …), before an indented line (the web's full-width indent)
or an interview's 问：/答：, and around Markdown-style headings. Inside a paragraph the layout line breaks are
dropped (CJK needs no space), which changes no character of the text.

Highlighting never concatenates raw text into HTML: every slice goes through escape()
and every link through format_html(), and offsets always refer to the stored text.
"""

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from textkit.punctuation import ELLIPSIS, STATEMENT_ENDS

# A stored line ending in one of these closes its paragraph: a statement's end, also when quoted.
PARAGRAPH_ENDS = frozenset(STATEMENT_ENDS + "”」』" + ELLIPSIS)
WHITESPACE = " \t\r\u3000\xa0"
QA_MARKS = ("问:", "问：", "答:", "答：", "問:", "問：")  # an interview's question or answer opens a paragraph


@dataclass(frozen=True)
class Mark:
    """A span [start, end) of the stored text to link; css names the entity kind."""

    start: int
    end: int
    href: str
    css: str
    label: str


@dataclass(frozen=True)
class Paragraph:
    """Stored-text line segments that read as one paragraph; None in indices is a joining space."""

    segments: tuple[tuple[int, int], ...]
    heading: bool = False  # a Markdown-style "## …" line; the marks are not part of the segments

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    def indices(self, text: str) -> list[int | None]:
        out: list[int | None] = []
        for start, end in self.segments:
            if out and out[-1] is not None and _latin(text[out[-1]]) and _latin(text[start]):
                out.append(None)
            out.extend(range(start, end))
        return out

    def offset(self, text: str, pos: int) -> int | None:
        """indices(text)[pos] without building the list: the stored offset of the paragraph
        text's character at pos, None for a joining space."""
        at, last = 0, None  # the paragraph text's length so far; the last stored offset taken
        for start, end in self.segments:
            if last is not None and _latin(text[last]) and _latin(text[start]):
                if pos == at:
                    return None
                at += 1
            if pos < at + end - start:
                return start + pos - at
            at, last = at + end - start, end - 1
        raise IndexError(f"position {pos} is past the paragraph's end")

    def position(self, text: str, offset: int) -> int:
        """indices(text).index(offset): where the stored offset falls in the paragraph's text."""
        at, last = 0, None
        for start, end in self.segments:
            if last is not None and _latin(text[last]) and _latin(text[start]):
                at += 1
            if start <= offset < end:
                return at + offset - start
            at, last = at + end - start, end - 1
        raise ValueError(f"offset {offset} is not in the paragraph")

    def text(self, text: str) -> str:
        """The paragraph's lines joined: "".join(" " if i is None else text[i] for i in
        self.indices(text)), built from slices (formulation scans call it for every paragraph)."""
        parts: list[str] = []
        last = None  # the offset of the last character taken
        for start, end in self.segments:
            if start == end:
                continue
            if last is not None and _latin(text[last]) and _latin(text[start]):
                parts.append(" ")
            parts.append(text[start:end])
            last = end - 1
        return "".join(parts)


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _lines(text: str) -> Iterable[tuple[int, int, int]]:
    """(line start, content start, content end) for each line; content excludes outer whitespace."""
    pos = 0
    for line in text.split("\n"):
        stripped_left = len(line) - len(line.lstrip(WHITESPACE))
        content = line.strip(WHITESPACE)
        start = pos + stripped_left
        yield pos, start, start + len(content)
        pos += len(line) + 1


def paragraphs(text: str) -> list[Paragraph]:
    result: list[Paragraph] = []
    current: list[tuple[int, int]] = []

    def close(heading: bool = False) -> None:
        if current:
            result.append(Paragraph(tuple(current), heading))
            current.clear()

    for line_start, start, end in _lines(text):
        if start == end:
            continue
        indented = start - line_start >= 2 or "\u3000" in text[line_start:start]
        if text[start] == "#":
            close()
            title = len(text[start:end].lstrip("#").lstrip(WHITESPACE))
            if title:
                current.append((end - title, end))
                close(heading=True)
            continue
        if indented or text.startswith(QA_MARKS, start):
            close()
        current.append((start, end))
        if text[end - 1] in PARAGRAPH_ENDS:
            close()
    close()
    return result


def _choose(marks: Iterable[Mark]) -> list[Mark]:
    """Earliest, then longest, first; a mark overlapping one already chosen is dropped."""
    chosen: list[Mark] = []
    taken_until = -1
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if mark.start >= taken_until:
            chosen.append(mark)
            taken_until = mark.end
    return chosen


def _pieces(paragraph: Paragraph, marks: list[Mark], shown: str, text: str) -> list[tuple[str, Mark | None]]:
    """The paragraph's display text cut at mark boundaries, in reading order."""
    pieces: list[tuple[str, Mark | None]] = []
    previous_end = None
    for start, end in paragraph.segments:
        if previous_end is not None and _latin(text[previous_end - 1]) and _latin(text[start]):
            spanning = next((m for m in marks if m.start < previous_end and m.end > start), None)
            pieces.append((" ", spanning))
        pos = start
        for mark in marks:
            if mark.end <= pos or mark.start >= end:
                continue
            cut_start, cut_end = max(mark.start, pos), min(mark.end, end)
            if cut_start > pos:
                pieces.append((shown[pos:cut_start], None))
            pieces.append((shown[cut_start:cut_end], mark))
            pos = cut_end
        if pos < end:
            pieces.append((shown[pos:end], None))
        previous_end = end
    return pieces


def render_paragraph(text: str, paragraph: Paragraph, marks: list[Mark], display: str | None = None) -> SafeString:
    """One paragraph as HTML. display, when given, must be as long as text (e.g. its simplified form).

    marks must not overlap; a mark broken by a layout line break still becomes one link.
    """
    shown = display if display is not None else text
    if len(shown) != len(text):
        raise ValueError("display text must align character by character with the stored text")
    relevant = [m for m in marks if m.start < paragraph.end and m.end > paragraph.start]
    html: list[str] = []
    run: list[str] = []
    run_mark: Mark | None = None

    def flush() -> None:
        if not run:
            return
        chunk = "".join(run)
        if run_mark is None:
            html.append(escape(chunk))
        else:
            html.append(
                format_html(
                    '<a class="mention mention--{}" href="{}" title="{}">{}</a>',
                    run_mark.css, run_mark.href, run_mark.label, chunk,
                )
            )
        run.clear()

    for chunk, mark in _pieces(paragraph, relevant, shown, text):
        if mark is not run_mark:
            flush()
            run_mark = mark
        run.append(chunk)
    flush()
    return mark_safe("".join(html))  # noqa: S308 - every piece above is escaped or format_html


@dataclass(frozen=True)
class Rendered:
    html: SafeString
    heading: bool


def render_text(text: str, marks: Iterable[Mark], display: str | None = None) -> list[Rendered]:
    """The whole text as paragraphs (and subheadings) of HTML with marks linked."""
    chosen = _choose(m for m in marks if 0 <= m.start < m.end <= len(text))
    starts = [m.start for m in chosen]
    rendered = []
    for paragraph in paragraphs(text):
        # Marks are sorted and disjoint: only those from the one before the paragraph can touch it.
        first = max(bisect.bisect_left(starts, paragraph.start) - 1, 0)
        last = bisect.bisect_left(starts, paragraph.end)
        html = render_paragraph(text, paragraph, chosen[first:last], display)
        rendered.append(Rendered(html, paragraph.heading))
    return rendered


def render_inline(text: str, marks: Iterable[Mark], display: str | None = None) -> SafeString:
    """A one-line text (a title) with marks linked; line breaks dropped like inside a paragraph."""
    parts = [part.html for part in render_text(text, marks, display)]
    return mark_safe("".join(parts))  # noqa: S308 - parts come from render_paragraph
