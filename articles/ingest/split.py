"""Split a page's paragraphs into items: stories, photo captions and continuations.

The reader's rules, in order of strength: Markdown headings when present; a
dateline, 本报讯 or byline opens a story and the headline lines just above it
are its title (the last), kicker (one before) or subtitle (——…/访…); a photo
credit closes a caption; (上接…) marks a continuation; a source line such as
(来源:新华社) closes a story. Headlines left without a story (a headline frame
printed apart from its text) are given to the story whose lead restates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from textkit.punctuation import PROSE_MARK

from .layout import MARKDOWN, RELEASE, WEB, Para
from .model import Dropped
from .patterns import (
    BENBAO,
    BYLINE,
    CAPTION_INSIDE,
    CAPTION_MARK,
    CONTINUED,
    CREDITED_SOURCE,
    DATELINE,
    TRAILING_DATELINE,
    is_credit,
)
from .text import ends_paragraph, has_clause_punct, squeeze, width

_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_SUBTITLE = re.compile(r"^(——|—|访)")


@dataclass
class RawItem:
    paras: list[Para] = field(default_factory=list)
    title: Para | None = None
    kicker: Para | None = None
    subtitle: Para | None = None
    level: int = 0  # heading level of the title (0: not Markdown)
    caption: bool = False
    credit_seen: bool = False
    continued_from: str = ""
    closed: bool = False
    credited_source: str = ""
    byline: Para | None = None
    sections: int = 0

    @property
    def has_body(self) -> bool:
        return bool(self.paras)


def is_title_like(para: Para) -> bool:
    simp = para.simp.strip()
    return (
        0 < width(simp) <= 40
        and not PROSE_MARK.search(simp)
        and not is_credit(simp)
        and not CONTINUED.match(simp)
        and not BYLINE.match(simp)
    )


def _caption_flags(paras: list[Para]) -> list[bool]:
    flags = [False] * len(paras)
    for i in range(len(paras) - 1, -1, -1):
        simp = paras[i].simp
        if paras[i].heading or is_credit(simp):
            continue
        nxt_credit = i + 1 < len(paras) and is_credit(paras[i + 1].simp)
        marked = bool(CAPTION_MARK.match(simp)) or (bool(CAPTION_INSIDE.search(simp)) and width(simp) <= 300)
        flags[i] = marked or (nxt_credit and has_clause_punct(simp) and width(simp) <= 200)
    return flags


class Splitter:
    def __init__(self, paras: list[Para], layout: str) -> None:
        self.paras = paras
        self.layout = layout
        self.items: list[RawItem] = []
        self.cur: RawItem | None = None
        self.pending: list[Para] = []
        self.kicker_candidates: list[tuple[Para, RawItem]] = []
        self.orphans: list[Para] = []
        self.caption: RawItem | None = None
        self.interrupted: RawItem | None = None
        self.md_kicker: Para | None = None
        self.after_rule = False  # the last line was a Markdown rule (---)

    def _new(self, **kwargs: object) -> RawItem:
        item = RawItem(**kwargs)  # type: ignore[arg-type]
        self.items.append(item)
        self.cur = item
        return item

    def _close_caption(self) -> None:
        self.caption = None
        self.interrupted = None

    def _take_pending(self) -> dict[str, Para | None]:
        """The headline lines above a story: title last, ——subtitle, one kicker before."""
        lines, self.pending = self.pending, []
        subtitle = next((p for p in lines if _SUBTITLE.match(p.simp)), None)
        heads = [p for p in lines if p is not subtitle]
        title = heads.pop() if heads else None
        kicker = heads.pop() if heads else None
        self.orphans.extend(heads)
        return {"title": title, "kicker": kicker, "subtitle": subtitle}

    def run(self) -> list[RawItem]:
        if self.layout in (WEB, RELEASE):
            return self._single_article()
        flags = _caption_flags(self.paras)
        for i, para in enumerate(self.paras):
            nxt = self.paras[i + 1] if i + 1 < len(self.paras) else None
            self._step(para, nxt, flags[i])
        self.orphans.extend(self.pending)
        return self.items

    def _step(self, para: Para, nxt: Para | None, caption_flag: bool) -> None:
        simp = para.simp.strip()
        cur = self.cur
        if self.layout == MARKDOWN and _RULE.match(simp):
            self.after_rule = True
            return
        after_rule, self.after_rule = self.after_rule, False
        if para.heading:
            if after_rule and cur is not None and cur.has_body:
                cur.closed = True  # a heading right after a rule opens a story of its own (a sidebar)
            self._heading(para, nxt)
            return
        if is_credit(simp) or caption_flag:
            self._caption_para(para, credit=is_credit(simp))
            return
        if m := CONTINUED.match(simp):
            self._continued(para, m["page"])
            return
        if DATELINE.match(simp) or BENBAO.match(simp) or BYLINE.match(simp):
            self._opener(para, byline=bool(BYLINE.match(simp)))
            return
        source_line = CREDITED_SOURCE.fullmatch(simp) if width(simp) <= 30 else None
        if source_line:
            self._credit_source(source_line["source"], column=bool(source_line["column"]), para=None)
            return
        if self.layout != MARKDOWN and is_title_like(para) and not (cur and cur.level and cur.has_body):
            self._close_caption()
            self.pending.append(para)
            return
        if self.layout == MARKDOWN and cur and cur.title and not cur.has_body and not cur.subtitle \
                and is_title_like(para):
            cur.subtitle = para
            return
        self._body(para)

    def _heading(self, para: Para, nxt: Para | None) -> None:
        self._close_caption()
        self.orphans.extend(self.pending)
        self.pending = []
        cur = self.cur
        if para.heading == 1:
            self._new(title=para, level=1, kicker=self.md_kicker)
            self.md_kicker = None
        elif nxt is not None and nxt.heading == 1:
            self.md_kicker = para
        elif para.text.rstrip().endswith("。"):
            # A sentence marked up as a heading: the layout broke a story here, the text is body.
            self._new(paras=[para])
        elif cur and not cur.closed and (
                (cur.level and (cur.level == 1 or para.heading > cur.level))
                or (not cur.level and cur.has_body and para.heading >= 3)):  # ### in a story without a heading
            # A heading under the story's own (## under #, ### under ##) is one of its sections.
            cur.paras.append(para)
            cur.sections += 1
        else:
            self._new(title=para, level=para.heading)

    def _caption_para(self, para: Para, credit: bool) -> None:
        if self.caption is None or (self.caption.credit_seen and not credit):
            cur = self.cur
            self.interrupted = cur if cur and cur.title and not cur.has_body else None
            self.orphans.extend(self.pending)
            self.pending = []
            self.caption = RawItem(caption=True)
            self.items.append(self.caption)
            self.cur = self.caption
        self.caption.paras.append(para)
        self.caption.credit_seen |= credit

    def _continued(self, para: Para, page: str) -> None:
        target = self.interrupted or self.cur
        self._close_caption()
        if target and target.title and not target.has_body and not target.caption:
            self.cur = target
        elif self.pending:
            self._new(**self._take_pending())
        else:
            self._new()
        assert self.cur is not None
        self.cur.continued_from = page.strip()
        self.cur.paras.append(para)

    def _opener(self, para: Para, byline: bool) -> None:
        self._close_caption()
        cur = self.cur
        if byline and not self.pending and cur and not cur.has_body and not cur.caption:
            cur.byline = para
            return
        if not self.pending and cur and cur.level and not cur.has_body and not cur.caption and not cur.closed:
            # A Markdown heading has just opened this story; its dateline begins the body.
            cur.paras.append(para)
            return
        heads = self._take_pending()
        item = self._new(**heads)
        if heads["kicker"] is not None:
            self.kicker_candidates.append((heads["kicker"], item))
        if byline:
            item.byline = para
        else:
            item.paras.append(para)

    def _credit_source(self, source: str, column: bool, para: Para | None) -> None:
        cur = self.cur
        if cur is None:
            return
        targets = [cur]
        if column:
            # 本栏目稿件来源: the whole column since the last closed story.
            for item in reversed(self.items[:-1]):
                if item.closed or item.caption:
                    break
                targets.append(item)
        for item in targets:
            item.credited_source = item.credited_source or source.strip()
        cur.closed = True

    def _body(self, para: Para) -> None:
        cap = self.caption
        if cap is not None and cap.credit_seen:
            if self.interrupted is not None:
                self.cur = self.interrupted
                self._close_caption()
            else:
                cap.paras.append(para)
                return
        elif cap is not None:
            self._close_caption()
        cur = self.cur
        if self.pending:
            self._new(**self._take_pending())
        elif cur is None or cur.closed or cur.caption:
            self._new()
        assert self.cur is not None
        self.cur.paras.append(para)
        simp = para.simp.strip()
        if m := CREDITED_SOURCE.search(simp):
            self._credit_source(m["source"], column=bool(m["column"]), para=para)
        elif TRAILING_DATELINE.search(simp):
            self.cur.closed = True

    def _single_article(self) -> list[RawItem]:
        """A web page or press release carries one article: title first, the rest is body."""
        first = self.paras[0] if self.paras else None
        title = first if first and width(first.text) <= 60 and not ends_paragraph(first.text) else None
        item = self._new(title=title)
        for para in self.paras:
            if para is title:
                continue
            if title is not None and squeeze(para.text) == squeeze(title.text):
                continue  # the title repeated as an image placeholder; dropped by the caller
            if item.has_body and is_title_like(para) and not para.simp.startswith("△"):
                item.sections += 1
            item.paras.append(para)
        return self.items


def split(paras: list[Para], layout: str) -> tuple[list[RawItem], list[Para], list[tuple[Para, RawItem]]]:
    splitter = Splitter(paras, layout)
    items = [item for item in splitter.run() if item.paras or item.title]
    return items, splitter.orphans, splitter.kicker_candidates


def unused_paragraphs(paras: list[Para], items: list[RawItem]) -> list[Dropped]:
    """Paragraphs no item took, each with the reason a reader would give for skipping it."""
    used = {
        line
        for item in items
        for p in (*item.paras, item.title, item.kicker, item.subtitle)
        if p is not None
        for line in range(p.line_start, p.line_end + 1)
    }
    titles = {squeeze(item.title.text) for item in items if item.title}
    dropped = []
    for para in paras:
        if used.intersection(range(para.line_start, para.line_end + 1)):
            continue
        simp = para.simp.strip()
        if squeeze(para.text) in titles:
            reason = "重复标题（图片占位）"
        elif CREDITED_SOURCE.search(simp):
            reason = "稿件来源行（已记入来源）"
        elif BYLINE.match(simp):
            reason = "署名行（已记入记者）"
        else:
            reason = "无正文的标题（标题栏）"
        dropped.append(Dropped(para.line_start, para.line_end, reason, para.text))
    return dropped


def merge_items(items: list[RawItem]) -> RawItem:
    """One article from the items of a page known to hold one (a web article page).

    The splitter may read its subheadings as titles of stories of their own; they go
    back into the text where they stand, under the article's title.
    """
    ordered = sorted(items, key=lambda item: min(p.line_start for p in [*item.paras, *filter(None, [item.title])]))
    first = ordered[0]
    merged = RawItem(title=first.title, kicker=first.kicker, subtitle=first.subtitle, level=first.level)
    for item in ordered:
        heads = [p for p in (item.kicker, item.title, item.subtitle) if p is not None] if item is not first else []
        merged.paras.extend(sorted([*heads, *item.paras], key=lambda p: p.line_start))
        merged.byline = merged.byline or item.byline
        merged.credited_source = merged.credited_source or item.credited_source
        merged.continued_from = merged.continued_from or item.continued_from
        merged.sections += item.sections + (1 if item is not first and item.title else 0)
    return merged
