"""Regular expressions for the conventions of Chinese news pages, matched on simplified text."""

from __future__ import annotations

import re

from .sources import is_outlet

NAME = r"[\u4e00-\u9fff·]{2,5}"
NAMES = rf"{NAME}(?:\s*[、，,\s]\s*{NAME})*"
AGENCIES = "新华社|中新社|中国新闻社|人民日报|本报|央视新闻|经济日报|科技日报"

# 新华社北京1月26日电(记者 温竞华) / 本报北京3月4日电（记者李红梅、王浩）/ 新华社北京7月7日电
DATELINE = re.compile(
    rf"^(?P<agency>{AGENCIES})(?:记者|特约记者)?(?P<place>[\u4e00-\u9fff]{{2,8}}?)\s*"
    r"(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*电\s*"
    rf"(?:[（(]\s*(?:记者|通讯员)?\s*(?P<names>{NAMES})\s*[)）])?"
)
TRAILING_DATELINE = re.compile(
    rf"(?:[（(]\s*记者\s*(?P<names>{NAMES})\s*[)）])?\s*"
    rf"[（(](?P<agency>{AGENCIES})(?P<place>[\u4e00-\u9fff]{{2,8}}?)(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日电[)）]\s*$"
)
# 本报讯（记者张伟） 1月14日，
BENBAO = re.compile(rf"^本报讯\s*(?:[（(]\s*(?:记者|通讯员)\s*(?P<names>{NAMES})\s*[)）])?")
# ● 本报记者 乔翔 / 记者 温竞华 / 文/记者 X
BYLINE = re.compile(rf"^[●■◆▲★]?\s*(?:文\s*/\s*)?(?:本报|新华社)?(?:记者|通讯员)\s*(?P<names>{NAMES})\s*$")
# 新华社记者 金立旺/摄 · 新华社记者\n张端/摄 · 新华社记者 谢吟 摄 · 本报记者 X摄
CREDIT = re.compile(
    rf"^[（(]?\s*(?P<agency>新华社|本报|人民日报|中新社)?\s*(?:特约)?(?:记者|通讯员)?\s*"
    rf"(?P<names>{NAMES})\s*/?\s*摄\s*[)）]?(?:\s*[（(][\u4e00-\u9fff]{{2,8}}[)）])?$"
)
CAPTION_MARK = re.compile(r"^(?:左图|右图|上图|下图|中图|图[一二三四五六\d]?[:：]|图为|△)")
CAPTION_INSIDE = re.compile(r"图为|拍摄的|摄于")
CONTINUED = re.compile(r"^[（(]\s*上接(?P<page>[^)）]{1,10})[)）]")
CREDITED_SOURCE = re.compile(r"[（(]\s*(?P<column>本栏目稿件)?来源\s*[:：]\s*(?P<source>[^)）]{2,20})[)）]\s*$")
QA = re.compile(r"^(?:问|答|记者)\s*[:：]")


_SPACED_NAME = re.compile(r"(?<=记者)\s*([\u4e00-\u9fff])\s+([\u4e00-\u9fff])(?=\s*/?\s*摄)")


def close_spaced_name(simp: str) -> str:
    """本报记者 邹 毅摄: two-character names are printed with a space inside."""
    return _SPACED_NAME.sub(r"\1\2", simp.strip())


def is_credit(simp: str) -> bool:
    return bool(CREDIT.match(close_spaced_name(simp)))


def is_story_opener(simp: str) -> bool:
    """A paragraph that can only begin a story: a dateline or 本报讯."""
    simp = simp.strip()
    return bool(DATELINE.match(simp) or BENBAO.match(simp))


def split_names(names: str) -> tuple[str, ...]:
    return tuple(n for n in re.split(r"[、，,\s]+", names.strip()) if n)

MASTHEAD = re.compile(r"邮发代号|统一连续出版物号|CN\s*\d{2}\s*[—\-–]\s*\d{4}|星期[一二三四五六日天]|第\d+期|今日\d+版")
BREADCRUMB = re.compile(r"^(首页|主页)\s*[>›»＞]")
WEB_HEADER = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|^来源\s*[:：]|责任编辑\s*[:：]")
TAGS = re.compile(r"^(标签|关键词|相关新闻|分享到|责任编辑)\s*[:：]?")


def is_fixed_line(simp: str) -> bool:
    """Lines that are never half of a broken paragraph: page furniture, bylines, captions, markers."""
    simp = simp.strip()
    return bool(
        MASTHEAD.search(simp) or BREADCRUMB.match(simp) or WEB_HEADER.search(simp) or TAGS.match(simp)
        or BYLINE.match(simp) or CONTINUED.match(simp) or CAPTION_MARK.match(simp) or CREDIT.match(simp)
        or DATELINE.match(simp) or BENBAO.match(simp)
    )


SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s*[｜|_]\s*(?P<site>[\u4e00-\u9fff0-9]{2,8})(?:\s+[A-Za-z]{2,6})?\s*$")


def titled_with_site(simp: str) -> re.Match[str] | None:
    """标题 ｜ 公视新闻网 PNN: a saved page's title line naming its site (a line complete in itself)."""
    match = SITE_SUFFIX.match(simp.strip())
    return match if match and is_outlet(match["site"]) else None
