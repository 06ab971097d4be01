"""Finding a phrase (提法) in articles and attributing each use to the official who said it.

Matching is done on the simplified form of the text, so 國際科技創新中心 in a
traditional original counts as 国际科技创新中心. OpenCC's t2s conversion is
character for character on CJK text (checked in tests on the traditional seed), so an
offset in the simplified text is the same offset in the stored text.

Attribution is deliberately literal: a use is credited to an official only when, in the
same paragraph and before the phrase, the text names them followed by a verb of
speech (丁薛祥指出 / 强调 / 表示, 阴和俊说, 习近平总书记在主持学习时强调), or when the
paragraph belongs to an interview answer (答：) in an interview whose kicker or title names the
official (the answer runs until the next question, 问：). Anything else, headings included,
is the article's own narration and has no speaker.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from articles.models import Article, ArticleKind, Official, OfficialAlias, Script
from articles.text import PARAGRAPH_ENDS, paragraphs
from textkit.punctuation import CLAUSE_ENDS

SPEECH_VERBS = "指出|强调|表示|说|要求|提出|认为|介绍|称|谈到|透露|宣布|寄语|勉励"
# Between the name and the verb: a title or circumstance, never a clause boundary.
BETWEEN = rf"[^{CLAUSE_ENDS}“”\"\n]{{0,12}}?"
CONTEXT_CHARS = 40
_SPEECH_VERB = re.compile(SPEECH_VERBS).search
HEADING_CHARS = 30


def simplified(text: str) -> str:
    """The simplified reading of text; same length as text (t2s is char-level on CJK)."""
    from textkit.analysis import to_simplified

    converted = to_simplified(text)
    return converted if len(converted) == len(text) else text


class Speakers:
    """Every official's names (and aliases) in simplified form, as one attribution pattern."""

    def __init__(self, names: Iterable[tuple[str, Official]]):
        self.by_name: dict[str, Official] = {}
        for name, official in names:
            self.by_name.setdefault(simplified(name), official)

    @classmethod
    def load(cls) -> "Speakers":
        # Two plain queries: prefetch_related("aliases") cloned a queryset per official, a third
        # of a second for 250 officials.
        officials = Official.objects.in_bulk()
        aliases = OfficialAlias.objects.order_by("pk").values_list("name", "official_id")
        return cls([*((o.name, o) for o in officials.values()), *((name, officials[pk]) for name, pk in aliases)])

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.by_name:
            return None
        names = "|".join(re.escape(n) for n in sorted(self.by_name, key=len, reverse=True))
        return re.compile(rf"(?P<name>{names}){BETWEEN}(?:{SPEECH_VERBS})")

    def attributed(self, text_before: str) -> Official | None:
        """The official whose speech the text is in at the end of text_before, if it says so."""
        # No speech verb, no attribution: one short alternation instead of every official's name
        # (most uses of a phrase are not in anyone's speech).
        if self.pattern is None or not _SPEECH_VERB(text_before):
            return None
        matches = list(self.pattern.finditer(text_before))
        return self.by_name[matches[-1].group("name")] if matches else None

    def named_in(self, text: str) -> Official | None:
        for name, official in sorted(self.by_name.items(), key=lambda item: -len(item[0])):
            if name in text:
                return official
        return None


@dataclass(frozen=True)
class Occurrence:
    article: Article
    field: str  # "title" or "body"
    start: int  # offset in the stored field
    paragraph: int  # index of the paragraph in the body (0 for the title)
    before: str
    match: str
    after: str
    speaker: Official | None


def _interviewee(article: Article, speakers: Speakers) -> Official | None:
    if article.kind != ArticleKind.INTERVIEW:
        return None
    return speakers.named_in(simplified(f"{article.kicker} {article.subtitle} {article.title}"))


def occurrences_in(*, article: Article, phrase: str, speakers: Speakers) -> list[Occurrence]:
    """Every use of the (simplified) phrase in the article's title and body, in order."""
    found: list[Occurrence] = []
    title = simplified(article.title) if article.script == Script.TRADITIONAL else article.title
    start = title.find(phrase)
    while start >= 0:
        found.append(Occurrence(
            article=article, field="title", start=start, paragraph=0,
            before=article.title[:start], match=article.title[start:start + len(phrase)],
            after=article.title[start + len(phrase):], speaker=None,
        ))
        start = title.find(phrase, start + 1)
    body = article.body
    reading = simplified(body) if article.script == Script.TRADITIONAL else body
    interviewee = _interviewee(article, speakers)
    answering = False  # inside an interview answer: from a paragraph opening 答 to the next 问
    for number, paragraph in enumerate(paragraphs(body)):
        text = paragraph.text(reading)
        # A subheading (marked with #, or a short line that ends no sentence) is the editor's.
        heading = paragraph.heading or (len(text) <= HEADING_CHARS and text[-1] not in PARAGRAPH_ENDS)
        if interviewee and not heading:
            if text.startswith("问"):
                answering = False
            elif text.startswith("答"):
                answering = True
        pos = text.find(phrase)
        if pos >= 0:
            indices = paragraph.indices(body)
            shown = paragraph.text(body)
        while pos >= 0:
            speaker = speakers.attributed(text[:pos])
            if speaker is None and answering and not heading:
                speaker = interviewee
            end = pos + len(phrase)
            found.append(Occurrence(
                article=article, field="body", start=indices[pos], paragraph=number,
                before=("…" if pos > CONTEXT_CHARS else "") + shown[max(0, pos - CONTEXT_CHARS):pos],
                match=shown[pos:end],
                after=shown[end:end + CONTEXT_CHARS] + ("…" if end + CONTEXT_CHARS < len(shown) else ""),
                speaker=speaker,
            ))
            pos = text.find(phrase, pos + 1)
    return found
