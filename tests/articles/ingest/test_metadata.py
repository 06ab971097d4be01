from datetime import date

from articles.ingest.dates import DateContext, DateExpr, infer_page_year, resolve
from articles.ingest.model import PartialDate


def test_a_dateline_takes_its_year_from_the_publication_date(seed):
    story = seed("000").items[0]
    assert story.published_on == date(2026, 2, 2)
    assert (story.agency, story.dateline_place, story.dateline_date) == ("新华社", "北京", date(2026, 1, 26))
    assert story.date == date(2026, 1, 26)


def test_a_december_dateline_on_a_january_page_belongs_to_the_old_year(page):
    doc = page("rmrb_style_page.gbk.txt")
    assert doc.publication.date == date(2026, 1, 3)
    xinhua = doc.items[1]
    assert xinhua.dateline_date == date(2025, 12, 31)


def test_the_masthead_gives_the_publication_name_date_and_issue(seed):
    publication = seed("000").publication
    assert publication.name == "中国高新技术产业导报"
    assert publication.date == date(2026, 2, 2)
    assert publication.issue == "第5期(总第2657期)"
    assert not publication.date_inferred


def test_a_page_without_a_masthead_date_takes_its_year_from_its_own_text(seed):
    doc = seed("001")
    assert [a.date for a in doc.items[:2]] == [date(2025, 1, 13), date(2025, 1, 14)]
    assert doc.publication.date == date(2025, 1, 14) and doc.publication.date_inferred


def test_a_sentence_naming_the_current_year_decides_the_page_year():
    ctx = infer_page_year("会议研究部署2025年重点任务。2035年建成科技强国。")
    assert ctx.year == 2025


def test_complete_past_dates_bound_the_year_from_below():
    ctx = infer_page_year("2024年6月24日，全国科技大会召开。办法将于2026年4月1日起实施。")
    assert ctx.lower == date(2024, 6, 24)
    assert resolve(DateExpr(0, 0, None, 1, 13), ctx) == PartialDate(2025, 1, 13)


def test_relative_years_count_from_the_article():
    ctx = DateContext(ref=date(2026, 7, 7))
    assert resolve(DateExpr(0, 0, None, 8, None, relative="去年"), ctx) == PartialDate(2025, 8)


def test_bylines_of_every_style_are_read(seed, page):
    assert seed("000").items[2].reporters == ("温竞华",)
    assert seed("001").items[1].reporters == ("张伟",)
    assert next(a for a in seed("004").items if a.kicker).reporters == ("乔翔",)
    feature = next(a for a in seed("004").items if a.kind == "feature")
    assert feature.reporters == ("吴鼎", "胡喆", "温竟华", "李恒", "彭韵佳", "顾天成")
    assert page("rmrb_style_page.gbk.txt").items[0].reporters == ("李红梅", "王浩")


def test_photographers_are_credited_even_with_a_spaced_name(seed, page):
    assert seed("001").items[2].photographers == ("张端",)
    assert page("rmrb_style_page.gbk.txt").items[2].photographers == ("邹毅",)


def test_the_web_header_gives_date_source_and_editor(seed):
    doc = seed("003")
    (article,) = doc.items
    assert article.published_on == date(2026, 2, 10)
    assert (article.source_name, article.source_kind) == ("央视新闻客户端", "web")
    assert article.editor == "杨磊"
    assert article.script == "traditional" and doc.encoding == "utf-8"


def test_a_credited_source_line_names_the_source_of_a_whole_column(seed):
    items = seed("002").items
    assert [a.source_name for a in items] == ["新华社"] * 5 + [None]
    assert items[1].credited_source == "新华社"
    assert "本栏目稿件来源" not in items[4].body


def test_a_story_of_the_unnamed_paper_itself_has_no_source(seed):
    assert seed("001").items[1].source_name is None


def test_a_web_article_with_a_source_header_is_credited_to_that_paper(page):
    (article,) = page("web_article_bom.txt").items
    assert (article.source_name, article.editor, article.dateline_date) == ("科技日报", "张敏", date(2026, 3, 11))


def test_a_hong_kong_release_is_a_traditional_government_notice(page):
    doc = page("hk_press_release.big5.txt")
    (article,) = doc.items
    assert doc.encoding == "big5hkscs"
    assert (article.kind, article.script, article.source_kind) == ("notice", "traditional", "government")
    assert article.published_on == date(2026, 3, 12)
    assert "香港時間" not in article.body and not article.body.endswith("完")
