"""Bylines, editors and credited sources in the forms real pages print them (simplified text).

    〔记者罗添斌／台北报导〕                     Liberty Times
    （中央社记者曾婷瑄河内18日专电）             Central News Agency, its ROC date after the editor:
    （编辑：陈慧萍）1141118                      (ROC year 114 = 2025)
    经济日报／记者X／台北即时报导                udn.com papers
    本报记者 李佩阳 周 欢                        People's Daily (two-character names printed spaced)
    （本报记者孟祥夫、侯琳良、付文）             a joint report's reporters at its end
    （本报北京、柏林……6月11日电 记者龚鸣、谢佳宁）  a dateline at the end
    **记者：** 张真、李雅雯 · 记者：X · 文／X     markdown and plain credit lines
    原文链接：https://news.rthk.hk/…-20250406.htm  where the story was published, and when
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import calendar_day
from .sources import outlet_of_url

# OpenCC gives some rare characters of names their simplified forms outside the basic block (頔 → 𬱖).
_NAME_CHAR = r"\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f·"
_NAME = rf"[{_NAME_CHAR}]{{2,5}}"
_NAMES = rf"{_NAME}(?:\s*[、，,]\s*{_NAME})*"

_CJK = r"[\u4e00-\u9fff]"
_STARS = r"(?:\*\*)?\s*"  # markdown bold around a label: **记者：**

# 〔记者罗添斌／台北报导〕 · [记者X/综合报导]
BRACKET_BYLINE = re.compile(
    rf"^[〔\[［【]\s*(?:记者|特派记者|驻{_CJK}{{1,4}}记者)\s*(?P<names>{_NAMES})\s*[／/]\s*"
    rf"(?P<place>{_CJK}{{0,6}}?)(?:即时)?报导\s*[〕\]］】]"
)
# （中央社记者曾婷瑄河内18日专电） · （中央社台北1日电）
CNA = re.compile(
    rf"^[（(]\s*(?P<agency>中央社)(?:记者(?P<names>{_CJK}{{3}}|{_CJK}{{2}}))?"
    rf"(?P<place>{_CJK}{{2,4}}?)\s*(?P<day>\d{{1,2}})\s*日\s*(?:专)?电\s*[)）]"
)
# 经济日报／记者X／台北即时报导 · 联合报／记者X／台北报导
OUTLET_BYLINE = re.compile(
    rf"^(?P<outlet>{_CJK}{{2,6}}(?:日报|晚报|报|新闻网|网))\s*[／/]\s*(?:记者|特派记者)\s*"
    rf"(?P<names>{_NAMES})\s*[／/]\s*(?P<place>{_CJK}{{0,6}}?)(?:即时)?报导"
)
# 本报记者 李佩阳 周 欢 · 记者 X Y (a line of its own)
SPACED_BYLINE = re.compile(
    r"^[●■◆▲★]?\s*(?:文\s*[／/]\s*)?(?:本报|新华社|人民日报)?(?:特约)?记者\s+(?P<names>[\u4e00-\u9fff·\s]{2,40})$"
)
# 澎湃新闻记者 周頔 · 科技日报记者 X: a reporter of a named outlet
OUTLET_REPORTER = re.compile(
    rf"^(?P<outlet>{_CJK}{{2,8}}?(?:新闻|日报|晚报|时报|报|通讯社|网|电视台))(?:特约)?记者\s*"
    rf"(?P<names>[{_NAME_CHAR}\s、，,]{{2,30}})$"
)
# 新华社 alone on a line above the lead: the agency the story is credited to
AGENCY_LINE = re.compile(
    r"^(?:来源[:：]\s*)?(?P<agency>新华社|中新社|中国新闻社|人民日报|央视新闻|中央社|新华网|人民网|中国政府网)$"
)
# (文/图 刘玺东 易赛楠) at a story's end: its writers, who took its pictures too
TEXT_AND_PICTURES = re.compile(rf"[（(]\s*文\s*[／/]\s*图\s*(?P<names>[{_NAME_CHAR}\s、，,]{{2,30}}?)\s*[)）]\s*$")
# （本报记者孟祥夫、侯琳良） at a story's end
TRAILING_REPORTERS = re.compile(rf"[（(]\s*(?:本报|新华社)?(?:记者|通讯员)\s*(?P<names>{_NAMES})\s*[)）]\s*$")
# （本报北京、柏林、……6月11日电 记者龚鸣、谢佳宁） at a story's end, or cut at its start by the page
TRAILING_MULTI_DATELINE = re.compile(
    r"(?P<agency>本报|新华社)?[\u4e00-\u9fff、]*?(?P<month>\d{1,2})月(?P<day>\d{1,2})日电"
    rf"\s*(?:记者|通讯员)\s*(?P<names>{_NAMES})\s*[)）]\s*$"
)
# 钟伟锋摄（人民视觉） · 新华社记者 X 摄: a picture agency credited in brackets supplies the picture
PHOTO_AGENCY = re.compile(rf"^(?P<names>{_NAMES})\s*摄\s*[（(]\s*(?P<agency>[\u4e00-\u9fff]{{2,8}})\s*[)）]$")
# **记者：** 张真、李雅雯 · 记者：X · 作者：X · 文／X
LABELLED = re.compile(
    rf"^{_STARS}(?P<label>记者|作者|文|撰文|采写|摄影|图|编辑|责任编辑|责编)\s*(?:\*\*)?\s*[:：／/]\s*(?:\*\*)?\s*"
    rf"(?P<names>{_NAMES})\s*$"
)
SOURCE_LINE = re.compile(
    rf"^{_STARS}来源\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(?P<source>[\u4e00-\u9fffA-Za-z·]{{2,16}})\s*$"
)
DATE_LINE = re.compile(
    rf"^{_STARS}(?:日期|发布日期|发布时间|时间)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*"
    r"(?P<y>\d{4})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})"
)
# （编辑：陈慧萍）1141118 — CNA closes with its editor and the date in the ROC calendar.
EDITOR_ROC = re.compile(
    r"[（(]\s*编辑\s*[:：]\s*(?P<editor>[\u4e00-\u9fff·]{2,4}(?:[、/／][\u4e00-\u9fff·]{2,4})*)\s*[)）]"
    r"\s*(?P<roc>1\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))?\s*$"
)
URL_LINE = re.compile(
    r"^(?:(?:原文链接|原文连结|原始网址|原文网址|来源网址|本文链接|链接|连结)\s*[:：]?)?\s*[<\[]?"
    r"(?P<url>https?://[^\s\]>)]+)[>\]]?(?:\(\S*\))?$"
)
_URL_DATE = re.compile(r"(?<!\d)(?P<y>20\d\d)[-/]?(?P<m>0[1-9]|1[0-2])[-/]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")


_LABEL_BREAK = re.compile(r"(?=\*\*\s*[\u4e00-\u9fff]{2,4}\s*[:：])")


@dataclass
class Credits:
    reporters: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    editor: str = ""
    outlet: str = ""  # the publication a byline or link names
    source: str = ""  # a credited source (来源：X)
    agency: str = ""
    place: str = ""
    day: int | None = None  # a dateline's day, its month unknown (CNA: 18日专电)
    month_day: tuple[int, int] | None = None
    date: date | None = None  # a full date the credits give (ROC date, 日期：, the link)

    def add(self, names: str | None, photographers: bool = False) -> None:
        target = self.photographers if photographers else self.reporters
        for name in split_spaced_names(names or ""):
            if name not in target:
                target.append(name)


def split_spaced_names(names: str) -> list[str]:
    """李佩阳 周 欢 → 李佩阳, 周欢: a two-character name is printed with a space inside."""
    tokens = [t for t in re.split(r"[、，,\s]+", names.strip()) if t]
    result: list[str] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i]) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            result.append(tokens[i] + tokens[i + 1])
            i += 2
            continue
        result.append(tokens[i])
        i += 1
    return [n for n in result if 2 <= len(n) <= 6]


def read_credits(lines: list[str]) -> Credits:
    """Credits found in a story's lines (simplified), wherever they stand."""
    found = Credits()
    # **来源：** 大公报  **日期：** 2025-11-28 — markdown labels that the line reader joined into one line
    lines = [part for line in lines for part in _LABEL_BREAK.split(line)]
    for line in lines:
        line = line.strip()
        if m := BRACKET_BYLINE.match(line):
            found.add(m["names"])
            found.place = found.place or m["place"]
        if m := CNA.match(line):
            found.agency = "中央社"
            found.add(m["names"])
            found.place = found.place or m["place"]
            found.day = int(m["day"])
        if m := OUTLET_BYLINE.match(line):
            found.outlet = found.outlet or m["outlet"]
            found.add(m["names"])
            found.place = found.place or m["place"]
        if m := SPACED_BYLINE.match(line):
            found.add(m["names"])
        elif (m := OUTLET_REPORTER.match(line)) and m["outlet"] not in ("本报", "新华社"):
            found.source = found.source or m["outlet"]  # the reporter's outlet wrote the story
            found.add(m["names"])
        if m := TEXT_AND_PICTURES.search(line):
            found.add(m["names"])
            found.add(m["names"], photographers=True)
        if m := TRAILING_MULTI_DATELINE.search(line):
            found.add(m["names"])
            found.agency = found.agency or (m["agency"] or "")
            found.month_day = (int(m["month"]), int(m["day"]))
        elif m := TRAILING_REPORTERS.search(line):
            found.add(m["names"])
        if m := LABELLED.match(line):
            if m["label"] in ("编辑", "责任编辑", "责编"):
                found.editor = found.editor or m["names"]
            else:
                found.add(m["names"], photographers=m["label"] in ("摄影", "图"))
        if m := AGENCY_LINE.match(line):
            found.source = found.source or m["agency"]
        if m := PHOTO_AGENCY.match(line):
            found.add(m["names"], photographers=True)
            found.source = found.source or m["agency"]
        if m := SOURCE_LINE.match(line):
            found.source = found.source or m["source"]
        if m := DATE_LINE.match(line):
            found.date = found.date or calendar_day(int(m["y"]), int(m["m"]), int(m["d"]))
        if m := EDITOR_ROC.search(line):
            found.editor = found.editor or m["editor"]
            if m["roc"]:
                roc = m["roc"]
                found.date = found.date or calendar_day(int(roc[:3]) + 1911, int(roc[3:5]), int(roc[5:7]))
        if m := URL_LINE.match(line):
            found.outlet = found.outlet or (outlet_of_url(m["url"]) or "")
            if d := _URL_DATE.search(m["url"]):
                found.date = found.date or calendar_day(int(d["y"]), int(d["m"]), int(d["d"]))
    return found


def is_credit_line(line: str) -> bool:
    """A line that holds only credits (dropped from the story's text when read)."""
    line = line.strip()
    return bool(BRACKET_BYLINE.fullmatch(line) or SPACED_BYLINE.match(line) or LABELLED.match(line)
                or OUTLET_REPORTER.match(line) or AGENCY_LINE.match(line)
                or SOURCE_LINE.match(line) or DATE_LINE.fullmatch(line) or URL_LINE.match(line)
                or OUTLET_BYLINE.fullmatch(line))
