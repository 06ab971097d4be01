"""Merging duplicates moves everything that pointed at them."""

import datetime

import pytest
from django.urls import reverse

from articles.models import MeetingSeries, Mention, Official, OfficialAlias, Organization, PolicyDocument, Post
from articles.services.merge import official_merge, organization_merge

pytestmark = pytest.mark.django_db


def test_merging_officials_moves_posts_aliases_mentions_and_meetings(make_article):
    keep = Official.objects.create(name="阴和俊")
    twin = Official.objects.create(name="陰和俊")
    article = make_article()
    Post.objects.create(official=keep, title="部长", full_title="科技部部长", first_seen=datetime.date(2025, 1, 14),
                        last_seen=datetime.date(2025, 1, 14))
    same = Post.objects.create(official=twin, title="部长", full_title="科技部部长",
                               first_seen=datetime.date(2026, 1, 27), last_seen=datetime.date(2026, 1, 27))
    same.articles.add(article)
    Post.objects.create(official=twin, title="党组书记", full_title="科技部党组书记")
    Mention.objects.create(article=article, start=0, end=3, surface="陰和俊", official=twin)
    meeting = MeetingSeries.objects.create(name="全国科技工作会议").sessions.create(
        start_date=datetime.date(2026, 1, 26)
    )
    meeting.meetingparticipation_set.create(official=twin, role="reported")

    report = official_merge(keep=keep, duplicates=[twin])

    assert not Official.objects.filter(pk=twin.pk).exists()
    assert report.merged == 1
    minister = keep.posts.get(full_title="科技部部长")
    assert (minister.first_seen, minister.last_seen) == (datetime.date(2025, 1, 14), datetime.date(2026, 1, 27))
    assert list(minister.articles.all()) == [article]
    assert set(keep.posts.values_list("full_title", flat=True)) == {"科技部部长", "科技部党组书记"}
    assert OfficialAlias.objects.get(name="陰和俊").official == keep
    assert Mention.objects.get(surface="陰和俊").official == keep
    assert list(meeting.participants.all()) == [keep]


def test_merging_organizations_moves_aliases_posts_mentions_and_documents(make_article):
    keep = Organization.objects.create(name="工业和信息化部")
    twin = Organization.objects.create(name="工信部")
    twin.aliases.create(name="工业与信息化部")
    document = PolicyDocument.objects.create(title="关于开展零碳工厂建设工作的指导意见")
    document.issuers.add(twin)
    official = Official.objects.create(name="某某")
    Post.objects.create(official=official, title="部长", organization=twin, full_title="工信部部长")
    Mention.objects.create(article=make_article(), start=0, end=3, surface="工信部", organization=twin)

    organization_merge(keep=keep, duplicates=[twin])

    assert set(keep.aliases.values_list("name", flat=True)) == {"工信部", "工业与信息化部"}
    assert list(document.issuers.all()) == [keep]
    assert Post.objects.get().organization == keep
    assert Mention.objects.get().organization == keep


def test_the_admin_merge_action_keeps_the_oldest_record(editor_client):
    keep = Official.objects.create(name="丁薛祥")
    twin = Official.objects.create(name="丁薛祥 ")
    response = editor_client.post(
        reverse("admin:articles_official_changelist"),
        {"action": "merge_selected", "_selected_action": [keep.pk, twin.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert list(Official.objects.all()) == [keep]
    assert "已将 1 条记录并入“丁薛祥”" in response.content.decode()
