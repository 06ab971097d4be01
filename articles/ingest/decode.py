"""Bytes to text: UTF-8 (with or without BOM), GB18030/GBK or Big5, or a clear refusal.

GB18030 accepts almost any byte string, and Big5 bytes often decode as GBK too,
so a strict decode alone cannot choose between them: each candidate is scored
by how much of it (after conversion to simplified characters) is made of the
commonest Chinese characters, which garbage decodings almost never are.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass

from textkit.analysis import to_simplified

from .errors import BinaryInputError, EmptyInputError, NoChineseTextError, UndecodableInputError

# The ~500 commonest characters of modern Chinese news text (simplified).
COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产"
    "种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业"
    "本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利"
    "比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文"
    "总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干"
    "做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共"
    "权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张"
    "信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验"
    "连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存"
    "候亲快效院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞创新"
    "署策举施推域区域港府司财局长席署旬届综述称谈访刊载编辑记者摄图版讯电稿源责任"
)
ENCODINGS = ("utf-8", "gb18030", "big5hkscs")
_CONTROL_OK = {"\t", "\n", "\r", "\f"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _looks_binary(data: bytes) -> str | None:
    sample = data[:8192]
    if b"\x00" in sample:
        return "含有 NUL 字节"
    controls = sum(1 for b in sample if b < 32 and chr(b) not in _CONTROL_OK)
    if controls > max(8, len(sample) // 20):
        return "控制字符过多"
    return None


def _cjk(text: str) -> list[str]:
    return [ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"]


def chinese_score(text: str) -> float:
    """Share of the CJK characters that are common ones; private-use characters count against."""
    cjk = _cjk(to_simplified(text))
    private = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff")
    if not cjk:
        return 0.0
    return (sum(1 for ch in cjk if ch in COMMON) - 3 * private) / len(cjk)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a text file, or raise an IngestError that says why it cannot be read."""
    if not data.strip(b" \t\r\n\x0b\x0c") or data in (codecs.BOM_UTF8,):
        raise EmptyInputError
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(name), name)
            except UnicodeDecodeError as exc:
                raise UndecodableInputError(name) from exc
    reason = _looks_binary(data)
    if reason:
        raise BinaryInputError(reason)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    scored: list[tuple[float, str, str]] = []
    for name in ENCODINGS[1:]:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        scored.append((chinese_score(text), name, text))
    if not scored or max(scored)[0] < 0.25:
        raise UndecodableInputError("、".join(e.upper() for e in ENCODINGS))
    _, name, text = max(scored)
    return _checked(text, name)


_ENTITY = re.compile(r"&#(?:\d{2,7}|x[0-9a-fA-F]{2,6});")


def _unescaped(text: str) -> str:
    """A crawl that stored a page's text as numeric character references (&#27665;&#30526;…)."""
    if len(_ENTITY.findall(text[:20000])) >= 20 and not re.search(r"<\s*[a-zA-Z]", text[:5000]):
        return html.unescape(text)
    return text


def _checked(text: str, encoding: str) -> Decoded:
    text = _unescaped(text)
    if not text.strip():
        raise EmptyInputError
    if not _cjk(text):
        raise NoChineseTextError
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), encoding)


def decode_text(data: bytes | str) -> Decoded:
    if isinstance(data, str):
        return _checked(data.removeprefix("\ufeff"), "str")
    return decode_bytes(data)
