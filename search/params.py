"""What a search may ask for, checked once for the page and the API alike.

Both callers parse their raw input into Python values (the page with a Django
form, the API with django-ninja); make_params() then applies every rule that
needs more than a type: limits, date order, known sources and topics, a query
with something in it to search for. Messages are for people, in Chinese.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from articles import kinds
from articles.models import Source, Topic, Validity
from search import query_language, query_terms

# The searched kinds (the index's kind values) and their labels, from the registry of kinds.
KIND_LABELS = {kind.index_kind: kind.search_label for kind in kinds.indexed()}
KINDS = tuple(KIND_LABELS)
VALIDITY_LABELS = dict(Validity.choices)
SORT_LABELS = {"relevance": "相关度", "date": "日期（新→旧）"}
SORTS = tuple(SORT_LABELS)
# Reprints (通稿): a story printed by several outlets is one result and counts once (collapse), or
# every printing is its own result (all).
REPRINT_LABELS = {"collapse": "同一通稿只计一次", "all": "每次刊印分别列出"}
REPRINTS = tuple(REPRINT_LABELS)

MAX_QUERY_CHARS = 200
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_FILTER_VALUES = 20
MAX_PAGE = 10_000  # deeper pages are refused before they reach the engine
# The engine stores dates as nanosecond timestamps (1677–2262); the texts are all from 1949 on.
EARLIEST_DATE = datetime.date(1800, 1, 1)
LATEST_DATE = datetime.date(2199, 12, 31)


class InvalidSearch(ValueError):
    """A parameter the search cannot honour; status is the HTTP answer."""

    status = 400

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


class PageOutOfRange(InvalidSearch):
    status = 404


class MalformedQuery(InvalidSearch):
    """A query the grammar cannot read (search.query_language); position is where it fails."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__("q", message)
        self.position = position


@dataclass(frozen=True)
class SearchParams:
    q: str
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    validities: tuple[str, ...] = ()  # policy documents' legal force (articles.models.Validity)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = "relevance"
    reprints: str = "collapse"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def has_filters(self) -> bool:
        return bool(self.kinds or self.sources or self.topics or self.validities or self.date_from or self.date_to)


def _no_nul(param: str, value: str) -> str:
    # A NUL character cannot be stored or compared by PostgreSQL; no text contains one.
    if "\x00" in value:
        raise InvalidSearch(param, "不能包含空字符（\\x00）。")
    return value


def check_query(q: str | None) -> str:
    """The query stripped of surrounding space, or InvalidSearch."""
    q = _no_nul("q", (q or "").strip())
    if not q:
        raise InvalidSearch("q", "请输入要检索的词语。")
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidSearch("q", f"检索词太长（{len(q)} 个字符），请缩短到 {MAX_QUERY_CHARS} 个字符以内。")
    try:
        tree = query_language.parse(q)
        query_terms.check(tree)
    except query_language.QuerySyntaxError as error:
        raise MalformedQuery(error.describe(), error.position) from error
    except query_terms.UnknownValue as error:
        raise MalformedQuery(str(error)) from error
    if not query_terms.searchable(tree):
        raise InvalidSearch("q", "检索词里没有可检索的文字或数字。")
    return q


def _distinct(param: str, values: Iterable[str] | None) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(_no_nul(param, v.strip()) for v in values or () if v and v.strip()))
    if len(cleaned) > MAX_FILTER_VALUES:
        raise InvalidSearch(param, f"最多可同时选择 {MAX_FILTER_VALUES} 项。")
    return cleaned


def _known(param: str, values: tuple[str, ...], existing: Iterable[str], label: str) -> tuple[str, ...]:
    missing = [v for v in values if v not in set(existing)]
    if missing:
        raise InvalidSearch(param, f"没有名为“{missing[0]}”的{label}。")
    return values


def make_params(
    *,
    q: str | None,
    kinds: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
    validities: Iterable[str] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    sort: str | None = None,
    reprints: str | None = None,
    page: int | None = None,
    page_size: int | None = None,
) -> SearchParams:
    """Checked SearchParams, or InvalidSearch naming the first bad parameter."""
    q = check_query(q)
    kinds = _distinct("kind", kinds)
    unknown = [k for k in kinds if k not in KIND_LABELS]
    if unknown:
        raise InvalidSearch("kind", f"类型只能是 {', '.join(KINDS)}，不能是“{unknown[0]}”。")
    source_names = _distinct("source", sources)
    if source_names:
        _known("source", source_names, Source.objects.filter(name__in=source_names).values_list("name", flat=True),
               "来源")
    topic_names = _distinct("topic", topics)
    if topic_names:
        _known("topic", topic_names, Topic.objects.filter(name__in=topic_names).values_list("name", flat=True), "主题")
    validities = _distinct("validity", validities)
    unknown = [v for v in validities if v not in VALIDITY_LABELS]
    if unknown:
        raise InvalidSearch("validity", f"效力只能是 {', '.join(VALIDITY_LABELS)}，不能是“{unknown[0]}”。")
    for name, day in (("date_from", date_from), ("date_to", date_to)):
        if day and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise InvalidSearch(name, f"日期须在 {EARLIEST_DATE} 到 {LATEST_DATE} 之间，不能是 {day}。")
    if date_from and date_to and date_from > date_to:
        raise InvalidSearch("date_from", f"起始日期 {date_from} 晚于截止日期 {date_to}。")
    sort = sort or "relevance"
    if sort not in SORT_LABELS:
        raise InvalidSearch("sort", f"排序只能是 {' 或 '.join(SORTS)}。")
    reprints = reprints or "collapse"
    if reprints not in REPRINT_LABELS:
        raise InvalidSearch("reprints", f"reprints 只能是 {' 或 '.join(REPRINTS)}。")
    page = 1 if page is None else page
    if page < 1:
        raise InvalidSearch("page", "页码从 1 开始。")
    if page > MAX_PAGE:
        raise InvalidSearch("page", f"页码不能超过 {MAX_PAGE}；请加筛选条件缩小范围。")
    page_size = DEFAULT_PAGE_SIZE if page_size is None else page_size
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidSearch("page_size", f"每页条数须在 1 到 {MAX_PAGE_SIZE} 之间。")
    return SearchParams(q, kinds, source_names, topic_names, validities, date_from, date_to, sort, reprints,
                        page, page_size)
