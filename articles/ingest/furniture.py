"""Page furniture: what a reader skips (mastheads, 导读 boxes, web chrome), and the facts it carries.

Dropped paragraphs are returned with a reason so nothing leaves the text silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .layout import RELEASE, WEB, Para
from .model import Dropped
from .numerals import to_int
from .patterns import BREADCRUMB, MASTHEAD, TAGS, WEB_HEADER, titled_with_site
from .text import has_clause_punct, squeeze, width

_MASTHEAD_DATE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*星期")
_CN_DATE = re.compile(r"^(?P<y>[〇○零一二三四五六七八九\d]{4})年(?P<m>[\d一二三四五六七八九十]{1,3})月"
                      r"(?P<d>[\d一二三四五六七八九十]{1,3})日[（(]星期.[)）]$")
_ISSUE = re.compile(r"第\s*\d+\s*期(?:\s*[（(]\s*总第\s*\d+\s*期\s*[)）])?")
_PAGE = re.compile(r"第\s*(?P<page>[\dA-Z]{1,4})\s*版")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_SOURCE = re.compile(r"来源\s*[:：]\s*(?P<source>.+?)(?=\s*(?:责任编辑|编辑|作者|字号|$))")
_EDITOR = re.compile(r"(?:责任编辑|编辑)\s*[:：]\s*(?P<editor>[\u4e00-\u9fff·]{2,5})")
_GUIDE = re.compile(r"^(本期导读|今日导读|要闻导读|导读|本版导读)$")
_GUIDE_ITEM = re.compile(r"\d{1,2}\s*版$")
_ENDING = re.compile(r"(网|号|微博|客户端|APP|二维码|扫码关注|公众号)$", re.IGNORECASE)
_STARS = re.compile(r"^[＊*]{3,}$")
_RELEASE_END = re.compile(r"^(完|（完）|\(完\))$")
_RELEASE_TIME = re.compile(r"^香港时间\s*\d{1,2}\s*时\s*\d{1,2}\s*分$")


# The edition line People's Daily and other papers print with each article on the web:
# 《人民日报》（2025年01月14日第 02 版） · 《 人民日报 》( 2024年02月24日 05 版) · 《光明日报》（2025年03月01日 01版）
EDITION = re.compile(
    r"《\s*(?P<name>[\u4e00-\u9fff]{2,10}(?:报|刊|日报|晚报|时报))\s*》\s*[（(]\s*"
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?:第\s*)?(?P<page>[\dA-Z]{1,4})?\s*版?\s*[）)]"
)
# (责编：白宇、卫嘉) · 责任编辑：X · 本版责编：X
EDITOR_LINE = re.compile(
    r"^[（(]?\s*(?:本版)?(?:责任编辑|责编|编辑)\s*[:：]\s*(?P<editor>[\u4e00-\u9fff·]{2,4}(?:\s*[、，,]\s*[\u4e00-\u9fff·]{2,4})*)"
    r"\s*(?:[A-Z]{0,3}\d{0,4})?\s*[)）]?$"
)


# _2025年12月3日周三_ · 2026年6月12日 星期五: a line that is only the page's date, above its stories
DATE_ONLY = re.compile(
    r"^[_*]*(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:(?:星期|周|礼拜)[一二三四五六日天])?[_*]*$"
)


@dataclass(frozen=True)
class PageFacts:
    name: str | None = None
    date: date | None = None
    issue: str = ""
    page: str = ""
    source: str = ""
    editor: str = ""


def _date(y: str, m: str, d: str) -> date | None:
    try:
        return date(to_int(y) or 0, to_int(m) or 0, to_int(d) or 0)
    except ValueError:
        return None


def _drop(para: Para, reason: str) -> Dropped:
    return Dropped(para.line_start, para.line_end, reason, para.text)


def strip_furniture(paras: list[Para], layout: str) -> tuple[list[Para], list[Dropped], PageFacts]:
    kept: list[Para] = []
    dropped: list[Dropped] = []
    facts: dict[str, object] = {}
    content_seen = False
    in_guide = False
    for i, para in enumerate(paras):
        simp = para.simp
        if i == 0 and (site := titled_with_site(simp)):
            facts["name"] = site["site"]  # 标题 ｜ 公视新闻网 PNN: a saved page's title names its site
            para = Para(para.text[: len(site["title"])].rstrip(), para.line_start, para.line_end, para.gap_before,
                        para.heading, para.frame_start)
            simp = para.simp
        if edition := EDITION.search(simp):
            facts.setdefault("name", edition["name"])
            facts.setdefault("date", _date(edition["y"], edition["m"], edition["d"]))
            if edition["page"]:
                facts.setdefault("page", edition["page"].lstrip("0") or edition["page"])
            rest = (para.text[: edition.start()] + para.text[edition.end() :]).strip()
            if not rest:
                dropped.append(_drop(para, "版次"))
                continue
            para = Para(rest, para.line_start, para.line_end, para.gap_before, para.heading, para.frame_start)
            simp = para.simp
        if not content_seen and (day := DATE_ONLY.match(squeeze(simp))):
            facts.setdefault("date", _date(day["y"], day["m"], day["d"]))
            dropped.append(_drop(para, "日期"))
            continue
        if editor := EDITOR_LINE.match(squeeze(simp)):
            facts.setdefault("editor", editor["editor"])
            dropped.append(_drop(para, "责任编辑"))
            continue
        if in_guide and para.gap_before <= 1 and (_GUIDE_ITEM.search(simp) or not has_clause_punct(simp)) \
                and not para.heading:
            dropped.append(_drop(para, "导读栏"))
            continue
        in_guide = False
        if _GUIDE.match(squeeze(simp)):
            in_guide = True
            dropped.append(_drop(para, "导读栏"))
            continue
        if layout in (WEB, RELEASE) and _web_chrome(para, simp, facts, dropped):
            continue
        if not content_seen and _masthead(para, simp, paras[i + 1 : i + 4], facts):
            dropped.append(_drop(para, "报头"))
            continue
        if not para.heading and MASTHEAD.search(simp) and not has_clause_punct(simp):
            dropped.append(_drop(para, "报头"))
            continue
        content_seen = True
        kept.append(para)
    while kept and _page_ending(kept[-1]):
        dropped.append(_drop(kept.pop(), "版面装饰"))
    return kept, sorted(dropped, key=lambda d: d.line_start), PageFacts(**facts)  # type: ignore[arg-type]


def _masthead(para: Para, simp: str, following: list[Para], facts: dict[str, object]) -> bool:
    if para.heading:
        return False
    m = _MASTHEAD_DATE.search(simp)
    if MASTHEAD.search(simp) or m:
        if m:
            facts["date"] = _date(m["y"], m["m"], m["d"])
        if issue := _ISSUE.search(simp):
            facts["issue"] = squeeze(issue.group(0))
        if page := _PAGE.search(simp):
            facts["page"] = page["page"]
        return True
    if para.text.isascii() and not any(ch.isdigit() for ch in para.text):
        return True  # the English name under a Chinese masthead
    near_masthead = any(MASTHEAD.search(p.simp) or _MASTHEAD_DATE.search(p.simp) for p in following)
    if near_masthead and "name" not in facts and width(simp) <= 14 and not has_clause_punct(simp):
        facts["name"] = simp
        return True
    return False


def _web_chrome(para: Para, simp: str, facts: dict[str, object], dropped: list[Dropped]) -> bool:
    if BREADCRUMB.match(simp):
        dropped.append(_drop(para, "网页导航"))
        return True
    if WEB_HEADER.search(simp) and width(simp) <= 80:
        if m := _ISO.search(simp):
            facts.setdefault("date", _date(m["y"], m["m"], m["d"]))
        if m := _SOURCE.search(simp):
            facts.setdefault("source", m["source"].strip())
        if m := _EDITOR.search(simp):
            facts.setdefault("editor", m["editor"])
        dropped.append(_drop(para, "网页信息栏"))
        return True
    if TAGS.match(simp) and width(simp) <= 40:
        dropped.append(_drop(para, "网页标签/页脚"))
        if m := _EDITOR.search(simp):
            facts.setdefault("editor", m["editor"])
        return True
    if _STARS.match(squeeze(simp)) or _RELEASE_END.match(squeeze(simp)):
        dropped.append(_drop(para, "新闻公报分隔符"))
        return True
    if m := _CN_DATE.match(squeeze(simp)):
        facts.setdefault("date", _date(m["y"], m["m"], m["d"]))
        dropped.append(_drop(para, "新闻公报日期"))
        return True
    if _RELEASE_TIME.match(squeeze(simp)):
        dropped.append(_drop(para, "新闻公报时间"))
        return True
    return False


def _page_ending(para: Para) -> bool:
    simp = squeeze(para.simp)
    return not para.heading and width(simp) <= 12 and not has_clause_punct(simp) and bool(_ENDING.search(simp))
