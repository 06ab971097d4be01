"""CSV and JSON exports of listings, streamed row by row.

CSV is UTF-8 with a byte-order mark so Excel opens Chinese correctly, and every text cell
that a spreadsheet would read as a formula (= + - @, tab, carriage return) is prefixed
with an apostrophe. JSON is one array of objects with English keys.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.http import StreamingHttpResponse

from articles.links import url_for
from articles.models import Article, Meeting, Official, Organization, PolicyDocument, Source

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "json")


@dataclass(frozen=True)
class Column:
    key: str  # JSON key
    label: str  # CSV header
    value: Callable[[Any], Any]


def guard(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _names(items: Iterable) -> str:
    return "、".join(str(item) for item in items)


ARTICLE_COLUMNS = [
    Column("id", "编号", lambda a: a.pk),
    Column("published_on", "出版日期", lambda a: _iso(a.published_on)),
    Column("source", "来源", lambda a: a.source.name),
    Column("kind", "体裁", lambda a: a.get_kind_display()),
    Column("kicker", "引题", lambda a: a.kicker),
    Column("title", "标题", lambda a: a.title),
    Column("page", "版次", lambda a: a.page),
    Column("reporters", "记者", lambda a: _names(a.reporters or [])),
    Column("topics", "主题", lambda a: _names(t.name for t in a.topics.all())),
    Column("url", "链接", lambda a: url_for(a)),
]

OFFICIAL_COLUMNS = [
    Column("id", "编号", lambda o: o.pk),
    Column("name", "姓名", lambda o: o.name),
    Column("aliases", "别名", lambda o: _names(a.name for a in o.aliases.all())),
    Column("article_count", "报道篇数", lambda o: getattr(o, "article_count", None)),
    Column("url", "链接", lambda o: url_for(o)),
]

MEETING_COLUMNS = [
    Column("id", "编号", lambda m: m.pk),
    Column("name", "会议", lambda m: m.display_name),
    Column("series", "会议系列", lambda m: m.series.name),
    Column("kind", "类型", lambda m: m.series.get_kind_display()),
    Column("start_date", "开始日期", lambda m: _iso(m.start_date)),
    Column("end_date", "结束日期", lambda m: _iso(m.end_date)),
    Column("place", "地点", lambda m: m.place),
    Column("article_count", "报道篇数", lambda m: getattr(m, "article_count", None)),
    Column("url", "链接", lambda m: url_for(m)),
]

DOCUMENT_COLUMNS = [
    Column("id", "编号", lambda d: d.pk),
    Column("title", "标题", lambda d: d.title),
    Column("doc_number", "文号", lambda d: d.doc_number),
    Column("kind", "文种", lambda d: d.get_kind_display()),
    Column("issuers", "发文机关", lambda d: _names(o.name for o in d.issuers.all())),
    Column("issued_on", "发布日期", lambda d: _iso(d.issued_on)),
    Column("effective_on", "施行日期", lambda d: _iso(d.effective_on)),
    Column("article_count", "引用篇数", lambda d: getattr(d, "article_count", None)),
    Column("url", "链接", lambda d: url_for(d)),
]

ORGANIZATION_COLUMNS = [
    Column("id", "编号", lambda o: o.pk),
    Column("name", "名称", lambda o: o.name),
    Column("document_count", "发文数", lambda o: getattr(o, "document_count", None)),
    Column("article_count", "报道篇数", lambda o: getattr(o, "article_count", None)),
    Column("url", "链接", lambda o: url_for(o)),
]

SOURCE_COLUMNS = [
    Column("id", "编号", lambda s: s.pk),
    Column("name", "名称", lambda s: s.name),
    Column("kind", "类型", lambda s: s.get_kind_display()),
    Column("article_count", "篇数", lambda s: getattr(s, "article_count", None)),
    Column("url", "链接", lambda s: url_for(s)),
]

COLUMNS_FOR = {
    Article: ARTICLE_COLUMNS,
    Official: OFFICIAL_COLUMNS,
    Meeting: MEETING_COLUMNS,
    PolicyDocument: DOCUMENT_COLUMNS,
    Organization: ORGANIZATION_COLUMNS,
    Source: SOURCE_COLUMNS,
}


class _Echo:
    def write(self, value: str) -> str:
        return value


def _rows(records: Iterable) -> Iterator:
    iterator = getattr(records, "iterator", None)
    # A queryset streams in chunks (prefetches still apply per chunk); lists are iterated as they are.
    return iterator(chunk_size=500) if callable(iterator) else iter(records)


def csv_rows(records: Iterable, columns: list[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([c.label for c in columns])
    for record in _rows(records):
        yield writer.writerow([guard(c.value(record)) for c in columns])


def json_rows(records: Iterable, columns: list[Column]) -> Iterator[str]:
    yield "["
    first = True
    for record in _rows(records):
        item = {c.key: c.value(record) for c in columns}
        yield ("" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "]\n"


def export_response(records: Iterable, columns: list[Column], *, fmt: str, filename: str) -> StreamingHttpResponse:
    """A streamed download of the records in fmt ("csv" or "json")."""
    if fmt == "csv":
        response = StreamingHttpResponse(csv_rows(records, columns), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        response = StreamingHttpResponse(json_rows(records, columns), content_type="application/json; charset=utf-8")
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    name = f"{filename}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename=\"kejiku-export.{fmt}\"; filename*=UTF-8''{quote(name)}"
    return response

OCCURRENCE_COLUMNS = [
    Column("article_id", "文章编号", lambda o: o.article.pk),
    Column("published_on", "出版日期", lambda o: _iso(o.article.published_on)),
    Column("source", "来源", lambda o: o.article.source.name),
    Column("title", "标题", lambda o: o.article.title),
    Column("field", "位置", lambda o: "标题" if o.field == "title" else "正文"),
    Column("speaker", "使用者", lambda o: o.speaker.name if o.speaker else ""),
    Column("before", "前文", lambda o: o.before),
    Column("match", "提法", lambda o: o.match),
    Column("after", "后文", lambda o: o.after),
    Column("url", "链接", lambda o: url_for(o.article)),
]
