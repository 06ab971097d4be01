"""提法: first appearance, attributed speakers, use per month and per source, rising phrases."""

import datetime

import pytest
from django.urls import reverse

from articles.formulations import Speakers, formulation_report, occurrences_in, quotes, rising_phrases
from articles.formulations.rising import _key, domain_terms
from tests.site.test_pages import page

pytestmark = pytest.mark.django_db

PHRASE = "国际科技创新中心"


@pytest.fixture
def kb(kb, search_index):
    """The knowledge base, indexed: a formulation's page finds its articles through the index."""
    from search.outbox import drain

    drain()
    return kb


@pytest.mark.parametrize("pages", [(25, 200), (2, 3)], ids=["as-served", "small-pages"])
def test_the_index_finds_what_the_database_scan_finds_in_the_same_order_and_more_spellings(kb, monkeypatch, pages):
    """The database looks for the phrase and OpenCC's traditional spellings of it; the index
    normalises every text as a search does, so it also sees other variants (新質生產力). The
    index is read a growing page at a time (small pages: every page boundary is crossed)."""
    from articles.formulations.report import _database_candidates, candidates
    from articles.models import Article
    from search import formulations
    from textkit.analysis import normalize

    monkeypatch.setattr(formulations, "FIRST_PAGE", pages[0])
    monkeypatch.setattr(formulations, "PAGE", pages[1])

    for phrase in (PHRASE, "科技", "新质生产力", "科技自立自强"):
        for newest_first in (True, False):
            by_index = list(candidates(phrase, newest_first=newest_first))
            by_database = list(_database_candidates(phrase, newest_first=newest_first))
            assert by_database and [pk for pk in by_index if pk in by_database] == by_database, phrase
            for extra in Article.objects.filter(pk__in=set(by_index) - set(by_database)):
                assert phrase in normalize(" ".join((extra.display_title, extra.subtitle, extra.body)))
    assert kb.articles["繁体"].pk in candidates(PHRASE, newest_first=True)  # written in traditional script


def test_the_index_is_asked_once_for_the_candidates_the_report_wants(kb, monkeypatch):
    """Each page of candidates is a search over every match (at a million articles, nearly all of
    them for 科技): the first page holds what the report wants, not a fixed few."""
    from itertools import islice

    from articles.formulations.report import candidates
    from search import formulations
    from search.backends.tantivy_backend import TantivySearchBackend

    monkeypatch.setattr(formulations, "FIRST_PAGE", 1)
    monkeypatch.setattr(formulations, "PAGE", 1)
    searches = []
    search = TantivySearchBackend.search
    monkeypatch.setattr(TantivySearchBackend, "search", lambda self, *a, **k: searches.append(1) or search(self, *a, **k))

    newest = list(islice(candidates("科技", newest_first=True, wanted=4), 4))
    assert len(newest) == 4 and len(searches) == 1
    searches.clear()
    assert list(islice(candidates("科技", newest_first=True, wanted=1), 4)) == newest and len(searches) > 1


def test_report_first_appearance_speakers_months_and_sources(kb):
    report = formulation_report(phrase=PHRASE)
    assert report.first.article == kb.articles["访谈"]  # 2026-01-12, the earliest use
    used_in = {o.article.pk for o in report.occurrences}
    assert used_in == {kb.articles[k].pk for k in ("访谈", "三大中心", "2026会议", "繁体")}
    speakers = {use.official.name: use for use in report.speakers}
    assert set(speakers) == {"丁薛祥", "阴和俊"}
    assert speakers["丁薛祥"].first_date == datetime.date(2026, 2, 2)
    assert [(m.month, m.count) for m in report.per_month] == [
        (datetime.date(2026, 1, 1), 2), (datetime.date(2026, 2, 1), 2)
    ]
    by_source = {use.source.name: use.articles for use in report.per_source}
    assert by_source == {"中国高新技术产业导报": 2, "新华社": 1, "央视新闻客户端": 1}


