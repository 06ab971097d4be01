"""Citations of policy documents in a text: every 《title》 that names a document and every document
number (工信部联节〔2026〕13号, in any bracket form), with their places; and the keys a citation is
matched on, so that the ways one document is written resolve to it.

One document is cited in many ways: with and without its issuers before 关于
(《工业和信息化部 国家发展改革委关于开展零碳工厂建设工作的指导意见》 and 《关于开展零碳工厂建设工作的
指导意见》), laws with and without 中华人民共和国, quotation marks inside or not, simplified or
traditional, and by number in 〔〕 [] 【】 or （）. title_key() folds those ways into one key.
Pure: text in, values out (articles.services.citations resolves them against the knowledge base).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textkit.analysis import normalize
from textkit.folding import normalize_doc_number

from .documents import _SHORT, GENRES, genre

_TITLE = re.compile(r"《(?P<title>[^《》]{2,80})》")
_OPEN, _CLOSE = "〔[［【(（", "〕]］】)）"
_NUMBER = re.compile(
    rf"(?P<issuer>[\u4e00-\u9fff]{{1,16}})\s*[{re.escape(_OPEN)}]\s*(?P<year>\d{{4}})\s*[{re.escape(_CLOSE)}]"
    r"\s*(?P<serial>\d{1,5})\s*号"
)
# Words a number's issuer never starts with, but a sentence puts before it: 根据国办发〔2024〕5号.
_LEAD_IN = re.compile(r"^.*?(?:根据|按照|依据|依照|参照|对照|贯彻|落实|执行|印发|发布|下发|转发|和|及|与|以及|见|的)")
_QUOTES = re.compile(r"[\s\"'“”‘’「」『』〈〉<>]")
_ISSUER_PREFIX = re.compile(r"^[^《》]{2,60}?(?=关于)")
_GENRE_WORDS = {suffix for suffix, _ in GENRES}


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    surface: str  # as printed, with its 《》
    title: str = ""  # a title citation: the title inside 《》, spaces removed
    number: str = ""  # a number citation: the number in canonical form (〔〕)
    number_variants: tuple[str, ...] = ()  # the number with shorter issuers: 根据国办发… → 国办发…

    @property
    def kind(self) -> str:
        return "number" if self.number else "title"

    @property
    def key(self) -> str:
        return title_key(self.title) if self.title else self.number


def title_key(title: str) -> str:
    """What every way of writing one document's title shares (see the module's note)."""
    key = _QUOTES.sub("", normalize(title))
    key = key.removeprefix("中华人民共和国")
    without_issuers = _ISSUER_PREFIX.sub("", key)
    return without_issuers if len(without_issuers) >= 6 else key


def is_bare_genre(title: str) -> bool:
    """《意见》, 《通知》: a short title that names no document without the text declaring it."""
    return _QUOTES.sub("", title) in _GENRE_WORDS


def find_citations(text: str) -> list[Citation]:
    """Every cited document title (one ending in a document genre, documents.genre) and every
    document number outside a title, in order of place."""
    found: list[Citation] = []
    titled: list[tuple[int, int]] = []
    declared: dict[str, str] = {}  # （以下简称《方案》）: the short title → the title it stands for
    declaring = -1  # where the （以下简称《…》） after the last title ends
    for m in _TITLE.finditer(text):
        titled.append((m.start(), m.end()))
        title = re.sub(r"\s+", "", m["title"])
        if m.start() < declaring:
            continue  # the short title being declared: part of the citation before it
        if title in declared:
            found.append(Citation(m.start(), m.end(), m.group(0), title=declared[title]))
        elif genre(title) is not None:
            found.append(Citation(m.start(), m.end(), m.group(0), title=title))
            if short := _SHORT.match(text[m.end() : m.end() + 60]):
                declared[short["short"]] = title
                declaring = m.end() + short.end()
    for m in _NUMBER.finditer(text):
        if any(start <= m.start() < end for start, end in titled):
            continue
        issuer = _LEAD_IN.sub("", m["issuer"]) or m["issuer"]
        start = m.start("issuer") + len(m["issuer"]) - len(issuer)
        number = normalize_doc_number(f"{issuer}〔{m['year']}〕{m['serial']}号")
        shorter = tuple(number[cut:] for cut in range(1, len(issuer) - 1))
        found.append(Citation(start, m.end(), text[start : m.end()], number=number, number_variants=shorter))
    return sorted(found, key=lambda citation: citation.start)
