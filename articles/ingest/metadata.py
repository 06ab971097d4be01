"""Per-item metadata: dateline, bylines, photographers, source, kind and the item's own date."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .credits import Credits, read_credits
from .dates import DateContext, dateline_day
from .layout import RELEASE
from .model import PartialDate
from .patterns import BENBAO, BYLINE, CREDIT, DATELINE, QA, TRAILING_DATELINE, close_spaced_name, split_names
from .sources import GOVERNMENT, canonical_source
from .split import RawItem

_LEAD_DATE = re.compile(
    r"^(?:本报讯\s*(?:[（(][^)）]*[)）])?\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*[，,]"
)


@dataclass
class ItemMeta:
    agency: str = ""
    place: str = ""
    dateline: PartialDate | None = None
    reporters: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    source: str | None = None
    source_kind: str = "newspaper"
    kind: str = "news"
    editor: str = ""
    source_line: str = ""  # the outlet a 来源： line under the title names

    def add_reporters(self, names: str | None) -> None:
        for name in split_names(names or ""):
            if name not in self.reporters:
                self.reporters.append(name)


def _day(month: str, day: str, ctx: DateContext) -> PartialDate | None:
    return dateline_day(int(month), int(day), ctx)


def read_item(item: RawItem, ctx: DateContext, layout: str, publication: str | None,
              header_source: str | None) -> ItemMeta:
    meta = ItemMeta()
    first = _opening(item)
    last = item.paras[-1].simp.strip() if item.paras else ""
    if m := DATELINE.match(first):
        meta.agency, meta.place = m["agency"], m["place"]
        meta.dateline = _day(m["month"], m["day"], ctx)
        meta.add_reporters(m["names"])
    elif m := BENBAO.match(first):
        meta.agency = "本报"
        meta.add_reporters(m["names"])
    # A lead opening on a date dates the story only after 本报讯, or when the page prints no date.
    lead_dates = meta.agency == "本报" or ctx.ref is None
    if meta.dateline is None and lead_dates and (m := _LEAD_DATE.match(first)):
        meta.dateline = _day(m["month"], m["day"], ctx)
    if m := TRAILING_DATELINE.search(last):
        meta.agency, meta.place = meta.agency or m["agency"], meta.place or m["place"]
        meta.dateline = meta.dateline or _day(m["month"], m["day"], ctx)
        meta.add_reporters(m["names"])
    if item.byline is not None and (m := BYLINE.match(item.byline.simp.strip())):
        meta.add_reporters(m["names"])
        meta.agency = meta.agency or ("本报" if "本报" in item.byline.simp else "")
    for para in item.paras:
        if m := CREDIT.match(close_spaced_name(para.simp)):
            meta.photographers.extend(n for n in split_names(m["names"]) if n not in meta.photographers)
            meta.agency = meta.agency or (m["agency"] or "")
    credits = _credits(item)
    meta.add_reporters("、".join(credits.reporters))
    meta.photographers.extend(n for n in credits.photographers if n not in meta.photographers)
    meta.agency = meta.agency or credits.agency
    meta.place = meta.place or credits.place
    meta.editor = credits.editor
    meta.source_line = credits.source
    if meta.dateline is None:
        if credits.date is not None:
            meta.dateline = PartialDate.of(credits.date)
        elif credits.month_day is not None:
            meta.dateline = dateline_day(*credits.month_day, ctx)
        elif credits.day is not None and ctx.ref is not None:
            meta.dateline = dateline_day(ctx.ref.month, credits.day, ctx)
    if credits.source or credits.outlet:
        # A credit printed with the story beats what its page's header or front matter says.
        header_source = credits.source or header_source or None
        publication = publication or credits.outlet or None
    meta.source, meta.source_kind = _source(item, meta, layout, publication, header_source)
    meta.kind = _kind(item, layout)
    return meta


def _credits(item: RawItem) -> Credits:
    """Credits in the lines a story opens and closes with (and its byline line)."""
    paras = item.paras[:3] + item.paras[-3:] if len(item.paras) > 6 else item.paras
    lines = [p.simp for p in ([item.byline] if item.byline else []) + paras]
    return read_credits(lines)


def _opening(item: RawItem) -> str:
    """The paragraph the story opens with: its dateline or 本报讯 may follow a byline line."""
    heads = [p.simp.strip() for p in item.paras[:3]]
    return next((h for h in heads if DATELINE.match(h) or BENBAO.match(h)), heads[0] if heads else "")


def _source(item: RawItem, meta: ItemMeta, layout: str, publication: str | None,
            header_source: str | None) -> tuple[str | None, str]:
    """Who wrote it: a credited source, else the agency in its dateline or credit, else the outlet."""
    if item.credited_source:
        return canonical_source(item.credited_source)
    if header_source:  # a web page's 来源 header (its chrome, the HTML wrapper, a 来源： line) credits it
        return canonical_source(header_source)
    if meta.agency and meta.agency != "本报":
        return canonical_source(meta.agency)
    if layout == RELEASE:
        return canonical_source("香港特区政府新闻公报")[0], GOVERNMENT
    return canonical_source(publication)


def _kind(item: RawItem, layout: str) -> str:
    if item.caption:
        return "caption"
    if layout == RELEASE:
        return "notice"
    qa = [QA.match(p.simp.strip()) for p in item.paras]
    if sum(1 for m in qa if m and m.group(0).startswith("问")) >= 2:
        return "interview"
    if item.title is None:
        opens = bool(item.paras) and bool(DATELINE.match(item.paras[0].simp) or BENBAO.match(item.paras[0].simp))
        return "news" if opens and not item.continued_from else "continuation"
    if item.sections >= 2:
        return "feature"
    return "news"

