"""The analyst's pages under /watch/: saved searches and watches, with what is new since the
last visit ("新"), and the forms that save, watch, change and remove them.

Every page asks for a login and the watch app's permissions (analysts and editors have them),
selects rows by their owner (someone else's id is a 404), and is never cached. Every write is a
POST with its CSRF token (views marked accepts_post, which kejiku.middleware lets through); a
GET writes nothing but the page's own visit time, which is what "新" counts from.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from search.forms import describe
from search.params import InvalidSearch
from watch import saved
from watch.access import USE_PERMISSION
from watch.forms import AddWatchForm, FrequencyForm, SavedSearchForm, SaveSearchForm
from watch.models import SavedSearch, Watch, new_feed_token
from watch.news import news, saved_search_params
from watch.targets import TARGET_KINDS, target_of

RECENT_DAYS = 30  # a watch's page lists the articles added in the last month, the new ones marked
PAGE_ARTICLES = 50
MAX_PER_USER = 200  # saved searches, and watches, per person


def analyst_view(*permissions: str, post: bool = False) -> Callable:
    """Login, the permissions (403 without them), no caching; post=True for a form's target."""

    def decorate(view: Callable) -> Callable:
        view = permission_required((USE_PERMISSION, *permissions), raise_exception=True)(view)
        view = never_cache(login_required(view))
        if post:
            view.accepts_post = True  # kejiku.middleware.ReadOnlySiteMiddleware lets its POST in
        return view

    return decorate


def _mark_seen(request: HttpRequest, model: type[SavedSearch] | type[Watch], pk: int) -> None:
    """Where "新" counts from next time: the moment the analyst said they read the page (标记为已读,
    a POST: a GET never writes, so reloading, prefetching or a crawler never loses what is new)."""
    model.objects.filter(pk=pk, user=request.user).update(last_seen_at=timezone.now())


def _saved_rows(request: HttpRequest) -> list[dict]:
    rows = []
    for item in SavedSearch.objects.filter(user=request.user):
        try:
            params = saved_search_params(item)
        except InvalidSearch as error:
            rows.append({"item": item, "problem": describe(error), "new": 0, "conditions": []})
            continue
        rows.append({"item": item, "conditions": saved.conditions(params), "problem": None,
                     "new": news(item, after=item.since_last_visit).count,
                     "search_url": saved.search_url(item), "feed_url": saved.feed_url(item)})
    return rows


def _watch_rows(request: HttpRequest) -> list[dict]:
    watches = Watch.objects.filter(user=request.user).select_related("official", "organization", "document", "series")
    return [{"item": item, "target": target_of(item), "new": news(item, after=item.since_last_visit).count}
            for item in watches]


@analyst_view()
def index(request: HttpRequest) -> HttpResponse:
    saved_rows, watch_rows = _saved_rows(request), _watch_rows(request)
    return render(request, "watch/index.html", {
        "saved_rows": saved_rows, "watch_rows": watch_rows,
        "new_total": sum(row["new"] for row in saved_rows + watch_rows),
    })


# -- saved searches ---------------------------------------------------------------------------------

@analyst_view("watch.add_savedsearch", post=True)
@require_http_methods(["GET", "HEAD", "POST"])
def save_search(request: HttpRequest) -> HttpResponse:
    """GET /watch/save/?q=…&source=… (the search page's parameters): the form; POST saves it."""
    if request.method == "POST":
        form = SaveSearchForm(request.POST)
        if form.is_valid():
            return _create_saved_search(request, form.cleaned_data)
        query = request.POST.get("query", "")
    else:
        data = request.GET.copy()
        for paging in ("page", "page_size"):
            data.pop(paging, None)
        query = data.urlencode()
        form = None
    try:
        params = saved.params_from(QueryDict(query))
    except InvalidSearch as error:
        params, problem = None, describe(error)
    else:
        problem = None
    if form is None:
        initial = {"query": query, "frequency": SaveSearchForm.base_fields["frequency"].initial}
        if params is not None:
            initial.update(query=saved.canonical_query(params), name=saved.default_name(params))
        form = SaveSearchForm(initial=initial)
    context = {"form": form, "params": params, "problem": problem,
               "conditions": saved.conditions(params) if params else [],
               "search_url": f"{reverse('search:search')}?{saved.canonical_query(params)}" if params else None}
    # 400: a search that cannot run, or a POST whose form did not validate
    return render(request, "watch/save.html", context, status=400 if problem or request.method == "POST" else 200)


def _create_saved_search(request: HttpRequest, data: dict) -> HttpResponse:
    existing = SavedSearch.objects.filter(user=request.user, query=data["query"]).first()
    if existing:
        messages.info(request, f"这项检索已经保存过了：“{existing.name}”。")
        return redirect("watch:saved-search", pk=existing.pk)
    if SavedSearch.objects.filter(user=request.user).count() >= MAX_PER_USER:
        messages.error(request, f"最多可以保存 {MAX_PER_USER} 项检索；请先删除不再需要的。")
        return redirect("watch:index")
    try:
        with transaction.atomic():
            item = SavedSearch.objects.create(user=request.user, name=data["name"], query=data["query"],
                                              frequency=data["frequency"])
    except IntegrityError:  # the same search saved twice at once
        item = SavedSearch.objects.get(user=request.user, query=data["query"])
    messages.success(request, f"已保存检索“{item.name}”。")
    return redirect("watch:saved-search", pk=item.pk)


