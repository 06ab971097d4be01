"""A newspaper page whose lines were cut by narrow columns (a fragment a line, even mid-word)."""

from __future__ import annotations

from ..layout import COLUMNS, nonblank_lines
from ..text import width
from .base import PageLayout


def detect(text: str) -> bool:
    lines = nonblank_lines(text)
    return len(lines) >= 20 and sum(width(ln.text) <= 18 for ln in lines) >= 0.6 * len(lines)


LAYOUT = PageLayout(name=COLUMNS, detect=detect, paragraphs=COLUMNS)
