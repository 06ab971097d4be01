"""Official, meeting, series, document, organization and source pages answer the analysts' questions."""

import re

import pytest

from tests.site.test_pages import page

pytestmark = pytest.mark.django_db


def test_official_page_posts_timeline_meetings_and_articles(client, kb):
    ding = kb.officials["丁薛祥"]
    html = page(client, f"/officials/{ding.pk}/")
    assert "<h1>丁薛祥</h1>" in html
    posts = html[html.index('id="posts-h"'):html.index('id="meetings-h"')]
    assert "中共中央政治局常委" in posts and "中央科技委员会主任" in posts
    assert "2025年1月13日" in posts and "2026年1月26日" in posts
    stating = kb.articles["2026会议"]
    assert f'见 <a href="/articles/{stating.pk}/">全国科技工作会议在京召开</a>（中国高新技术产业导报，2026年2月2日）' in posts
    meetings = html[html.index('id="meetings-h"'):]
    rows = re.findall(r"<tr><td><time[^>]*>([^<]+)</time></td><td><a [^>]*>([^<]+)</a></td><td>([^<]+)</td></tr>", meetings)
    assert rows == [("2025年1月13日", "全国科技工作会议", "讲话"), ("2026年1月26日", "全国科技工作会议", "讲话")]
    assert "提及丁薛祥的文章" in html and "全国科技工作会议在京召开" in html
    assert f'href="/feeds/officials/{ding.pk}/"' in html


def test_official_alias_is_shown_and_unknown_official_404(client, kb):
    html = page(client, f"/officials/{kb.officials['阴和俊'].pk}/")
    assert "又作：陰和俊" in html
    assert "科技部部长" in html and "作报告" in html
    page(client, "/officials/999999/", 404)


def test_official_list_filters(client, kb):
    html = page(client, "/officials/")
    assert "丁薛祥" in html and "谢海霞" in html
    html = page(client, f"/officials/?source={kb.sources['央视'].pk}")
    assert "习近平" in html and "丁薛祥" not in html
    html = page(client, "/officials/?name=陰")
    assert "阴和俊" in html and "丁薛祥" not in html


def test_meeting_page_series_sessions_participants_documents_articles(client, kb):
    meeting = kb.meetings["2026"]
    html = page(client, f"/meetings/{meeting.pk}/")
    assert "<h1>全国科技工作会议</h1>" in html
    assert "2026年1月26日" in html and "2026年1月27日" in html
    assert "部署高水平推进三大国际科技创新中心建设" in html  # what was decided
    assert "丁薛祥</a> <span class=\"badge\">讲话</span>" in html
    sessions = html[html.index('id="sessions-h"'):]
    assert sessions.index("2025年1月13日") < sessions.index("2025年1月14日") < sessions.index("2026年1月26日")
    assert "（本次）" in sessions
    assert "我国高水平推进三大国际科技创新中心建设" in html


def test_meeting_that_released_a_document(client, kb):
    html = page(client, f"/meetings/{kb.meetings['发布会'].pk}/")
    assert "《关于进一步支持城市更新行动若干措施的通知》</a> <span class=\"badge\">发布/印发</span>" in html


def test_meeting_list_and_series(client, kb):
    html = page(client, "/meetings/?kind=study_session")
    assert "中共中央政治局第二十四次集体学习" in html and "全国科技工作会议</a></th>" not in html
    html = page(client, "/meetings/?date_from=2026-01-01")
    assert "2025年1月13日" not in html and "2026年1月26日" in html
    series = kb.meetings["2026"].series
    html = page(client, f"/meetings/series/{series.pk}/")
    assert "全国科技工作会议第二次全体会议" in html and "工作会议" in html


def test_document_page_number_issuers_kind_dates_citing_articles_meetings(client, kb):
    document = kb.documents["零碳"]
    html = page(client, f"/documents/{document.pk}/")
    assert "<h1>《关于开展零碳工厂建设工作的指导意见》</h1>" in html
    assert "工信部联节〔2026〕13号" in html and "意见" in html
    for issuer in ("工业和信息化部", "国家发展和改革委员会", "生态环境部", "国务院国有资产监督管理委员会", "国家能源局"):
        assert issuer in html
    assert "（5 家联合发文）" in html
    assert "文本未载明" in html  # no issue date in the texts
    assert "五部门联合发文推进零碳工厂建设" in html
    html = page(client, f"/documents/{kb.documents['城市更新'].pk}/")
    assert "自然资源部例行新闻发布会" in html and "2026年1月20日" in html


def test_document_list_filters_by_kind_and_issuer(client, kb):
    html = page(client, "/documents/?kind=意见")
    assert "关于开展零碳工厂建设工作的指导意见" in html and "优质中小企业梯度培育管理办法" not in html
    html = page(client, f"/documents/?issuer={kb.orgs['工信部'].pk}")
    assert "优质中小企业梯度培育管理办法" in html and "科学技术普及法" not in html


