"""Hostile text in every field comes back escaped everywhere: every site page (crawled), search
snippets and highlights, the API's JSON, Atom feeds, CSV and JSON exports, the admin; CSV cells
that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter, deque
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import editor_group
from tests.hardening.conftest import COUNTS

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# What must never reach a page unescaped: an element the browser would build from our data.
RAW = re.compile(r"<script>alert|<img src=x|onerror=alert\(1\)>")
FORMULAS = ['=HYPERLINK("http://evil.example","点我")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1",
            "\r=1+1"]
ATOM = "{http://www.w3.org/2005/Atom}"
MAX_PAGES = 400
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

pytestmark = pytest.mark.django_db


def _spreadsheet_text(value: str) -> bool:
    return value.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.fixture
def hostile_kb(index):
    """Every name and text field of every kind of record carries a payload, linked together."""
    from articles.models import (
        Article,
        Meeting,
        MeetingDocument,
        MeetingParticipation,
        MeetingSeries,
        Official,
        OfficialAlias,
        Organization,
        PolicyDocument,
        Post,
        Source,
        Topic,
    )
    from search.outbox import drain
    from tests.site.kb import mention

    source = Source.objects.create(name=f"新华社{SCRIPT}")
    topic = Topic.objects.create(name=f"科技{IMG}", slug="xss-topic", description=SCRIPT, keywords=["赤霄"])
    org = Organization.objects.create(name=f"科学技术部{SCRIPT}", description=IMG)
    official = Official.objects.create(name=f"王{SCRIPT}")
    OfficialAlias.objects.create(official=official, name=f"老王{IMG}")
    Post.objects.create(official=official, organization=org, title=f"部长{IMG}", full_title=f"科学技术部部长{IMG}",
                        first_seen=datetime.date(2026, 1, 26), last_seen=datetime.date(2026, 2, 1))
    series = MeetingSeries.objects.create(name=f"全国科技工作会议{IMG}")
    meeting = Meeting.objects.create(series=series, name=f"第二次全体会议{SCRIPT}", start_date=datetime.date(2026, 1, 26),
                                     place=IMG, summary=SCRIPT)
    document = PolicyDocument.objects.create(title=f"关于{SCRIPT}的通知", short_title=f"赤霄{IMG}",
                                             doc_number=f"国科发〔2026〕{IMG}号", issued_on=datetime.date(2026, 1, 20))
    document.issuers.add(org)
    MeetingDocument.objects.create(meeting=meeting, document=document)
    MeetingParticipation.objects.create(meeting=meeting, official=official)
    body = (f"赤霄系统首次亮相。{official.name}出席{meeting.name}，{org.name}印发《{document.title}》。"
            f"正文里的{IMG}和{SCRIPT}都只是文字。")
    article = Article.objects.create(
        title=f"赤霄{SCRIPT}首次亮相", kicker=IMG, subtitle=SCRIPT, body=body, source=source, publication=source,
        published_on=datetime.date(2026, 2, 1), page=IMG, dateline_place=SCRIPT, agency=IMG,
        reporters=[SCRIPT, IMG], photographers=[IMG], editor=SCRIPT, credited_source=IMG,
        source_file=f"{IMG}.txt", line_start=1, line_end=3,
    )
    article.topics.add(topic)
    mention(article, official.name, official=official)
    mention(article, meeting.name, meeting=meeting)
    mention(article, org.name, organization=org)
    mention(article, document.title, document=document)
    for n, formula in enumerate(FORMULAS):
        formula_article = Article.objects.create(
            title=formula, kicker=formula, body=f"赤霄公式第{n}篇。{formula}", source=source,
            published_on=datetime.date(2026, 1, n + 1), reporters=[formula],
        )
        formula_article.topics.add(topic)
    drain()
    return {"article": article, "official": official, "org": org, "meeting": meeting, "document": document,
            "topic": topic, "source": source, "series": series}


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def assert_escaped(url: str, text: str) -> None:
    found = RAW.search(text)
    assert found is None, f"{url}: unescaped {found.group()!r} near {text[max(found.start() - 80, 0):found.end() + 40]!r}"


def crawl(client: Client, starts: list[str]) -> Counter:
    """Every page reachable from the start pages (site only; a few query variants per path)."""
    seen: set[str] = set()
    per_path: Counter = Counter()
    queue = deque(starts)
    kinds: Counter = Counter()
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        path = urlsplit(url).path
        if per_path[path] >= 3:
            continue
        seen.add(url)
        per_path[path] += 1
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        kinds[response["Content-Type"].split(";")[0]] += 1
        if response["Content-Type"].startswith(DOCX):
            # A dossier as a Word file: the hostile text must leave its XML well-formed.
            content = b"".join(response.streaming_content) if response.streaming else response.content
            with zipfile.ZipFile(io.BytesIO(content)) as docx:
                ET.fromstring(docx.read("word/document.xml"))
            continue
        text = body_of(response)
        if response["Content-Type"].startswith("text/html"):
            assert_escaped(url, text)
            for form in re.finditer(r"<form\b[^>]*>.*?</form>", text, re.S | re.I):
                if re.search(r'method="?post', form.group(), re.I):
                    assert "csrfmiddlewaretoken" in form.group(), (url, form.group()[:200])
            for href in re.findall(r'href="([^"#]+)', text):
                href = href.replace("&amp;", "&")
                if href.startswith("/") and not href.startswith(("/static/", "/admin/", "//")):
                    queue.append(href)
        elif "xml" in response["Content-Type"]:
            ET.fromstring(text.encode())  # well-formed
    return kinds


def test_every_site_page_escapes_hostile_text(client, hostile_kb):
    article = hostile_kb["article"]
    starts = ["/", f"/articles/{article.pk}/", "/search/?q=赤霄", f"/search/?q={SCRIPT}", f"/search/?q={IMG}",
              f"/search/?q=赤霄 {IMG}", "/sitemap.xml", "/formulations/"]
    kinds = crawl(client, starts)
    pages = sum(kinds.values())
    assert pages > 40, kinds
    COUNTS["xss: site pages crawled, every payload escaped"] += pages

    # Not vacuous: the payloads are on the pages, as text.
    page = body_of(client.get(f"/articles/{article.pk}/"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;" in body_of(client.get(f"/officials/{hostile_kb['official'].pk}/"))


def test_search_snippets_and_highlights_are_escaped_on_the_page_and_in_the_api(client, hostile_kb):
    page = body_of(client.get("/search/", {"q": "赤霄"}))
    assert_escaped("/search/", page)
    assert "<mark>赤霄</mark>" in page and "&lt;script&gt;" in page
    for q in ("赤霄", SCRIPT, IMG, "script alert", "img onerror"):
        response = client.get("/api/search", {"q": q})
        assert response.status_code in (200, 400), q
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        for hit in response.json().get("results", []):
            assert "<script" not in hit["snippet"] and "<img" not in hit["snippet"], hit["snippet"]
            assert set(re.findall(r"</?(\w+)", hit["snippet"])) <= {"mark"}, hit["snippet"]
    snippets = [hit["snippet"] for hit in client.get("/api/search", {"q": "赤霄"}).json()["results"]]
    assert any("&lt;script&gt;" in s and "<mark>赤霄</mark>" in s for s in snippets), snippets
    COUNTS["xss: search pages and API answers checked"] += 6


def test_atom_feeds_carry_hostile_text_as_text(client, hostile_kb):
    urls = ["/feeds/latest/", f"/feeds/topics/{hostile_kb['topic'].slug}/",
            f"/feeds/officials/{hostile_kb['official'].pk}/", "/feeds/search/?q=赤霄", f"/feeds/search/?q={SCRIPT}"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)
        for element in root.iter():
            kind = element.get("type", "text")
            if kind == "html":  # HTML content: after XML decoding it must still be escaped
                assert_escaped(url, element.text or "")
            else:
                assert kind == "text", (url, element.tag, kind)
        summaries = [e.text for e in root.iter(f"{ATOM}summary")]
        if "赤霄" in url or "latest" in url:
            assert any("&lt;script&gt;" in (s or "") for s in summaries), (url, summaries)
    COUNTS["xss: Atom feeds checked"] += len(urls)


LISTINGS = ["/articles/", "/officials/", "/meetings/", "/documents/", "/organizations/", "/sources/",
            "/topics/xss-topic/"]


def test_csv_exports_neutralise_formulas_and_json_exports_are_data(client, hostile_kb):
    checked = 0
    for url in [*LISTINGS, "/exports/search/?q=赤霄"]:
        sep = "&" if "?" in url else "?"
        response = client.get(f"{url}{sep}format=csv")
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/csv")
        assert response["Content-Disposition"].startswith("attachment")
        rows = list(csv.reader(io.StringIO(body_of(response).lstrip("\ufeff"))))
        assert len(rows) > 1, url
        cells = [cell for row in rows for cell in row]
        dangerous = [cell for cell in cells if _spreadsheet_text(cell)]
        assert not dangerous, (url, dangerous)
        checked += len(cells)
        response = client.get(f"{url}{sep}format=json")
        assert response["Content-Type"].startswith("application/json")
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
    articles_csv = body_of(client.get("/articles/?format=csv"))
    for formula in FORMULAS:  # each formula is still there, as text
        assert f"'{formula}".replace('"', '""').strip("\r") in articles_csv.replace("\r\n", "\n"), formula
    COUNTS["xss: CSV cells checked for formula injection (none left)"] += checked


def test_the_admin_escapes_hostile_text(hostile_kb):
    admin = get_user_model().objects.create_superuser("admin", password="pw-不要用于生产")
    editor = get_user_model().objects.create_user("bianji", password="pw-不要用于生产", is_staff=True)
    editor.groups.add(editor_group())
    urls = []
    for key, model in (("article", "article"), ("official", "official"), ("org", "organization"),
                       ("meeting", "meeting"), ("document", "policydocument"), ("topic", "topic"),
                       ("source", "source"), ("series", "meetingseries")):
        pk = hostile_kb[key].pk
        urls += [f"/admin/articles/{model}/", f"/admin/articles/{model}/{pk}/change/",
                 f"/admin/articles/{model}/{pk}/history/", f"/admin/articles/{model}/{pk}/delete/",
                 f"/admin/articles/{model}/?q=赤霄"]
    urls += ["/admin/", "/admin/articles/mention/", "/admin/articles/post/", "/admin/articles/officialalias/"]
    for user in (admin, editor):
        client = Client()
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            assert_escaped(url, body_of(response))
    page = body_of(Client(enforce_csrf_checks=False).get("/admin/login/"))
    assert_escaped("/admin/login/", page)
    COUNTS["xss: admin pages checked (superuser and editor)"] += 2 * len(urls)
