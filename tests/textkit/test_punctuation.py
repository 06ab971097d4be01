"""textkit.punctuation: each boundary set holds the full-width marks and their ASCII forms, and no more."""

from textkit.punctuation import (
    CLAUSE_ENDS,
    PROSE_MARK,
    SENTENCE_END,
    STATEMENT_END,
)


def _marks(pattern, text):
    return [m.group() for m in pattern.finditer(text)]


def test_a_sentence_ends_at_a_full_stop_question_or_exclamation_of_either_width():
    assert _marks(SENTENCE_END, "会议召开。是吗？好！Yes! Why? 一，二；三：四…") == ["。", "？", "！", "!", "?"]


def test_a_statement_also_ends_at_a_semicolon():
    assert _marks(STATEMENT_END, "一，二；三;四。五：六") == ["；", ";", "。"]


def test_prose_has_commas_where_a_headline_has_none():
    assert PROSE_MARK.search("全国科技工作会议在京召开") is None
    assert _marks(PROSE_MARK, "会议指出，要加强,基础研究：") == ["，", ","]


def test_a_clause_also_ends_at_a_colon():
    assert set(CLAUSE_ENDS) == set("，,；;：:。！？!?")
