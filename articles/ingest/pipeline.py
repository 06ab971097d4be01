"""The entry point: raw bytes or text of one file in, a ParsedDocument out."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from textkit.analysis import detect_script
from textkit.punctuation import SENTENCE_END

from .assemble import attach_orphans, line_span, reattach_displaced
from .credits import BRACKET_BYLINE, CNA, is_credit_line
from .dates import DateContext, infer_page_year, latest_past_date
from .decode import decode_text
from .entities import extract_entities
from .errors import NoStoryError
from .fingerprint import fingerprint
from .furniture import PageFacts, strip_furniture
from .layout import COLUMNS, NEWSPAPER, Para, paragraphs
from .layouts import BY_NAME, PageLayout, Unwrapped, detect, unwrap
from .metadata import ItemMeta, read_item
from .model import Dropped, ParsedArticle, ParsedDocument, Publication
from .patterns import BENBAO, BYLINE, CONTINUED, CREDITED_SOURCE, DATELINE
from .sources import canonical_source
from .split import RawItem, merge_items, split, unused_paragraphs
from .text import first_sentence, simplified, squeeze

_MIN_STORY = 30


def parse_document(data: bytes | str, *, filename: str,
                   known_officials: Mapping[str, str] | None = None) -> ParsedDocument:
    """Parse one file; raises an IngestError subclass when it holds no readable story.

    known_officials: the names (and other spellings) of officials the knowledge base holds, each to
    its official's name; such an official is recognised wherever named, with or without a post."""
    decoded = decode_text(data)
    pages = unwrap(decoded.text)
    # A wrapper hands on text a line a paragraph: never column fragments to glue back.
    layouts = [BY_NAME[NEWSPAPER] if page.wrapper and layout.paragraphs == COLUMNS else layout
               for page, layout in ((page, detect(page.text)) for page in pages)]
    if len(pages) == 1 and layouts[0].parse is not None:
        return layouts[0].parse(pages[0], decoded.encoding, filename)
    read = [_read_page(page, layout) for page, layout in zip(pages, layouts, strict=True)]
    read = [r for r in read if r.articles]
    if not read:
        raise NoStoryError
    first = read[0]
    articles, entities = extract_entities([a for r in read for a in r.articles], first.ctx, known_officials)
    wrapper = pages[0].wrapper
    return ParsedDocument(
        filename=filename,
        encoding=decoded.encoding,
        layout=f"{wrapper}+{layouts[0].name}" if wrapper else layouts[0].name,
        script=detect_script(decoded.text),
        publication=first.publication,
        items=tuple(_with_fingerprints(articles)),
        dropped=tuple(d for r in read for d in r.dropped),
        **entities,
    )


@dataclass(frozen=True)
class _Page:
    articles: list[ParsedArticle]
    dropped: list[Dropped]
    publication: Publication
    ctx: DateContext


def _page_facts(facts: PageFacts, page: Unwrapped) -> PageFacts:
    """The wrapper's facts (an HTML page's site, date, editor) complete what the text printed."""
    given = page.facts
    return replace(
        facts,
        name=facts.name or given.site,
        date=facts.date or given.date,
        source=given.source or facts.source,
        editor=facts.editor or given.editor,
        page=facts.page or given.page,
    )


def _items(kept: list[Para], layout: PageLayout, page: Unwrapped) -> list[RawItem]:
    items, orphans, kicker_candidates = split(kept, layout.name)
    attach_orphans(items, orphans, kicker_candidates)
    reattach_displaced(items)
    items = [item for item in items if item.paras]
    if page.facts.single_story and items:
        item = merge_items(items)
        given = page.facts
        if given.title:  # the page's own title, not whatever line the splitter took for one
            same = squeeze(simplified(given.title))
            heads = [p for p in (item.kicker, item.title, item.subtitle) if p is not None]
            at = next((i for i, p in enumerate(heads) if squeeze(p.simp) == same), None)
            if at is not None:  # the splitter read the lines around the title as its kicker or subtitle
                item.kicker = heads[at - 1] if at > 0 else None
                item.subtitle = heads[at + 1] if at + 1 < len(heads) else None
                line = heads[at].line_start
            else:
                item.paras[:0] = [p for p in heads if p is not item.kicker]
                line = heads[0].line_start if heads else 0
            item.paras = [p for p in item.paras if squeeze(p.simp) != same]
            item.title = Para(given.title, line, line)
            if item.kicker is None and item.paras and item.paras[0].line_start < line \
                    and item.paras[0].simp.rstrip().endswith(("——", "—")):
                item.kicker = item.paras.pop(0)  # 江西井冈山市推进红色基因传承——, printed above the title
        if given.kicker:
            item.kicker = Para(given.kicker, 0, 0)
        if given.subtitle:
            item.subtitle = Para(given.subtitle, 0, 0)
        items = [item]
    for item in items:
        _credits_out_of_heads(item)
    return items


def _credits_out_of_heads(item: RawItem) -> None:
    """A byline or a 来源/日期 line printed under a title is no kicker or subtitle."""
    for head in (item.kicker, item.subtitle):
        if head is not None and (is_credit_line(head.simp) or BYLINE.match(head.simp.strip())):
            item.paras.insert(0, head)
            item.byline = item.byline or head
            item.kicker = None if head is item.kicker else item.kicker
            item.subtitle = None if head is item.subtitle else item.subtitle


