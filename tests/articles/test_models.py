"""The data model keeps the real world's rules."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from articles.models import (
    Meeting,
    MeetingSeries,
    Mention,
    Official,
    Organization,
    PolicyDocument,
    Post,
)

pytestmark = pytest.mark.django_db


def test_two_documents_cannot_share_a_number():
    PolicyDocument.objects.create(title="关于开展零碳工厂建设工作的指导意见", doc_number="工信部联节〔2026〕13号")
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyDocument.objects.create(title="另一份文件", doc_number="工信部联节〔2026〕13号")


def test_many_documents_may_have_no_number():
    PolicyDocument.objects.create(title="科学技术普及法")
    PolicyDocument.objects.create(title="国家科学技术奖励条例")
    assert PolicyDocument.objects.filter(doc_number="").count() == 2


def test_a_meeting_series_has_one_session_per_day():
    series = MeetingSeries.objects.create(name="全国科技工作会议")
    Meeting.objects.create(series=series, start_date=datetime.date(2025, 1, 13))
    Meeting.objects.create(
        series=series, start_date=datetime.date(2026, 1, 26), end_date=datetime.date(2026, 1, 27)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(series=series, start_date=datetime.date(2026, 1, 26))
    assert [str(m) for m in series.sessions.order_by("start_date")] == [
        "全国科技工作会议（2025-01-13）",
        "全国科技工作会议（2026-01-26至2026-01-27）",
    ]


def test_a_meeting_cannot_end_before_it_starts():
    series = MeetingSeries.objects.create(name="中央经济工作会议")
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            series=series, start_date=datetime.date(2025, 12, 11), end_date=datetime.date(2025, 12, 10)
        )


def test_a_mention_names_exactly_one_entity(make_article):
    article = make_article()
    official = Official.objects.create(name="丁薛祥")
    organization = Organization.objects.create(name="中央科技委员会")
    Mention.objects.create(article=article, start=0, end=3, surface="丁薛祥", official=official)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(
            article=article, start=5, end=8, surface="丁薛祥", official=official, organization=organization
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(article=article, start=9, end=12, surface="无实体")


def test_a_mention_span_is_not_empty(make_article):
    official = Official.objects.create(name="阴和俊")
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(article=make_article(), start=4, end=4, surface="", official=official)


def test_an_official_holds_each_post_once():
    official = Official.objects.create(name="阴和俊")
    ministry = Organization.objects.create(name="科学技术部")
    Post.objects.create(official=official, title="部长", organization=ministry, full_title="科技部部长")
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.create(official=official, title="部长", organization=ministry, full_title="科技部部长")


def test_article_provenance_names_file_and_lines(make_article):
    article = make_article(source_file="000_b8c2b6b6d4843060.txt", line_start=9, line_end=28)
    assert article.provenance == "000_b8c2b6b6d4843060.txt:9-28"


def test_every_change_is_kept_in_history(make_article):
    article = make_article()
    article.title = "全国科技工作会议在京召开 丁薛祥出席会议并讲话"
    article.save()
    titles = [record.title for record in article.history.order_by("history_date")]
    assert titles == ["全国科技工作会议在京召开", "全国科技工作会议在京召开 丁薛祥出席会议并讲话"]


def test_a_meeting_reads_its_date_as_precisely_as_it_is_known():
    series = MeetingSeries.objects.create(name="党的代表大会")
    day = Meeting(series=series, start_date=datetime.date(2026, 1, 26), end_date=datetime.date(2026, 1, 27))
    month = Meeting(series=series, start_date=datetime.date(2025, 5, 1), date_precision="month")
    undated = Meeting(series=series, name="党的二十大")
    assert [day.date_label, month.date_label, undated.date_label] == ["2026-01-26至2026-01-27", "2025年5月", "日期不详"]


def test_a_series_has_at_most_one_undated_session():
    series = MeetingSeries.objects.create(name="世界人工智能大会")
    Meeting.objects.create(series=series)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(series=series)


def test_sessions_named_but_never_dated_are_distinct_but_a_name_is_stored_once():
    series = MeetingSeries.objects.create(name="中国共产党全国代表大会")
    Meeting.objects.create(series=series, name="党的十九大")
    Meeting.objects.create(series=series, name="党的二十大")
    Meeting.objects.create(series=series)  # a reference that names no session
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(series=series, name="党的二十大")


def test_recent_meetings_list_undated_sessions_last():
    series = MeetingSeries.objects.create(name="中国共产党全国代表大会")
    Meeting.objects.create(series=series, name="党的二十大")
    Meeting.objects.create(series=series, name="某次大会", start_date=datetime.date(2025, 3, 5))
    assert [m.display_name for m in Meeting.objects.all()] == ["某次大会", "党的二十大"]
