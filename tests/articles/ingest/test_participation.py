"""Officials' parts in meetings, read from the seeds, the extra pages and a few sentences of other reports."""

from datetime import date

import pytest

from articles.ingest.dates import DateContext
from articles.ingest.entities import extract_entities
from articles.ingest.model import ParsedArticle


def _parts(doc, series):
    (meeting,) = [m for m in doc.meetings if m.series == series]
    return set(meeting.participants)


def _all_parts(doc):
    return {(m.series, name, role) for m in doc.meetings for name, role in m.participants}


def _read(body, title="", day=date(2026, 3, 6)):
    item = ParsedArticle(title=title or body[:12], body=body, kind="news", script="simplified", line_start=1,
                         line_end=1, published_on=day)
    _items, entities = extract_entities([item], DateContext(ref=day))
    return {(m.series, name, role) for m in entities["meetings"] for name, role in m.participants}


def test_attending_and_speaking_at_the_meeting_just_reported(seed):
    assert _parts(seed("000"), "全国科技工作会议") == {("丁薛祥", "attended"), ("丁薛祥", "spoke")}


def test_the_work_report_belongs_to_the_session_held_not_to_a_meeting_merely_cited(seed):
    # 贯彻落实…全国科技大会精神 stands between the second sitting and 阴和俊作工作报告.
    assert _parts(seed("001"), "全国科技工作会议") == {
        ("丁薛祥", "attended"), ("丁薛祥", "spoke"), ("阴和俊", "reported")}
    assert _parts(seed("001"), "全国科技大会") == {("习近平", "attended"), ("习近平", "spoke")}


def test_chairing_a_study_session_in_traditional_script(seed):
    assert _parts(seed("003"), "中共中央政治局集体学习") == {("习近平", "chaired")}


def test_a_statement_made_at_a_meeting_is_speaking_there(seed):
    parts = _all_parts(seed("004"))
    assert ("加强基础研究座谈会", "习近平", "spoke") in parts
    # 在全国科技大会、国家科学技术奖励大会、两院院士大会上，习近平总书记…发出…总动员
    assert {s for s, _n, _r in parts if _n == "习近平"} == {
        "全国科技大会", "国家科学技术奖励大会", "两院院士大会", "加强基础研究座谈会"}


def test_a_press_conference_report_quotes_its_speakers(seed, page):
    assert _parts(seed("002"), "自然资源部新闻发布会") == {("谢海霞", "spoke"), ("张雁", "spoke")}
    assert _parts(page("web_article_bom.txt"), "北京市人民政府新闻办公室新闻发布会") == {("许建国", "spoke"), ("刘洋", "spoke")}


def test_a_statement_before_the_press_conference_is_introduced_is_not_at_it(page):
    assert _parts(page("hk_press_release.big5.txt"), "创新科技及工业局记者会") == {
        ("何志远", "spoke"), ("钟家慧", "spoke")}


def test_reporting_and_chairing_on_a_people_s_daily_page(page):
    assert _parts(page("rmrb_style_page.gbk.txt"), "全国知识产权局局长会议") == {
        ("周明远", "reported"), ("陈晓琳", "chaired")}


def test_people_who_are_not_officials_take_no_part(seed):
    # 李强在主持开班式时指出: the page gives 李强 no post.
    assert not any(name == "李强" for _s, name, _r in _all_parts(seed("002")))


def test_a_statement_in_a_report_from_a_work_conference_is_not_taken_for_a_speech_at_it(seed):
    # 科技部部长阴和俊说, in a story of what reporters learned at the conference.
    assert ("阴和俊", "spoke") not in _parts(seed("000"), "全国科技工作会议")


@pytest.mark.parametrize(("body", "expected"), [
    ("3月2日，工业和信息化部召开民营企业座谈会。工业和信息化部部长李乐成主持会议并讲话。",
     {("民营企业座谈会", "李乐成", "chaired"), ("民营企业座谈会", "李乐成", "spoke")}),
    ("3月5日，国务院新闻办公室举行新闻发布会。科技部副部长李萌介绍，今年将加大基础研究投入。",
     {("国务院新闻办公室新闻发布会", "李萌", "spoke")}),
    ("2026中关村论坛年会3月27日在京开幕。北京市市长殷勇致辞。科技部部长阴和俊出席开幕式。",
     {("中关村论坛", "殷勇", "spoke"), ("中关村论坛", "阴和俊", "attended")}),
    # Neither a meeting held nor a part taken: citing a meeting's spirit, opinions, a visit.
    ("科技部部长阴和俊说，要贯彻落实全国科技大会精神。", set()),
    ("国家发展改革委主任郑栅洁在北京调研时强调，要发展新质生产力。", set()),
    ("1月10日，全国教育工作会议在京召开。教育部副部长王光彦出席宴请活动。", set()),
    # 丁薛祥同志讲话要求 speaks of a speech given elsewhere: only the work report is a part in this sitting.
    ("1月14日，全国科技工作会议第二次全体会议在京举行。会议认真落实中央科技委员会主任丁薛祥同志讲话要求。科技部部长阴和俊作工作报告。",
     {("全国科技工作会议", "阴和俊", "reported")}),
])
def test_parts_in_sentences_of_other_reports(body, expected):
    assert _read(body) == expected


def test_participants_are_in_the_json_output(seed):
    meetings = seed("000").to_json()["meetings"]
    (work,) = [m for m in meetings if m["series"] == "全国科技工作会议"]
    assert work["participants"] == [{"name": "丁薛祥", "role": "attended"}, {"name": "丁薛祥", "role": "spoke"}]
    assert work["date_precision"] == "day"
