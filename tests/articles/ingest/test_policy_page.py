"""A 中国政府网 policy-document page is one policy document, not a page of news stories."""

from articles.ingest.pipeline import parse_document

from .conftest import ROOT

REAL = ROOT / "tests" / "data" / "real" / "pages"


def parse(name: str):
    return parse_document((REAL / name).read_bytes(), filename=name)


def test_a_notice_page_is_one_document_with_number_issuers_dates_and_full_text():
    doc = parse("govcn_02.html")
    assert doc.items == ()
    main = doc.documents[0]
    assert main.title == "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知"
    assert main.doc_number == "国办发〔1996〕25号"
    assert set(main.issuers) == {"国务院办公厅", "中央军委办公厅"}
    assert main.issued.iso() == "1996-06-29" and main.published_on.isoformat() == "2018-12-24"
    assert main.kind == "通知"
    # The text as signed: from its addressees to its date, without the table, the heading or the page's chrome.
    assert main.full_text.startswith("北京市、天津市、河北省")
    assert main.full_text.endswith("国务院办公厅\u3000中央军委办公厅\n一九九六年六月二十九日")
    assert "索引号" not in main.full_text and "扫一扫" not in main.full_text
    assert doc.publication.name == "中国政府网"


def test_a_decision_page_cites_the_regulation_it_adjusts():
    doc = parse("govcn_01.html")
    main = doc.documents[0]
    assert main.doc_number == "国发〔2018〕43号"
    assert main.issued.iso() == "2018-12-21"
    assert "中华人民共和国药品管理法实施条例" in main.cites
    cited = {d.title for d in doc.documents[1:]}
    assert cited == {"中华人民共和国药品管理法实施条例"}  # the title broken across lines is one title


def test_the_list_of_addressed_provincial_governments_names_each():
    names = {o.name for o in parse("govcn_02.html").organizations}
    assert {"北京市人民政府", "天津市人民政府", "甘肃省人民政府", "广西壮族自治区人民政府"} <= names
