"""Dossiers: an official, organization or document on one printable page and as a Word file,
every fact naming the articles that state it, read without a single write."""

import datetime
import io
from urllib.parse import quote

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Mention, Official, Organization, PolicyDocument, Post
from articles.selectors import dossiers
from articles.selectors.dossiers import EDITORIAL, document_dossier, official_dossier, organization_dossier
from tests.site.kb import build, mention


@pytest.fixture
def kb(db):
    return build()


def _url(route: str, record) -> str:
    return reverse(f"articles:{route}", kwargs={"pk": record.pk})


def _fact_items(html: str) -> list[str]:
    """The page's facts, one HTML fragment each."""
    return html.split('<li class="dossier-fact">')[1:]


def _fact_item(html: str, text: str) -> str:
    found = [item for item in _fact_items(html) if text in item.split("</p>", 1)[0]]
    assert len(found) == 1, text
    return found[0]


def _docx_paragraphs(response) -> list:
    return docx.Document(io.BytesIO(response.content)).paragraphs


def test_an_officials_page_lists_each_post_with_the_articles_stating_it(client, kb):
    yin = kb.officials["阴和俊"]
    posts = list(Post.objects.filter(official=yin).prefetch_related("articles"))
    assert len(posts) >= 2 and all(post.articles.exists() for post in posts)
    response = client.get(_url("official-dossier", yin))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and yin.name in html
    for post in posts:
        item = _fact_item(html, post.full_title)
        for article in post.articles.all():
            assert article.title in item and f'href="/articles/{article.pk}/"' in item, (post, article)
            assert f"http://testserver/articles/{article.pk}/" in item  # spelled out for print
        stated_elsewhere = Article.objects.exclude(stated_posts=post).filter(stated_posts__official=yin)
        for article in stated_elsewhere:
            assert f'href="/articles/{article.pk}/"' not in item.split("</ul>", 1)[0]


def test_an_officials_dossier_cites_each_post_meeting_and_mention_by_its_articles(kb):
    yin = kb.officials["阴和俊"]
    built = official_dossier(official=yin)
    by_heading = {section.heading: section for section in built.sections}
    posts = by_heading["职务（按文本载明的时间）"].facts
    for post in Post.objects.filter(official=yin):
        fact = next(f for f in posts if f.text.startswith(post.full_title))
        assert [c.article_id for c in fact.citations] == list(
            post.articles.order_by("published_on", "pk").values_list("pk", flat=True))
    meetings = by_heading["会议"].facts
    mentioning_him = set(Mention.objects.filter(official=yin).values_list("article_id", flat=True))
    for part in yin.meetingparticipation_set.select_related("meeting"):
        fact = next(f for f in meetings if f.link == f"/meetings/{part.meeting_id}/")
        assert part.meeting.display_name in fact.text
        assert part.get_role_display() in fact.text
        naming_meeting = set(Mention.objects.filter(meeting=part.meeting).values_list("article_id", flat=True))
        assert {c.article_id for c in fact.citations} == naming_meeting & mentioning_him
    mentions = next(s for s in built.sections if s.heading.startswith("提及"))
    newest_first = [f.citations[0].published_on for f in mentions.facts]
    assert {f.citations[0].article_id for f in mentions.facts} == mentioning_him
    assert newest_first == sorted(newest_first, reverse=True)


