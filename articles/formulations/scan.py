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

import bisect
import re
from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import NamedTuple

from articles.models import Article, ArticleKind, Official, OfficialAlias, Script
from articles.text import PARAGRAPH_ENDS, Paragraph, paragraphs
from textkit.punctuation import CLAUSE_ENDS

SPEECH_VERBS = "指出|强调|表示|说|要求|提出|认为|介绍|称|谈到|透露|宣布|寄语|勉励"
# Between the name and the verb: a title or circumstance, never a clause boundary.
MAX_BETWEEN = 12
_NOT_BETWEEN = rf"{CLAUSE_ENDS}“”\"\n"
BETWEEN = rf"[^{_NOT_BETWEEN}]{{0,{MAX_BETWEEN}}}?"
_UNCROSSABLE = re.compile(rf"[{_NOT_BETWEEN}]").finditer
CONTEXT_CHARS = 40
_SPEECH_VERB = re.compile(SPEECH_VERBS).search
_SPEECH_VERB_STARTS = re.compile(rf"(?=(?:{SPEECH_VERBS}))").finditer  # every start, overlapping ones too
HEADING_CHARS = 30


def simplified(text: str) -> str:
    """The simplified reading of text; same length as text (t2s is char-level on CJK)."""
    from textkit.analysis import to_simplified

    converted = to_simplified(text)
    return converted if len(converted) == len(text) else text


class Speakers:
    """Every official's names (and aliases) in simplified form, for attributing a use.

    Built from two value queries and one OpenCC call, and looked up by the few characters before
    each speech verb: at a million articles there are 25,000 officials, and one alternation of
    every name took half a second to compile (plus 25,000 model instances and OpenCC calls)
    before the first use was attributed."""

    def __init__(self, names: Iterable[tuple[str, int, str]]):
        """names: (a name or alias as written, the official's id, the official's name); the first
        official listed under a name keeps it."""
        from textkit.analysis import to_simplified

        rows = list(names)
        raw = [name for name, _, _ in rows]
        converted = to_simplified("\n".join(raw)).split("\n")
        if len(converted) != len(raw):  # a conversion across the line breaks: one at a time
            converted = [to_simplified(name) for name in raw]
        # As simplified(): a name whose conversion would change its length stays as written.
        written = [c if len(c) == len(r) else r for c, r in zip(converted, raw, strict=True)]
        self.by_name: dict[str, tuple[int, str]] = {}
        for name, (_, pk, official_name) in zip(written, rows, strict=True):
            if name:
                self.by_name.setdefault(name, (pk, official_name))
        self._lengths = sorted({len(name) for name in self.by_name}, reverse=True)
        self._officials: dict[int, Official] = {}

    @classmethod
    def load(cls) -> "Speakers":
        officials = dict(Official.objects.order_by("pk").values_list("pk", "name"))
        aliases = OfficialAlias.objects.order_by("pk").values_list("name", "official_id")
        return cls([*((name, pk, name) for pk, name in officials.items()),
                    *((name, pk, officials[pk]) for name, pk in aliases)])

    def _official(self, name: str) -> Official:
        # What a use shows of its speaker (name, link), without reading the official's row.
        pk, official_name = self.by_name[name]
        if pk not in self._officials:
            self._officials[pk] = Official(pk=pk, name=official_name)
        return self._officials[pk]

    def names_before_verbs(self, text: str) -> frozenset[str]:
        """The names ending within BETWEEN's reach before a speech verb: the only ones the
        attribution pattern can match in text or in any start of it."""
        # A name ends after the last character BETWEEN cannot cross (a comma, a quote, …).
        crossings = [m.start() for m in _UNCROSSABLE(text)]
        ends = set()
        for verb in _SPEECH_VERB_STARTS(text):
            v = verb.start()
            before = bisect.bisect_left(crossings, v)
            reach = max(v - MAX_BETWEEN, crossings[before - 1] + 1 if before else 0)
            ends.update(range(reach, v + 1))
        lengths = self._lengths
        return frozenset(self.by_name.keys() & {text[end - n:end] for end in ends for n in lengths if n <= end})

    def attributed(self, text_before: str, *, names: frozenset[str] | None = None) -> Official | None:
        """The official whose speech the text is in at the end of text_before, if it says so.
        names: names_before_verbs of a text that text_before starts (its paragraph), found once
        for all the uses in it."""
        # No speech verb, no attribution (most uses of a phrase are not in anyone's speech).
        if not self.by_name or not _SPEECH_VERB(text_before):
            return None
        if names is None:
            names = self.names_before_verbs(text_before)
        if not names:
            return None
        matches = list(_attribution_pattern(names).finditer(text_before))
        return self._official(matches[-1].group("name")) if matches else None

    @cached_property
    def _rank(self) -> dict[str, int]:
        return {name: rank for rank, name in enumerate(self.by_name)}

    def named_in(self, text: str) -> Official | None:
        """The official of the longest name in text (the first listed, of names as long)."""
        present = self.by_name.keys() & {text[i:i + n] for n in self._lengths for i in range(len(text) - n + 1)}
        if not present:
            return None
        return self._official(min(present, key=lambda name: (-len(name), self._rank[name])))


