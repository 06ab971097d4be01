"""/search/batch/ — paste or upload a list of terms and get their counts per source and per year.

The list is posted (500 terms do not fit in a URL); nothing is written. Every count links to the
search it counts; format=csv downloads the same table.
"""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.exports import guard
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


def _link(term: str, **cell: object) -> str:
    return page_links.url_for(batch.search_params(term, **cell))


def _csv(result: batch.Batch) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kejiku-batch.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["检索词", "规范化检索式", "文章数", *result.sources, "其他来源",
                     *[str(year) for year in result.years], "说明"])
    for row in result.rows:
        writer.writerow([guard(row.term), guard(row.normalized), row.total,
                         *[row.by_source.get(source, 0) for source in result.sources], result.other_sources(row),
                         *[row.by_year.get(year, 0) for year in result.years], guard(row.error)])
    return response


def _table(result: batch.Batch) -> list[dict]:
    table = []
    for row in result.rows:
        if row.error:
            table.append({"row": row})
            continue
        table.append({
            "row": row,
            "url": _link(row.term),
            "sources": [(row.by_source.get(s, 0), _link(row.term, source=s)) for s in result.sources],
            "other": result.other_sources(row),
            "years": [(row.by_year.get(y, 0), _link(row.term, year=y)) for y in result.years],
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
    result = batch.count(terms)
    if request.POST.get("format") == "csv":
        return _csv(result)
    context.update(terms="\n".join(terms), result=result, table=_table(result),
                   error_columns=len(result.sources) + len(result.years) + 2)
    return render(request, TEMPLATE, context)


batch_page.accepts_post = True  # kejiku.middleware.ReadOnlySiteMiddleware: a form too long for a URL
