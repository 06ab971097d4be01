"""The Meeting row of a parsed session, whatever precision the texts date it to.

A session is looked up in its series before one is created:

- a day: a day-dated session within a week (another sitting of it: the dates
  widen), else the one session dated only to the month or year containing the
  day (its date becomes exact), else an undated session of the same name;
- a month or a year: the session stored with that very period, else the one
  session of the series inside the period (2024-06 is 2024-06-24's session),
  else the one coarser session containing it (2024 → 2024-06), else an undated
  session of the same name; several sessions inside the period leave the
  reference ambiguous: it is reported as skipped rather than guessed;
- undated: the one session of the series with that name (党的二十大), else the
  series' undated session of that name — blank for a bare 中央经济工作会议, which
  is not tied to any dated session: which one it meant is unknown.

A month or a year is stored as the period's first day with its precision.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from articles.ingest import model as parsed_model
from articles.ingest.model import PartialDate
from articles.models import DatePrecision, Meeting, MeetingSeries

if TYPE_CHECKING:
    from .imports import KnowledgeBaseWriter

SAME_SESSION_DAYS = 7
LABEL = "会议"


def period_of(row: Meeting) -> PartialDate | None:
    """The stored date as the period it stands for."""
    day = row.start_date
    if day is None:
        return None
    if row.date_precision == DatePrecision.YEAR:
        return PartialDate(day.year)
    if row.date_precision == DatePrecision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate.of(day)


def store_meeting(writer: KnowledgeBaseWriter, parsed: parsed_model.Meeting) -> Meeting | None:
    series = writer.upsert(MeetingSeries, "会议系列", {"name": parsed.series}, {"kind": parsed.kind})
    name = parsed.name if parsed.name != parsed.series else ""
    if parsed.date is None:
        return _undated(writer, series, name)
    if parsed.date.precision == DatePrecision.DAY:
        return _on_day(writer, series, parsed, name)
    return _in_period(writer, series, parsed.date, name)


def _only(rows: list[Meeting]) -> Meeting | None:
    return rows[0] if len(rows) == 1 else None


def _named_undated(series: MeetingSeries, name: str) -> Meeting | None:
    return Meeting.objects.filter(series=series, start_date__isnull=True, name=name).first() if name else None


def _undated(writer: KnowledgeBaseWriter, series: MeetingSeries, name: str) -> Meeting:
    row = _only(list(Meeting.objects.filter(series=series, name=name))) if name else None
    row = row or Meeting.objects.filter(series=series, start_date__isnull=True, name=name).first()
    if row is not None:
        return writer.save(row, LABEL, {}, created=False)
    return writer.save(Meeting(series=series, name=name, start_date=None), LABEL, {}, created=True)


def _later(a: date | None, b: date | None) -> date | None:
    return max(filter(None, [a, b]), default=None)


def _on_day(writer: KnowledgeBaseWriter, series: MeetingSeries, parsed: parsed_model.Meeting,
            name: str) -> Meeting:
    start = parsed.date.first_day()
    window = (start - timedelta(days=SAME_SESSION_DAYS), start + timedelta(days=SAME_SESSION_DAYS))
    near = Meeting.objects.filter(series=series, date_precision=DatePrecision.DAY,
                                  start_date__range=window).first()
    end = _later(parsed.end_date, near.end_date if near else None)
    values = {"name": name, "end_date": end if end and end > start else None}
    if near is not None:
        # Another sitting of a session already stored (第二次全体会议 the next day): widen its dates.
        first, last = min(near.start_date, start), _later(_later(values["end_date"], start), near.start_date)
        values.update(start_date=first, end_date=last if last and last > first else None)
        if near.name:
            values.pop("name")
        return writer.save(near, LABEL, values, created=False)
    coarse = [r for r in Meeting.objects.filter(series=series, start_date__year=start.year)
              .exclude(date_precision=DatePrecision.DAY) if period_of(r).contains(parsed.date)]
    row = (_only([r for r in coarse if r.date_precision == DatePrecision.MONTH])
           or _only([r for r in coarse if r.date_precision == DatePrecision.YEAR])
           or _named_undated(series, name))
    values.update(start_date=start, date_precision=DatePrecision.DAY)
    if row is None:
        return writer.save(Meeting(series=series), LABEL, values, created=True)
    if row.name:
        values.pop("name")
    return writer.save(row, LABEL, values, created=False)


def _in_period(writer: KnowledgeBaseWriter, series: MeetingSeries, period: PartialDate,
               name: str) -> Meeting | None:
    start, precision = period.first_day(), period.precision
    rows = list(Meeting.objects.filter(series=series, start_date__year=start.year))
    same = [r for r in rows if r.start_date == start and r.date_precision == precision]
    if same:
        return writer.save(same[0], LABEL, {}, created=False)
    inside = [r for r in rows if period.contains(period_of(r))]
    if len(inside) == 1:
        return writer.save(inside[0], LABEL, {}, created=False)
    if inside:
        writer.report.skipped.append(
            f"会议日期不明确：{name or series.name}（{period.iso()}）可能是该系列 {len(inside)} 次会议中的任一次")
        return None
    values = {"start_date": start, "date_precision": precision}
    row = _only([r for r in rows if period_of(r).contains(period)]) or _named_undated(series, name)
    if row is None:
        return writer.save(Meeting(series=series), LABEL, {**values, "name": name}, created=True)
    return writer.save(row, LABEL, values if row.name else {**values, "name": name}, created=False)
