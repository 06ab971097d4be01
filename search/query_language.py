"""The analysts' query language: one grammar for the search page, the API, feeds, exports and
saved searches. Pure: a query string in, a syntax tree out (no Django, no index).

    科技部 OR 工信部 -金融          words are ANDed; OR (or |) between alternatives; - or NOT excludes
    (科技部 | 工信部) NOT 金融       parentheses group
    "科技 金融"                      an exact phrase (spaces and order kept)
    "科技 金融"~10                   both words within 10 characters of each other, in any order
    title:零碳工厂  source:新华社  topic:科技金融  kind:official  docno:国科发资〔2024〕12号
    official:阴和俊  org:工信部  date:2025-01..2025-06  date:2025  date:..2024-12-31
    exact:工信部                     this word only, without its aliases

Full-width forms are read as their ASCII twins (（）｜：“” ～), and field names may be written in
Chinese (标题: 来源: 主题: 类型: 文号: 官员: 机构: 日期: 精确:). A malformed query raises
QuerySyntaxError with the position of the mistake and a message a reader understands.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

# The 检索语法 page's examples (search/views.syntax_page), each with what it finds: one list
# for the help page and the tests that hold the grammar to it.
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("科技 金融", "同时包含“科技”和“金融”（空格即“并且”，也可写 AND）"),
    ("科技部 OR 工信部", "包含其中任一个（也可写 科技部 | 工信部）；OR 先于空格结合"),
    ("科技部 OR 工信部 -金融", "包含科技部或工信部，但不含“金融”（也可写 NOT 金融）"),
    ("(量子 OR 人工智能) 科技金融", "括号分组：量子或人工智能，并且科技金融"),
    ('"科技 金融"', "引号内为短语：按原样、按顺序出现"),
    ('"科技 金融"~10', "邻近：两个词相距 10 个字以内，先后不限"),
    ("title:零碳工厂", "只在标题中检索"),
    ("source:新华社 新质生产力", "只看某一来源"),
    ("topic:科技金融", "某一主题的文章"),
    ("kind:official 科技部",
     "只检索某一类：article、official、meeting、policy_document（或 文章、官员、会议、政策文件）"),
    ("docno:国科发资〔2024〕12号", "按文号检索，括号〔〕[]【】任写其一"),
    ("official:阴和俊", "某位官员，含知识库记录的全部别名"),
    ("org:工信部", "某一机构，含全称和简称（工信部 = 工业和信息化部）"),
    ("date:2025-01..2025-06 科技金融", "日期范围（含两端）；也可写 date:2025、date:..2024-12-31"),
    ("exact:工信部", "只找这个写法，不扩展别名"),
    ("陰和俊 科技創新", "繁体与简体等同：与“阴和俊 科技创新”结果相同"),
)

MAX_NESTING = 8
MAX_PROXIMITY = 200  # characters

# field name as typed → canonical field
FIELDS = {
    "title": "title", "标题": "title",
    "source": "source", "来源": "source",
    "topic": "topic", "主题": "topic",
    "kind": "kind", "类型": "kind",
    "docno": "docno", "文号": "docno",
    "official": "official", "官员": "official",
    "org": "org", "机构": "org",
    "date": "date", "日期": "date",
    "exact": "exact", "精确": "exact",
}
FIELD_HELP = "title、source、topic、kind、docno、official、org、date、exact"

_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "｜": "|", "：": ":", "“": '"', "”": '"', "＂": '"', "～": "~"})


class QuerySyntaxError(ValueError):
    """A query that cannot be read; position is the 0-based character offset of the mistake."""

    def __init__(self, message: str, position: int, query: str) -> None:
        self.message, self.position, self.query = message, position, query
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.query[max(0, self.position - 8) : self.position + 8]
        return f"检索式第 {self.position + 1} 个字符处：{self.message}（“{where}”）"


# -- the tree ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    exact: bool = False  # no alias expansion

    def __str__(self) -> str:
        return f"exact:{self.text}" if self.exact else self.text


@dataclass(frozen=True)
class Phrase:
    text: str
    within: int | None = None  # proximity in characters; None: an exact phrase

    def __str__(self) -> str:
        return f'"{self.text}"' + (f"~{self.within}" if self.within is not None else "")


@dataclass(frozen=True)
class Field:
    name: str  # canonical: title, source, topic, kind, docno, official, org
    value: str
    phrase: bool = False

    def __str__(self) -> str:
        return f'{self.name}:"{self.value}"' if self.phrase or " " in self.value else f"{self.name}:{self.value}"


@dataclass(frozen=True)
class DateRange:
    start: datetime.date | None
    end: datetime.date | None  # inclusive

    def __str__(self) -> str:
        return f"date:{self.start or ''}..{self.end or ''}"


@dataclass(frozen=True)
class Not:
    item: Node

    def __str__(self) -> str:
        return f"-{_grouped(self.item)}"


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]

    def __str__(self) -> str:
        return " ".join(_grouped(item) if isinstance(item, Or) else str(item) for item in self.items)


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]

    def __str__(self) -> str:
        return " OR ".join(_grouped(item) if isinstance(item, And) else str(item) for item in self.items)


Node = Word | Phrase | Field | DateRange | Not | And | Or


def _grouped(node: Node) -> str:
    return f"({node})" if isinstance(node, And | Or) else str(node)


def positive_texts(node: Node) -> list[str]:
    """The words and phrases the query looks for (not those it excludes): what results mark."""
    if isinstance(node, Word | Phrase):
        return [node.text]
    if isinstance(node, Field) and node.name in ("title", "docno", "official", "org"):
        return [node.value]
    if isinstance(node, And | Or):
        return [text for item in node.items for text in positive_texts(item)]
    return []


# -- reading -------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<bar>\|)
  | (?P<quote>")
  | (?P<field>(?P<fname>[A-Za-z]+|[\u4e00-\u9fff]{2}):(?=\S))
  | (?P<minus>-(?=\S))
  | (?P<word>[^\s()|"]+)
    """,
    re.VERBOSE,
)
_WITHIN = re.compile(r"~(\d{1,4})")
_DAY = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def _period(text: str, *, end: bool, query: str, position: int) -> datetime.date | None:
    """2025 / 2025-06 / 2025-06-30 as the first (or, for end, the last) day it names."""
    if not text:
        return None
    match = _DAY.match(text)
    if not match:
        raise QuerySyntaxError(f"日期应写作 2025、2025-06 或 2025-06-30，不是“{text}”", position, query)
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is not None:
            return datetime.date(year, month, day)
        if month is not None:
            first = datetime.date(year, month, 1)
            if not end:
                return first
            following = datetime.date(year + month // 12, month % 12 + 1, 1)
            return following - datetime.timedelta(days=1)
        return datetime.date(year, 12, 31) if end else datetime.date(year, 1, 1)
    except ValueError:
        raise QuerySyntaxError(f"没有这一天：“{text}”", position, query) from None


class _Reader:
    def __init__(self, query: str) -> None:
        self.query = query
        self.text = query.translate(_FULL_WIDTH)
        self.pos = 0
        self.depth = 0

    def error(self, message: str, position: int | None = None) -> QuerySyntaxError:
        return QuerySyntaxError(message, self.pos if position is None else position, self.query)

    def peek(self) -> re.Match | None:
        while True:
            match = _TOKEN.match(self.text, self.pos)
            if match is None:
                return None
            if match.lastgroup == "space":
                self.pos = match.end()
                continue
            return match

    def at_operator(self, name: str) -> bool:
        token = self.peek()
        if token is None:
            return False
        if name == "OR":
            return token.lastgroup == "bar" or (token.lastgroup == "word" and token.group() == "OR")
        return token.lastgroup == "word" and token.group() == name

    def read(self) -> Node:
        if not self.text.strip():
            raise self.error("检索式是空的", 0)
        node = self.and_expr()
        token = self.peek()
        if token is not None:  # only a stray ")" stops an expression early
            raise self.error("多了一个右括号“)”", token.start())
        return node

    def and_expr(self) -> Node:
        """Terms side by side must all match (AND may be written). OR binds tighter, as in web
        search engines: 科技部 OR 工信部 -金融 is (科技部 OR 工信部) and not 金融."""
        items: list[Node] = []
        while True:
            token = self.peek()
            if token is None or token.lastgroup == "close":
                break
            if self.at_operator("AND"):
                self.pos = token.end()
                if not items:
                    raise self.error("AND 前面缺少检索词", token.start())
                if self.peek() is None or self.peek().lastgroup == "close":
                    raise self.error("AND 后面缺少检索词", token.start())
                continue
            if self.at_operator("OR"):
                raise self.error("OR 前面缺少检索词", token.start())
            items.append(self.or_expr())
        if not items:
            token = self.peek()
            if token is not None and token.lastgroup == "close":
                raise self.error("括号里没有检索词，或多了一个右括号“)”", token.start())
            raise self.error("这里缺少检索词")
        return items[0] if len(items) == 1 else And(tuple(items))

    def or_expr(self) -> Node:
        items = [self.unary()]
        while self.at_operator("OR"):
            operator = self.peek()
            self.pos = operator.end()
            following = self.peek()
            if following is None or following.lastgroup in ("close", "bar") or self.at_operator("OR"):
                raise self.error("OR 后面缺少检索词", operator.start())
            items.append(self.unary())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def unary(self) -> Node:
        token = self.peek()
        if token.lastgroup == "minus" or (token.lastgroup == "word" and token.group() == "NOT"):
            self.pos = token.end()
            if self.peek() is None:
                raise self.error("NOT 或 - 后面缺少要排除的词", token.start())
            return Not(self.unary())
        return self.primary()

    def primary(self) -> Node:
        token = self.peek()
        kind = token.lastgroup
        if kind == "open":
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise self.error(f"括号最多嵌套 {MAX_NESTING} 层", token.start())
            self.pos = token.end()
            node = self.and_expr()
            close = self.peek()
            if close is None or close.lastgroup != "close":
                raise self.error("左括号“(”没有对应的右括号", token.start())
            self.pos = close.end()
            self.depth -= 1
            return node
        if kind == "quote":
            text = self.quoted(token)
            within = _WITHIN.match(self.text, self.pos)
            if within:
                self.pos = within.end()
                distance = int(within.group(1))
                if distance > MAX_PROXIMITY:
                    raise self.error(f"邻近距离最多 {MAX_PROXIMITY} 个字", within.start())
                if len(text.split()) < 2:
                    raise self.error("邻近检索要在引号里写两个以上的词，用空格隔开", token.start())
                if any(len(word) < 2 for word in text.split()):
                    raise self.error("邻近检索的每个词都要有两个以上的字", token.start())
                return Phrase(text, distance)
            if self.text.startswith("~", self.pos):
                raise self.error("~ 后面应是一个数字（几个字以内）", self.pos)
            return Phrase(text)
        if kind == "field":
            return self.field(token)
        if kind == "minus":  # unreachable: unary reads it; kept for clarity of errors
            raise self.error("多余的减号")
        self.pos = token.end()
        return Word(token.group())

    def quoted(self, token: re.Match) -> str:
        end = self.text.find('"', token.end())
        if end < 0:
            raise self.error("引号没有闭合", token.start())
        text = " ".join(self.text[token.end() : end].split())
        self.pos = end + 1
        if not text:
            raise self.error("引号里没有字", token.start())
        return text

    def field(self, token: re.Match) -> Node:
        typed = token.group("fname")
        name = FIELDS.get(typed.lower() if typed.isascii() else typed)
        if name is None and not typed.isascii():
            # 记者：张三 is text with a full-width colon, not a field: read it as a word.
            word = re.compile(r'[^\s()|"]+').match(self.text, token.start())
            self.pos = word.end()
            return Word(word.group())
        if name is None:
            raise self.error(f"未知字段“{typed}:”；可用的字段：{FIELD_HELP}", token.start())
        self.pos = token.end()
        if self.text.startswith('"', self.pos):
            start = self.peek()
            value, phrase = self.quoted(start), True
        else:
            value_match = re.compile(r'[^\s()|"]+').match(self.text, self.pos)
            value, phrase = value_match.group(), False
            self.pos = value_match.end()
        if name == "date":
            return self.date_range(value, token.start())
        if name == "exact":
            return Phrase(value) if phrase else Word(value, exact=True)
        return Field(name, value, phrase)

    def date_range(self, value: str, position: int) -> DateRange:
        if ".." in value:
            lo, _, hi = value.partition("..")
        else:
            lo = hi = value
        start = _period(lo, end=False, query=self.query, position=position)
        end = _period(hi, end=True, query=self.query, position=position)
        if start is None and end is None:
            raise self.error("date: 至少要给出起或止的日期，如 date:2025-01..2025-06", position)
        if start and end and start > end:
            raise self.error("起始日期晚于截止日期", position)
        return DateRange(start, end)


@lru_cache(maxsize=512)
def parse(query: str) -> Node:
    """The syntax tree of a query; QuerySyntaxError for a malformed one. Trees are immutable, so
    the check of the parameters and the search that follows read the same one."""
    return _Reader(query).read()
