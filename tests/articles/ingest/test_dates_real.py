"""Dates as the real pages give them: the page's printed date, datelines never a year late."""

import datetime

import pytest

from articles.ingest.dates import DateContext, dateline_day, find_dates, resolve
from articles.ingest.pipeline import parse_document

PAGE = DateContext(ref=datetime.date(2026, 1, 3))


@pytest.mark.parametrize(("month", "day", "expected"), [
    (1, 2, "2026-01-02"), (12, 30, "2025-12-30"), (1, 4, "2026-01-04"), (1, 5, "2025-01-05"),
])
def test_a_dateline_is_the_latest_such_day_not_after_the_page(month, day, expected):
    assert dateline_day(month, day, PAGE).iso() == expected


@pytest.mark.parametrize(("word", "expected"), [("昨日", "2026-01-02"), ("前日", "2026-01-01"), ("今天", "2026-01-03")])
def test_relative_days_count_back_from_the_page(word, expected):
    (expr,) = [e for e in find_dates(f"{word}，会议召开。") if e.relative]
    assert resolve(expr, PAGE).iso() == expected


def test_the_printed_edition_line_dates_the_page():
    text = "江苏探索科技成果高效转化应用新途径\n\n本报记者 邓建胜 姚雪青《人民日报》（2026年06月12日 第 01 版）\n\n" \
           "在没有定位信号的受限环境中，无人机如何智能辨识方向、自主避障？近日，一项成果在南京发布。"
    (story,) = parse_document(text, filename="x.txt").items
    assert story.published_on == datetime.date(2026, 6, 12) and not story.date_inferred
    assert story.reporters == ("邓建胜", "姚雪青") and story.page == "1"


def test_a_page_without_any_date_leaves_the_story_undated():
    text = "某地举办科技成果对接会\n\n近日，某地举办科技成果对接会，百余家企业参加，现场签约项目二十个。"
    (story,) = parse_document(text, filename="x.txt").items
    assert story.date is None and story.published_on is None


def test_the_people_com_cn_form_gives_paper_date_page_and_editors():
    text = ("新春走基层记者手记\n\n在海南海口新海滚装码头客运综合枢纽站，港口内，人员、车辆有序流动；港口外，船舶往来正忙。"
            "这些新变化，也正是高质量发展稳步推进的缩影。\n\n《 人民日报 》( 2024年02月24日 05 版)\n\n(责编：白宇、卫嘉)")
    doc = parse_document(text, filename="people.txt")
    (story,) = doc.items
    assert doc.publication.name == "人民日报" and story.published_on == datetime.date(2024, 2, 24)
    assert story.page == "5" and story.editor == "白宇、卫嘉"
    assert "人民日报" not in story.body and "责编" not in story.body
