"""/search/batch/ — paste or upload a list of terms and get their counts per source and per year.

The list is posted (500 terms do not fit in a URL); nothing is written. Every count links to the
search it counts; format=csv downloads the same table.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.exports import Column, export_response
from articles.ingest.decode import decode_bytes
from articles.ingest.errors import IngestError
from search import batch, page_links

TEMPLATE = "search/batch.html"
MAX_UPLOAD_BYTES = 1_000_000


def _uploaded_text(data: bytes) -> str:
    """A term list in UTF-8 (with or without BOM), GBK or Big5; a list of Latin terms is fine too."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decode_bytes(data).text


def _link(term: str, reprints: str, **cell: object) -> str:
    return page_links.url_for(batch.search_params(term, reprints=reprints, **cell))


def _csv(result: batch.Batch) -> HttpResponse:
    """The table as the site's CSV export writes it (BOM, formula guard): a column per source and
    per year of this batch."""
    columns = [
        Column("term", "检索词", lambda row: row.term),
        Column("normalized", "规范化检索式", lambda row: row.normalized),
        Column("total", "文章数", lambda row: row.total),
        *[Column(source, source, lambda row, s=source: row.by_source.get(s, 0)) for source in result.sources],
        Column("other_sources", "其他来源", result.other_sources),
        *[Column(str(year), str(year), lambda row, y=year: row.by_year.get(y, 0)) for year in result.years],
        Column("error", "说明", lambda row: row.error),
    ]
    return export_response(result.rows, columns, fmt="csv", filename="kejiku-batch")


def _table(result: batch.Batch) -> list[dict]:
    table = []
    for row in result.rows:
        if row.error:
            table.append({"row": row})
            continue
        table.append({
            "row": row,
            "url": _link(row.term, result.reprints),
            "sources": [(row.by_source.get(s, 0), _link(row.term, result.reprints, source=s)) for s in result.sources],
            "other": result.other_sources(row),
            "years": [(row.by_year.get(y, 0), _link(row.term, result.reprints, year=y)) for y in result.years],
        })
    return table


def batch_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"nav": "batch", "max_terms": batch.MAX_TERMS, "terms": ""}
    if request.method != "POST":
        return render(request, TEMPLATE, context)
    text = request.POST.get("terms", "")
    upload = request.FILES.get("file")
    try:
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                raise ValueError(f"上传的文件太大（{upload.size:,} 字节），最多 {MAX_UPLOAD_BYTES:,} 字节。")
            text += "\n" + _uploaded_text(upload.read())
        terms = batch.terms_from(text)
        if not terms:
            raise ValueError("请输入或上传检索词，每行一个。")
    except (ValueError, IngestError) as error:
        context.update(terms=text, error=str(error))
        return render(request, TEMPLATE, context, status=400)
    result = batch.count(terms, reprints="all" if request.POST.get("reprints") == "all" else "collapse")
    if request.POST.get("format") == "csv":
        return _csv(result)
    context.update(terms="\n".join(terms), result=result, every_printing=result.reprints == "all", table=_table(result),
                   error_columns=len(result.sources) + len(result.years) + 2)
    return render(request, TEMPLATE, context)


batch_page.accepts_post = True  # kejiku.middleware.ReadOnlySiteMiddleware: a form too long for a URL
