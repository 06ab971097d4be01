"""People, posts and organizations with the LAC model: the lines issue 19 found our rules missed."""

import pytest

from articles.ingest.pipeline import parse_document

_REST = "会议还研究了其他事项，与会各方表示将加强合作。"  # a story is at least a few sentences


def officials(text: str, **known) -> dict[str, list[str]]:
    doc = parse_document("标题\n\n\n新华社北京6月11日电 " + text + _REST, filename="x.txt", **known)
    return {o.name: [p.full_title for p in o.posts] for o in doc.officials}


def organizations(text: str) -> set[str]:
    doc = parse_document("标题\n\n\n新华社北京6月11日电 " + text + _REST, filename="x.txt")
    return {o.name for o in doc.organizations}


@pytest.mark.parametrize(("text", "name", "posts"), [
    ("中共中央书记处书记、公安部部长王小洪主持会议。", "王小洪", ["中共中央书记处书记", "公安部部长"]),
    ("商务部副部长鄢东出席并致辞。", "鄢东", ["商务部副部长"]),
    ("商务部外国投资管理司负责人王亚表示，将持续优化营商环境。", "王亚", ["商务部外国投资管理司负责人"]),
    ("國科會新任主委吳誠文今日上任，他表示將推動研發。", "吴诚文", ["国科会主委"]),
    ("国务院港澳事务办公室主任夏宝龙会见了代表团。", "夏宝龙", ["国务院港澳事务办公室主任"]),
    ("中关村管委会主任翟立新介绍了有关情况。", "翟立新", ["中关村管委会主任"]),
    ("外交部发言人宣布中方对菲律宾国防部长特奥多罗及其亲属实施制裁。", "特奥多罗", ["菲律宾国防部长"]),
    ("6月11日，中共中央对外联络部部长刘海星同古共中央国际关系部部长洛萨达举行视频通话。", "刘海星",
     ["中共中央对外联络部部长"]),
    ("上海海关所属洋山海关查验一科科长虞天华说，要守好国门。", "虞天华", ["上海海关所属洋山海关查验一科科长"]),
    ("立法院今天上午邀请行政院长卓榮泰、財政部長莊翠雲列席報告。", "庄翠云", ["财政部长"]),
])
def test_posts_as_the_text_composes_them(text, name, posts):
    found = officials(text)
    assert name in found, found
    if posts is not None:
        assert found[name] == posts


def test_one_post_for_names_joined_by_a_stop():
    found = officials("国务院副总理丁薛祥、张国清出席会议。")
    assert found["丁薛祥"] == found["张国清"] == ["国务院副总理"]


def test_experts_and_executives_hold_no_public_office():
    found = officials("上海人工智能实验室主任周伯文介绍，某科技公司董事长张三说，清华大学教授李四认为。")
    assert found == {}


def test_a_word_that_cannot_start_a_name_is_no_name():
    assert "曾三次" not in officials("习近平总书记曾三次同正在太空执行任务的航天员通话。")


def test_an_official_the_knowledge_base_knows_is_recognised_without_a_post():
    text = "李强在主持开班式时指出，要坚持创新驱动。"
    assert officials(text) == {}
    assert officials(text, known_officials={"李强": "李强"}) == {"李强": []}


def test_the_longest_name_wins():
    names = organizations("国务院办公厅印发通知。國務院港澳事務辦公室发言人表示。")
    assert {"国务院办公厅", "中共中央港澳工作办公室"} <= names
    assert "中华人民共和国国务院" not in names


def test_foreign_namesakes_are_not_chinese_bodies():
    assert "中华人民共和国国务院" not in organizations("美国国务院发言人当天表示反对。")
    assert "联合国" not in organizations("两校联合国内外专家开展研究。")
