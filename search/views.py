"""The search page at /search/: one box for articles, officials, meetings and documents.

Thin: the form parses GET, search.service searches, search.page_links builds
the links. Bad parameters answer 400 (a page past the end 404) with the
reason in Chinese and the form to correct it; an empty box is the start page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from search import page_links, query_language, service
from search.forms import SearchForm, describe
from search.params import MAX_QUERY_CHARS, InvalidSearch

TEMPLATE = "search/search.html"
SYNTAX_TEMPLATE = "search/syntax.html"


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context: dict[str, object] = {
        "form": form,
        "search_q": request.GET.get("q", ""),
        "max_query_chars": MAX_QUERY_CHARS,
        "examples": page_links.example_links(),
    }
    if not form.has_query():
        return render(request, TEMPLATE, context)
    try:
        outcome = service.search(form.params())
    except InvalidSearch as error:
        context["error"] = describe(error)
        return render(request, TEMPLATE, context, status=error.status)
    params = outcome.params
    context.update(
        outcome=outcome,
        kind_tabs=page_links.kind_tabs(outcome),
        facet_groups=page_links.facet_groups(outcome),
        sort_links=page_links.sort_links(params),
        reprint_links=page_links.reprint_links(params),
        pager=page_links.pager(outcome),
        clear_filters_url=page_links.clear_filters_url(params) if params.has_filters else None,
        suggestion_url=page_links.url_for(params, q=outcome.suggestion) if outcome.suggestion else None,
        first_number=(params.page - 1) * params.page_size + 1,
        date_hidden=page_links.hidden_fields(params, leave_out=("date_from", "date_to")),
        subscribe=page_links.subscription_links(params),
    )
    return render(request, TEMPLATE, context)


def syntax_page(request: HttpRequest) -> HttpResponse:
    """/search/syntax/ — 检索语法: every form of the query language, each a link to its search."""
    examples = [
        {"q": q, "meaning": meaning, "url": page_links.url_for_query(q)} for q, meaning in query_language.EXAMPLES
    ]
    fields = sorted({name for name in query_language.FIELDS.values()})
    return render(request, SYNTAX_TEMPLATE, {"examples": examples, "fields": fields,
                                             "max_query_chars": MAX_QUERY_CHARS})

