import codecs

import pytest

from articles.ingest.decode import decode_bytes
from articles.ingest.errors import (
    BinaryInputError,
    EmptyInputError,
    NoChineseTextError,
    UndecodableInputError,
)

from .conftest import PAGES, seed_path

NEWS = "新华社北京1月26日电 全国科技工作会议26日在京召开。中共中央政治局常委、中央科技委员会主任丁薛祥出席会议并讲话。"
TRADITIONAL = "政府今日公布一系列推動創新科技發展的新措施。財政司司長表示，特區政府將支持人工智能研發。"


def test_utf8_text_decodes_unchanged():
    assert decode_bytes(NEWS.encode("utf-8")).text == NEWS


def test_a_utf8_byte_order_mark_is_removed():
    decoded = decode_bytes(codecs.BOM_UTF8 + NEWS.encode("utf-8"))
    assert decoded.text == NEWS
    assert decoded.encoding == "utf-8-sig"


def test_gbk_bytes_decode_as_gb18030():
    decoded = decode_bytes(NEWS.encode("gbk"))
    assert decoded.text == NEWS
    assert decoded.encoding == "gb18030"


def test_big5_bytes_are_not_mistaken_for_gbk():
    decoded = decode_bytes(TRADITIONAL.encode("big5"))
    assert decoded.text == TRADITIONAL
    assert decoded.encoding == "big5hkscs"


def test_a_whole_seed_round_trips_through_gbk():
    text = seed_path("000").read_text(encoding="utf-8")
    assert decode_bytes(text.encode("gbk")).text == text


def test_windows_line_endings_become_newlines():
    assert decode_bytes("第一段。\r\n第二段。".encode()).text == "第一段。\n第二段。"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t", codecs.BOM_UTF8])
def test_an_empty_file_is_refused_with_a_message(data):
    with pytest.raises(EmptyInputError, match="空"):
        decode_bytes(data)


def test_a_binary_file_is_refused_with_a_message():
    with pytest.raises(BinaryInputError, match="不是文本文件"):
        decode_bytes((PAGES / "binary.bin").read_bytes())


def test_text_without_chinese_is_refused():
    with pytest.raises(NoChineseTextError):
        decode_bytes(b"Just an English sentence, nothing else.")


def test_bytes_that_are_no_known_chinese_encoding_are_refused():
    garbage = bytes(range(0x80, 0xFF)) * 4
    with pytest.raises((UndecodableInputError, BinaryInputError)):
        decode_bytes(garbage)
