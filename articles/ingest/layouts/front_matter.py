"""Text with YAML front matter: metadata lines between two ``---`` lines, then the page.

Crawlers and note-taking tools save pages this way. Only flat ``key: value`` lines
are read (title, date, source, publication/site, author, editor, url); other keys
are ignored, and the text after the second ``---`` is read as any other page.
"""

from __future__ import annotations

import re
from datetime import date

from ..text import simplified
from .base import Unwrapped, Wrapper, WrapperFacts

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\n(?P<meta>.*?)\n---[ \t]*\n(?P<body>.*)\Z", re.DOTALL)
_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_DATE = re.compile(r"(?P<y>\d{4})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})")


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
    if m := _DATE.search(value):
        try:
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
    return None


def unwrap(text: str) -> tuple[Unwrapped, ...]:
    match = _BLOCK.match(text)
    assert match is not None  # detect() said so
    values = _values(match["meta"])
    authors = tuple(a for a in re.split(r"[,，、;；\s]+", values.get("author", values.get("authors", ""))) if a)
    site = values.get("publication") or values.get("site") or values.get("sitename") or ""
    facts = WrapperFacts(
        title=values.get("title", ""), date=_date(values.get("date", "")), site=simplified(site),
        source=simplified(values.get("source", "")), editor=values.get("editor", ""), authors=authors,
        url=values.get("url", ""),
    )
    body = match["body"]
    title = facts.title
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n\n{body}"
    return (Unwrapped(body, facts, "front_matter"),)


WRAPPER = Wrapper(name="front_matter", detect=detect, unwrap=unwrap)
