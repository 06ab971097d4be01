"""The visible text of an HTML fragment, a line per block (paragraph, heading, cell, break)."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "section", "article",
          "blockquote", "table", "ul", "ol", "dd", "dt", "pre", "figure", "figcaption", "hr"}
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


def fragment(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None


def visible_lines(element: lxml.html.HtmlElement | None) -> list[str]:
    if element is None:
        return []
    for bad in element.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in BLOCKS:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in BLOCKS:
            parts.append("\n")

    walk(element)
    lines = (_SPACE.sub(" ", line).strip().strip("\u3000").strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]
