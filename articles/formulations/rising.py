"""The most rising phrases (提法), as shown on the home page.

Definition (also shown on the formulations page):

* Candidate phrases are the knowledge base's own: every 2–12 character phrase the texts
  put in Chinese quotation marks (“科技自立自强”, “四个面向”), plus the domain terms in
  fixtures/domain_terms.txt, minus the names of officials, organizations and meeting series
  (those have their own pages).
* The clock is the knowledge base's, not the wall's: the recent window is the 30 days ending
  on the newest article's date, widened back to hold at least the newest five articles when
  those 30 days hold fewer; the baseline is the 365 days before the recent window.
* A phrase's use is the number of distinct articles whose title or body (read in simplified
  form) contains it.
* score = (recent + 1) / (expected + 1), where expected = baseline × (articles in the recent
  window ÷ articles in the baseline), i.e. how many recent articles would use the phrase had
  its share stayed at the baseline's. With no baseline articles, expected is 0.
* A phrase needs at least two recent articles to count; the top ten by score (ties: more
  recent articles, then the phrase) are shown.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from articles.formulations.scan import simplified
from articles.models import Article, MeetingSeries, Official, OfficialAlias, Organization, OrganizationAlias, Script
from articles.selectors.version import data_version

RECENT_DAYS = 30
BASELINE_DAYS = 365
MIN_RECENT_ARTICLES = 2
MIN_WINDOW_ARTICLES = 5
QUOTED = re.compile(r"[“「]([\u3400-\u9fff0-9〇一二三四五六七八九十]{2,12})[”」]")


@dataclass(frozen=True)
class RisingPhrase:
    phrase: str
    recent: int
    baseline: int
    expected: float
    score: float


@dataclass(frozen=True)
class RisingReport:
    phrases: list[RisingPhrase]
    window_start: datetime.date | None
    window_end: datetime.date | None


def domain_terms() -> list[str]:
    path = Path(settings.BASE_DIR) / "fixtures" / "domain_terms.txt"
    if not path.exists():
        return []
    terms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            terms.append(line.split()[0])
    return terms


def _names() -> set[str]:
    names: set[str] = set()
    for model in (Official, OfficialAlias, Organization, OrganizationAlias, MeetingSeries):
        names.update(simplified(n) for n in model.objects.values_list("name", flat=True))
    return names


def _texts() -> list[tuple[datetime.date, str]]:
    rows = Article.objects.values_list("published_on", "script", "title", "body").order_by()
    return [
        (day, simplified(f"{title}\n{body}") if script == Script.TRADITIONAL else f"{title}\n{body}")
        for day, script, title, body in rows.iterator(chunk_size=500)
    ]


def _compute(limit: int) -> RisingReport:
    texts = _texts()
    if not texts:
        return RisingReport(phrases=[], window_start=None, window_end=None)
    end = max(day for day, _ in texts)
    start = end - datetime.timedelta(days=RECENT_DAYS - 1)
    newest = sorted((day for day, _ in texts), reverse=True)[:MIN_WINDOW_ARTICLES]
    start = min(start, newest[-1])
    base_start = start - datetime.timedelta(days=BASELINE_DAYS)
    recent = [text for day, text in texts if start <= day <= end]
    baseline = [text for day, text in texts if base_start <= day < start]

    excluded = _names()
    candidates = {m.group(1) for _, text in texts for m in QUOTED.finditer(text)}
    candidates.update(simplified(t) for t in domain_terms())
    candidates = {c for c in candidates if c not in excluded and len(c) >= 2}

    ratio = len(recent) / len(baseline) if baseline else 0.0
    phrases = []
    for phrase in candidates:
        r = sum(1 for text in recent if phrase in text)
        if r < MIN_RECENT_ARTICLES:
            continue
        b = sum(1 for text in baseline if phrase in text)
        expected = b * ratio
        phrases.append(RisingPhrase(phrase, r, b, round(expected, 2), round((r + 1) / (expected + 1), 2)))
    phrases.sort(key=lambda p: (-p.score, -p.recent, p.phrase))
    return RisingReport(phrases=phrases[:limit], window_start=start, window_end=end)


def rising_phrases(*, limit: int = 10) -> RisingReport:
    """The top rising phrases, cached until the articles or officials change."""
    key = f"rising:{data_version()}:{limit}"
    report = cache.get(key)
    if report is None:
        report = _compute(limit)
        cache.set(key, report, 3600)
    return report
