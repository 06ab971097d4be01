"""Meetings named in a text, each placed in its series and dated against the article.

A date belongs to a meeting when it stands just before the name in the same
sentence (1月14日，全国科技工作会议…; 2025年中央经济工作会议), or right after it
(全国科技工作会议26日在京召开); names listed with 、 share one date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from textkit.punctuation import SENTENCE_END

from .dates import DateContext, DateExpr, end_date, find_dates, resolve
from .model import PartialDate
from .numerals import to_int
from .organizations import OrgHit

WORK, PLENARY, STUDY, PRESS, SYMPOSIUM, CONGRESS = (
    "work_conference", "plenary", "study_session", "press_conference", "symposium", "congress",
)
SERIES = {
    "全国科技工作会议": WORK,
    "中央经济工作会议": WORK,
    "中央科技工作会议": WORK,
    "全国教育工作会议": WORK,
    "全国科技大会": CONGRESS,
    "国家科学技术奖励大会": CONGRESS,
    "两院院士大会": CONGRESS,
    "世界人工智能大会": CONGRESS,
    "中关村论坛": CONGRESS,
    "国务院常务会议": "other",
}
_SERIES_RE = re.compile("|".join(sorted(SERIES, key=len, reverse=True)))
_N = "一二三四五六七八九"
_PLENUM = re.compile(rf"(?:党的)?(十[{_N}]|二十)届([{_N}])中((?:、[{_N}]中)*)全会")
_CONGRESS = re.compile(r"党的(十[一二三四五六七八九]?|二十)大")
_STUDY = re.compile(r"第([一二三四五六七八九十百\d]+)次集体学习|(?:今年|本年度)?首次集体学习")
_PRESS = re.compile(r"(?:举行|召开|举办)(?P<topic>[\u4e00-\u9fff\d·]{0,40}?)(?P<kind>新闻发布会|记者会)")
# Nationwide meetings of a system: 全国知识产权局局长会议, 全国教育工作会议.
_NATIONWIDE = re.compile(r"全国[\u4e00-\u9fff]{2,10}?(?:工作会议|厅局长会议|局长会议|主任会议)")
_SYMPOSIUM = re.compile(r"[\u4e00-\u9fff]{2,14}座谈会")
_SYMPOSIUM_LEFT = re.compile(r".*(?:在|出席|召开|举行|主持|参加|的|了|时)")
_PLENARY_SUFFIX = re.compile(r"^第[一二三四五六七八九十\d]+次全体会议")


@dataclass(frozen=True)
class MeetingHit:
    start: int
    end: int
    series: str
    name: str
    kind: str
    date: PartialDate | None = None
    end_date: date | None = None


def _sentence_start(text: str, pos: int) -> int:
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, pos)]
    return ends[-1] if ends else 0


def _date_for(text: str, start: int, end: int, dates: list[DateExpr], ctx: DateContext
              ) -> tuple[PartialDate | None, date | None]:
    sentence = _sentence_start(text, start)
    before = [d for d in dates if sentence <= d.start and d.end <= start and start - d.end <= 14
              and _attached(text[d.end : start], year_only=d.year is not None and d.month is None)]
    after = [d for d in dates if end <= d.start <= end + 2 and d.month is None and d.day is not None]
    for expr in (before[-1:] or after[:1]):
        resolved = resolve(expr, ctx)
        if resolved is not None:
            return resolved, end_date(expr, resolved)
    return None, None


def _attached(between: str, year_only: bool) -> bool:
    """The date qualifies the meeting: nothing but a comma right after the date separates them
    (2035年建成科技强国，习近平总书记在全国科技大会上 is a target, not the meeting's date)."""
    if year_only:
        return len(between.strip()) <= 1
    return not re.search(r"[，,；;：:]", between[1:])


def find_meetings(text: str, ctx: DateContext, orgs: list[OrgHit]) -> list[MeetingHit]:
    dates = find_dates(text)
    hits: list[MeetingHit] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, series: str, name: str, kind: str, dated: bool = True,
            anchor: int | None = None) -> None:
        if any(a <= start < b for a, b in taken):
            return
        day, until = (None, None)
        for position in ({anchor, start} - {None} if dated else ()):
            day, until = _date_for(text, position, end, dates, ctx)
            if day is not None:
                break
        if day is None and hits and text[hits[-1].end : start] in ("、", "和", "及"):
            day, until = hits[-1].date, hits[-1].end_date  # 在全国科技大会、两院院士大会上
        hits.append(MeetingHit(start, end, series, name, kind, day, until))
        taken.append((start, end))

    for m in _PRESS.finditer(text):
        clause = max(_sentence_start(text, m.start()), text.rfind(",", 0, m.start()) + 1,
                     text.rfind("，", 0, m.start()) + 1)
        organizers = [o for o in orgs if clause <= o.start and o.end <= m.start()]
        organizer = text[organizers[-1].start : organizers[-1].end] if organizers else ""
        topic, kind = m["topic"], m["kind"]
        name = f"{topic}{kind}" if len(topic) > 4 else f"{organizer}{topic}{kind}"
        start = m.start() + 2
        # The date stands before the organizer: 3月11日，北京市人民政府新闻办公室举行新闻发布会
        anchor = organizers[-1].start if organizers else start
        add(start, m.end(), f"{organizer}{kind}" if organizer else kind, name, PRESS, anchor=anchor)
        for inner in _SERIES_RE.finditer(text, start, m.end()):
            year = re.search(r"(\d{4})$", text[max(0, inner.start() - 4) : inner.start()])
            hits.append(MeetingHit(inner.start(), inner.end(), inner.group(0),
                                   (year.group(1) if year else "") + inner.group(0), SERIES[inner.group(0)],
                                   PartialDate(int(year.group(1))) if year else None))
    for m in _SERIES_RE.finditer(text):
        series = m.group(0)
        end = m.end()
        plenary = _PLENARY_SUFFIX.match(text[end:])
        if plenary:
            end += plenary.end()
        year = re.search(r"(\d{4})$", text[max(0, m.start() - 4) : m.start()])
        if year and not any(a <= m.start() < b for a, b in taken):
            hits.append(MeetingHit(m.start() - 4, end, series, year.group(1) + series, SERIES[series],
                                   PartialDate(int(year.group(1)))))
            taken.append((m.start() - 4, end))
            continue
        add(m.start(), end, series, text[m.start() : end], SERIES[series])
    for m in _NATIONWIDE.finditer(text):
        if m.group(0) not in SERIES:
            add(m.start(), m.end(), m.group(0), m.group(0), WORK)
    for m in _PLENUM.finditer(text):
        sessions = [m.group(2), *re.findall(r"[一二三四五六七八九]", m.group(3))]
        for session in sessions:
            add(m.start(), m.end(), "中国共产党中央委员会全体会议", f"党的{m.group(1)}届{session}中全会", PLENARY,
                dated=False)
            taken.pop()  # 二中、三中全会: one span, two sessions
        taken.append(m.span())
    for m in _CONGRESS.finditer(text):
        add(m.start(), m.end(), "中国共产党全国代表大会", m.group(0), CONGRESS, dated=False)
    for m in _STUDY.finditer(text):
        sentence = _sentence_start(text, m.start())
        organ = text.rfind("政治局", sentence, m.start())
        if organ < 0 and m.group(1) is None:
            organ = m.start()
        if organ < 0:
            continue
        start = text.rfind("中共中央政治局", sentence, m.start())
        start = start if start >= 0 else organ
        name = f"中共中央政治局第{m.group(1)}次集体学习" if m.group(1) else ""
        if m.group(1) is None:
            hits.append(MeetingHit(m.start(), m.end(), "中共中央政治局集体学习", name, STUDY))
            continue
        add(start, m.end(), "中共中央政治局集体学习", name, STUDY)
    for m in _SYMPOSIUM.finditer(text):
        left = _SYMPOSIUM_LEFT.match(m.group(0)[:-3])
        start = m.start() + (left.end() if left else 0)
        if m.end() - start >= 5:
            add(start, m.end(), text[start : m.end()], text[start : m.end()], SYMPOSIUM)
    return sorted(hits, key=lambda h: h.start)


def session_number(name: str) -> int | None:
    m = re.search(r"第([一二三四五六七八九十百\d]+)次", name)
    return to_int(m.group(1)) if m else None