def test_the_cached_report_keeps_what_the_page_shows_of_its_articles_not_their_texts(kb, django_assert_num_queries):
    import pickle

    report = pickle.loads(pickle.dumps(formulation_report(phrase=PHRASE)))  # as the cache returns it
    for use in report.occurrences:
        assert {"body", "subtitle"} <= use.article.get_deferred_fields()
    with django_assert_num_queries(0):
        shown = [(o.article.title, o.article.source.name, o.article.published_on, o.speaker and o.speaker.name)
                 for o in report.occurrences]
    assert ("我国高水平推进三大国际科技创新中心建设", "新华社") in {s[:2] for s in shown}


def test_a_cached_reports_uses_are_quoted_as_the_scan_read_them(kb, django_assert_num_queries):
    """The cached report keeps where each use is; quoting it reads the bodies (one query) and
    gives the words the scan saw: the phrase as printed, 40 characters either side in its
    paragraph, … where cut, the rest of a title."""
    import pickle

    from articles.models import Article

    cached = pickle.loads(pickle.dumps(formulation_report(phrase=PHRASE))).occurrences
    with django_assert_num_queries(1):
        quoted = quotes(cached, length=len(PHRASE))
    speakers = Speakers.load()
    scanned = [use for article in Article.objects.filter(pk__in={o.article.pk for o in cached}).order_by("published_on", "pk")
               for use in occurrences_in(article=article, phrase=PHRASE, speakers=speakers)]
    assert [(q.article.pk, q.field, q.start) for q in quoted] == [(o.article.pk, o.field, o.start) for o in scanned]
    for q in quoted:
        text = q.article.title if q.field == "title" else Article.objects.get(pk=q.article.pk).body
        assert text[q.start:q.start + len(PHRASE)] == q.match
        assert q.match in (PHRASE, "國際科技創新中心")
    body_quotes = [q for q in quoted if q.field == "body"]
    assert any(q.before.startswith("…") and len(q.before) == 41 for q in body_quotes)
    assert any(q.after.endswith("…") and len(q.after) == 41 for q in body_quotes)
    assert all(len(q.before.lstrip("…")) <= 40 and len(q.after.rstrip("…")) <= 40 for q in body_quotes)


def test_speaker_is_the_official_named_before_a_verb_of_speech_in_the_same_paragraph(kb):
    speakers = Speakers.load()
    uses = quotes(occurrences_in(article=kb.articles["2026会议"], phrase=PHRASE, speakers=speakers), length=len(PHRASE))
    assert [u.speaker.name for u in uses] == ["丁薛祥"]
    assert uses[0].before.startswith("…") and uses[0].match == PHRASE
    narration = occurrences_in(article=kb.articles["三大中心"], phrase=PHRASE, speakers=speakers)
    assert narration and narration[0].speaker is None  # “2026年，我国将高水平推进…”: the reporter's words


def test_attribution_finds_the_speaker_one_pattern_of_every_name_would(db):
    """The speakers are looked up by the characters before each speech verb; the answer is the one
    a single pattern of every official's name gives (what the lookup replaced), on random text
    dense with overlapping names, titles, verbs and clause ends."""
    import random
    import re

    from articles.formulations.scan import BETWEEN, SPEECH_VERBS

    rng = random.Random(20261204)
    pool = "王志刚阴和俊丁薛祥李强吴政隆"
    names = sorted({"".join(rng.choice(pool) for _ in range(rng.choice((2, 3, 3, 4)))) for _ in range(60)})
    speakers = Speakers([(name, pk, name) for pk, name in enumerate(names, start=1)])
    every_name = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    reference = re.compile(rf"(?P<name>{every_name}){BETWEEN}(?:{SPEECH_VERBS})")
    pieces = [*names, *SPEECH_VERBS.split("|"), "，", "。", "部长", "在会上", "主任", "、", "“"]
    attributed = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        matches = list(reference.finditer(text))
        expected = matches[-1].group("name") if matches else None
        found = speakers.attributed(text)
        assert (found.name if found else None) == expected, text
        # As occurrences_in asks: the names of the whole paragraph, found once, for each use in it.
        paragraph = text + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        found = speakers.attributed(text, names=speakers.names_before_verbs(paragraph))
        assert (found.name if found else None) == expected, (text, paragraph)
        attributed += found is not None
    assert attributed > 500  # the random texts attribute often enough to mean something


