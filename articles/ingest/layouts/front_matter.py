"""Text with YAML front matter: metadata lines between two ``---`` lines, then the page.

Crawlers and note-taking tools save pages this way. Only flat ``key: value`` lines
are read (title, date, source, publication/site, author, editor, url); other keys
are ignored, and the text after the second ``---`` is read as any other page.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

from ..dates import numeric_day
from ..sources import is_outlet
from ..text import simplified
from . import html_page
from .base import TITLE_BREAK, Unwrapped, Wrapper, WrapperFacts

_BLOCK = re.compile(r"\A\ufeff?\s*---[ \t]*\n(?P<meta>.*?)\n---[ \t]*\n(?P<body>.*)\Z", re.DOTALL)
_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


def detect(text: str) -> bool:
    match = _BLOCK.match(text)
    return bool(match) and any(_LINE.match(line) for line in match["meta"].splitlines())


def _values(meta: str) -> dict[str, str]:
    values = {}
    for line in meta.splitlines():
        if m := _LINE.match(line):
            values[m["key"].lower()] = m["value"].strip().strip("'\"")
    return values


def _date(value: str) -> date | None:
    try:  # Tue, 01 Mar 2022 03:16:12 GMT, as feeds and blog exports write it
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    return numeric_day(value)


def unwrap(text: str) -> tuple[Unwrapped, ...]:
    match = _BLOCK.match(text)
    assert match is not None  # detect() said so
    values = _values(match["meta"])
    authors = tuple(a for a in re.split(r"[,，、;；\s]+", values.get("author", values.get("authors", ""))) if a)
    site = values.get("publication") or values.get("site") or values.get("sitename") or ""
    if not site and len(authors) == 1 and is_outlet(simplified(authors[0])):
        site, authors = authors[0], ()  # blog exports of news feeds put the outlet as the author
    facts = WrapperFacts(
        title=values.get("title", ""), date=_date(values.get("date", "")), site=simplified(site),
        source=simplified(values.get("source", "")), editor=values.get("editor", ""), authors=authors,
        url=values.get("url", ""),
    )
    body = match["body"]
    if html_page.detect(body):  # a saved page's HTML under the front matter
        inner = html_page.unwrap(body)[0]
        given = inner.facts
        facts = WrapperFacts(
            title=facts.title or given.title, date=facts.date or given.date, site=facts.site or given.site,
            source=facts.source or given.source, editor=facts.editor or given.editor,
            authors=facts.authors or given.authors, url=facts.url or given.url, single_story=True,
        )
        body = inner.text
    title = facts.title
    if title and not re.sub(r"^[#\s]+", "", body).startswith(title):  # unless the text opens with it
        body = title + TITLE_BREAK + body
    return (Unwrapped(body, facts, "front_matter"),)


WRAPPER = Wrapper(name="front_matter", detect=detect, unwrap=unwrap)
