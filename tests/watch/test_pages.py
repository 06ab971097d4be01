"""/watch/: who may use it, saving a search, watching each kind of record, "新" since the last
visit, changing and removing, each person's rows only, CSRF on every write, and the private
Atom feed of a saved search."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.site.kb import mention
from tests.watch.conftest import GROUPS, make_user
from watch.models import Frequency, SavedSearch, Watch, WatchKind

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_anonymous_visitors_are_sent_to_log_in_and_others_are_refused(client, indexed_kb):
    official = indexed_kb.officials["阴和俊"]
    for url in ("/watch/", "/watch/save/?q=科技", f"/watch/add/?official={official.pk}"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=/watch/"), url
    client.force_login(make_user("visitor"))  # signed in, in neither group
    for url in ("/watch/", "/watch/save/?q=科技", f"/watch/add/?official={official.pk}"):
        assert client.get(url).status_code == 403, url
    assert client.post("/watch/add/", {"official": official.pk, "frequency": "daily"}).status_code == 403
    assert not Watch.objects.exists()


def test_editors_may_watch_too(client, indexed_kb):
    client.force_login(make_user("bianji", group=GROUPS.EDITOR_GROUP))
    assert client.get("/watch/").status_code == 200
    assert client.post("/watch/save/", {"query": "q=科技", "frequency": "weekly"}).status_code == 302
    assert SavedSearch.objects.get().frequency == Frequency.WEEKLY


def test_saving_a_search_keeps_every_filter_and_the_sort(analyst_client, analyst, indexed_kb):
    url = "/watch/save/?q=科技&kind=article&source=新华社&topic=国际科技创新中心&date_from=2026-01-01&date_to=2026-02-28&sort=date&page=3"
    page = analyst_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "类型：文章；来源：新华社；主题：国际科技创新中心；日期：2026-01-01 至 2026-02-28；排序：日期（新→旧）" in html
    query = re.search(r'name="query" value="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "page=" not in query
    assert not SavedSearch.objects.exists()  # the GET wrote nothing
    response = analyst_client.post("/watch/save/", {"query": query, "name": "科技（新华社）", "frequency": "weekly"})
    saved = SavedSearch.objects.get(user=analyst)
    assert response["Location"] == f"/watch/searches/{saved.pk}/"
    assert saved.name == "科技（新华社）" and saved.frequency == Frequency.WEEKLY
    assert saved.query == query
    from django.http import QueryDict

    stored = QueryDict(saved.query)
    assert stored.getlist("kind") == ["article"] and stored["source"] == "新华社" and stored["sort"] == "date"
    assert stored["date_from"] == "2026-01-01" and stored["date_to"] == "2026-02-28"
    # the same search again is the same saved search
    again = analyst_client.post("/watch/save/", {"query": query, "name": "", "frequency": "daily"})
    assert again["Location"] == f"/watch/searches/{saved.pk}/" and SavedSearch.objects.count() == 1


@pytest.mark.parametrize("query,message", [
    ("q=", "请输入要检索的词语"),
    ("q=科技&source=不存在的来源", "来源"),
    ("q=科技&date_from=2026-02-01&date_to=2026-01-01", "起始日期"),
    ("q=(科技", "检索词"),
])
def test_a_search_that_cannot_run_is_not_saved(analyst_client, indexed_kb, query, message):
    page = analyst_client.get(f"/watch/save/?{query}")
    assert page.status_code == 400 and message in page.content.decode()
    response = analyst_client.post("/watch/save/", {"query": query, "frequency": "daily"})
    assert response.status_code == 400 and message in response.content.decode()
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize("kind,param", [
    (WatchKind.OFFICIAL, "official"), (WatchKind.ORGANIZATION, "organization"), (WatchKind.DOCUMENT, "document"),
    (WatchKind.MEETING_SERIES, "series"), (WatchKind.FORMULATION, "phrase"),
])
def test_every_kind_can_be_watched_from_its_page(analyst_client, analyst, indexed_kb, kind, param):
    kb = indexed_kb
    record = {
        WatchKind.OFFICIAL: kb.officials["阴和俊"], WatchKind.ORGANIZATION: next(iter(kb.orgs.values())),
        WatchKind.DOCUMENT: next(iter(kb.documents.values())),
        WatchKind.MEETING_SERIES: next(m for m in kb.meetings.values() if m.series_id).series,
        WatchKind.FORMULATION: None,
    }[kind]
    value = "新质生产力" if record is None else str(record.pk)
    page_url = (f"/formulations/{value}/" if record is None else
                {"official": f"/officials/{value}/", "organization": f"/organizations/{value}/",
                 "document": f"/documents/{value}/", "series": f"/meetings/series/{value}/"}[param])
    page = analyst_client.get(page_url).content.decode()
    link = re.search(r'<a class="watch-link" href="([^"]+)">', page).group(1).replace("&amp;", "&")
    assert link.startswith(f"/watch/add/?{param}=")
    form = analyst_client.get(link)
    assert form.status_code == 200 and not Watch.objects.exists()
    response = analyst_client.post("/watch/add/", {param: value, "frequency": "weekly"})
    watch = Watch.objects.get(user=analyst)
    assert response["Location"] == f"/watch/watches/{watch.pk}/"
    assert watch.kind == kind and watch.frequency == Frequency.WEEKLY
    assert watch.target == (value if record is None else record)
    again = analyst_client.post("/watch/add/", {param: value, "frequency": "daily"})
    assert again["Location"] == f"/watch/watches/{watch.pk}/" and Watch.objects.count() == 1
    assert "你已经关注了" in analyst_client.get(link).content.decode()


def test_a_traditional_phrase_is_watched_in_its_simplified_form(analyst_client, analyst, indexed_kb):
    analyst_client.post("/watch/add/", {"phrase": "新質生產力", "frequency": "daily"})
    assert Watch.objects.get(user=analyst).phrase == "新质生产力"


@pytest.mark.parametrize("query", ["", "official=abc", "official=99999999", "official=1&phrase=科技", "phrase=科",
                                   "official=999999999999999999999999"])
def test_watching_nothing_is_refused(analyst_client, indexed_kb, query):
    assert analyst_client.get(f"/watch/add/?{query}").status_code == 400
    data = dict(part.split("=", 1) for part in query.split("&") if part)
    assert analyst_client.post("/watch/add/", {**data, "frequency": "daily"}).status_code == 400
    assert not Watch.objects.exists()


def test_new_since_the_last_visit(analyst_client, analyst, indexed_kb):
    yin = indexed_kb.officials["阴和俊"]
    watch = Watch.objects.create(user=analyst, kind=WatchKind.OFFICIAL, official=yin)
    saved = SavedSearch.objects.create(user=analyst, name="量子", query="q=量子")
    index = analyst_client.get("/watch/").content.decode()
    assert "上次查看以来没有新文章" in index
    article = Article.objects.create(title="阴和俊考察量子计算实验室", body="阴和俊考察量子计算实验室。",
                                     source=indexed_kb.sources["新华社"], published_on=datetime.date(2026, 2, 20))
    mention(article, "阴和俊", official=yin)
    from search.outbox import drain

    drain()
    index = analyst_client.get("/watch/").content.decode()
    assert "共有 <strong class=\"new-total\">2</strong> 篇新文章" in index
    assert index.count("新 1</span>") == 2
    page = analyst_client.get(f"/watch/watches/{watch.pk}/").content.decode()
    assert 'class="badge badge--new">新</span>' in page and "阴和俊考察量子计算实验室" in page
    assert "其中 1 篇是上次查看" in page
    watch.refresh_from_db()
    assert watch.last_seen_at is None  # reading the page wrote nothing: a GET never writes
    assert 'badge--new">新</span>' in analyst_client.get(f"/watch/watches/{watch.pk}/").content.decode()
    assert analyst_client.post(f"/watch/watches/{watch.pk}/seen/").status_code == 302  # 标记为已读
    watch.refresh_from_db()
    assert watch.last_seen_at is not None
    again = analyst_client.get(f"/watch/watches/{watch.pk}/").content.decode()
    assert "阴和俊考察量子计算实验室" in again and 'badge--new">新</span>' not in again  # seen now
    analyst_client.post(f"/watch/searches/{saved.pk}/seen/")
    assert "上次查看以来没有新文章" in analyst_client.get("/watch/").content.decode()


def test_changing_and_removing(analyst_client, analyst, indexed_kb):
    saved = SavedSearch.objects.create(user=analyst, name="科技", query="q=科技")
    watch = Watch.objects.create(user=analyst, kind=WatchKind.FORMULATION, phrase="新质生产力")
    analyst_client.post(f"/watch/searches/{saved.pk}/edit/", {"name": "科技（改名）", "frequency": "never"})
    saved.refresh_from_db()
    assert (saved.name, saved.frequency, saved.query) == ("科技（改名）", Frequency.NEVER, "q=科技")
    analyst_client.post(f"/watch/watches/{watch.pk}/edit/", {"frequency": "weekly"})
    watch.refresh_from_db()
    assert watch.frequency == Frequency.WEEKLY
    assert analyst_client.post(f"/watch/watches/{watch.pk}/edit/", {"frequency": "hourly"}).status_code == 302
    watch.refresh_from_db()
    assert watch.frequency == Frequency.WEEKLY
    analyst_client.post(f"/watch/searches/{saved.pk}/delete/")
    analyst_client.post(f"/watch/watches/{watch.pk}/delete/")
    assert not SavedSearch.objects.exists() and not Watch.objects.exists()


def test_gets_never_write_and_writes_need_a_post(analyst_client, analyst, indexed_kb):
    saved = SavedSearch.objects.create(user=analyst, name="科技", query="q=科技")
    watch = Watch.objects.create(user=analyst, kind=WatchKind.FORMULATION, phrase="新质生产力")
    for url in (f"/watch/searches/{saved.pk}/delete/", f"/watch/watches/{watch.pk}/delete/",
                f"/watch/searches/{saved.pk}/edit/", f"/watch/searches/{saved.pk}/token/"):
        assert analyst_client.get(url).status_code == 405, url
    for method in ("put", "patch", "delete"):
        assert getattr(analyst_client, method)(f"/watch/searches/{saved.pk}/delete/").status_code == 405
    token = saved.feed_token
    saved.refresh_from_db()
    assert SavedSearch.objects.count() == 1 and Watch.objects.count() == 1 and saved.feed_token == token


def test_every_write_needs_its_csrf_token(analyst, indexed_kb):
    saved = SavedSearch.objects.create(user=analyst, name="科技", query="q=科技")
    watch = Watch.objects.create(user=analyst, kind=WatchKind.FORMULATION, phrase="新质生产力")
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    writes = [("/watch/save/", {"query": "q=量子", "frequency": "daily"}),
              ("/watch/add/", {"official": indexed_kb.officials["阴和俊"].pk, "frequency": "daily"}),
              (f"/watch/searches/{saved.pk}/edit/", {"name": "改", "frequency": "never"}),
              (f"/watch/searches/{saved.pk}/token/", {}), (f"/watch/searches/{saved.pk}/delete/", {}),
              (f"/watch/watches/{watch.pk}/edit/", {"frequency": "never"}), (f"/watch/watches/{watch.pk}/delete/", {})]
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    assert SavedSearch.objects.get().name == "科技" and Watch.objects.get().frequency == Frequency.DAILY
    # with the page's token it goes through
    page = client.get(f"/watch/add/?official={indexed_kb.officials['阴和俊'].pk}").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post("/watch/add/", {"official": indexed_kb.officials["阴和俊"].pk, "frequency": "daily",
                                           "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and Watch.objects.count() == 2


def test_nobody_reaches_anyone_elses_rows(client, analyst, indexed_kb):
    saved = SavedSearch.objects.create(user=analyst, name="别人的检索", query="q=科技")
    watch = Watch.objects.create(user=analyst, kind=WatchKind.FORMULATION, phrase="新质生产力")
    client.force_login(make_user("other", group=GROUPS.ANALYST_GROUP))
    assert "别人的检索" not in client.get("/watch/").content.decode()
    for url in (f"/watch/searches/{saved.pk}/", f"/watch/watches/{watch.pk}/"):
        assert client.get(url).status_code == 404
    for url in (f"/watch/searches/{saved.pk}/edit/", f"/watch/searches/{saved.pk}/token/",
                f"/watch/searches/{saved.pk}/delete/", f"/watch/watches/{watch.pk}/edit/",
                f"/watch/watches/{watch.pk}/delete/"):
        assert client.post(url, {"name": "偷改", "frequency": "never"}).status_code == 404, url
    saved.refresh_from_db()
    assert saved.name == "别人的检索" and Watch.objects.get().frequency == Frequency.DAILY


def test_watch_pages_are_never_cached(analyst_client, analyst, indexed_kb):
    response = analyst_client.get("/watch/")
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


# -- the private feed -------------------------------------------------------------------------------

def entries(response) -> list[str]:
    tree = ElementTree.fromstring(b"".join(response.streaming_content) if response.streaming else response.content)
    return [entry.find(f"{ATOM}title").text for entry in tree.iter(f"{ATOM}entry")]


def test_a_saved_search_has_a_private_feed_of_what_came_in(client, analyst, indexed_kb):
    saved = SavedSearch.objects.create(user=analyst, name="三大国际科技创新中心", query="q=国际科技创新中心")
    Article.objects.filter(title="全国科技工作会议第二次全体会议在京举行").update(
        created_at=timezone.now() - datetime.timedelta(days=40))  # came in before the feed's month
    response = client.get(f"/watch/feeds/{saved.feed_token}/")  # no login: the token is the key
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    assert "private" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"
    titles = entries(response)
    assert "我国高水平推进三大国际科技创新中心建设" in titles
    assert "全国科技工作会议第二次全体会议在京举行" not in titles


def test_an_unknown_or_replaced_token_is_a_404(client, analyst_client, analyst, indexed_kb):
    saved = SavedSearch.objects.create(user=analyst, name="科技", query="q=科技")
    old = saved.feed_token
    assert client.get(f"/watch/feeds/{old[:-1]}x/").status_code == 404
    assert client.get("/watch/feeds/x/").status_code == 404
    analyst_client.post(f"/watch/searches/{saved.pk}/token/")
    saved.refresh_from_db()
    assert saved.feed_token != old and len(saved.feed_token) == 43
    assert client.get(f"/watch/feeds/{old}/").status_code == 404
    assert client.get(f"/watch/feeds/{saved.feed_token}/").status_code == 200
    analyst.is_active = False  # an account closed: its feeds close with it
    analyst.save()
    assert client.get(f"/watch/feeds/{saved.feed_token}/").status_code == 404
