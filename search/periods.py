"""Calendar periods as the index stores them and trends count them: day, ISO week, month, year.

A period's key is an integer (2026, 202601, 202603 for ISO week 3, 20260115): the index keeps one
per dated record (search_indexes: year, month, week, day) and trends count records per key, so
both read the key from here.
"""

from __future__ import annotations

import datetime

INTERVALS = ("day", "week", "month", "year")


def key_of(interval: str, day: datetime.date) -> int:
    if interval == "year":
        return day.year
    if interval == "month":
        return day.year * 100 + day.month
    if interval == "week":
        iso = day.isocalendar()
        return iso.year * 100 + iso.week
    return day.year * 10000 + day.month * 100 + day.day


def start_of(interval: str, key: int) -> datetime.date:
    """The first day of the period a key names."""
    if interval == "year":
        return datetime.date(key, 1, 1)
    if interval == "month":
        return datetime.date(key // 100, key % 100, 1)
    if interval == "week":
        return datetime.date.fromisocalendar(key // 100, key % 100, 1)
    return datetime.date(key // 10000, key // 100 % 100, key % 100)


def next_start(interval: str, start: datetime.date) -> datetime.date:
    if interval == "year":
        return datetime.date(start.year + 1, 1, 1)
    if interval == "month":
        return datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + datetime.timedelta(days=7 if interval == "week" else 1)


def label(interval: str, start: datetime.date) -> str:
    if interval == "year":
        return str(start.year)
    if interval == "month":
        return f"{start.year}-{start.month:02d}"
    if interval == "week":
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return start.isoformat()
