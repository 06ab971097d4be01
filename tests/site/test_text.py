"""Paragraphs and mention highlighting: escaped slices, links on the right characters, both scripts."""

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.formulations import simplified
from articles.text import Mark, paragraphs, render_inline, render_text
from tests.site.kb import seed_slice


def test_layout_line_breaks_inside_a_sentence_are_joined_and_sentences_end_paragraphs():
    body = seed_slice("000", "丁薛祥指出，“十四五”时期", "实现高水平科技自立自强。")
    found = [p.text(body) for p in paragraphs(body)]
    assert len(found) == 1  # the printed page broke “对中国 / 式现代化” across a blank line
    assert "充分发挥了对中国式现代化建设的战略支撑作用" in found[0]


def test_newspaper_columns_become_whole_paragraphs():
    body = seed_slice("001", "新华社北京1月13日电", "有关科技界代表参加会议。")
    texts = [p.text(body) for p in paragraphs(body)]
    assert texts[0] == "新华社北京1月13日电 全国科技工作会议 13 日在京召开。"
    assert texts[1].startswith("中共中央政治局常委、中央科技委员会主任丁薛祥出席会议并讲话。")
    assert any(t.startswith("丁薛祥指出，党的二十大明确提出 2035 年建成科技强国") for t in texts)


def test_indented_web_paragraphs_stay_apart():
    body = seed_slice("003", "2月9日,“十五五”開局之年", "加大重點領域關鍵核心技術攻關力度")
    texts = [p.text(body) for p in paragraphs(body)]
    assert texts[-1] == "加大重點領域關鍵核心技術攻關力度"
    assert len(texts) == 4


def test_every_text_slice_is_escaped_and_marks_link_the_exact_characters():
    text = '丁薛祥说<script>alert("x")</script>要加强&创新。'
    html = render_text(text, [Mark(0, 3, "/officials/1/", "official", "官员：丁薛祥")])[0].html
    assert html.startswith('<a class="mention mention--official" href="/officials/1/" title="官员：丁薛祥">丁薛祥</a>')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp;创新" in html


def test_a_mention_across_a_layout_line_break_is_one_link():
    text = "全国\n科技工作会议在京召开。"
    html = render_text(text, [Mark(0, 9, "/meetings/1/", "meeting", "会议")])[0].html
    assert html.count("<a ") == 1
    assert ">全国科技工作会议</a>在京召开。" in html


def test_overlapping_marks_keep_the_longest():
    text = "关于开展零碳工厂建设工作的指导意见"
    marks = [Mark(13, 17, "/documents/2/", "document", "简称"), Mark(0, 17, "/documents/1/", "document", "全称")]
    html = render_inline(text, marks)
    assert html.count("<a ") == 1 and "/documents/1/" in html


def test_t2s_is_character_for_character_on_the_traditional_seed():
    original = seed_slice("003", "2月9日,“十五五”開局之年", "中國式現代化的科技支")
    converted = simplified(original)
    assert len(converted) == len(original)
    assert converted != original
    assert "国际科技创新中心" in converted and "國際科技創新中心" in original
    assert converted.index("国际科技创新中心") == original.index("國際科技創新中心")


def test_highlights_land_on_the_same_words_in_the_simplified_reading():
    original = seed_slice("003", "2月9日,“十五五”開局之年", "中國式現代化的科技支")
    start = original.index("習近平")
    mark = Mark(start, start + 3, "/officials/3/", "official", "官员：习近平")
    traditional = "".join(p.html for p in render_text(original, [mark]))
    reading = "".join(p.html for p in render_text(original, [mark], simplified(original)))
    assert ">習近平</a>" in traditional
    assert ">习近平</a>" in reading
    assert "国家信创园" in reading and "國家信創園" in traditional


def test_markdown_style_subheadings_become_headings_without_their_marks():
    body = "## 高水平建设国际科技创新中心\n\n问:如何理解这项重大部署?\n\n答:建设国际科技创新中心,是重大战略决策。"
    found = paragraphs(body)
    assert [(p.text(body), p.heading) for p in found] == [
        ("高水平建设国际科技创新中心", True), ("问:如何理解这项重大部署?", False),
        ("答:建设国际科技创新中心,是重大战略决策。", False),
    ]
    start = body.index("国际")
    rendered = render_text(body, [Mark(start, start + 8, "/t/", "document", "x")])
    assert rendered[0].heading and rendered[0].html == '高水平建设<a class="mention mention--document" href="/t/" title="x">国际科技创新中心</a>'


def test_interview_questions_and_answers_open_paragraphs_even_after_an_unpunctuated_heading():
    body = "高水平建设国际科技创新中心\n问:如何理解这项重大部署?\n答:建设国际科技创新中心,是重大战略决策。"
    assert [p.text(body) for p in paragraphs(body)] == [
        "高水平建设国际科技创新中心", "问:如何理解这项重大部署?", "答:建设国际科技创新中心,是重大战略决策。"
    ]


@settings(max_examples=300, deadline=None)
@given(body=st.text(alphabet=st.sampled_from("科技ab12 \n\n　。，#答问”"), max_size=80))
def test_paragraph_text_equals_its_indices_joined(body):
    for paragraph in paragraphs(body):
        expected = "".join(" " if i is None else body[i] for i in paragraph.indices(body))
        assert paragraph.text(body) == expected


@settings(max_examples=300, deadline=None)
@given(body=st.text(alphabet=st.sampled_from("科技ab12 \n\n　。，#答问”"), max_size=80))
def test_a_paragraph_maps_positions_and_stored_offsets_as_its_indices_do(body):
    """offset() and position() answer what indices() would, without building the list."""
    for paragraph in paragraphs(body):
        indices = paragraph.indices(body)
        for pos, offset in enumerate(indices):
            assert paragraph.offset(body, pos) == offset
            if offset is not None:
                assert paragraph.position(body, offset) == pos


def test_paragraph_text_equals_its_indices_joined_on_every_seed():
    from tests.site.kb import SEEDS

    for path in sorted(SEEDS.glob("*.txt")):
        body = path.read_text(encoding="utf-8-sig", errors="replace")
        for paragraph in paragraphs(body):
            assert paragraph.text(body) == "".join(" " if i is None else body[i] for i in paragraph.indices(body))
