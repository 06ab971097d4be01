"""The query language read as an analyst writes it (search.query_language: pure, no index)."""

from __future__ import annotations

import datetime

import pytest

from search import query_language as ql
from search.query_language import And, DateRange, Field, Not, Or, Phrase, QuerySyntaxError, Word, parse


def test_words_side_by_side_must_all_match_and_or_binds_tighter():
    assert parse("科技部 OR 工信部 -金融") == And((Or((Word("科技部"), Word("工信部"))), Not(Word("金融"))))
    assert parse("a OR b c OR d") == And((Or((Word("a"), Word("b"))), Or((Word("c"), Word("d")))))
    assert parse("科技 AND 金融") == parse("科技 金融") == And((Word("科技"), Word("金融")))


def test_bar_not_and_parentheses_are_the_same_operators():
    assert parse("(科技部 | 工信部) NOT 金融") == parse("科技部 OR 工信部 -金融")
    assert parse("a -(b OR c)") == And((Word("a"), Not(Or((Word("b"), Word("c"))))))


def test_phrases_and_proximity():
    assert parse('"科技 金融"') == Phrase("科技 金融")
    assert parse('"科技 金融"~10') == Phrase("科技 金融", 10)


def test_fields_dates_and_exact():
    assert parse("title:零碳工厂") == Field("title", "零碳工厂")
    assert parse('source:"人民日报 海外版"') == Field("source", "人民日报 海外版", phrase=True)
    assert parse("date:2025-01..2025-06") == DateRange(datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))
    assert parse("date:2024") == DateRange(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert parse("date:..2024-02") == DateRange(None, datetime.date(2024, 2, 29))
    assert parse("exact:工信部") == Word("工信部", exact=True)
    assert parse("标题:零碳工厂") == parse("title:零碳工厂")


def test_full_width_forms_read_as_their_ascii_twins():
    assert parse("（科技部 ｜ 工信部） －金融".replace("－", "-")) == parse("(科技部 | 工信部) -金融")
    assert parse("“科技 金融”～5") == parse('"科技 金融"~5')
    assert parse("标题：零碳工厂") == parse("title:零碳工厂")


def test_a_colon_in_chinese_text_is_not_a_field():
    assert parse("记者：张三") == Word("记者:张三")


@pytest.mark.parametrize(("query", "position", "message"), [
    ('"科技 金融', 0, "引号没有闭合"),
    ("(科技 金融", 0, "没有对应的右括号"),
    ("科技 金融)", 5, "多了一个右括号"),
    ("foo:bar", 0, "未知字段“foo:”"),
    ("科技 OR", 3, "OR 后面缺少检索词"),
    ("OR 科技", 0, "OR 前面缺少检索词"),
    ("date:2025-13", 0, "没有这一天"),
    ("date:2026..2025", 0, "起始日期晚于截止日期"),
    ('"科技"~5', 0, "两个以上的词"),
    ('"科技 金融"~999', 7, "邻近距离最多"),
    ("()", 1, "括号里没有检索词"),
    ("", 0, "检索式是空的"),
])
def test_a_malformed_query_says_what_is_wrong_and_where(query, position, message):
    with pytest.raises(QuerySyntaxError) as raised:
        parse(query)
    assert raised.value.position == position
    assert message in raised.value.describe()
    assert f"第 {position + 1} 个字符处" in raised.value.describe()


def test_nesting_is_bounded():
    with pytest.raises(QuerySyntaxError, match="嵌套"):
        parse("(" * 20 + "科技" + ")" * 20)


def test_the_normalised_form_reads_back_to_the_same_tree():
    for query, _ in ql.EXAMPLES:
        tree = parse(query)
        assert parse(str(tree)) == tree, query


def test_the_marked_words_leave_out_exclusions():
    assert ql.positive_texts(parse("科技部 OR 工信部 -金融 title:零碳")) == ["科技部", "工信部", "零碳"]
