"""Bylines, editors and sources in the forms real pages print them (lines from tests/data/real/)."""

import datetime

import pytest

from articles.ingest.credits import read_credits, split_spaced_names
from articles.ingest.text import simplified


def credits(*lines: str):
    return read_credits([simplified(line) for line in lines])


def test_a_liberty_times_bracket_byline():
    found = credits("〔記者羅添斌／台北報導〕國軍將領月底有大幅度的調整")
    assert found.reporters == ["罗添斌"] and found.place == "台北"


def test_a_central_news_agency_dateline_and_its_roc_date():
    found = credits("（中央社記者曾婷瑄河內18日專電）邁入冬季，越南又將面臨空氣品質惡化問題",
                    "然而在配套與基礎建設仍未到位的情況下，該措施受到民眾的普遍反對。（編輯：陳慧萍）1141118")
    assert (found.agency, found.reporters, found.place, found.day) == ("中央社", ["曾婷瑄"], "河内", 18)
    assert found.editor == "陈慧萍" and found.date == datetime.date(2025, 11, 18)


def test_people_dailys_spaced_names_and_reporters_at_the_end():
    assert credits("本报记者 李佩阳 周 欢").reporters == ["李佩阳", "周欢"]
    assert credits("（本报记者孟祥夫、侯琳良、付文）").reporters == ["孟祥夫", "侯琳良", "付文"]
    end = credits("、里约热内卢、曼谷、开罗6月11日电 记者龚鸣、谢佳宁、万宇）")
    assert end.month_day == (6, 11) and end.reporters == ["龚鸣", "谢佳宁", "万宇"]


def test_markdown_labels_joined_on_one_line():
    found = credits("**來源：** 大公報  **日期：** 2025-11-28  **記者：** 張真、李雅雯")
    assert found.source == "大公报" and found.date == datetime.date(2025, 11, 28)
    assert found.reporters == ["张真", "李雅雯"]


def test_a_link_to_the_original_names_the_outlet_and_the_day():
    found = credits("原文連結：[https://news.rthk.hk/rthk/ch/component/k2/1799088-20250406.htm](https://x)")
    assert found.outlet == "香港电台" and found.date == datetime.date(2025, 4, 6)


def test_a_named_outlets_reporter_credits_that_outlet():
    found = credits("澎湃新闻记者 周頔")
    assert found.source == "澎湃新闻" and found.reporters == [simplified("周頔")]


@pytest.mark.parametrize(("names", "expected"), [
    ("李佩阳 周 欢", ["李佩阳", "周欢"]), ("邓建胜 姚雪青", ["邓建胜", "姚雪青"]), ("丁雅诵 门杰伟", ["丁雅诵", "门杰伟"]),
])
def test_spaced_names(names, expected):
    assert split_spaced_names(names) == expected