@lru_cache(maxsize=4096)
def _attribution_pattern(names: frozenset[str]) -> re.Pattern[str]:
    """A name (the longest that fits), at most MAX_BETWEEN characters of its circumstance, a verb."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?P<name>{alternatives}){BETWEEN}(?:{SPEECH_VERBS})")


class Occurrence(NamedTuple):
    """Where a use is and who said it: what the cached report keeps of each use. Its words are
    quoted from the text when shown (quotes()): 6,000 uses' contexts made a 1.5 MB cache entry
    that took longer to pickle and compress than the scan that found them. A named tuple: a
    frozen dataclass's __init__ took a sixth of the scan."""

    article: Article
    field: str  # "title" or "body"
    start: int  # offset in the stored field
    paragraph: int  # index of the paragraph in the body (0 for the title)
    speaker: Official | None


class Quote(NamedTuple):
    """An occurrence with its words: the phrase as printed and what surrounds it in its paragraph
    (CONTEXT_CHARS either side, … where cut), or the rest of the title."""

    article: Article
    field: str
    start: int
    paragraph: int
    speaker: Official | None
    before: str
    match: str
    after: str


def quotes(occurrences: Iterable[Occurrence], *, length: int) -> list[Quote]:
    """The occurrences of a phrase of length characters, quoted; the bodies the articles no
    longer hold (a cached report's) are read in one query."""
    occurrences = list(occurrences)
    quoted_from = {o.article.pk: o.article for o in occurrences if o.field == "body"}
    unread = [pk for pk, article in quoted_from.items() if "body" in article.get_deferred_fields()]
    bodies = dict(Article.objects.filter(pk__in=unread).values_list("pk", "body")) if unread else {}
    split: dict[int, list[Paragraph]] = {}
    quoted = []
    for o in occurrences:
        if o.field == "title":
            text, pos, cut = o.article.title, o.start, False
        else:
            body = bodies[o.article.pk] if o.article.pk in bodies else o.article.body
            if o.article.pk not in split:
                split[o.article.pk] = paragraphs(body)
            paragraph = split[o.article.pk][o.paragraph]
            text, pos, cut = paragraph.text(body), paragraph.position(body, o.start), True
        end = pos + length
        before, after = text[:pos], text[end:]
        if cut:
            before = ("…" if pos > CONTEXT_CHARS else "") + before[-CONTEXT_CHARS:]
            after = after[:CONTEXT_CHARS] + ("…" if len(after) > CONTEXT_CHARS else "")
        quoted.append(Quote(*o, before=before, match=text[pos:end], after=after))
    return quoted


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
        found.append(Occurrence(article, "title", start, 0, None))
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
        uses = []
        pos = text.find(phrase)
        while pos >= 0:
            uses.append(pos)
            pos = text.find(phrase, pos + 1)
        if not uses:
            continue
        # The names that can be attributed in the paragraph up to its last use, found once for
        # all its uses; none where no speech verb comes before the last use (most paragraphs).
        spoken = text[:uses[-1]]
        names = speakers.names_before_verbs(spoken) if _SPEECH_VERB(spoken) else frozenset()
        for pos in uses:
            speaker = speakers.attributed(text[:pos], names=names) if names else None
            if speaker is None and answering and not heading:
                speaker = interviewee
            found.append(Occurrence(article, "body", paragraph.offset(body, pos), number, speaker))
    return found
