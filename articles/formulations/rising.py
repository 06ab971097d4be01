"""The most rising phrases (提法), as shown on the home page.

Definition (also shown on the formulations page):

* Candidate phrases are the knowledge base's own: every 2–12 character phrase the texts of
  the two windows below put in Chinese quotation marks (“科技自立自强”, “四个面向”), plus the domain terms in
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
import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick_rs
from django.conf import settings
from django.core.cache import cache
from django.db import connections

from articles.formulations.scan import simplified
from articles.models import Article, MeetingSeries, Official, OfficialAlias, Organization, OrganizationAlias, Script

RECENT_DAYS = 30
BASELINE_DAYS = 365
MIN_RECENT_ARTICLES = 2
MIN_WINDOW_ARTICLES = 5
logger = logging.getLogger(__name__)
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


def _window() -> tuple[datetime.date, datetime.date] | None:
    newest = list(Article.objects.order_by("-published_on").values_list("published_on", flat=True)
                  [:MIN_WINDOW_ARTICLES])
    if not newest:
        return None
    end = newest[0]
    return min(end - datetime.timedelta(days=RECENT_DAYS - 1), newest[-1]), end


def _texts(first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, str]]:
    """Titles and bodies (simplified) of the articles of the two windows only: at 100,000
    articles spread over ten years that is a tenth of the text."""
    rows = (Article.objects.filter(published_on__range=(first, last))
            .values_list("published_on", "script", "title", "body").order_by())
    return [
        (day, simplified(f"{title}\n{body}") if script == Script.TRADITIONAL else f"{title}\n{body}")
        for day, script, title, body in rows.iterator(chunk_size=2000)
    ]


def _uses(texts: list[str], phrases: list[str]) -> Counter[str]:
    """How many of texts contain each phrase: one Aho–Corasick pass per text (in Rust) instead
    of one substring search per phrase and text."""
    automaton = ahocorasick_rs.AhoCorasick(phrases)
    found: Counter[int] = Counter()
    for text in texts:
        found.update({index for index, _, _ in automaton.find_matches_as_indexes(text, overlapping=True)})
    return Counter({phrases[index]: n for index, n in found.items()})


def _baseline_start(start: datetime.date) -> datetime.date:
    """The first day of the baseline before a recent window starting on start."""
    return start - datetime.timedelta(days=BASELINE_DAYS)


def _compute(limit: int) -> RisingReport:
    window = _window()
    if window is None:
        return RisingReport(phrases=[], window_start=None, window_end=None)
    start, end = window
    texts = _texts(_baseline_start(start), end)
    recent = [text for day, text in texts if day >= start]
    baseline = [text for day, text in texts if day < start]

    excluded = _names()
    candidates = {m.group(1) for _, text in texts for m in QUOTED.finditer(text)}
    candidates.update(simplified(t) for t in domain_terms())
    candidates = {c for c in candidates if c not in excluded and len(c) >= 2}
    if not candidates:
        return RisingReport(phrases=[], window_start=start, window_end=end)

    phrases = sorted(candidates)
    recent_uses, baseline_uses = _uses(recent, phrases), _uses(baseline, phrases)
    ratio = len(recent) / len(baseline) if baseline else 0.0
    rising = []
    for phrase, r in recent_uses.items():
        if r < MIN_RECENT_ARTICLES:
            continue
        b = baseline_uses[phrase]
        expected = b * ratio
        rising.append(RisingPhrase(phrase, r, b, round(expected, 2), round((r + 1) / (expected + 1), 2)))
    rising.sort(key=lambda p: (-p.score, -p.recent, p.phrase))
    return RisingReport(phrases=rising[:limit], window_start=start, window_end=end)


REFRESH_SECONDS = 3600
# A list older than REFRESH_SECONDS is still shown while its successor is computed.
KEEP_SECONDS = 7 * 24 * 3600
REFRESH_LOCK_SECONDS = 600


def _key(limit: int) -> str:
    # Entries are (report, computed at); the name differs from the bare reports cached before,
    # which the shared file cache may still hold after a deploy.
    return f"rising-since:{limit}"


def refresh_rising_phrases(*, limit: int = 10) -> RisingReport:
    """Compute the rising phrases now and keep them for every worker (manage.py refresh_rising)."""
    report = _compute(limit)
    cache.set(_key(limit), (report, time.time()), KEEP_SECONDS)
    return report


def _refresh_in_request(limit: int) -> None:
    """What the background refresh does, in the caller's thread and connection."""
    try:
        refresh_rising_phrases(limit=limit)
    except Exception:
        logger.exception("refreshing the rising phrases failed; the previous list stays")
    finally:
        cache.delete(_key(limit) + ":refreshing")


def _refresh_in_background(limit: int) -> None:
    try:
        _refresh_in_request(limit)
    finally:
        connections.close_all()  # this thread's own connections


# The first list after none is kept (a new deployment, a cleared cache) is computed in the
# request only when its two windows hold at most this many articles (about 0.3 ms each: the seeds
# take milliseconds); above, a background thread computes it and the page says so. At 100,000
# articles the windows held 11,000 articles and took 3 s, at 1,000,000 30–55 s: longer than a
# worker may take to answer, and every request would have started the same computation.
INLINE_MAX_ARTICLES = 1000


def rising_phrases(*, limit: int = 10, background: Callable[[int], Any] | None = None) -> RisingReport | None:
    """The top rising phrases, recomputed at most once an hour (the page says so); None while the
    first list is computed elsewhere.

    Not keyed on the content version like the pages: the computation reads thirteen months of
    text (3 s at 100,000 articles, 55 s at 1,000,000), and one edit hardly moves a statistic
    over a year. A list older than an hour is shown while one process computes the next in a
    background thread (`background`, for tests), and `manage.py refresh_rising`, run by a timer,
    keeps requests from ever finding it stale or missing."""
    entry = cache.get(_key(limit))
    if entry is None:
        if _articles_to_read() <= INLINE_MAX_ARTICLES:
            return refresh_rising_phrases(limit=limit)
        _refresh_elsewhere(limit, background)
        return None
    report, computed_at = entry
    if time.time() - computed_at > REFRESH_SECONDS:
        _refresh_elsewhere(limit, background)
    return report


def _articles_to_read() -> int:
    window = _window()
    if window is None:
        return 0
    start, end = window
    return Article.objects.filter(published_on__range=(_baseline_start(start), end)).count()


def _refresh_elsewhere(limit: int, background: Callable[[int], Any] | None) -> None:
    """Start one refresh for every process: the others find the lock taken."""
    if cache.add(_key(limit) + ":refreshing", True, REFRESH_LOCK_SECONDS):
        (background or _start_thread)(limit)


def _start_thread(limit: int) -> None:
    threading.Thread(target=_refresh_in_background, args=(limit,), name="rising-phrases", daemon=True).start()
