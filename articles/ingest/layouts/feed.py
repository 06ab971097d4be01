"""An RSS or Atom feed: a page per item, each one article (crawlers save a day's paper so).

Each item's title, link and date, and its content's HTML read to lines. Where the
content is a newspaper site's article block (People's Daily: 引题 in h3, 标题 in h1,
副题 in h2), those become the article's kicker, title and subtitle. A feed title's
page label ([01版：要闻]) gives the page.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

import lxml.etree

from ..errors import NoArticleInPageError
from ..text import simplified
from .base import TITLE_BREAK, Unwrapped, Wrapper, WrapperFacts
from .html_text import fragment, visible_lines

_FEED = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
_PAGE_LABEL = re.compile(r"^\s*[\[【]\s*(?:第\s*)?(?P<page>[\dA-Z]{1,4})\s*版\s*(?:[:：][^\]】]*)?[\]】]\s*")
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def detect(text: str) -> bool:
    return bool(_FEED.match(text.lstrip("\ufeff")[:2000]))


def _text(node, *paths: str) -> str:
    for path in paths:
        found = node.find(path)
        if found is not None:
            value = found.text if found.text is not None else found.get("href", "")
            if value and value.strip():
                return value.strip()
    return ""


def _date(value: str) -> date | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


def _site(channel_title: str) -> str:
    return simplified(re.split(r"\s+[-–—|｜]\s+", channel_title)[0].strip()) if channel_title else ""


def _item_page(item, site: str) -> Unwrapped | None:
    raw_title = _text(item, "title", f"{_ATOM}title")
    label = _PAGE_LABEL.match(raw_title)
    title = raw_title[label.end():].strip() if label else raw_title
    html = _text(item, _CONTENT, "description", f"{_ATOM}content", f"{_ATOM}summary")
    root = fragment(html) if html else None
    kicker = subtitle = ""
    if root is not None:
        heads = {tag: " ".join(visible_lines(h)) for tag in ("h1", "h2", "h3")
                 for h in root.iter(tag) if visible_lines(h)}
        if "h1" in heads:
            title = title or heads["h1"]
            for tag in ("h1", "h2", "h3"):
                for node in list(root.iter(tag)):
                    node.drop_tree()
            kicker, subtitle = heads.get("h3", ""), heads.get("h2", "")
    lines = visible_lines(root)
    if not title or not lines:
        return None
    facts = WrapperFacts(title=title, date=_date(_text(item, "pubDate", f"{_ATOM}published", f"{_ATOM}updated")),
                         site=site, url=_text(item, "link", f"{_ATOM}link"), single_story=True, kicker=kicker,
                         subtitle=subtitle, page=label["page"] if label else "")
    same = re.sub(r"\s+", "", title)
    body = "\n".join(lines)
    if not any(re.sub(r"\s+", "", line) == same for line in lines[:4]):
        body = title + TITLE_BREAK + body
    return Unwrapped(body, facts, "feed")


def unwrap(text: str) -> tuple[Unwrapped, ...]:
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(text.lstrip("\ufeff").encode("utf-8"), parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise NoArticleInPageError from exc
    if root is None:
        raise NoArticleInPageError
    site = _site(_text(root, "channel/title", f"{_ATOM}title"))
    items = root.findall("channel/item") or root.findall(f"{_ATOM}entry") or root.findall(
        "{http://purl.org/rss/1.0/}item")
    pages = tuple(page for item in items if (page := _item_page(item, site)) is not None)
    if not pages:
        raise NoArticleInPageError
    return pages


WRAPPER = Wrapper(name="feed", detect=detect, unwrap=unwrap)
