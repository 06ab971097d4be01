"""The editors' path: what an editor types goes through the same extraction as an import."""

from pathlib import Path

import pytest
from django.urls import reverse
from haystack.query import SearchQuerySet

from articles.models import Article, Mention, Official

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def article_form(source, **fields) -> dict:
    data = {
        "kicker": "", "title": "全国科技工作会议在京召开", "subtitle": "",
        "body": "新华社北京1月26日电 全国科技工作会议26日在京召开。中共中央政治局常委、中央科技委员会主任丁薛祥出席会议并讲话。",
        "kind": "news", "script": "simplified", "source": source.pk, "publication": "",
        "published_on": "2026-01-26", "page": "", "credited_source": "", "editor": "", "agency": "新华社",
        "dateline_place": "北京", "dateline_date": "2026-01-26", "reporters": "[]", "photographers": "[]",
        "source_file": "", "line_start": "", "line_end": "",
        "mentions-TOTAL_FORMS": "0", "mentions-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def test_an_article_added_in_the_admin_gets_its_officials_posts_and_mentions(editor_client, xinhua):
    response = editor_client.post(reverse("admin:articles_article_add"), article_form(xinhua))
    assert response.status_code == 302
    official = Official.objects.get(name="丁薛祥")
    assert {"中共中央政治局常委", "中央科技委员会主任"} <= set(official.posts.values_list("full_title", flat=True))
    article = Article.objects.get()
    mention = article.mentions.get(official=official)
    assert article.body[mention.start:mention.end] == "丁薛祥"


def test_an_editors_correction_of_a_mention_survives_saving_unchanged_text(editor_client, xinhua):
    editor_client.post(reverse("admin:articles_article_add"), article_form(xinhua))
    article = Article.objects.get()
    article.mentions.filter(official__name="丁薛祥").delete()
    editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]), article_form(xinhua, page="第5期")
    )
    assert Article.objects.get().page == "第5期"
    assert not article.mentions.filter(official__name="丁薛祥").exists()


def test_rewritten_text_is_read_again(editor_client, xinhua):
    editor_client.post(reverse("admin:articles_article_add"), article_form(xinhua))
    article = Article.objects.get()
    body = "新华社北京1月27日电 科技部部长阴和俊说，2026年是“十五五”开局之年。"
    editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), article_form(xinhua, body=body))
    assert article.mentions.filter(official__name="阴和俊").exists()
    assert "科技部部长" in Official.objects.get(name="阴和俊").posts.values_list("full_title", flat=True)


def test_an_article_added_in_the_admin_is_found_by_search_at_once(
    editor_client, xinhua, django_capture_on_commit_callbacks
):
    form = article_form(
        xinhua, title="强流直线等离子体装置赤霄通过鉴定", body="中国科学院合肥物质科学研究院研制的“赤霄”通过专家组鉴定。"
    )
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("admin:articles_article_add"), form)
    article = Article.objects.get()
    found = [result.pk for result in SearchQuerySet().models(Article).auto_query("赤霄")]
    assert found == [str(article.pk)]


def test_the_import_page_previews_a_pasted_page_without_saving(editor_client):
    text = (SEEDS / "000_b8c2b6b6d4843060.txt").read_text(encoding="utf-8")
    page = editor_client.post(reverse("admin:articles_article_import"), {"text": text, "preview": "1"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "我国高水平推进三大国际科技创新中心建设" in html
    assert "丁薛祥" in html
    assert Article.objects.count() == 0


def test_the_import_page_saves_what_was_reviewed(editor_client):
    text = (SEEDS / "000_b8c2b6b6d4843060.txt").read_text(encoding="utf-8")
    response = editor_client.post(
        reverse("admin:articles_article_import"), {"text": text, "filename": "头版.txt", "save": "1"}
    )
    assert response.status_code == 302
    titles = set(Article.objects.values_list("title", flat=True))
    assert {"全国科技工作会议在京召开 丁薛祥出席会议并讲话", "我国高水平推进三大国际科技创新中心建设"} <= titles
    assert set(Article.objects.values_list("source_file", flat=True)) == {"头版.txt"}


@pytest.mark.parametrize(
    ("upload", "message"),
    [(b"", ""), (b"\x00\x01\x02\x89PNG\r\n\x1a\n" * 20, "")],
    ids=["empty", "binary"],
)
def test_the_import_page_refuses_unreadable_uploads_and_writes_nothing(editor_client, upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(
        reverse("admin:articles_article_import"),
        {"upload": SimpleUploadedFile("坏文件.txt", upload), "preview": "1"},
    )
    assert response.status_code in (200, 400)
    assert 'class="errorlist' in response.content.decode()
    assert Article.objects.count() == 0 and Mention.objects.count() == 0


def test_readers_without_add_permission_cannot_open_the_import_page(client, django_user_model):
    user = django_user_model.objects.create_user(username="duzhe", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:articles_article_import")).status_code == 403
