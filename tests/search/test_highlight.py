"""Highlights land on the displayed text, in either script, escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search import highlight
from textkit import analysis


def test_simplified_query_marks_traditional_text():
    text = "習近平總書記來到位於北京亦莊的國家信創園"
    assert highlight.highlight(text, analysis.analyze_query("国家信创园")) == (
        "習近平總書記來到位於北京亦莊的<mark>國家信創園</mark>"
    )


def test_cross_strait_wording_is_marked_in_the_original_wording():
    text = "延伸至人工智能、量子信息、6G通信、智慧硬體等前沿領域"
    assert "<mark>智慧硬體</mark>" in highlight.highlight(text, analysis.analyze_query("智能硬件"))


def test_length_changing_normalisation_keeps_marks_aligned():
    text = "記憶體與演算法"
    assert highlight.highlight(text, analysis.analyze_query("内存 算法")) == "<mark>記憶體</mark>與<mark>演算法</mark>"


def test_document_number_typed_with_other_brackets():
    text = "印发《指导意见》（工信部联节〔2026〕13号）"
    marked = highlight.highlight(text, analysis.analyze_query("工信部联节[2026]13号"))
    assert marked == "印发《指导意见》（<mark>工信部联节〔2026〕13号</mark>）"


def test_text_is_escaped_and_only_our_marks_are_html():
    text = '<script>alert("科技")</script> & 科技金融'
    marked = highlight.highlight(text, analysis.analyze_query("科技金融 <b>"))
    assert marked == "&lt;script&gt;alert(&quot;科技&quot;)&lt;/script&gt; &amp; <mark>科技金融</mark>"


def test_words_of_a_query_typed_without_spaces_are_marked_separately():
    text = "加快构建科技金融体制，完善支持政策"
    marked = highlight.highlight(text, analysis.analyze_query("科技金融政策"))
    assert marked == "加快构建<mark>科技金融</mark>体制，完善支持<mark>政策</mark>"


def test_snippet_is_a_window_around_the_matches():
    text = "开头。" * 100 + "加快构建科技金融体制。" + "结尾。" * 100
    snippet = highlight.snippet(text, analysis.analyze_query("科技金融"), size=40)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>科技金融</mark>" in snippet
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) == 42


def test_snippet_without_matches_is_the_beginning():
    assert highlight.snippet("第一句。第二句。", analysis.analyze_query("量子"), size=4) == "第一句。…"


# 科技 at 120, 131 (in 科技实力) and 152: the densest 40-character window
# starts ten characters before the second match, inside the first one.
CROWDED = "开头。" * 40 + "科技" + "，" * 9 + "科技实力" + "，" * 17 + "科技" + "结尾。" * 40


def marked_pieces(snippet: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", snippet)


def test_snippet_window_never_starts_inside_a_match():
    snippet = highlight.snippet(CROWDED, analysis.analyze_query("科技"), size=40)
    assert "<mark>技</mark>" not in snippet
    assert marked_pieces(snippet) == ["科技", "科技", "科技"]


def marked_spans(snippet: str, text: str) -> list[tuple[int, int]]:
    """Where the snippet's marks lie in text (which it must be a window of)."""
    plain = re.sub(r"</?mark>", "", snippet).strip(highlight.ELLIPSIS)
    base = text.find(plain)
    assert base >= 0, snippet
    spans, offset = [], 0
    for piece in re.split(r"(<mark>.*?</mark>)", snippet.strip(highlight.ELLIPSIS)):
        inner = piece.removeprefix("<mark>").removesuffix("</mark>")
        if piece != inner:
            spans.append((base + offset, base + offset + len(inner)))
        offset += len(inner)
    return spans


@pytest.mark.parametrize("size", range(8, 70))
def test_snippet_marks_only_whole_matches_whatever_the_size(size):
    for query in ("科技", "科技实力", "开头 科技"):
        analyzed = analysis.analyze_query(query)
        snippet = highlight.snippet(CROWDED, analyzed, size=size)
        marked = marked_spans(snippet, CROWDED)
        assert marked, (query, size, snippet)
        assert set(marked) <= set(highlight.match_spans(CROWDED, analyzed)), (query, size, snippet)


# -- the snippet source the index stores (search.highlight.snippet_source) --------------------------

_DATA = Path(__file__).resolve().parents[1] / "data"
_REAL_TEXTS = sorted([*(_DATA.parent.parent / "fixtures" / "seeds").glob("*.txt"),
                      *(_DATA / "reprints" / "texts").glob("*.txt"),
                      *(_DATA / "interpretations" / "texts").glob("*.txt")])
_QUERIES = ["科技", "国家", "香港", "人工智能 创新", "記憶體", "工信部联节[2026]13号", "数据", "发展", "澳門基金會",
            "十五五", "李家超", "零碳工厂"]


@pytest.mark.parametrize("path", _REAL_TEXTS, ids=lambda path: path.stem)
def test_a_snippet_placed_on_the_stored_source_is_the_snippet_placed_on_the_text(path):
    # Real texts in both scripts, some whose normalisation changes their length, with the words
    # of the vocabulary and document numbers that do: the same window, the same marks.
    text = path.read_text(encoding="utf-8") + "\n記憶體與演算法，工信部联节[2026]13号，ＡＩ"
    source = highlight.snippet_source(text)
    for q in _QUERIES:
        query = analysis.analyze_query(q)
        for size in (60, 160):
            assert highlight.snippet(text, query, size, prepared=source) == highlight.snippet(text, query, size), q