def test_organization_page_answers_which_documents_it_co_issued(client, kb):
    miit = kb.orgs["工信部"]
    html = page(client, f"/organizations/{miit.pk}/")
    assert "<h1>工业和信息化部</h1>" in html and "又称：工信部" in html
    assert "2 件，其中联合发文 1 件" in html
    row = re.search(r"<tr><th scope=\"row\"><a [^>]*>《关于开展零碳工厂建设工作的指导意见》</a>.*?</tr>", html, re.S).group(0)
    for other in ("国家发展和改革委员会", "生态环境部", "国务院国有资产监督管理委员会", "国家能源局"):
        assert other in row
    assert "工业和信息化部</a>" not in row
    assert "单独发文" in html  # 优质中小企业梯度培育管理办法
    assert "五部门联合发文推进零碳工厂建设" in html  # articles mentioning it


def test_an_organization_with_many_documents_lists_the_newest_and_links_to_all_of_them(client, kb):
    import datetime

    from articles.models import PolicyDocument
    from articles.views.documents import ISSUED_SHOWN

    miit, ndrc = kb.orgs["工信部"], kb.orgs["发改委"]
    already = miit.issued_documents.count()
    for n in range(ISSUED_SHOWN + 3):
        document = PolicyDocument.objects.create(
            title=f"测试管理办法第{n}号", issued_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
        document.issuers.add(miit, *([ndrc] if n % 2 else []))
    html = page(client, f"/organizations/{miit.pk}/")
    table = html[html.index('id="docs-h"'):html.index("</table>")]
    total = already + ISSUED_SHOWN + 3
    jointly = 1 + (ISSUED_SHOWN + 3) // 2
    assert f"{total} 件，其中联合发文 {jointly} 件" in table
    # Newest first; its two undated documents come after every dated one, so off this page.
    shown = re.findall(r"《([^》]+)》</a>", table)
    assert shown == [f"测试管理办法第{n}号" for n in range(ISSUED_SHOWN + 2, 2, -1)]
    assert f'<a href="/documents/?issuer={miit.pk}">全部 {total} 件文件' in html
    listed = page(client, f"/documents/?issuer={miit.pk}")
    assert "测试管理办法第0号" in listed


def test_an_organization_with_many_posts_lists_the_most_recently_seen(client, kb):
    import datetime

    from articles.models import Official, Post
    from articles.views.documents import POSTS_SHOWN

    miit = kb.orgs["工信部"]
    already = miit.posts.count()
    for n in range(POSTS_SHOWN + 5):
        official = Official.objects.create(name=f"测试官员{n:02d}")
        Post.objects.create(official=official, organization=miit, title="司长", full_title=f"工业和信息化部某司司长{n:02d}",
                            last_seen=datetime.date(2030, 1, 1) + datetime.timedelta(days=n))
    html = page(client, f"/organizations/{miit.pk}/")
    section = html[html.index('id="posts-h"'):html.index("</section>", html.index('id="posts-h"'))]
    assert f"{already + POSTS_SHOWN + 5} 项职务" in section
    shown = re.findall(r"测试官员(\d+)</a>", section)
    assert shown == [f"{n:02d}" for n in range(POSTS_SHOWN + 4, 4, -1)]  # newest first, the oldest 5 left out
    assert f"列出最近见于报道的 {POSTS_SHOWN} 项" in section


def test_source_pages(client, kb):
    html = page(client, "/sources/")
    assert "央视新闻客户端" in html and "繁体" in html
    html = page(client, f"/sources/{kb.sources['新华社'].pk}/")
    assert "<h1>新华社</h1>" in html and "我国高水平推进三大国际科技创新中心建设" in html
    assert "五部门联合发文" not in html
    page(client, "/sources/999999/", 404)


def test_the_official_page_lists_the_parts_the_import_recorded_and_reads_no_others_from_the_reports(
    client, kb, django_capture_on_commit_callbacks
):
    from articles.models import MeetingParticipation

    MeetingParticipation.objects.all().delete()
    ding = kb.officials["丁薛祥"]
    html = page(client, f"/officials/{ding.pk}/")
    meetings = html[html.index('id="meetings-h"'):html.index("每月提及")]
    # The reports say 丁薛祥出席会议并讲话, but the import's records are the only source of parts.
    assert "暂无记录。" in meetings and "全国科技工作会议" not in meetings
    with django_capture_on_commit_callbacks(execute=True):  # as an editor's save commits
        MeetingParticipation.objects.create(
            meeting=kb.meetings["2025"], official=ding, role=MeetingParticipation.Role.SPOKE
        )
    html = page(client, f"/officials/{ding.pk}/")
    rows = re.findall(r"<tr><td><time[^>]*>([^<]+)</time></td><td><a [^>]*>([^<]+)</a></td><td>([^<]+)</td></tr>", html)
    assert rows == [("2025年1月13日", "全国科技工作会议", "讲话")]
    html = page(client, f"/meetings/{kb.meetings['2026'].pk}/")
    assert "暂无出席记录" in html and "报道中提及的官员" in html
    assert f'<a href="/officials/{ding.pk}/">丁薛祥</a> <span class="count">1 篇</span>' in html