@analyst_view()
def saved_search(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    now = timezone.now()
    context: dict[str, object] = {"item": item, "form": SavedSearchForm(instance=item),
                                  "search_url": saved.search_url(item), "feed_url": saved.feed_url(item),
                                  "since": item.since_last_visit}
    try:
        context["conditions"] = saved.conditions(saved_search_params(item))
    except InvalidSearch as error:
        context["problem"] = describe(error)
    recent = news(item, after=now - datetime.timedelta(days=RECENT_DAYS), upto=now)
    context.update(_listing(recent, item.since_last_visit))
    return render(request, "watch/saved_search.html", context)


@analyst_view("watch.change_savedsearch", post=True)
@require_POST
def saved_search_seen(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    _mark_seen(request, SavedSearch, item.pk)
    return redirect("watch:saved-search", pk=item.pk)


def _listing(recent, since: datetime.datetime) -> dict[str, object]:
    articles = recent.articles(limit=PAGE_ARTICLES)
    for article in articles:
        article.is_new = article.created_at > since
    return {"articles": articles, "recent_count": recent.count, "recent_truncated": recent.truncated,
            "new_count": sum(article.is_new for article in articles), "recent_days": RECENT_DAYS}


@analyst_view("watch.change_savedsearch", post=True)
@require_POST
def edit_saved_search(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    form = SavedSearchForm(request.POST, instance=item)
    if form.is_valid():
        form.save()
        messages.success(request, "已保存修改。")
    else:
        messages.error(request, "；".join(" ".join(errors) for errors in form.errors.values()))
    return redirect("watch:saved-search", pk=item.pk)


@analyst_view("watch.change_savedsearch", post=True)
@require_POST
def reset_token(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    SavedSearch.objects.filter(pk=item.pk).update(feed_token=new_feed_token())
    messages.success(request, "已更换订阅地址：旧地址不再可用，请在阅读器里换成新地址。")
    return redirect("watch:saved-search", pk=item.pk)


@analyst_view("watch.delete_savedsearch", post=True)
@require_POST
def delete_saved_search(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    item.delete()
    messages.success(request, f"已删除检索“{item.name}”。")
    return redirect("watch:index")


# -- watches ----------------------------------------------------------------------------------------

@analyst_view("watch.add_watch", post=True)
@require_http_methods(["GET", "HEAD", "POST"])
def add_watch(request: HttpRequest) -> HttpResponse:
    """GET /watch/add/?official=3 (or organization=, document=, series=, phrase=): the form;
    POST watches it. The record pages link here; only the POST writes."""
    if request.method == "POST":
        form = AddWatchForm(request.POST, target_data=request.POST)
        if form.is_valid():
            return _create_watch(request, form)
    else:
        form = AddWatchForm(target_data=request.GET)
    target = form.target
    existing = Watch.objects.filter(user=request.user, **target.lookup()).first() if target else None
    context = {"form": form, "target": target, "error": form.target_error, "existing": existing,
               "target_param": _target_param(request.POST if request.method == "POST" else request.GET)}
    return render(request, "watch/add.html", context, status=400 if form.target_error else 200)


def _target_param(data: QueryDict) -> tuple[str, str] | None:
    for kind in TARGET_KINDS:
        if data.get(kind.param, "").strip():
            return kind.param, data[kind.param].strip()
    return None


def _create_watch(request: HttpRequest, form: AddWatchForm) -> HttpResponse:
    target = form.target
    existing = Watch.objects.filter(user=request.user, **target.lookup()).first()
    if existing:
        messages.info(request, f"你已经关注了{target.label}“{target.name}”。")
        return redirect("watch:watch", pk=existing.pk)
    if Watch.objects.filter(user=request.user).count() >= MAX_PER_USER:
        messages.error(request, f"最多可以关注 {MAX_PER_USER} 项；请先取消不再需要的。")
        return redirect("watch:index")
    try:
        with transaction.atomic():
            item = Watch.objects.create(user=request.user, frequency=form.cleaned_data["frequency"], **target.lookup())
    except IntegrityError:  # the same target watched twice at once
        item = Watch.objects.get(user=request.user, **target.lookup())
    messages.success(request, f"已关注{target.label}“{target.name}”。")
    return redirect("watch:watch", pk=item.pk)


@analyst_view()
def watch(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Watch.objects.select_related("official", "organization", "document", "series"), pk=pk, user=request.user)
    now = timezone.now()
    recent = news(item, after=now - datetime.timedelta(days=RECENT_DAYS), upto=now)
    context: dict[str, object] = {"item": item, "target": target_of(item), "since": item.since_last_visit,
                                  "form": FrequencyForm(initial={"frequency": item.frequency})}
    context.update(_listing(recent, item.since_last_visit))
    return render(request, "watch/watch.html", context)


@analyst_view("watch.change_watch", post=True)
@require_POST
def watch_seen(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Watch, pk=pk, user=request.user)
    _mark_seen(request, Watch, item.pk)
    return redirect("watch:watch", pk=item.pk)


@analyst_view("watch.change_watch", post=True)
@require_POST
def edit_watch(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Watch, pk=pk, user=request.user)
    form = FrequencyForm(request.POST)
    if form.is_valid():
        Watch.objects.filter(pk=item.pk).update(frequency=form.cleaned_data["frequency"])
        messages.success(request, "已保存修改。")
    else:
        messages.error(request, "邮件摘要的频率无效。")
    return redirect("watch:watch", pk=item.pk)


@analyst_view("watch.delete_watch", post=True)
@require_POST
def delete_watch(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Watch.objects.select_related("official", "organization", "document", "series"),
                             pk=pk, user=request.user)
    item.delete()
    messages.success(request, f"已取消关注“{item.target_name}”。")
    return redirect("watch:index")
