"""A page whose stories are marked with Markdown headings (# 标题)."""

from __future__ import annotations

from ..layout import HEADING, MARKDOWN, nonblank_lines
from .base import PageLayout


def detect(text: str) -> bool:
    return any(HEADING.match(ln.text) for ln in nonblank_lines(text))


LAYOUT = PageLayout(name=MARKDOWN, detect=detect)
