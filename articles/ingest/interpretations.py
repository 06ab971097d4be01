"""Which of the documents an article cites it interprets (解读): a 政策解读, an 答记者问, an official's
or expert's explanation of a document, as against ordinary coverage that only mentions it.

An article interprets a document when it says so where a reader looks first — its title, or the
opening of its text — and names the document there: 《…》解读, 有关负责人就《…》答记者问,
一图读懂《…》, 专家解读《…》. A title that announces an explanation (解读, 答记者问, 问答, 吹风会,
一图读懂) without naming a document interprets the first document its opening cites.
Pure: the article's text and the places of its resolved citations in, document ids out.
"""

from __future__ import annotations

import re

# An explanation announced (title, or the opening sentence of the text).
EXPLAINING = re.compile(
    r"解读|解码|答记者问|答问|问答|答网友问|吹风会|新闻发布会|权威发布|一图读懂|一图看懂|一图了解|图解|划重点|释疑|热点问题"
    r"|负责人[^。，]{0,12}(?:就|谈|介绍|解答|回答)|专家[^。，]{0,8}(?:谈|解析|解答|解读)"
)
# In the opening: the explanation tied to the cited document (就《…》答记者问, 对《…》进行解读).
OPENING_CHARS = 200
_OPENING_TIE = re.compile(r"就|对|解读|介绍|解答|回答")


def interpreted(title: str, body: str, cited: list[tuple[str, int, int]]) -> list[int]:
    """The ids of the documents the article interprets, from cited: (place, start, document id) of
    every resolved citation, place being "title" or "body"."""
    in_title = [doc for place, _, doc in cited if place == "title"]
    opening = [(start, doc) for place, start, doc in cited if place == "body" and start < OPENING_CHARS]
    if EXPLAINING.search(title):
        if in_title:
            return list(dict.fromkeys(in_title))
        if opening:
            return [min(opening)[1]]
        return []
    head = body[: OPENING_CHARS + 60]
    if EXPLAINING.search(head):
        tied = [doc for start, doc in sorted(opening) if _OPENING_TIE.search(body, max(0, start - 8), start)]
        return list(dict.fromkeys(tied))[:1]
    return []
