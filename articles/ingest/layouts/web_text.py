"""A web article copied as text: breadcrumb, a date/来源 header, 责任编辑 at the foot."""

from __future__ import annotations

import re

from ..layout import WEB, nonblank_lines
from ..text import simplified
from .base import PageLayout

_BREADCRUMB = re.compile(r"^(首页|主页|当前位置\s*[:：])\s*[>›»＞]?")
_WEB_HEADER = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}.*来源|来源[:：].*(责任编辑|编辑)[:：]"
    r"|^(?:发布时间|发布日期|时间)\s*[:：]\s*\d{4}[-年/.]\d{1,2}"
    r"|^\d{4}[-/]\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:来源|$)"
)


def detect(text: str) -> bool:
    head = [simplified(ln.text) for ln in nonblank_lines(text)[:8]]
    return any(_BREADCRUMB.match(h) for h in head) or any(_WEB_HEADER.search(h) for h in head)


LAYOUT = PageLayout(name=WEB, detect=detect, chrome=True)
