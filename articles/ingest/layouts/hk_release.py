"""A Hong Kong government press release (新闻公报): stories closed by 完 and a 香港时间 line."""

from __future__ import annotations

import re

from ..layout import RELEASE, nonblank_lines
from ..text import simplified
from .base import PageLayout

_RELEASE_END = re.compile(r"^香港时间\s*\d{1,2}\s*时\s*\d{1,2}\s*分$")


def detect(text: str) -> bool:
    return any(_RELEASE_END.match(simplified(ln.text)) for ln in nonblank_lines(text)[-4:])


LAYOUT = PageLayout(name=RELEASE, detect=detect, chrome=True, publication="香港特区政府新闻公报",
                    story_kind="notice")
