"""Each page form of the registry (articles/ingest/layouts/) on a real page of that form."""

import pytest

from articles.ingest.errors import BinaryInputError, NoArticleInPageError, NoStoryError
from articles.ingest.layouts import LAYOUTS, WRAPPERS
from articles.ingest.pipeline import parse_document

from .conftest import ROOT

REAL = ROOT / "tests" / "data" / "real" / "pages"


def parse(name: str):
    return parse_document((REAL / name).read_bytes(), filename=name)


def test_every_form_is_one_module_in_the_registry():
    names = [f.name for f in (*WRAPPERS, *LAYOUTS)]
    assert len(names) == len(set(names))
    assert {"html", "feed", "front_matter", "policy_document", "release", "web", "markdown", "columns",
            "newspaper"} == set(names)
    assert LAYOUTS[-1].name == "newspaper"  # claims everything, so it comes last


@pytest.mark.parametrize(("name", "layout"), [
    ("html_people_01.html", "html+"),
    ("rmrb_01.txt", "feed+"),
    ("sinafin_01.html", "front_matter+"),
    ("govcn_02.html", "policy_document"),
    ("cna_01.txt", "newspaper"),
])
def test_real_pages_are_read_by_their_form(name, layout):
    assert parse(name).layout.startswith(layout)


def test_a_saved_web_page_is_one_story_without_markup():
    doc = parse("html_people_01.html")
    (story,) = doc.items
    assert story.title == "女儿出嫁，郑板桥画了几笔兰花当嫁妆"
    assert story.date.isoformat() == "2019-06-15"
    assert story.source_name == "人民网-文化频道"
    assert "<" not in story.title + story.body and "{" not in story.body


def test_a_gbk_web_page_reads_as_its_utf8_original():
    utf8, gbk = parse("html_zsnews_01.html"), parse("html_zsnews_01.gbk.html")
    assert gbk.encoding == "gb18030"
    assert [a.title for a in gbk.items] == [a.title for a in utf8.items]
    assert [a.body for a in gbk.items] == [a.body for a in utf8.items]


def test_a_web_page_without_an_article_is_refused():
    with pytest.raises(NoArticleInPageError, match="没有找到正文"):
        parse("html_noarticle_01.html")


def test_a_pdf_is_refused_as_binary():
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4
    with pytest.raises(BinaryInputError, match="PDF"):
        parse_document(pdf, filename="page.pdf")


def test_html_without_any_text_is_refused():
    with pytest.raises((NoArticleInPageError, NoStoryError)):
        parse_document("<html><body><div><a href='/'>首页</a></div></body></html>", filename="empty.html")


def test_a_crawled_days_paper_in_a_feed_is_a_story_per_item():
    doc = parse("rmrb_02.txt")
    assert len(doc.items) == 10
    assert doc.publication.name == "人民日报"
    first = doc.items[0]
    assert first.title == "共同引领中朝关系实现更大发展"
    assert first.subtitle == "——国际社会高度评价习近平总书记朝鲜之行"
    assert first.page == "3" and first.published_on.isoformat() == "2026-06-12"
    assert first.date.isoformat() == "2026-06-11"  # its dateline, printed at the story's end


def test_front_matter_over_saved_html_gives_title_date_and_byline():
    (story,) = parse("sinafin_01.html").items
    assert story.title == "商务部谈加入CPTPP：与改革开放方向一致，正按程序磋商"
    assert story.date.isoformat() == "2022-03-01"
    assert story.source_name == "澎湃新闻" and story.editor == "李墨轩"


def test_numeric_character_references_are_read_as_text():
    (story,) = parse("pts_01.txt").items
    assert ("&#" not in story.body and "金管会" in story.body) or "金管會" in story.body
    assert story.source_name == "公视新闻网"


def test_wire_copy_on_one_line_is_a_story_titled_by_its_lead():
    line = ("新华社北京1月13日电（记者温竞华）全国科技工作会议13日在京召开。中共中央政治局常委丁薛祥出席会议并讲话。"
            "科技部部长阴和俊作工作报告。")
    (story,) = parse_document(line, filename="wire.txt").items
    assert story.title == "全国科技工作会议13日在京召开"
    assert (story.source_name, story.reporters, story.dateline_place) == ("新华社", ("温竞华",), "北京")
    assert story.date is None  # the year is printed nowhere: unknown, not guessed


def test_yaml_front_matter_gives_the_page_its_facts():
    text = ("---\ntitle: 北京发布具身智能创新高地行动方案\ndate: 2026-03-11\npublication: 科技日报\nauthor: 刘园园\n---\n"
            "北京市人民政府新闻办公室3月11日举行新闻发布会，发布行动方案，提出到2028年培育领军企业20家以上。"
            "北京市科委主任许建国介绍了方案的主要内容。")
    doc = parse_document(text, filename="page.md")
    (story,) = doc.items
    assert doc.layout.startswith("front_matter+")
    assert story.title == "北京发布具身智能创新高地行动方案" and story.published_on.isoformat() == "2026-03-11"
    assert story.source_name == "科技日报" and story.reporters == ("刘园园",)
