"""Meetings the texts say an official attended, read from the articles themselves.

The importer does not (yet) record MeetingParticipation rows, so an official's page also
reads the reports: in every article naming the official, the first sentence where the name
is followed by a verb of attendance (出席, 主持, 讲话, 作…报告, 参加, 致辞) is the evidence; the
meeting is the one the article names last before that sentence (or in its title). A meeting
merely named near the official (习近平总书记在全国科技大会上…) is not counted.
"""

import bisect
import re
from dataclasses import dataclass, field

from articles.models import Article, Meeting, MeetingParticipation, Mention, Official
from articles.text import Paragraph, paragraphs

# The verb follows the name within its clause: 丁薛祥出席会议并讲话, 阴和俊作工作报告. 讲话要求 and
# 讲话精神 (丁薛祥同志讲话要求) speak of a speech, not of attending.
ATTENDANCE = re.compile(r"^[^，,。；;：:]{0,8}?(出席|主持|讲话(?!要求|精神)|致辞|作[^。，；]{0,6}报告|参加)")
ROLE_ORDER = [  # the strongest part the sentence states wins
    (re.compile(r"讲话|致辞"), MeetingParticipation.Role.SPOKE),
    (re.compile(r"主持"), MeetingParticipation.Role.CHAIRED),
    (re.compile(r"作[^。，；]{0,6}报告"), MeetingParticipation.Role.REPORTED),
    (re.compile(r"出席|参加"), MeetingParticipation.Role.ATTENDED),
]


@dataclass
class ReportedMeeting:
    meeting: Meeting
    role: str
    sentence: str  # the evidence, as printed
    articles: list[Article] = field(default_factory=list)  # the earliest few reporting it
    article_count: int = 0  # all reporting it

    @property
    def role_label(self) -> str:
        return MeetingParticipation.Role(self.role).label


def _sentence(paras: list[Paragraph], text: str, start: int, end: int) -> tuple[str, int] | None:
    """The sentence holding [start, end) read across layout breaks, and where the name ends in it."""
    index = bisect.bisect_right([p.start for p in paras], start) - 1
    if index < 0 or start >= paras[index].end:
        return None
    paragraph = paras[index]
    indices = paragraph.indices(text)
    if start not in indices:
        return None
    joined = paragraph.text(text)
    pos = indices.index(start)
    left = max(joined.rfind(mark, 0, pos) for mark in "。！？") + 1
    rights = [i for i in (joined.find(mark, pos) for mark in "。！？") if i >= 0]
    right = min(rights) + 1 if rights else len(joined)
    return joined[left:right].strip(), pos + (end - start) - left


def _role(after_name: str) -> str | None:
    found = ATTENDANCE.search(after_name)
    if found is None:
        return None
    clause = re.split(r"[，,。；;]", after_name, maxsplit=1)[0]
    return next(role for pattern, role in ROLE_ORDER if pattern.search(clause))


def _evidence(article: Article, mentions: list[Mention], official: Official) -> ReportedMeeting | None:
    meetings = [m for m in mentions if m.meeting_id]
    if not meetings:
        return None
    parsed: dict[str, list[Paragraph]] = {}
    for mention in (m for m in mentions if m.official_id == official.pk):
        text = article.title if mention.field == Mention.Field.TITLE else article.body
        if mention.field not in parsed:
            parsed[mention.field] = paragraphs(text)
        found = _sentence(parsed[mention.field], text, mention.start, mention.end)
        if found is None:
            continue
        sentence, name_end = found
        role = _role(sentence[name_end:])
        if role is None:
            continue
        before = [m for m in meetings if m.field == mention.field and m.start <= mention.start]
        titled = [m for m in meetings if m.field == Mention.Field.TITLE]
        meeting = (before[-1] if before else (titled or meetings)[0]).meeting
        return ReportedMeeting(meeting=meeting, role=role, sentence=sentence)
    return None


def reported_meetings(*, official: Official) -> list[ReportedMeeting]:
    """Meetings the articles report the official at, oldest first, with the role and evidence;
    meetings already in the official's participation records are left out. Cached until the
    data changes (it reads every article naming the official)."""
    from articles.selectors.version import cached_on_version

    found = cached_on_version(f"reported-meetings:{official.pk}", lambda: _reported_meetings(official), seconds=600)
    recorded = set(MeetingParticipation.objects.filter(official=official).values_list("meeting_id", flat=True))
    return [item for item in found if item.meeting.pk not in recorded]


ARTICLES_SHOWN = 3


def _reported_meetings(official: Official) -> list[ReportedMeeting]:
    # Only articles naming both the official and a meeting can report an attendance.
    article_ids = Mention.objects.filter(official=official).order_by().values("article_id").intersection(
        Mention.objects.filter(meeting__isnull=False).order_by().values("article_id"))
    mentions = (
        Mention.objects.filter(article_id__in=article_ids)
        .filter(official=official) | Mention.objects.filter(article_id__in=article_ids, meeting__isnull=False)
    ).select_related("meeting__series", "article__source")
    mentions = mentions.order_by("article__published_on", "article_id", "field", "start")
    by_article: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    found: dict[int, ReportedMeeting] = {}
    for rows in by_article.values():
        article = rows[0].article
        evidence = _evidence(article, rows, official)
        if evidence is None:
            continue
        item = found.setdefault(evidence.meeting.pk, evidence)
        item.article_count += 1
        if len(item.articles) < ARTICLES_SHOWN:
            item.articles.append(article)
    return sorted(found.values(), key=lambda r: r.meeting.start_date)