def test_the_docx_downloads_and_holds_the_same_headings_and_cited_articles(client, kb):
    yin = kb.officials["阴和俊"]
    response = client.get(_url("official-dossier", yin), {"format": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="kejiku-official-{yin.pk}.docx"')
    assert f"filename*=UTF-8''{quote('科技库官员档案-' + yin.name + '.docx', safe='')}" in disposition
    disposition.encode("ascii")  # the header itself is plain ASCII

    paragraphs = _docx_paragraphs(response)
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    built = official_dossier(official=yin)
    assert headings == [section.heading for section in built.sections]
    assert paragraphs[0].text == yin.name
    text = "\n".join(p.text for p in paragraphs)
    stated = Article.objects.filter(stated_posts__official=yin).distinct()
    assert stated.exists()
    for article in stated:
        assert article.display_title in text
        assert f"http://testserver/articles/{article.pk}/" in text
    for post in Post.objects.filter(official=yin):
        assert post.full_title in text
    html = client.get(_url("official-dossier", yin)).content.decode()
    for heading in headings:
        assert f">{heading}</h2>" in html


def test_a_documents_dossier_lists_the_articles_mentioning_it_with_their_dates(client, kb):
    document = kb.documents["零碳"]
    mentioning = Article.objects.filter(mentions__document=document).distinct().select_related("source")
    assert mentioning.exists()
    html = client.get(_url("document-dossier", document)).content.decode()
    assert "提及该文件的文章" in html
    assert document.doc_number in html and document.get_validity_display() in html
    listed = html.split(">提及该文件的文章</h2>", 1)[1]
    for article in mentioning:
        item = next(i for i in _fact_items(listed) if f'href="/articles/{article.pk}/"' in i)
        assert article.title in item and article.source.name in item
        assert f'datetime="{article.published_on:%Y-%m-%d}"' in item
    for issuer in document.issuers.all():
        item = _fact_item(html, f"发文机关：{issuer.name}")
        both = mentioning.filter(mentions__organization=issuer)
        for article in both:
            assert f'href="/articles/{article.pk}/"' in item
        if not both.exists():
            assert EDITORIAL in item

    paragraphs = _docx_paragraphs(client.get(_url("document-dossier", document), {"format": "docx"}))
    text = "\n".join(p.text for p in paragraphs)
    assert all(article.title in text for article in mentioning)


def test_a_documents_dossier_states_its_validity_replacement_and_citations(kb):
    document, successor, cited = kb.documents["零碳"], kb.documents["梯度"], kb.documents["科普法"]
    PolicyDocument.objects.filter(pk=document.pk).update(validity="repealed", replaced_by=successor)
    document.refresh_from_db()
    document.cites.add(cited)
    facts = [fact for section in document_dossier(document=document).sections for fact in section.facts]
    texts = [fact.text for fact in facts]
    assert f"效力：{document.get_validity_display()}" in texts
    assert f"已被{successor}取代" in texts
    assert any(text.startswith(f"引用{cited}") for text in texts)
    cited_by = [fact.text for s in document_dossier(document=cited).sections for fact in s.facts]
    assert any(text.startswith(f"被{document}") for text in cited_by)


def test_an_organizations_dossier_lists_its_officials_and_documents(client, kb):
    ministry = kb.orgs["工信部"]
    holder = Official.objects.create(name="某司长")
    stating = next(a for a in kb.articles.values() if Mention.objects.filter(article=a, organization=ministry).exists())
    post = Post.objects.create(official=holder, organization=ministry, title="司长", full_title="工信部某司司长",
                               first_seen=stating.published_on, last_seen=stating.published_on)
    post.articles.set([stating])
    html = client.get(_url("organization-dossier", ministry)).content.decode()
    item = _fact_item(html, "工信部某司司长")
    assert holder.name in item and stating.title in item
    for document in ministry.issued_documents.all():
        item = _fact_item(html, str(document))
        naming_both = Article.objects.filter(mentions__document=document).filter(mentions__organization=ministry)
        for article in naming_both.distinct():
            assert f'href="/articles/{article.pk}/"' in item
    sections = {section.heading: section for section in organization_dossier(organization=ministry).sections}
    assert len(sections["发布的文件"].facts) == ministry.issued_documents.count()
    held = sections["在此任职的官员"].facts
    assert [(f.link, [c.article_id for c in f.citations]) for f in held] == [(f"/officials/{holder.pk}/", [stating.pk])]


def test_facts_no_article_states_say_an_editor_entered_them(client, kb):
    official = Official.objects.create(name="无据者", notes="编辑所知的履历")
    Post.objects.create(official=official, title="顾问", full_title="某部顾问", organization=kb.orgs["科技部"])
    html = client.get(_url("official-dossier", official)).content.decode()
    item = _fact_item(html, "某部顾问")
    assert EDITORIAL in item and "fact-citations" not in item
    assert EDITORIAL in _fact_item(html, "编辑所知的履历")


def test_the_newest_mentioning_articles_are_listed_up_to_the_cap(kb, monkeypatch):
    ding = kb.officials["丁薛祥"]
    for day in range(1, 4):
        article = Article.objects.create(title=f"丁薛祥调研第{day}篇", body="丁薛祥在京调研。", source=kb.sources["新华社"],
                                         published_on=datetime.date(2027, 3, day))
        mention(article, "丁薛祥", official=ding)
    total = Article.objects.filter(mentions__official=ding).distinct().count()
    monkeypatch.setattr(dossiers, "MENTIONING_SHOWN", 2)
    section = next(s for s in official_dossier(official=ding).sections if s.heading.startswith("提及"))
    assert [f.citations[0].title for f in section.facts] == ["丁薛祥调研第3篇", "丁薛祥调研第2篇"]
    assert f"共 {total} 篇" in section.note


@pytest.mark.parametrize("route, model", [
    ("official-dossier", Official), ("organization-dossier", Organization), ("document-dossier", PolicyDocument),
])
def test_a_missing_record_is_a_404(client, kb, route, model):
    missing = (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    url = reverse(f"articles:{route}", kwargs={"pk": missing})
    assert client.get(url).status_code == 404
    assert client.get(url, {"format": "docx"}).status_code == 404


def test_an_unknown_format_is_refused(client, kb):
    response = client.get(_url("official-dossier", kb.officials["阴和俊"]), {"format": "pdf"})
    assert response.status_code == 400


@pytest.mark.parametrize("route, key", [
    ("official-dossier", ("officials", "阴和俊")),
    ("organization-dossier", ("orgs", "工信部")),
    ("document-dossier", ("documents", "零碳")),
])
def test_a_dossier_get_writes_nothing_to_the_database(client, kb, route, key):
    record = getattr(kb, key[0])[key[1]]
    for params in ({}, {"format": "docx"}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(route, record), params).status_code == 200
        statements = [q["sql"].lstrip().upper() for q in queries.captured_queries]
        assert statements and all(s.startswith(("SELECT", "SAVEPOINT", "RELEASE")) for s in statements), statements


def test_user_text_is_escaped(client, kb):
    document = kb.documents["梯度"]
    article = Article.objects.create(title="<script>alert(1)</script>梯度培育解读", body="解读优质中小企业梯度培育管理办法。",
                                     source=kb.sources["导报"], published_on=datetime.date(2026, 3, 1))
    mention(article, "优质中小企业梯度培育管理办法", document=document)
    html = client.get(_url("document-dossier", document)).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;梯度培育解读" in html
    paragraphs = _docx_paragraphs(client.get(_url("document-dossier", document), {"format": "docx"}))
    assert any("<script>alert(1)</script>梯度培育解读" in p.text for p in paragraphs)  # plain text in Word


@pytest.mark.parametrize("detail, dossier, key", [
    ("official", "official-dossier", ("officials", "阴和俊")),
    ("organization", "organization-dossier", ("orgs", "工信部")),
    ("document", "document-dossier", ("documents", "零碳")),
])
def test_each_record_page_links_its_dossier_and_docx(client, kb, detail, dossier, key):
    record = getattr(kb, key[0])[key[1]]
    html = client.get(_url(detail, record)).content.decode()
    url = _url(dossier, record)
    assert f'href="{url}">打印 / 导出档案</a>' in html
    assert f'href="{url}?format=docx"' in html and "下载 DOCX" in html


def test_the_dossier_page_has_its_print_stylesheet(client, kb):
    html = client.get(_url("official-dossier", kb.officials["阴和俊"])).content.decode()
    assert "css/dossier" in html and 'rel="stylesheet"' in html
    assert 'class="dossier-url"' in html


@pytest.mark.browser
def test_printed_the_page_drops_the_navigation_and_spells_out_the_cited_urls(browser, live_server, transactional_db):
    kb = build()
    yin = kb.officials["阴和俊"]
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server.url + _url("official-dossier", yin))
    cited = page.locator(".fact-citations .dossier-url").first
    assert page.locator(".site-nav").is_visible() and not cited.is_visible()  # on screen: the site as usual
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible() and not page.locator(".site-header").is_visible()
    assert not page.locator(".dossier-actions").is_visible()
    assert cited.is_visible() and cited.inner_text().startswith(f"{live_server.url}/articles/")
    assert page.get_by_role("heading", level=1).inner_text() == yin.name
    assert page.pdf(format="A4").startswith(b"%PDF")  # what "print to PDF" gives the analyst
    assert errors == []  # the stylesheet loads under the CSP
