"""Which officials took part in a meeting, and how, read from the sentence that says so.

Only people the page makes officials (a post of public office somewhere in it)
are considered; the part is read from what follows the name:

- 出席会议并讲话, 出席大会并发表重要讲话 → attended and spoke; 出席/参加… → attended;
- 作工作报告 → reported; 主持会议, 在主持学习时强调 → chaired;
- 发表重要讲话, 致辞, or any statement made 在…上 (在座谈会上强调, 在发布会上说,
  在全国科技大会、两院院士大会上，习近平总书记…发出…) → spoke;
- in the report of a press conference, an official's statement (介绍, 说, 表示,
  补充, 透露) after the story introduces the conference → spoke: such a report
  quotes the conference's speakers.

The meeting is the one named in the phrase (在全国科技大会上), else — for 会议,
大会, 发布会, 学习 or no object at all — the last meeting the text reported
being held (召开, 举行, 进行…) before the name, in the body or the headline.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from textkit.punctuation import PROSE_MARKS, SENTENCE_ENDS, STATEMENT_ENDS

from .meetings import PRESS, STUDY, SYMPOSIUM, MeetingHit

if TYPE_CHECKING:
    from .entities import FieldView, Session

SPOKE, CHAIRED, REPORTED, ATTENDED = "spoke", "chaired", "reported", "attended"

# A line break bounds clauses and sentences too: a headline ends with none of the marks.
_STOP = PROSE_MARKS + "\n"
_SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}\n]")
_CLAUSE_END = re.compile(rf"[{_STOP}]")
_EVENT_VERB = re.compile(r"召开|举行|举办|开幕|闭幕|进行|开班")
_TAIL = re.compile(r"(?:总书记|同志)?")
_LOC = re.compile(rf"在(?P<loc>[^{_STOP}]{{1,60}}?)(?P<end>上|时|期间)[，,]?")
_PREFIX_LOC = re.compile(rf"在(?P<loc>[^{STATEMENT_ENDS}\n]{{1,60}}?)上[，,]?[^{_STOP}]{{0,30}}$")
_SPEECH = rf"发表(?:了)?(?:重要)?(?:讲话|致辞|演讲)|讲话(?=[{_STOP}]|$)|致辞|作(?:了)?(?:重要)?讲话"
_SPEAK = re.compile(_SPEECH)
# What the official did, in the order tried; several may be joined by 并 (主持会议并讲话).
_PREDICATES = (
    (re.compile(rf"(?:出席|参加)(?P<obj>[^{_STOP}并]{{0,40}})"), ATTENDED),
    (re.compile(rf"主持(?P<obj>[^{_STOP}并]{{0,20}})"), CHAIRED),
    (re.compile(r"作(?:了)?(?!出)[\u4e00-\u9fff]{0,6}?报告(?P<obj>)"), REPORTED),
    (re.compile(rf"(?:{_SPEECH})(?P<obj>)"), SPOKE),
)
_SAY = re.compile(r"强调|指出|表示|说|介绍|宣布|提出|透露|补充|称|发出")
# A meeting referred to by a common noun: the one last reported being held.
_ANAPHOR = re.compile(r"(?:会议|大会|全会|发布会|记者会|座谈会|学习|开班式|开幕式|研讨班|^会)$")
_NOUN_KIND = {"发布会": PRESS, "记者会": PRESS, "学习": STUDY, "座谈会": SYMPOSIUM}


class _Reader:
    """One field of one article: its text, the meetings named in it, and those reported as held."""

    def __init__(self, view: FieldView, headline: FieldView | None) -> None:
        self.text = view.mapped.text
        self.hits = _outermost(view.meetings)
        self.events = [h for h in self.hits if _held(self.text, h)]
        self.headline_events = _Reader(headline, None).events if headline is not None else []

    def named(self, start: int, end: int) -> list[MeetingHit]:
        return [h for h in self.hits if start <= h.start and h.end <= end]

    def last_held(self, before: int, noun: str = "") -> list[MeetingHit]:
        kind = next((k for n, k in _NOUN_KIND.items() if noun.endswith(n)), None)
        for events in ([h for h in self.events if h.start < before], self.headline_events):
            fitting = [h for h in events if kind is None or h.kind == kind]
            if fitting:
                return fitting[-1:]
        return []

    def target(self, start: int, end: int, before: int, *, bare: bool) -> list[MeetingHit]:
        """The meetings a phrase names: by name, by a common noun, or — when bare — by its absence."""
        named = self.named(start, end)
        if named:
            return named
        phrase = self.text[start:end]
        noun = _ANAPHOR.search(phrase)
        if noun or (bare and not phrase):
            return self.last_held(before, noun.group(0) if noun else "")
        return []

    def parts(self, start: int, end: int) -> list[tuple[MeetingHit, str]]:
        """What the official named at text[start:end] did, and at which meeting."""
        text = self.text
        pos = _TAIL.match(text, end).end()
        stop = _SENTENCE_END.search(text, pos)
        sentence_end = stop.start() if stop else len(text)
        sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
        where: tuple[int, int] | None = None
        loc = _LOC.match(text, pos)
        if loc:
            if loc["end"] == "时":  # 在主持学习时强调: the part is the chairing, whatever follows
                if not loc["loc"].startswith("主持"):
                    return []
                return [(h, CHAIRED) for h in self.target(loc.start("loc") + 2, loc.end("loc"), start, bare=True)]
            where, pos = loc.span("loc"), loc.end()
        else:
            prefix = _PREFIX_LOC.search(text, sentence_start, start)
            if prefix:
                where = prefix.span("loc")

        roles, obj = _predicates(text, pos)
        if roles:
            if obj and obj[0] < obj[1]:
                hits = self.target(*obj, start, bare=False) or self.target(*(where or obj), start, bare=False)
            else:
                hits = self.target(*(where or (pos, pos)), start, bare=True)
            return [(h, role) for h in hits for role in roles]
        if where is not None:
            rest = text[pos:sentence_end]
            if _SAY.search(rest) or _SPEAK.search(rest):
                return [(h, SPOKE) for h in self.target(*where, start, bare=False)]
            return []
        if _SAY.match(text, pos):
            return [(h, SPOKE) for h in self.last_held(start) if h.kind == PRESS]
        return []


def _predicates(text: str, pos: int) -> tuple[list[str], tuple[int, int] | None]:
    """The roles stated at pos (出席会议并讲话 → attended, spoke) and the first one's object."""
    roles: list[str] = []
    obj: tuple[int, int] | None = None
    while True:
        match, role = next(((m, r) for pattern, r in _PREDICATES if (m := pattern.match(text, pos))), (None, ""))
        if match is None:
            return roles, obj
        roles.append(role)
        obj = obj or match.span("obj")
        if not text.startswith("并", match.end()):
            return roles, obj
        pos = match.end() + 1


def _outermost(hits: list[MeetingHit]) -> list[MeetingHit]:
    """Leave out names inside a longer one (世界人工智能大会 in its press conference's name)."""
    return [h for h in hits if not any(
        o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start for o in hits)]


def _held(text: str, hit: MeetingHit) -> bool:
    """The clause naming the meeting reports it being held (在京召开, 举行新闻发布会, 进行…集体学习)."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, hit.start)), default=0)
    right = _CLAUSE_END.search(text, hit.end)
    return bool(_EVENT_VERB.search(text, left, right.start() if right else len(text)))


def meeting_participants(
    views: list[FieldView], sessions: list[Session], names: set[str]
) -> dict[str, set[tuple[str, str]]]:
    """{meeting key: {(official's name, role)}} for the officials of the page."""
    key_of = {id(hit): s.key for s in sessions for _, hit in s.hits}
    headlines = {v.index: v for v in views if v.field == "title"}
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for view in views:
        reader = _Reader(view, headlines.get(view.index) if view.field == "body" else None)
        for name in names:
            for match in re.finditer(re.escape(name), reader.text):
                for hit, role in reader.parts(match.start(), match.end()):
                    if id(hit) in key_of:
                        found[key_of[id(hit)]].add((name, role))
    return found
