"""The import service and the load_seeds / import_texts commands, against a real database."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.ingest.pipeline import parse_document
from articles.models import (
    Article,
    Meeting,
    MeetingDocument,
    MeetingParticipation,
    Mention,
    Official,
    OfficialAlias,
    Organization,
    PolicyDocument,
    Post,
    Topic,
)
from articles.services.imports import import_document
from articles.services.reextract import reextract_article

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
PAGES = ROOT / "tests" / "data" / "pages"

pytestmark = pytest.mark.django_db


def _seed(number: str) -> Path:
    return next(SEEDS.glob(f"{number}_*.txt"))


def _import(path: Path, data: bytes | None = None):
    return import_document(parse_document(data if data is not None else path.read_bytes(), filename=path.name))


def _counts():
    return {m.__name__: m.objects.count() for m in (Article, Official, Post, Meeting, PolicyDocument, Organization,
                                                     Mention, MeetingDocument, MeetingParticipation, Topic)}


def test_loading_the_seeds_twice_changes_nothing():
    call_command("load_seeds", stdout=StringIO())
    first = _counts()
    out = StringIO()
    call_command("load_seeds", stdout=out)
    assert _counts() == first
    assert "新建 无；更新 无" in out.getvalue() and "跳过" not in out.getvalue()
    assert first["Article"] == 18 and first["Meeting"] == 18 and first["MeetingParticipation"] == 15


def test_every_article_records_its_file_and_line_span():
    _import(_seed("000"))
    article = Article.objects.get(title="我国高水平推进三大国际科技创新中心建设")
    assert article.provenance == f"{_seed('000').name}:42-56"
    assert article.source.name == "新华社" and article.published_on == date(2026, 2, 2)
    assert article.dateline_date == date(2026, 1, 27) and article.reporters == ["温竞华"]


def test_a_post_remembers_when_it_was_first_and_last_stated_and_where():
    _import(_seed("001"))
    _import(_seed("000"))
    post = Post.objects.get(official__name="丁薛祥", full_title="中央科技委员会主任")
    assert (post.first_seen, post.last_seen) == (date(2025, 1, 13), date(2026, 1, 26))
    assert post.articles.count() == 2
    assert post.organization.name == "中央科技委员会"


def test_two_work_conferences_are_two_sessions_of_one_series():
    _import(_seed("001"))
    _import(_seed("000"))
    sessions = Meeting.objects.filter(series__name="全国科技工作会议").order_by("start_date")
    assert [(m.start_date, m.end_date) for m in sessions] == [
        (date(2025, 1, 13), date(2025, 1, 14)), (date(2026, 1, 26), date(2026, 1, 27)),
    ]


def test_documents_keep_number_issuers_and_the_meeting_that_released_them():
    _import(_seed("002"))
    doc = PolicyDocument.objects.get(doc_number="工信部联节〔2026〕13号")
    assert doc.kind == "意见" and doc.short_title == "指导意见"
    assert {o.name for o in doc.issuers.all()} == {
        "工业和信息化部", "国家发展和改革委员会", "生态环境部", "国务院国有资产监督管理委员会", "国家能源局"}
    link = MeetingDocument.objects.get(document__title="关于进一步支持城市更新行动若干措施的通知")
    assert (link.meeting.series.name, link.meeting.start_date, link.relation) == (
        "自然资源部新闻发布会", date(2026, 1, 20), "released")


def test_organizations_come_with_their_reviewed_aliases():
    _import(_seed("004"))
    bank = Organization.objects.get(name="中国人民银行")
    assert {"央行", "人民银行"} <= set(bank.aliases.values_list("name", flat=True))
    assert Mention.objects.filter(organization=bank, surface="央行").exists()


def test_mentions_point_at_the_text_they_name():
    _import(_seed("003"))
    article = Article.objects.get()
    mentions = list(article.mentions.all())
    assert mentions
    for mention in mentions:
        text = article.title if mention.field == "title" else article.body
        assert text[mention.start : mention.end] == mention.surface
    xi = Official.objects.get(name="习近平")
    assert OfficialAlias.objects.filter(official=xi, name="習近平").exists()


def test_topics_are_created_from_the_taxonomy_and_assigned():
    _import(_seed("002"))
    assert Topic.objects.get(name="十五五规划").parent.name == "科技体制与规划"
    brief = Article.objects.get(title="五部门联合发文推进零碳工厂建设")
    assert "绿色低碳" in set(brief.topics.values_list("name", flat=True))


def test_the_same_text_in_another_encoding_updates_the_same_articles():
    text = _seed("000").read_text(encoding="utf-8")
    _import(_seed("000"), text.encode("utf-8"))
    ids = set(Article.objects.values_list("id", flat=True))
    report = _import(_seed("000"), text.encode("gbk"))
    assert set(Article.objects.values_list("id", flat=True)) == ids
    assert not report.created.get("文章")


def test_a_corrected_body_updates_the_article_in_place():
    text = _seed("000").read_text(encoding="utf-8")
    _import(_seed("000"), text.encode("utf-8"))
    article = Article.objects.get(title="全国科技工作会议在京召开 丁薛祥出席会议并讲话")
    report = _import(_seed("000"), text.replace("心血和汗水", "心血与汗水").encode("utf-8"))
    article.refresh_from_db()
    assert "心血与汗水" in article.body
    assert report.updated["文章"] == 1 and Article.objects.count() == 3


def test_an_import_records_outbox_rows_for_the_search_index():
    from articles.models import SearchOutbox

    _import(_seed("000"))
    assert SearchOutbox.objects.exists()


def test_a_bad_file_stops_the_whole_call_and_writes_nothing():
    with pytest.raises(CommandError, match="文件是空的"):
        call_command("import_texts", str(_seed("000")), str(PAGES / "empty.txt"), stdout=StringIO())
    assert Article.objects.count() == 0


@pytest.mark.parametrize(("name", "message"), [
    ("binary.bin", "不是文本文件"), ("no_story.txt", "没有识别出任何稿件"), ("missing.txt", "找不到"),
])
def test_bad_input_gives_a_clear_command_error(name, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_texts", str(PAGES / name), stdout=StringIO())


def test_dry_run_json_prints_the_parse_and_writes_nothing():
    out = StringIO()
    call_command("import_texts", str(PAGES / "hk_press_release.big5.txt"), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["articles"][0]["title"] == "政府公布推動創新科技發展新措施"
    assert data["articles"][0]["date"] == "2026-03-12"
    assert {o["name"] for o in data["officials"]} == {"梁嘉明", "何志远", "钟家慧"}
    assert Article.objects.count() == 0


def test_dry_run_prints_a_readable_table():
    out = StringIO()
    call_command("import_texts", str(_seed("001")), "--dry-run", stdout=out)
    table = out.getvalue()
    assert "全国科技工作会议第二次全体会议在京举行" in table and "2025-01-14（推断）" in table
    assert Article.objects.count() == 0


def test_importing_the_extra_pages_in_three_encodings():
    out = StringIO()
    call_command("import_texts", *(str(PAGES / n) for n in (
        "rmrb_style_page.gbk.txt", "web_article_bom.txt", "hk_press_release.big5.txt")), stdout=out)
    assert Article.objects.count() == 5
    assert Post.objects.filter(official__name="何志远", full_title="创新科技及工业局局长").exists()


def test_an_article_written_in_the_admin_goes_through_the_same_extraction(make_article):
    article = make_article(
        title="科技部部署年度工作",
        body="新华社北京1月26日电 科技部党组书记、部长阴和俊说，将落实《关于开展零碳工厂建设工作的指导意见》。",
    )
    report = reextract_article(article)
    assert [p.full_title for p in Post.objects.filter(official__name="阴和俊").order_by("full_title")] == [
        "科技部党组书记", "科技部部长"]
    assert PolicyDocument.objects.filter(title="关于开展零碳工厂建设工作的指导意见").exists()
    assert article.mentions.filter(official__name="阴和俊").exists()
    assert report.created["官员"] == 1
