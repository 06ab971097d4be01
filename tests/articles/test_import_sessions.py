"""Sessions dated to a month, a year or not at all, officials' parts in them, and the outlet of each article."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import F

from articles.ingest import model as parsed_model
from articles.ingest.model import PartialDate
from articles.ingest.pipeline import parse_document
from articles.models import Article, Meeting, MeetingDocument, MeetingParticipation, MeetingSeries
from articles.services.imports import KnowledgeBaseWriter, import_document
from articles.services.sessions import store_meeting

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
PAGES = ROOT / "tests" / "data" / "pages"

pytestmark = pytest.mark.django_db


def _import(number: str):
    path = next(SEEDS.glob(f"{number}_*.txt"))
    return import_document(parse_document(path.read_bytes(), filename=path.name))


def _sessions(series: str) -> list[tuple]:
    return [(m.name, m.start_date, m.date_precision, m.date_label)
            # NULL placement differs between SQLite and PostgreSQL: say it explicitly.
            for m in Meeting.objects.filter(series__name=series).order_by(
                F("start_date").asc(nulls_first=True), "name")]


def _parsed(series: str, day: PartialDate | None, name: str = "") -> parsed_model.Meeting:
    return parsed_model.Meeting(key=f"{series}|{day.iso() if day else name}", series=series, name=name or series,
                                kind="congress", date=day)


def test_sessions_known_by_month_year_or_name_only_are_all_stored():
    out = StringIO()
    call_command("load_seeds", stdout=out)
    assert "跳过" not in out.getvalue()
    assert _sessions("国家科学技术奖励大会") == [("", date(2024, 6, 1), "month", "2024年6月")]
    assert _sessions("世界人工智能大会") == [("2026世界人工智能大会", date(2026, 1, 1), "year", "2026年")]
    assert sorted(_sessions("中国共产党全国代表大会")) == [
        (name, None, "day", "日期不详") for name in sorted(["党的十八大", "党的十九大", "党的二十大"])]
    # 近期召开的中央经济工作会议 (undated) is not tied to the 2025 session another page names.
    assert [s[1:] for s in _sessions("中央经济工作会议")] == [
        (None, "day", "日期不详"), (date(2025, 1, 1), "year", "2025年")]
    # 2024年6月 on one page, 2024年6月24日 on another: one session, dated to the day.
    assert _sessions("全国科技大会") == [("", date(2024, 6, 24), "day", "2024-06-24")]


def test_a_session_dated_only_by_year_keeps_the_document_it_released():
    _import("004")
    link = MeetingDocument.objects.get(document__title="人工智能合作发展行动计划")
    assert (link.meeting.series.name, link.meeting.date_label, link.relation) == (
        "世界人工智能大会", "2026年", "released")


def test_a_month_dated_session_becomes_exact_when_a_later_page_gives_the_day():
    _import("004")
    assert _sessions("全国科技大会") == [("", date(2024, 6, 1), "month", "2024年6月")]
    _import("001")
    assert _sessions("全国科技大会") == [("", date(2024, 6, 24), "day", "2024-06-24")]
    parts = MeetingParticipation.objects.filter(meeting__series__name="全国科技大会")
    assert sorted(parts.values_list("official__name", "role")) == [("习近平", "attended"), ("习近平", "spoke")]
    report = _import("004")
    assert not report.created and not report.updated


def test_a_named_session_first_seen_undated_takes_the_date_a_later_text_gives():
    writer = KnowledgeBaseWriter()
    undated = store_meeting(writer, _parsed("中国共产党全国代表大会", None, "党的二十大"))
    dated = store_meeting(writer, _parsed("中国共产党全国代表大会", PartialDate(2022, 10, 16), "党的二十大"))
    assert dated.pk == undated.pk and dated.start_date == date(2022, 10, 16)
    assert store_meeting(writer, _parsed("中国共产党全国代表大会", None, "党的二十大")).pk == undated.pk


def test_a_month_with_several_sessions_is_reported_not_guessed():
    series = MeetingSeries.objects.create(name="国务院常务会议")
    series.sessions.create(start_date=date(2026, 3, 6))
    series.sessions.create(start_date=date(2026, 3, 20))
    writer = KnowledgeBaseWriter()
    assert store_meeting(writer, _parsed("国务院常务会议", PartialDate(2026, 3))) is None
    assert "会议日期不明确" in writer.report.skipped[0]
    assert series.sessions.count() == 2


def test_officials_parts_are_written_once():
    _import("001")
    _import("003")
    rows = MeetingParticipation.objects.order_by("meeting__start_date", "official__name", "role")
    assert [(r.meeting.series.name, r.official.name, r.role) for r in rows] == [
        ("全国科技大会", "习近平", "attended"), ("全国科技大会", "习近平", "spoke"),
        ("全国科技工作会议", "丁薛祥", "attended"), ("全国科技工作会议", "丁薛祥", "spoke"),
        ("全国科技工作会议", "阴和俊", "reported"), ("中共中央政治局集体学习", "习近平", "chaired"),
    ]
    report = _import("001")
    assert report.unchanged["出席"] == 5 and not report.created


def test_articles_record_the_outlet_that_printed_them_and_whether_the_date_was_inferred():
    _import("000")
    _import("001")
    story = Article.objects.get(title="我国高水平推进三大国际科技创新中心建设")
    assert (story.source.name, story.publication.name, story.date_inferred) == ("新华社", "中国高新技术产业导报", False)
    assert story.publication.kind == "newspaper"
    undated_page = Article.objects.get(title="全国科技工作会议第二次全体会议在京举行")
    assert (undated_page.publication, undated_page.date_inferred) == (None, True)


def test_dry_run_json_shows_publication_inferred_dates_and_participants():
    out = StringIO()
    call_command("import_texts", str(next(SEEDS.glob("001_*.txt"))), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert {(a["publication"], a["date_inferred"]) for a in data["articles"]} == {(None, True)}
    (work,) = [m for m in data["meetings"] if m["series"] == "全国科技工作会议"]
    assert {"name": "阴和俊", "role": "reported"} in work["participants"]
    assert Meeting.objects.count() == 0


def test_the_api_lists_sessions_of_every_precision(client):
    call_command("load_seeds", stdout=StringIO())
    response = client.get("/api/meetings", {"page_size": 50})
    assert response.status_code == 200
    labels = {(m["series"]["name"], m["date_label"]) for m in response.json()["results"]}
    assert {("世界人工智能大会", "2026年"), ("两院院士大会", "2024年6月"), ("中央经济工作会议", "日期不详")} <= labels
    undated = Meeting.objects.get(name="党的二十大")
    detail = client.get(f"/api/meetings/{undated.pk}").json()
    assert (detail["start_date"], detail["date_label"]) == (None, "日期不详")