def test_the_interviewee_is_the_longest_name_in_the_heading_the_first_listed_of_equals(db):
    """named_in looks the heading's substrings up; the answer is the one trying every name,
    longest first and in listed order among equals, gives (what the lookup replaced)."""
    import random

    rng = random.Random(20261205)
    pool = "王志刚阴和俊丁薛祥李强"
    rows = [("".join(rng.choice(pool) for _ in range(rng.choice((2, 3, 3, 4)))), pk, f"官员{pk}") for pk in range(80)]
    speakers = Speakers(rows)
    longest_first = sorted(speakers.by_name, key=len, reverse=True)  # stable: listed order among equals
    named = 0
    for _ in range(2000):
        heading = "".join(rng.choice([*pool, "专访", "部长", "：", " "]) for _ in range(rng.randint(0, 16)))
        expected = next((name for name in longest_first if name in heading), None)
        found = speakers.named_in(heading)
        assert (found.name if found else None) == (speakers.by_name[expected][1] if expected else None), heading
        named += found is not None
    assert named > 500


def test_the_speakers_a_worker_holds_follow_an_editors_change_at_once(kb, django_capture_on_commit_callbacks):
    """Each process keeps the officials' names for the data version; a committed edit (a new
    official named before a verb) is seen by the next report."""
    from articles.models import Article, Official

    article = kb.articles["三大中心"]
    paragraph = next(p for p in article.body.split("\n") if PHRASE in p)
    before = formulation_report(phrase=PHRASE)
    assert not any(o.speaker and o.speaker.name == "林新闻" for o in before.occurrences)
    with django_capture_on_commit_callbacks(execute=True):
        Official.objects.create(name="林新闻")
        Article.objects.filter(pk=article.pk).update(body=article.body.replace(paragraph, "林新闻表示，" + paragraph))
        article.refresh_from_db()
        article.save()  # a recorded change: the content version rises on commit
    after = formulation_report(phrase=PHRASE)
    assert any(o.speaker and o.speaker.name == "林新闻" and o.article.pk == article.pk for o in after.occurrences)


def test_interview_answers_are_the_interviewees(kb):
    uses = quotes(occurrences_in(article=kb.articles["访谈"], phrase=PHRASE, speakers=Speakers.load()),
                  length=len(PHRASE))
    answers = [u for u in uses if u.speaker is not None]
    questions = [u for u in uses if u.speaker is None]
    assert answers and {u.speaker.name for u in answers} == {"阴和俊"}
    assert questions  # the questions (问:), the headings and the introduction are not his
    assert any(u.before.endswith("北京(京津冀)、上海(长三角)、粤港澳大湾区") for u in questions)  # 问:
    # An answer runs on after its 答 paragraph until the next question.
    assert any("下一步,我们将认真落实" in u.before and u.speaker for u in uses)


def test_traditional_texts_count_under_the_simplified_phrase_and_show_as_printed(kb):
    uses = quotes(occurrences_in(article=kb.articles["繁体"], phrase=PHRASE, speakers=Speakers.load()),
                  length=len(PHRASE))
    assert uses and all(u.match == "國際科技創新中心" for u in uses)
    assert kb.articles["繁体"].body[uses[0].start:uses[0].start + len(PHRASE)] == "國際科技創新中心"


def test_formulation_page_and_month_filter_answer_what_was_said_in_january(client, kb):
    html = page(client, reverse("articles:formulation", kwargs={"phrase": PHRASE}))
    assert "首次出现" in html and "坚持创新驱动 引领发展新质生产力" in html
    assert "谁在使用" in html and ">丁薛祥</a>" in html and ">阴和俊</a>" in html
    assert '<svg class="chart"' in html and "?month=2026-01" in html
    january = page(client, reverse("articles:formulation", kwargs={"phrase": PHRASE}) + "?month=2026-01")
    assert "2026年1月的使用" in january
    uses = january[january.index('id="uses-h"'):]
    assert "我国高水平推进三大国际科技创新中心建设" in uses and "坚持创新驱动" in uses
    assert "時政微觀察" not in uses
    assert f"<mark>{PHRASE}</mark>" in uses


