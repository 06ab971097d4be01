"""Policy documents cited by title in 《》, with number, issuers, kind and dates.

Not everything in 《》 is a policy document: a title counts when it ends in a
document genre (法, 条例, 办法, 意见, 通知, 方案, 规划, 计划, 倡议, 宣言, 举措…).
Programme titles (《时政微观察》), newspapers and compilations such as
《中国智·惠世界(2026)》案例集 are not documents: they set no policy.
(以下简称《方案》) declares a short title; later 《方案》 means the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from textkit.analysis import normalize_doc_number
from textkit.punctuation import STATEMENT_END

from .dates import FUTURE_AFTER, DateContext, find_dates, resolve
from .model import PartialDate
from .organizations import OrgHit, load_table, longest_known_name, lookup_organization

# Longest genre words first; the value is the DocumentKind.
GENRES = (
    ("指导意见", "意见"), ("实施意见", "意见"), ("意见", "意见"), ("通知", "通知"), ("公告", "通知"),
    ("实施方案", "方案"), ("行动方案", "方案"), ("方案", "方案"), ("管理办法", "办法"), ("办法", "办法"),
    ("规定", "办法"), ("细则", "办法"), ("条例草案", "条例"), ("条例", "条例"), ("法", "法"),
    ("行动计划", "计划"), ("计划", "计划"),
    ("倡议", "倡议"), ("宣言", "宣言"), ("举措", "举措"), ("措施", "举措"), ("规划", "规划"), ("纲要", "规划"),
    ("决定", "其他"), ("报告", "报告"), ("指引", "其他"), ("指南", "其他"),
    # Treaties and agreements China is party to, Hong Kong's 规例, and roadmaps set policy too.
    ("条约", "其他"), ("协定", "其他"), ("公约", "其他"), ("规例", "办法"), ("路线图", "规划"),
)
_TITLE = re.compile(r"《(?P<title>[^《》]{2,80})》")
_SHORT = re.compile(r"^[（(]\s*(?:[^)）]*?[，,]\s*)?以下简称《(?P<short>[^《》]{1,20})》")
_NUMBER = re.compile(
    r"^[（(]\s*(?P<number>[\u4e00-\u9fff]{1,16}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,5}\s*号)"
)
_RELEASE = re.compile(r"印发|发布|出台|颁布|公布|修订|制定|审议通过|发文|联合下发|下发")
_EFFECTIVE = re.compile(r"将?(?:于|自)(?P<date>[\d年月日\s]{6,14})起(?:施行|实施|执行)")


@dataclass
class DocHit:
    start: int
    end: int  # the span covers the title with its 《》
    title: str
    kind: str
    short_title: str = ""
    doc_number: str = ""
    issuers: list[str] = field(default_factory=list)
    issued: PartialDate | None = None
    is_reference: bool = False  # 《方案》 after (以下简称《方案》)


_PERIOD = re.compile(r"[（(][^（()）]*[)）]$")


def genre(title: str) -> str | None:
    title = _PERIOD.sub("", title)  # …实施方案（2026—2028年）
    for suffix, kind in GENRES:
        if title.endswith(suffix):
            return kind
    return None


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in STATEMENT_END.finditer(text, 0, pos)]
    end = STATEMENT_END.search(text, pos)
    return (starts[-1] if starts else 0), (end.end() if end else len(text))


def _issuers(text: str, start: int, orgs: list[OrgHit]) -> list[str]:
    """Organizations before the title in its sentence, when a release verb follows them."""
    sentence, _ = _sentence_bounds(text, start)
    media = {name for name, entry in load_table().items() if entry.kind == "media"}
    before = [o for o in orgs if sentence <= o.start and o.end <= start and o.name not in media]
    if not before or not _RELEASE.search(text, before[-1].end, start):
        return []
    return list(dict.fromkeys(o.name for o in before))


def find_documents(text: str, ctx: DateContext, orgs: list[OrgHit]) -> list[DocHit]:
    hits: list[DocHit] = []
    shorts: dict[str, DocHit] = {}
    for m in _TITLE.finditer(text):
        title = re.sub(r"\s+", "", m["title"])  # a long title broken across lines of a centred heading
        if title in shorts:
            ref = shorts[title]
            hits.append(DocHit(m.start(), m.end(), ref.title, ref.kind, is_reference=True))
            continue
        kind = genre(title)
        if kind is None:
            continue
        hit = DocHit(m.start(), m.end(), title, kind)
        tail = text[m.end() : m.end() + 60]
        if number := _NUMBER.match(tail):
            hit.doc_number = normalize_doc_number(re.sub(r"\s+", "", number["number"]))
        if short := _SHORT.match(tail) or re.match(r"^[（(][^)）]*以下简称《(?P<short>[^《》]{1,20})》", tail):
            hit.short_title = short["short"]
            shorts[hit.short_title] = hit
        hit.issuers = _issuers(text, m.start(), orgs) or issuers_in_title(title)
        if not hit.issuers and (prev := _previous_sentence_issuers(text, m.start(), orgs)):
            hit.issuers = prev
        hit.issued = _issued(text, m.start(), ctx) if hit.issuers or _RELEASE.search(
            text, _sentence_bounds(text, m.start())[0], m.start()) else None
        hits.append(hit)
    return hits


_TITLE_SEPARATORS = "、，, 　和与及"


def issuers_in_title(title: str) -> list[str]:
    """The issuers a title names before 关于 (中共中央办公厅国务院办公厅关于… → both offices), when
    that prefix is nothing but known organizations (organizations.toml, by name or alias)."""
    prefix, found, _ = title.partition("关于")
    if not found or not prefix:
        return []
    issuers, pos = [], 0
    while pos < len(prefix):
        if prefix[pos] in _TITLE_SEPARATORS:
            pos += 1
            continue
        name = longest_known_name(prefix, pos)
        if name is None:
            return []  # something that is not an organization: not an issuer list
        issuers.append(lookup_organization(name))
        pos += len(name)
    return list(dict.fromkeys(issuers))


def _previous_sentence_issuers(text: str, start: int, orgs: list[OrgHit]) -> list[str]:
    """第2项是《…》: the issuer was named in the sentence announcing the items."""
    sentence, _ = _sentence_bounds(text, start)
    if not re.search(r"第[\d一二三四五六七八九十]+项", text[sentence:start]):
        return []
    for _ in range(3):
        if sentence == 0:
            break
        previous, _ = _sentence_bounds(text, sentence - 1)
        names = [o for o in orgs if previous <= o.start and o.end <= sentence]
        if names and _RELEASE.search(text, names[-1].end, sentence):
            return list(dict.fromkeys(o.name for o in names))
        sentence = previous
    return []


def _issued(text: str, start: int, ctx: DateContext) -> PartialDate | None:
    sentence, _ = _sentence_bounds(text, start)
    for expr in reversed(find_dates(text[sentence:start])):
        if expr.month is None and expr.relative == "" and expr.day is None:
            continue  # a bare year names a period, not an issue date
        if FUTURE_AFTER.match(text[sentence + expr.end : sentence + expr.end + 4]):
            continue
        return resolve(expr, ctx)
    return None


def effective_dates(text: str, ctx: DateContext) -> list[tuple[int, PartialDate]]:
    """(position, date) of '将于2026年4月1日起实施' statements."""
    found = []
    for m in _EFFECTIVE.finditer(text):
        exprs = find_dates(m["date"])
        if exprs and (resolved := resolve(exprs[0], ctx)) is not None:
            found.append((m.start(), resolved))
    return found
