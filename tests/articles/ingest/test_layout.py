from articles.ingest.layout import COLUMNS, MARKDOWN, NEWSPAPER, RELEASE, WEB, detect_layout, paragraphs

from .conftest import PAGES, seed_path


def _text(number):
    return seed_path(number).read_text(encoding="utf-8")


def test_each_seed_layout_is_recognised():
    assert [detect_layout(_text(n)) for n in ("000", "001", "002", "003", "004")] == [
        NEWSPAPER, COLUMNS, MARKDOWN, WEB, MARKDOWN,
    ]


def test_a_hong_kong_release_is_recognised_by_its_footer():
    text = (PAGES / "hk_press_release.big5.txt").read_bytes().decode("big5")
    assert detect_layout(text) == RELEASE


def test_column_fragments_are_joined_into_whole_sentences():
    paras = paragraphs(_text("001"), COLUMNS)
    first = next(p for p in paras if p.text.startswith("新华社北京1月13日电"))
    assert first.text == (
        "新华社北京1月13日电 全国科技工作会议13日在京召开。"
        "中共中央政治局常委、中央科技委员会主任丁薛祥出席会议并讲话。"
    )
    assert (first.line_start, first.line_end) == (4, 12)


def test_column_paragraph_breaks_are_kept_where_a_short_line_ends_a_sentence():
    paras = paragraphs(_text("001"), COLUMNS)
    openings = [p.text[:5] for p in paras]
    assert "丁薛祥指出" in openings and "丁薛祥表示" in openings and "会议指出，" in openings


def test_no_joined_paragraph_keeps_a_line_break_or_justification_space():
    for para in paragraphs(_text("001"), COLUMNS):
        assert "\n" not in para.text
        assert "13 日" not in para.text and "2024 年" not in para.text


def test_a_frame_of_headlines_is_not_glued_into_one_paragraph():
    texts = [p.text for p in paragraphs(_text("001"), COLUMNS)]
    assert "加快形成一批可复制可推广政策成果" in texts
    assert "低空经济如何安全“起飞”" in texts


def test_a_paragraph_broken_mid_word_on_an_ordinary_page_is_rejoined():
    paras = paragraphs(_text("000"), NEWSPAPER)
    joined = next(p for p in paras if p.text.startswith("丁薛祥指出"))
    assert "对中国式现代化建设的战略支撑作用" in joined.text
    assert (joined.line_start, joined.line_end) == (13, 17)


def test_markdown_headings_are_read_as_headings():
    paras = paragraphs(_text("002"), MARKDOWN)
    assert paras[0].heading == 1 and paras[0].text == "坚持创新驱动 引领发展新质生产力"
    assert any(p.heading == 2 and p.text == "两部门推出城市更新行动“新政”" for p in paras)


def test_a_repeated_title_line_is_never_joined_to_the_paragraph_below():
    paras = paragraphs(_text("003"), WEB)
    repeated = [p for p in paras if p.text.startswith("時政微觀察")]
    assert len(repeated) == 5
    assert all(p.line_start == p.line_end for p in repeated)