def test_formulation_page_takes_traditional_input_and_bad_input(client, kb):
    response = client.get(reverse("articles:formulation", kwargs={"phrase": "國際科技創新中心"}))
    assert response.status_code == 301 and response["Location"].endswith(
        reverse("articles:formulation", kwargs={"phrase": PHRASE})
    )
    html = page(client, reverse("articles:formulation", kwargs={"phrase": PHRASE}) + "?month=2026-13&source=x")
    assert "月份“2026-13”无效" in html and "来源筛选已忽略" in html
    page(client, reverse("articles:formulation", kwargs={"phrase": "科"}), 400)
    page(client, "/formulations/?phrase=" + "科" * 40, 400)
    assert client.get("/formulations/?phrase=新质生产力").status_code == 302


def test_a_phrase_nobody_used(client, kb):
    html = page(client, reverse("articles:formulation", kwargs={"phrase": "不存在的提法"}))
    assert "库中尚未出现“不存在的提法”" in html


def test_rising_phrases_follow_the_documented_definition(kb):
    report = rising_phrases(limit=10)
    assert report.window_end == datetime.date(2026, 2, 10)
    assert report.window_start == datetime.date(2026, 1, 12)
    phrases = {p.phrase: p for p in report.phrases}
    assert 0 < len(report.phrases) <= 10
    assert PHRASE in phrases and phrases[PHRASE].recent == 4 and phrases[PHRASE].baseline == 0
    assert all(p.recent >= 2 for p in report.phrases)
    assert "丁薛祥" not in phrases and "全国科技工作会议" not in phrases  # names have their own pages
    scores = [p.score for p in report.phrases]
    assert scores == sorted(scores, reverse=True)
    assert "新质生产力" in domain_terms()


def test_formulations_index_shows_rising_and_the_definition(client, kb):
    html = page(client, "/formulations/")
    assert 'id="rising-definition"' in html and "上升倍数" in html
    assert "国际科技创新中心</a>" in html


def test_an_unmarked_subheading_inside_an_interview_is_not_the_interviewees(kb):
    from articles.models import Article

    article = kb.articles["访谈"]
    article.body = (
        "答:我们将推动三大国际科技创新中心建设。\n\n高水平建设国际科技创新中心\n\n"
        "问:如何理解建设国际科技创新中心这项重大部署?\n\n答:建设国际科技创新中心,是重大战略决策。"
    )
    Article.objects.filter(pk=article.pk).update(body=article.body)
    uses = occurrences_in(article=article, phrase=PHRASE, speakers=Speakers.load())
    assert [u.speaker.name if u.speaker else None for u in uses] == ["阴和俊", None, None, "阴和俊"]


def test_a_phrase_in_too_many_articles_is_analysed_in_its_newest_articles_and_says_so(kb):
    from articles.formulations.report import _analyse

    whole = _analyse(PHRASE)
    assert whole.analysed_since is None and whole.article_count > 2
    bounded = _analyse(PHRASE, max_articles=2)
    newest = sorted({(o.article.published_on, o.article.pk) for o in whole.occurrences})[-2:]
    assert sorted({(o.article.published_on, o.article.pk) for o in bounded.occurrences}) == newest
    assert bounded.analysed_since == newest[0][0]
    assert bounded.first.article == whole.first.article and bounded.first.start == whole.first.start


def test_the_page_says_when_only_the_newest_articles_were_analysed(client, kb, monkeypatch):
    from articles.formulations import report

    monkeypatch.setattr(report._analyse, "__defaults__", (2,))  # max_articles
    html = page(client, reverse("articles:formulation", kwargs={"phrase": PHRASE}))
    assert "以下统计和用例只涵盖最近的 2 篇" in html


