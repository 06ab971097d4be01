"""Story boundaries and titles of each seed, as a careful reader lists them."""

import pytest

from articles.ingest.errors import NoStoryError
from articles.ingest.pipeline import parse_document

from .conftest import PAGES, seed_path


def _titles(doc):
    return [(a.kind, a.title) for a in doc.items]


def test_front_page_gives_two_stories_and_one_caption(seed):
    doc = seed("000")
    assert _titles(doc) == [
        ("news", "全国科技工作会议在京召开 丁薛祥出席会议并讲话"),
        ("caption", "在位于北京怀柔的中国科学院物理研究所综合极端条件实验装置极低…"),
        ("news", "我国高水平推进三大国际科技创新中心建设"),
    ]
    assert [(a.line_start, a.line_end) for a in doc.items] == [(9, 28), (32, 40), (42, 56)]


def test_front_page_furniture_is_dropped_with_reasons(seed):
    doc = seed("000")
    reasons = {d.text: d.reason for d in doc.dropped}
    assert reasons["中国高新技术产业导报"] == "报头"
    assert reasons["本期导读"] == "导读栏"
    assert reasons["微信公众号"] == "版面装饰"
    assert all("邮发代号" not in a.body and "本期导读" not in a.body for a in doc.items)


def test_the_caption_keeps_both_photo_texts_and_its_lead(seed):
    caption = seed("000").items[1]
    assert caption.body.startswith("左图：")
    assert "右图：" in caption.body and "35.6特斯拉" in caption.body
    assert caption.photographers == ("金立旺",)


def test_headlines_printed_apart_from_their_columns_find_their_stories(seed):
    first, second, caption = seed("001").items
    assert first.title == "全国科技工作会议在京召开"
    assert first.subtitle == "丁薛祥出席会议并讲话"
    assert second.title == "全国科技工作会议第二次全体会议在京举行"
    assert second.body.startswith("本报讯（记者张伟） 1月14日")
    assert caption.kind == "caption" and caption.photographers == ("张端",)


def test_the_box_of_other_pages_headlines_is_dropped(seed):
    doc = seed("001")
    dropped = [d.text for d in doc.dropped]
    assert "万物智联是高级数字经济中枢神经" in dropped
    assert all("低空经济" not in a.body for a in doc.items)


def test_an_interview_stays_one_article_with_its_questions_and_answers(seed):
    interview = seed("002").items[0]
    assert interview.kind == "interview"
    assert interview.subtitle == "访科技部党组书记、部长阴和俊"
    assert interview.body.count("问:") == 5 and interview.body.count("答:") == 5
    assert "统筹布局推动“十五五”科技工作" in interview.body  # its section headings stay inside


def test_briefs_under_second_level_headings_are_separate_stories(seed):
    titles = [a.title for a in seed("002").items[1:5]]
    assert titles == [
        "两部门推出城市更新行动“新政”",
        "三部门部署创建农业现代化示范区",
        "五部门联合发文推进零碳工厂建设",
        "科技型中小企业纳入梯度培育范围",
    ]


def test_a_continuation_from_page_one_is_its_own_marked_item(seed):
    last = seed("002").items[-1]
    assert last.kind == "continuation"
    assert last.continued_from == "第一版"
    assert last.title_derived and last.body.startswith("(上接第一版)")


def test_a_web_article_is_one_item_without_its_chrome_or_placeholder_titles(seed):
    doc = seed("003")
    (article,) = doc.items
    assert article.title == "時政微觀察丨從開局之年首次地方考察,讀懂“科技自立自強”的深意"
    assert "首頁" not in article.body and "標簽" not in article.body
    assert "時政微觀察丨" not in article.body
    assert "△北京市科技創新成果展示" in article.body  # photo captions of the story stay in it
    assert sum(d.reason == "重复标题（图片占位）" for d in doc.dropped) == 4


def test_a_kicker_in_markdown_belongs_to_the_title_below_it(seed):
    waic = next(a for a in seed("004").items if a.title.startswith("2026世界人工智能大会"))
    assert waic.kicker == "两大国家级成果将发布"
    assert waic.reporters == ("乔翔",)


def test_the_feature_keeps_its_sections_and_ends_with_its_dateline(seed):
    feature = next(a for a in seed("004").items if a.title == "为民族复兴积聚磅礴伟力")
    assert feature.kind == "feature"
    assert feature.continued_from == "A01版"
    assert "向新而行:深化改革拓宽发展之路" in feature.body
    assert feature.body.endswith("(新华社北京7月7日电)")


def test_the_photo_inside_the_feature_becomes_its_own_caption(seed):
    caption = seed("004").items[0]
    assert caption.kind == "caption" and caption.photographers == ("谢吟",)
    assert (caption.line_start, caption.line_end) == (7, 9)


def test_a_displaced_paragraph_is_returned_to_the_story_it_completes(seed):
    items = seed("004").items
    gold = next(a for a in items if a.title == "国央行连续20个月增持黄金")
    waic = next(a for a in items if a.title.startswith("2026世界人工智能大会"))
    assert gold.kind == "continuation"
    assert "同时,黄金是全球广泛接受的最终支付手段,我国央行增持黄金" in gold.body
    assert "黄金" not in waic.body
    assert (gold.line_start, gold.line_end) == (209, 215)


def test_no_text_of_a_seed_disappears_silently(seed):
    """Every line is in an article's span, is a headline printed apart from it, or was dropped."""
    for number in ("000", "001", "002", "003", "004"):
        doc = seed(number)
        covered = set()
        for article in doc.items:
            covered.update(range(article.line_start, article.line_end + 1))
        for dropped in doc.dropped:
            covered.update(range(dropped.line_start, dropped.line_end + 1))
        headlines = {h for a in doc.items for h in (a.title, a.kicker, a.subtitle) if h}
        lines = seed_path(number).read_text(encoding="utf-8").split("\n")
        missing = [i for i, line in enumerate(lines, 1)
                   if line.strip() and i not in covered and line.strip().lstrip("# ") not in headlines]
        assert missing == [], (number, missing)


def test_a_page_of_only_a_table_of_contents_has_no_story():
    with pytest.raises(NoStoryError, match="没有识别出任何稿件"):
        parse_document((PAGES / "no_story.txt").read_bytes(), filename="no_story.txt")
