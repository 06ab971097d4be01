"""Dates as the texts write them, resolved against the article or the page.

Rules (documented because a careful reader applies them too):
- a month-day without a year takes the year of the reference date, or the year
  before when that would put it more than a month after the reference (a
  dateline of 12月30日 on a page of 3 January belongs to the old year);
- 今年/去年/明年 count from the reference year;
- a page with no masthead date gets its year from the text: a sentence that
  names the current year (2026年是…之年, 研究部署2025年重点任务) wins; otherwise
  every complete date the text cites as past (2024年6月24日) is a lower bound,
  and an undated month-day is placed in the first year after it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from .model import PartialDate
from .numerals import to_int

_CN = "〇○零一二三四五六七八九十"
_NUM = rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})"
DATE_RE = re.compile(
    rf"(?:(?P<rel>今年|去年|明年|前年)|(?P<year>\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*年)?\s*"
    rf"(?P<month>{_NUM})\s*月\s*(?:(?P<day>{_NUM})\s*(?:[—–\-~至到]\s*(?P<day2>{_NUM})\s*)?[日号])?"
)
ISO_RE = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)")
YEAR_RE = re.compile(r"(?<!\d)(?P<year>\d{4})\s*年(?!\s*\d{1,2}\s*月)")
TODAY_RE = re.compile(r"今日|今天|昨日|昨天|前日|前天")
DAY_RE = re.compile(r"(?<![\d月])(?P<day>\d{1,2})\s*日(?!电)")
CURRENT_YEAR_RE = re.compile(r"(?<!\d)(\d{4})\s*年是|部署\s*(\d{4})\s*年")
FUTURE_AFTER = re.compile(r"^\s*(?:起|前|以前|之前|以后|后)")
FUTURE_BEFORE = re.compile(r"(?:将于|将在|到|至|力争)\s*$")


_DAYS_BACK = {"今日": 0, "今天": 0, "昨日": 1, "昨天": 1, "前日": 2, "前天": 2}


# 2025-01-14 · 2025年01月14日 · 2025/1/14 · 2025.01.14: a day written with every part in figures.
NUMERIC_DAY = re.compile(r"(?P<y>\d{4})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})")


def calendar_day(year: int, month: int, day: int) -> date | None:
    """The day, or None where the figures name none (2月30日)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def numeric_day(text: str) -> date | None:
    """The first day written in figures in text (a 日期： line, a table's 成文日期)."""
    m = NUMERIC_DAY.search(text)
    return calendar_day(int(m["y"]), int(m["m"]), int(m["d"])) if m else None


@dataclass(frozen=True)
class DateExpr:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    day2: int | None = None
    relative: str = ""


@dataclass(frozen=True)
class DateContext:
    """What undated expressions are resolved against."""

    ref: date | None = None
    year: int | None = None
    lower: date | None = None

    @property
    def ref_year(self) -> int | None:
        return self.ref.year if self.ref else self.year