def _read_page(page: Unwrapped, layout: PageLayout) -> _Page:
    text = page.text
    paras = paragraphs(text, layout.paragraphs)
    kept, dropped, facts = strip_furniture(paras, layout.name)
    facts = _page_facts(facts, page)
    items = [item for item in _items(kept, layout, page) if _is_story(item) or not page.facts.single_story]
    if not any(_is_story(item) for item in items):
        items = []
    items.sort(key=lambda item: line_span(item)[0])
    dropped = sorted([*dropped, *unused_paragraphs(kept, items)], key=lambda d: d.line_start)

    whole = simplified(text)
    ctx = DateContext(ref=facts.date) if facts.date else infer_page_year(whole)
    publication_name = layout.publication or facts.name or (facts.source if layout.chrome else None)
    metas = [read_item(item, ctx, layout.name, facts.name, facts.source or None) for item in items]
    if metas and metas[0].source_line and not publication_name:
        # 来源：大公报 under the page's first title names the outlet of the page: its sidebars too.
        publication_name = metas[0].source_line
        for meta in metas[1:]:
            if meta.source is None:
                meta.source, meta.source_kind = canonical_source(publication_name)
    if page.facts.authors:
        for meta in metas:
            meta.add_reporters("、".join(page.facts.authors))
    published, inferred = facts.date, False
    if published is None:
        dated = [m.dateline.as_date() for m in metas if m.dateline and m.dateline.as_date()]
        candidates = [d for d in [*dated, latest_past_date(whole, ctx)] if d]
        published, inferred = (max(candidates), True) if candidates else (None, False)
    if ctx.ref is None and published is not None:
        ctx = DateContext(ref=published)
    pub_name, pub_kind = canonical_source(publication_name)
    publication = Publication(pub_name, pub_kind, published, inferred, facts.issue, facts.editor)
    articles = [
        _article(item, meta, facts, published, inferred) for item, meta in zip(items, metas, strict=True)
    ]
    return _Page(articles, dropped, publication, ctx)


def _is_story(item: RawItem) -> bool:
    body = "".join(p.text for p in item.paras)
    return len(body) >= _MIN_STORY and bool(SENTENCE_END.search(body))


_CAPTION_PREFIX = re.compile(r"^(?:左图|右图|上图|下图|中图|图[一二三四五六\d]?)[:：]|^△")


def _derived_title(body: str) -> str:
    text = CONTINUED.sub("", body.split("\n\n")[0]).strip()
    if not text and "\n\n" in body:
        text = body.split("\n\n")[1]
    # Wire copy on one line opens with its dateline, which is no part of a title.
    simp = simplified(text)
    opener = DATELINE.match(simp) or BENBAO.match(simp) or BRACKET_BYLINE.match(simp) or CNA.match(simp)
    if opener and len(simp) == len(text):
        text = text[opener.end() :].strip()
    return first_sentence(_CAPTION_PREFIX.sub("", text).strip())


def _body(item: RawItem) -> str:
    paras = []
    for para in item.paras:
        text = para.text
        if is_credit_line(para.simp):
            continue  # 记者：X, 来源：Y, 原文链接: read into the story's credits
        match = CREDITED_SOURCE.search(simplified(text))
        if match and match.start() > 0:
            text = text[: match.start()].rstrip()
        paras.append(text)
    return "\n\n".join(paras)


def _article(item: RawItem, meta: ItemMeta, facts: PageFacts, published: date | None,
             inferred: bool) -> ParsedArticle:
    body = _body(item)
    title = item.title.text if item.title else _derived_title(body)
    line_start, line_end = line_span(item)
    return ParsedArticle(
        title=title,
        body=body,
        kind=meta.kind,
        script=detect_script(title + body),
        line_start=line_start,
        line_end=line_end,
        title_derived=item.title is None,
        kicker=item.kicker.text if item.kicker else "",
        subtitle=item.subtitle.text if item.subtitle else "",
        published_on=published,
        date_inferred=inferred,
        dateline_place=meta.place,
        dateline_date=meta.dateline.as_date() if meta.dateline else None,
        agency=meta.agency if meta.agency != "本报" else "",
        reporters=tuple(meta.reporters),
        photographers=tuple(meta.photographers),
        editor=meta.editor or facts.editor,
        page=facts.page,
        source_name=meta.source,
        source_kind=meta.source_kind,
        credited_source=item.credited_source,
        continued_from=item.continued_from,
    )


def _with_fingerprints(articles: list[ParsedArticle]) -> list[ParsedArticle]:
    seen: dict[str, int] = {}
    result = []
    for article in articles:
        value = fingerprint(article.source_name, article.date, article.title)
        if value in seen:  # two untitled items of one day and source: keep both apart
            seen[value] += 1
            value = fingerprint(article.source_name, article.date, f"{article.title}#{seen[value]}")
        else:
            seen[value] = 0
        result.append(replace(article, fingerprint=value))
    return result

