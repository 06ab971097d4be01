"""Importing the real pages (tests/data/real/) into the knowledge base, by command and in the admin."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from haystack.query import SearchQuerySet

from articles.ingest.pipeline import parse_document
from articles.models import Article, PolicyDocument
from articles.services import tallies
from articles.services.imports import import_document

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real" / "pages"

pytestmark = pytest.mark.django_db

CITING = (
    "化学武器调查工作推进会召开\n\n\n新华社北京7月2日电 国务院办公厅、中央军委办公厅此前印发"
    "《国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知》，"
    "要求加强调查取证和有关管理工作。会议要求各地认真落实通知精神，做好有关工作。"
)


def test_a_document_first_seen_as_a_cited_title_is_completed_by_its_own_page():
    import_document(parse_document(CITING, filename="citing.txt"))
    (cited,) = PolicyDocument.objects.all()
    assert cited.doc_number == "" and cited.full_text == ""
    call_command("import_texts", str(REAL / "govcn_02.html"), stdout=StringIO())
    (document,) = PolicyDocument.objects.all()  # the same record, completed in place
    assert document.pk == cited.pk
    assert document.doc_number == "国办发〔1996〕25号"
    assert document.issued_on.isoformat() == "1996-06-29" and document.published_on.isoformat() == "2018-12-24"
    assert "遗弃的化学武器" in document.full_text and document.index_number == "000014349/1996-00077"
    assert set(document.issuers.values_list("name", flat=True)) == {"国务院办公厅", "中央军委办公厅"}
    assert Article.objects.count() == 1  # the notice page added no news story


def test_a_decision_page_records_what_it_cites():
    call_command("import_texts", str(REAL / "govcn_01.html"), stdout=StringIO())
    decision = PolicyDocument.objects.get(doc_number="国发〔2018〕43号")
    assert list(decision.cites.values_list("title", flat=True)) == ["中华人民共和国药品管理法实施条例"]
    assert decision.cites.get().cited_by.get() == decision


def test_a_story_without_any_date_is_kept_and_reported():
    out = StringIO()
    call_command("import_texts", str(REAL / "ltn_02.txt"), stdout=out)
    (story,) = Article.objects.all()
    assert story.published_on is None
    assert "1 篇日期不详" in out.getvalue() and "日期不详：ltn_02.txt" in out.getvalue()


def test_an_inferred_date_is_reported_as_a_guess():
    out = StringIO()
    call_command("import_texts", str(REAL / "ltn_01.txt"), str(REAL / "udn_01.txt"), stdout=out)
    assert Article.objects.filter(published_on__isnull=True).count() + Article.objects.filter(
        date_inferred=True).count() == Article.objects.count()
    for story in Article.objects.filter(date_inferred=True):
        assert f"推断：{story.source_file}" in out.getvalue()


def test_a_web_page_without_an_article_fails_the_command_and_writes_nothing():
    with pytest.raises(CommandError, match="没有找到正文"):
        call_command("import_texts", str(REAL / "html_noarticle_01.html"), stdout=StringIO())
    assert Article.objects.count() == 0


def test_an_official_the_knowledge_base_knows_is_linked_where_named_without_a_post():
    call_command("import_texts", str(REAL / "rmrb_01.txt"), stdout=StringIO())  # 国务院总理李强
    call_command("import_texts", str(REAL / "govnews_01.txt"), stdout=StringIO())
    story = Article.objects.get(source_file="govnews_01.txt", title__startswith="李强：")
    assert story.mentions.filter(official__name="李强").exists()


def test_an_editor_imports_a_saved_web_page_and_finds_it_by_search(editor_client, django_capture_on_commit_callbacks):
    html = (REAL / "html_people_01.html").read_bytes()
    url = reverse("admin:articles_article_import")
    preview = editor_client.post(url, {"upload": SimpleUploadedFile("郑板桥.html", html), "preview": "1"})
    page = preview.content.decode()
    assert preview.status_code == 200 and "女儿出嫁，郑板桥画了几笔兰花当嫁妆" in page
    assert Article.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        saved = editor_client.post(url, {"text": html.decode("utf-8"), "filename": "郑板桥.html", "save": "1"})
    assert saved.status_code == 302
    (story,) = Article.objects.all()
    assert "<" not in story.body and story.source.name == "人民网-文化频道"
    assert tallies.drift().clean and tallies.drift().articles == 1  # counted as it was saved
    assert [r.pk for r in SearchQuerySet().auto_query("郑板桥")] == [str(story.pk)]


def test_an_editor_imports_a_policy_page_as_one_document(editor_client, django_capture_on_commit_callbacks):
    html = (REAL / "govcn_02.html").read_bytes()
    url = reverse("admin:articles_article_import")
    preview = editor_client.post(url, {"upload": SimpleUploadedFile("通知.html", html), "preview": "1"})
    assert "国办发〔1996〕25号" in preview.content.decode() and "稿件（0 篇）" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {"text": html.decode("utf-8"), "filename": "通知.html", "save": "1"})
    document = PolicyDocument.objects.get(doc_number="国办发〔1996〕25号")
    assert Article.objects.count() == 0
    assert str(document.pk) in {r.pk for r in SearchQuerySet().auto_query("遗弃化学武器")}


def test_a_documents_page_shows_its_full_text_and_what_it_cites(client):
    call_command("import_texts", str(REAL / "govcn_01.html"), stdout=StringIO())
    decision = PolicyDocument.objects.get(doc_number="国发〔2018〕43号")
    cited = decision.cites.get()
    page = client.get(f"/documents/{decision.pk}/").content.decode()
    assert "全文" in page and "国务院决定" in page and "2018年12月29日" in page
    assert f'href="/documents/{cited.pk}/"' in page
    assert f'href="/documents/{decision.pk}/"' in client.get(f"/documents/{cited.pk}/").content.decode()


def test_the_api_gives_a_documents_full_text_and_citations(client):
    call_command("import_texts", str(REAL / "govcn_01.html"), stdout=StringIO())
    decision = PolicyDocument.objects.get(doc_number="国发〔2018〕43号")
    data = client.get(f"/api/policy-documents/{decision.pk}").json()
    assert data["published_on"] == "2018-12-29" and data["index_number"] == "000014349/2018-00222"
    assert "国务院决定" in data["full_text"]
    assert [c["name"] for c in data["cites"]] == ["中华人民共和国药品管理法实施条例"]
    assert client.get(f"/api/policy-documents/{data['cites'][0]['id']}").json()["cited_by"][0]["id"] == decision.pk


@pytest.mark.parametrize("path", ["/api/articles/abc", "/api/articles/-1", "/api/no-such-thing", "/api/officials/1%0A"])
def test_an_api_path_no_route_matches_answers_in_json(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert "error" in response.json()