def _month_ok(month: int | None, day: int | None) -> bool:
    return month is not None and 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def find_dates(text: str) -> list[DateExpr]:
    """Every date expression in text, in order, without overlaps."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for m in ISO_RE.finditer(text):
        month, day = int(m["month"]), int(m["day"])
        if _month_ok(month, day):
            found.append(DateExpr(m.start(), m.end(), int(m["year"]), month, day))
            taken.append(m.span())
    for m in DATE_RE.finditer(text):
        if not free(*m.span()):
            continue
        month = to_int(m["month"])
        day = to_int(m["day"]) if m["day"] else None
        if not _month_ok(month, day):
            continue
        year = to_int(m["year"]) if m["year"] else None
        found.append(DateExpr(m.start(), m.end(), year, month, day,
                              to_int(m["day2"]) if m["day2"] else None, m["rel"] or ""))
        taken.append(m.span())
    for m in YEAR_RE.finditer(text):
        if free(*m.span()):
            found.append(DateExpr(m.start(), m.end(), int(m["year"]), None, None))
            taken.append(m.span())
    for m in TODAY_RE.finditer(text):
        if free(*m.span()):
            found.append(DateExpr(m.start(), m.end(), None, None, None, relative=m.group(0)))
            taken.append(m.span())
    for m in DAY_RE.finditer(text):
        day = int(m["day"])
        if free(*m.span()) and 1 <= day <= 31:
            found.append(DateExpr(m.start(), m.end(), None, None, day))
            taken.append(m.span())
    return sorted(found, key=lambda e: e.start)


def resolve(expr: DateExpr, ctx: DateContext) -> PartialDate | None:
    if expr.relative in _DAYS_BACK:
        if ctx.ref is None:
            return None
        return PartialDate.of(ctx.ref - timedelta(days=_DAYS_BACK[expr.relative]))
    year = expr.year
    month = expr.month
    if month is None and expr.day is not None:
        if ctx.ref is None:
            return None
        month = ctx.ref.month
        year = ctx.ref.year
    if year is None and expr.relative:
        if ctx.ref_year is None:
            return None
        year = ctx.ref_year + {"今年": 0, "去年": -1, "明年": 1, "前年": -2}[expr.relative]
    if year is None:
        year = _year_for(month, expr.day or 1, ctx)
        if year is None:
            return None
    try:
        if month and expr.day:
            date(year, month, expr.day)
    except ValueError:
        return None
    return PartialDate(year, month, expr.day)


def _year_for(month: int | None, day: int, ctx: DateContext) -> int | None:
    if month is None:
        return None
    if ctx.ref is not None:
        year = ctx.ref.year
        try:
            if date(year, month, day) > ctx.ref + timedelta(days=31):
                year -= 1
        except ValueError:
            return None
        return year
    if ctx.year is not None:
        return ctx.year
    if ctx.lower is not None:
        year = ctx.lower.year
        try:
            if date(year, month, day) < ctx.lower:
                year += 1
        except ValueError:
            return None
        return year
    return None


def dateline_day(month: int, day: int, ctx: DateContext) -> PartialDate | None:
    """A dateline's month and day (新华社北京12月30日电): the latest such day not after the page's
    date — a story is filed before it is printed, so never a year later (a day's grace for time
    zones: 新华社华盛顿6月11日电 on a page of 6月11日)."""
    if ctx.ref is None:
        return resolve(DateExpr(0, 0, None, month, day), ctx)
    for year in (ctx.ref.year, ctx.ref.year - 1, ctx.ref.year - 4):  # 2月29日 falls back a leap cycle
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= ctx.ref + timedelta(days=1):
            return PartialDate.of(candidate)
    return None


def end_date(expr: DateExpr, start: PartialDate | None) -> date | None:
    if start is None or expr.day2 is None or start.month is None:
        return None
    try:
        return date(start.year, start.month, expr.day2)
    except ValueError:
        return None


def infer_page_year(text: str) -> DateContext:
    """Year evidence for a page that prints no date of its own (see the module docstring)."""
    stated = Counter(int(a or b) for a, b in CURRENT_YEAR_RE.findall(text))
    lower: date | None = None
    for expr in find_dates(text):
        if expr.year is None or expr.month is None or expr.day is None:
            continue
        if FUTURE_AFTER.match(text[expr.end : expr.end + 4]) or FUTURE_BEFORE.search(
            text[max(0, expr.start - 4) : expr.start]
        ):
            continue
        try:
            cited = date(expr.year, expr.month, expr.day)
        except ValueError:
            continue
        lower = max(lower, cited) if lower else cited
    year = stated.most_common(1)[0][0] if stated else None
    return DateContext(year=year, lower=lower)


def latest_past_date(text: str, ctx: DateContext) -> date | None:
    """The latest complete date the text reports as past: a lower bound for an undated page."""
    latest: date | None = None
    for expr in find_dates(text):
        if expr.month is None or expr.day is None:
            continue
        if FUTURE_AFTER.match(text[expr.end : expr.end + 4]) or FUTURE_BEFORE.search(
            text[max(0, expr.start - 4) : expr.start]
        ):
            continue
        resolved = resolve(expr, ctx)
        value = resolved.as_date() if resolved else None
        if value is not None and (latest is None or value > latest):
            latest = value
    return latest
