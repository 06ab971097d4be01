"""Which documents a meeting adopted or released, read from the sentence that says so."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textkit.punctuation import SENTENCE_ENDS

if TYPE_CHECKING:
    from .entities import FieldView, Session
    from .model import PolicyDocument

_SENTENCE = re.compile(f"[^{SENTENCE_ENDS}]+[{SENTENCE_ENDS}]?")  # with its final mark, if it has one
_VERB = re.compile(r"审议通过|通过|发布|印发|发出")
# 会上/大会上 may stand a clause before the verb; a bare 会议 must be the verb's subject.
_AT_MEETING = re.compile(r"(?:大会|会议|发布会|记者会|全会|会)上|会议(?:还|同时)?(?=审议|通过|印发|发布)")
_ITEM = re.compile(r"^第[\d一二三四五六七八九十]+项")
_CONGRESS_KINDS = ("congress", "work_conference", "plenary")


def _relation(verb: str) -> str:
    return "adopted" if "通过" in verb else "released"


def meeting_document_links(
    views: list[FieldView], sessions: list[Session], documents: dict[str, PolicyDocument]
) -> dict[str, dict[str, str]]:
    """{meeting key: {document key: adopted | released}}."""
    key_of = {id(hit): s.key for s in sessions for _, hit in s.hits}
    kind_of = {id(hit): s.kind for s in sessions for _, hit in s.hits}
    links: dict[str, dict[str, str]] = {}
    for view in views:
        text = view.mapped.text
        sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
        for i, (start, end) in enumerate(sentences):
            docs = [d for d in view.documents if start <= d.start < end and d.title in documents]
            meetings = [m for m in view.meetings if start <= m.start < end]
            for doc in docs:
                for meeting in meetings:
                    verb = _VERB.search(text, meeting.end, doc.start)
                    if meeting.end <= doc.start and verb:
                        links.setdefault(key_of[id(meeting)], {})[doc.title] = _relation(verb.group(0))
            anchor = _AT_MEETING.search(text, start, end)
            reach = 24 if anchor and anchor.group(0).endswith("上") else 6
            verb = _VERB.search(text, anchor.end(), min(end, anchor.end() + reach)) if anchor else None
            if not (anchor and verb):
                continue
            earlier = [m for m in view.meetings if m.start < anchor.start() and id(m) in key_of]
            wanted = _CONGRESS_KINDS if anchor.group(0).startswith("大会") else None
            if wanted:
                earlier = [m for m in earlier if kind_of[id(m)] in wanted] or earlier
            if not earlier:
                continue
            target = key_of[id(earlier[-1])]
            listed = list(docs)
            for nstart, nend in sentences[i + 1 : i + 4]:
                if not _ITEM.match(text[nstart:nend].lstrip()) and not listed:
                    break
                listed += [d for d in view.documents if nstart <= d.start < nend and d.title in documents]
            for doc in listed:
                links.setdefault(target, {})[doc.title] = _relation(verb.group(0))
    return links
