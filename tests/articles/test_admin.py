"""An editor's day in the admin: create, link, correct — and never reach accounts."""

import pytest
from django.urls import reverse

from articles.models import Article, Meeting, MeetingSeries, Official, PolicyDocument, Post, Source

pytestmark = pytest.mark.django_db


def test_an_editor_does_not_see_users_or_groups(editor_client):
    index = editor_client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "文章" in index.content.decode()
    assert reverse("admin:auth_user_changelist") not in index.content.decode()
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_an_editor_creates_an_article_and_links_official_meeting_and_document(editor_client, xinhua):
    official = Official.objects.create(name="阴和俊")
    series = MeetingSeries.objects.create(name="全国科技工作会议")
    response = editor_client.post(
        reverse("admin:articles_meeting_add"),
        {
            "series": series.pk, "name": "", "start_date": "2026-01-26", "date_precision": "day", "end_date": "2026-01-27",
            "place": "北京", "summary": "",
            "meetingparticipation_set-TOTAL_FORMS": "1", "meetingparticipation_set-INITIAL_FORMS": "0",
            "meetingparticipation_set-0-official": official.pk, "meetingparticipation_set-0-role": "reported",
            "meetingdocument_set-TOTAL_FORMS": "0", "meetingdocument_set-INITIAL_FORMS": "0",
            "mentions-TOTAL_FORMS": "0", "mentions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(series=series)
    assert list(meeting.participants.all()) == [official]

    response = editor_client.post(
        reverse("admin:articles_article_add"),
        {
            "kicker": "", "title": "我国高水平推进三大国际科技创新中心建设", "subtitle": "",
            "body": "新华社北京1月27日电(记者 温竞华) 科技部部长阴和俊说，……",
            "kind": "news", "script": "simplified", "source": xinhua.pk, "published_on": "2026-02-02",
            "page": "", "credited_source": "", "editor": "", "agency": "新华社", "dateline_place": "北京",
            "dateline_date": "2026-01-27", "reporters": '["温竞华"]', "photographers": "[]",
            "source_file": "", "line_start": "", "line_end": "",
            "mentions-TOTAL_FORMS": "2", "mentions-INITIAL_FORMS": "0",
            "mentions-0-field": "body", "mentions-0-start": "25", "mentions-0-end": "28",
            "mentions-0-surface": "阴和俊", "mentions-0-official": official.pk,
            "mentions-1-field": "body", "mentions-1-start": "0", "mentions-1-end": "3",
            "mentions-1-surface": "新华社", "mentions-1-meeting": meeting.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(title="我国高水平推进三大国际科技创新中心建设")
    assert article.reporters == ["温竞华"]
    # The editor's own links are kept beside what extraction found in the text, without doubles.
    assert {official, meeting} <= {m.entity for m in article.mentions.all()}
    mention = article.mentions.get(official=official)
    assert article.body[mention.start:mention.end] == "阴和俊"

    response = editor_client.post(
        reverse("admin:articles_official_change", args=[official.pk]),
        {
            "name": "阴和俊", "notes": "",
            "aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0", "aliases-0-name": "陰和俊",
            "posts-TOTAL_FORMS": "1", "posts-INITIAL_FORMS": "0",
            "posts-0-full_title": "科技部党组书记", "posts-0-title": "党组书记", "posts-0-organization": "",
            "posts-0-first_seen": "2026-01-27", "posts-0-last_seen": "2026-01-27",
            "mentions-TOTAL_FORMS": "1", "mentions-INITIAL_FORMS": "1",
            "mentions-0-id": article.mentions.get(official=official).pk, "mentions-0-official": official.pk,
            "mentions-0-article": article.pk, "mentions-0-field": "body", "mentions-0-start": "25",
            "mentions-0-end": "28", "mentions-0-surface": "阴和俊",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    # 科技部部长 was found in the article's text; the editor added the post the text omits.
    assert {"科技部部长", "科技部党组书记"} <= set(official.posts.values_list("full_title", flat=True))
    assert official.aliases.get().name == "陰和俊"

    response = editor_client.post(
        reverse("admin:articles_policydocument_add"),
        {
            "title": "关于开展零碳工厂建设工作的指导意见", "short_title": "指导意见",
            "doc_number": "工信部联节〔2026〕13号", "kind": "意见", "validity": "in_force", "issued_on": "",
            "effective_on": "",
            "url": "", "mentions-TOTAL_FORMS": "0", "mentions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PolicyDocument.objects.get(doc_number="工信部联节〔2026〕13号").kind == "意见"


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:articles_article_changelist", "admin:articles_official_changelist",
        "admin:articles_meeting_changelist", "admin:articles_policydocument_changelist",
        "admin:articles_organization_changelist", "admin:articles_post_changelist",
        "admin:articles_topic_changelist", "admin:articles_source_changelist",
        "admin:articles_mention_changelist", "admin:articles_meetingseries_changelist",
    ],
)
def test_every_list_page_opens_and_searches_chinese(editor_client, make_article, url_name):
    make_article()
    assert editor_client.get(reverse(url_name)).status_code == 200
    assert editor_client.get(reverse(url_name), {"q": "科技"}).status_code == 200


def test_admin_search_finds_articles_by_chinese_words_inside_the_body(editor_client, make_article):
    make_article(title="甲", body="新华社北京1月26日电 全国科技工作会议26日在京召开。")
    make_article(title="乙", body="中国人民银行行长潘功胜表示。")
    page = editor_client.get(reverse("admin:articles_article_changelist"), {"q": "科技工作会议"}).content.decode()
    assert ">甲<" in page and ">乙<" not in page


def test_the_history_of_a_record_shows_who_changed_it(editor_client, editor, make_article):
    article = make_article()
    editor_client.post(
        reverse("admin:articles_source_change", args=[article.source.pk]),
        {"name": "新华通讯社", "kind": "agency", "usual_script": "simplified", "url": ""},
    )
    source = Source.objects.get(pk=article.source.pk)
    assert source.name == "新华通讯社"
    assert source.history.latest().history_user == editor
    page = editor_client.get(reverse("admin:articles_source_history", args=[source.pk])).content.decode()
    assert "bianji" in page


def test_adding_a_post_the_official_already_holds_is_a_form_error_not_a_crash(editor_client):
    official = Official.objects.create(name="阴和俊")
    Post.objects.create(official=official, title="部长", full_title="科技部部长")
    response = editor_client.post(
        reverse("admin:articles_official_change", args=[official.pk]),
        {
            "name": "阴和俊", "notes": "",
            "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
            "posts-TOTAL_FORMS": "1", "posts-INITIAL_FORMS": "0",
            "posts-0-full_title": "科技部部长", "posts-0-title": "部长", "posts-0-organization": "",
            "posts-0-first_seen": "", "posts-0-last_seen": "",
            "mentions-TOTAL_FORMS": "0", "mentions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "职务 已经存在" in response.content.decode()
    assert official.posts.count() == 1