def _age_cached_list(seconds: float) -> None:
    from django.core.cache import cache

    report, computed_at = cache.get(_key(10))
    cache.set(_key(10), (report, computed_at - seconds))


def test_a_stale_list_is_shown_at_once_while_one_process_computes_the_next(kb):
    from articles.formulations.rising import REFRESH_SECONDS

    refreshes: list[int] = []
    first = rising_phrases(limit=10, background=refreshes.append)
    assert refreshes == []  # nothing cached yet: the first request computes it
    _age_cached_list(REFRESH_SECONDS - 60)
    assert rising_phrases(limit=10, background=refreshes.append) == first and refreshes == []
    _age_cached_list(120)
    assert rising_phrases(limit=10, background=refreshes.append) == first
    assert rising_phrases(limit=10, background=refreshes.append) == first
    assert refreshes == [10]  # one refresh for both requests, none waited for it


def test_a_first_list_too_large_to_compute_in_the_request_is_started_once_elsewhere(kb, monkeypatch):
    """Past INLINE_MAX_ARTICLES the first list (after a deployment or a cleared cache) is left to
    one background refresh: 30–55 s at 1,000,000 articles is more than a request may take."""
    from articles.formulations import rising

    start, end = rising._window()
    read = rising._articles_to_read()  # exactly the articles the computation reads
    assert read == len(rising._texts(rising._baseline_start(start), end)) > 0
    assert read <= rising.INLINE_MAX_ARTICLES  # the seeds' list is computed in the request
    monkeypatch.setattr(rising, "INLINE_MAX_ARTICLES", read - 1)
    refreshes: list[int] = []
    assert rising_phrases(limit=10, background=refreshes.append) is None
    assert rising_phrases(limit=10, background=refreshes.append) is None
    assert refreshes == [10]  # one refresh for every request that found no list

    rising._refresh_in_request(10)  # what the thread does, here in the test's transaction
    report = rising_phrases(limit=10, background=refreshes.append)
    assert PHRASE in {p.phrase for p in report.phrases} and refreshes == [10]


def test_while_the_first_list_is_computed_the_home_page_says_so_and_is_not_cached(client, kb, monkeypatch):
    from articles.formulations import rising

    monkeypatch.setattr(rising, "INLINE_MAX_ARTICLES", 0)
    started: list[int] = []
    monkeypatch.setattr(rising, "_start_thread", started.append)
    for path in ("/", "/formulations/"):
        response = client.get(path)
        html = response.content.decode()
        assert 'id="rising-pending"' in html and "请稍后刷新本页" in html, path
        assert "no-store" in response["Cache-Control"]
    assert started == [10]

    rising._refresh_in_request(10)
    html = page(client, "/")  # rendered again, not the provisional page from the page cache
    assert 'id="rising-pending"' not in html and "国际科技创新中心</a>" in html


@pytest.mark.django_db(transaction=True)
def test_the_background_refresh_replaces_the_stale_list_and_releases_its_lock():
    import threading

    from django.core.cache import cache

    from articles.formulations.rising import RisingReport

    stale = RisingReport(phrases=[], window_start=datetime.date(2020, 1, 1), window_end=datetime.date(2020, 1, 30))
    cache.set(_key(10), (stale, 0.0))
    assert rising_phrases(limit=10) == stale
    for thread in threading.enumerate():
        if thread.name == "rising-phrases":
            thread.join(timeout=60)
    report, computed_at = cache.get(_key(10))
    assert report == RisingReport(phrases=[], window_start=None, window_end=None)  # the empty database's
    assert computed_at > 1e9 and cache.get(_key(10) + ":refreshing") is None
    assert rising_phrases(limit=10) == report


def test_refresh_rising_command_computes_the_list_every_worker_then_shows(kb):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("refresh_rising", stdout=out)
    refreshes: list[int] = []
    report = rising_phrases(limit=10, background=refreshes.append)
    assert refreshes == [] and PHRASE in {p.phrase for p in report.phrases}
    assert f"上升提法 {len(report.phrases)} 个（2026-01-12 – 2026-02-10）" in out.getvalue()
