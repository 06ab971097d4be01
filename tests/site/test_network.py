"""Who served with whom, with the evidence; two officials compared side by side."""

import datetime

from articles.models import Meeting, MeetingParticipation, MeetingSeries, Official, Post
from articles.selectors.network import associates, compare


def _post(official, org, title, first, last):
    return Post.objects.create(official=official, organization=org, title=title, full_title=f"{org.name}{title}",
                               first_seen=first, last_seen=last)


def test_colleagues_are_those_in_the_same_body_at_overlapping_dates(kb):
    yin = kb.officials["阴和俊"]
    ministry = kb.orgs["科技部"]
    deputy = Official.objects.create(name="副部长甲")
    _post(deputy, ministry, "副部长", datetime.date(2025, 6, 1), datetime.date(2025, 9, 1))
    later = Official.objects.create(name="后任乙")
    _post(later, ministry, "副部长", datetime.date(2027, 1, 1), datetime.date(2027, 3, 1))  # after his spans
    ties = {tie.official.name: tie for tie in associates(official=yin)}
    assert "副部长甲" in ties and "后任乙" not in ties
    shared = ties["副部长甲"].posts[0]
    assert shared.organization == ministry
    assert (shared.start, shared.end) == (datetime.date(2025, 6, 1), datetime.date(2025, 9, 1))


def test_those_at_the_same_meeting_are_tied_by_it(kb):
    yin, ding = kb.officials["阴和俊"], kb.officials["丁薛祥"]
    meeting = Meeting.objects.create(series=MeetingSeries.objects.create(name="测试会议"),
                                     start_date=datetime.date(2026, 1, 5))
    MeetingParticipation.objects.create(meeting=meeting, official=yin)
    MeetingParticipation.objects.create(meeting=meeting, official=ding)
    ties = {tie.official.name: tie for tie in associates(official=yin)}
    assert meeting in ties["丁薛祥"].meetings
    assert meeting in compare(a=yin, b=ding).meetings


def test_the_official_page_draws_the_ties_and_links_the_comparison(client, kb):
    yin = kb.officials["阴和俊"]
    deputy = Official.objects.create(name="副部长甲")
    _post(deputy, kb.orgs["科技部"], "副部长", datetime.date(2025, 6, 1), datetime.date(2025, 9, 1))
    page = client.get(f"/officials/{yin.pk}/").content.decode()
    assert '<svg class="network-chart"' in page and "<script" not in page
    assert "副部长甲" in page and "同在" in page
    compare_url = f"/officials/compare/?a={yin.pk}&amp;b={deputy.pk}"
    assert compare_url in page
    compared = client.get(compare_url.replace("&amp;", "&"))
    assert compared.status_code == 200
    text = compared.content.decode()
    assert "科学技术部" in text and "任职时间重叠" in text
    assert client.get(f"/officials/compare/?a={yin.pk}&b={yin.pk}").status_code == 404
    assert client.get("/officials/compare/?a=无此人&b=阴和俊").status_code == 404
    assert client.get("/officials/compare/?a=阴和俊&b=副部长甲").status_code == 200  # by name
    assert "比较两位官员" in client.get("/officials/compare/").content.decode()  # the form


def test_the_api_gives_the_timeline_and_the_network_with_evidence(client, kb):
    yin = kb.officials["阴和俊"]
    deputy = Official.objects.create(name="副部长甲")
    _post(deputy, kb.orgs["科技部"], "副部长", datetime.date(2025, 6, 1), datetime.date(2025, 9, 1))
    timeline = client.get(f"/api/officials/{yin.pk}/timeline").json()
    assert {p["full_title"] for p in timeline["posts"]} >= {"科技部部长", "科技部党组书记"}
    assert sum(m["count"] for m in timeline["months"]) > 0
    network = client.get(f"/api/officials/{yin.pk}/network").json()
    tie = next(t for t in network["ties"] if t["official"]["name"] == "副部长甲")
    assert tie["shared_posts"][0]["start"] == "2025-06-01" and tie["shared_posts"][0]["organization"]["name"] == "科学技术部"
    assert client.get("/api/officials/999999/network").status_code == 404
