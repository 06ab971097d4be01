"""A saved web page or pasted page source: the article's text and facts, never markup.

The main text, title, publication date and site name come from trafilatura (with
htmldate for the date), a kept library that knows page boilerplate far better than
rules of ours would. What it leaves out but Chinese news pages print around the
article — 来源：新华社, 责任编辑：X, 发布时间 — is read from the page's visible text.
A page with no article text in it (an index, a search result, an error page) is
refused rather than imported as stories titled with markup.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

import lxml.html
import trafilatura

from textkit.punctuation import SENTENCE_END

from ..dates import calendar_day
from ..errors import NoArticleInPageError
from ..sources import outlet_of_url
from ..text import simplified
from .base import TITLE_BREAK, Unwrapped, Wrapper, WrapperFacts
from .html_text import fragment, visible_lines
from .policy_page import split_table

_TAG = re.compile(r"<\s*/?\s*(?:html|head|body|div|p|span|a|meta|title|script|table|td|br|article|section)\b",
                  re.IGNORECASE)
_DOCTYPE = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<!doctype\s+html", re.IGNORECASE | re.DOTALL)
_MIN_ARTICLE = 30  # Chinese characters of running text an article has at least

_OUTLET_LINE = re.compile(r"[\u4e00-\u9fffA-Za-z·\-]{2,20}")
_PERSON = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_NOT_NAME = re.compile(r"版权|来源|时间|编辑|链接|声明|分享|复制|记者|作者")
_SOURCE = re.compile(r"来源于?\s*[:：]\s*(?P<source>[\u4e00-\u9fffA-Za-z·\-]{2,20}?)"
                     r"(?=\s|$|[|｜丨/／]|责任编辑|编辑|作者|时间)")
_EDITOR = re.compile(r"[（(]?\s*(?:责任编辑|责编|编辑)\s*[:：]\s*"
                     r"(?P<editor>[\u4e00-\u9fff·]{2,4}(?:[、，,][\u4e00-\u9fff·]{2,4})*)")
_PUBLISHED = re.compile(r"(?P<y>20\d\d)\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*"
                        r"(?P<d>\d{1,2})\s*日?\s*\d{1,2}\s*[:：]\s*\d{2}")


def detect(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:4000]
    return bool(_DOCTYPE.match(head)) or (head.startswith("<") and len(_TAG.findall(head)) >= 3)


def _fragment_text(html: str) -> str:
    """A pasted fragment (no <html>, no <body>) that trafilatura finds too short to call an article."""
    return "\n".join(visible_lines(fragment(html)))


def _visible_lines(html: str) -> list[str]:
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    return visible_lines(root)


def _running_text(body: str) -> bool:
    """An article reads in sentences; an index, a list of links or a search result does not."""
    sentences = [line for line in body.splitlines() if len(line.strip()) >= 15 and SENTENCE_END.search(line)]
    return sum(_cjk(line) for line in sentences) >= 2 * _MIN_ARTICLE


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def unwrap(html: str) -> tuple[Unwrapped, ...]:
    # Declarations of the encoding are for bytes; the text here is already decoded.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    whole_page = bool(re.search(r"<\s*(?:html|head|body)\b", html[:5000], re.IGNORECASE))
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                      deduplicate=False)
    lines = _visible_lines(html)
    simple = [simplified(line) for line in lines]
    title = (doc.title or "").strip() if doc is not None else ""
    site = (doc.sitename or "").strip() if doc is not None else ""
    if site and title.endswith(site):  # 标题_新闻_人民网
        title = re.split(r"\s*[_|｜\-—]\s*", title)[0]
    # On a fragment htmldate has no metadata to read and guesses from any number it finds.
    published = _date(doc.date) if doc is not None and whole_page else None
    if published is None and (m := _PUBLISHED.search("\n".join(simple))):
        published = calendar_day(int(m["y"]), int(m["m"]), int(m["d"]))
    url = (doc.url or "") if doc is not None else ""
    # The site by its address where the page gives one; a name like 人民网版权所有 is cleaned.
    site = outlet_of_url(url) or re.sub(r"\s*(?:版权所有|版權所有|Copyright.*|©.*)$", "", site)
    table, after = split_table(lines)
    if table:  # a policy document's page: its information table, then the document as the page shows it
        facts = WrapperFacts(title=title, date=published, site=simplified(site), url=url)
        return (Unwrapped("\n".join(table) + "\n\n" + "\n".join(after), facts, "html"),)

    body = (doc.text or "") if doc is not None else ""
    if _cjk(body) < _MIN_ARTICLE and not whole_page:
        body = _fragment_text(html)
    if _cjk(body) < _MIN_ARTICLE or not _running_text(body):
        raise NoArticleInPageError
    source = next((m["source"] for line in simple if (m := _SOURCE.search(line))), "")
    if not source:  # 来源： and the outlet in an element of its own, on the next line
        source = next((nxt for line, nxt in itertools.pairwise(simple)
                       if re.search(r"来源\s*[:：]\s*$", line) and _OUTLET_LINE.fullmatch(nxt)), "")
    editor = next((m["editor"] for line in reversed(simple) if (m := _EDITOR.search(line))), "")
    if not editor:  # 责任编辑： and the name in an element of its own
        editor = next((nxt for line, nxt in itertools.pairwise(simple)
                       if re.search(r"(?:责任编辑|责编)\s*[:：]\s*$", line) and _PERSON.fullmatch(nxt)), "")
    # trafilatura's author is often a line of page chrome (版权声明 来源：… 时间：): names only.
    authors = tuple(a for a in (a.strip() for a in re.split(r"[;；,，、\s]+", doc.author or ""))
                    if _PERSON.fullmatch(simplified(a)) and not _NOT_NAME.search(simplified(a)))
    facts = WrapperFacts(title=title, date=published, site=simplified(site), source=source, editor=editor,
                         authors=authors, url=url, single_story=True)
    text = title + TITLE_BREAK + body if title and not body.startswith(title) else body
    return (Unwrapped(text, facts, "html"),)


WRAPPER = Wrapper(name="html", detect=detect, unwrap=unwrap)
