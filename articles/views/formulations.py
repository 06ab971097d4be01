"""提法: the index (rising phrases, a phrase box) and one phrase's page."""

import datetime

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from articles.charts import month_bars_svg
from articles.exports import FORMATS, OCCURRENCE_COLUMNS, export_response
from articles.formulations import PhraseError, formulation_report, normalize_phrase, quotes
from articles.formulations.rising import (
    BASELINE_DAYS,
    MIN_RECENT_ARTICLES,
    MIN_WINDOW_ARTICLES,
    RECENT_DAYS,
    domain_terms,
)
from articles.views.mixins import PAGE_SIZE, NavMixin, RisingPhrasesMixin


class FormulationIndex(RisingPhrasesMixin, NavMixin, TemplateView):
    template_name = "articles/formulation_index.html"
    nav = "formulations"

    def get(self, request, *args, **kwargs):
        raw = request.GET.get("phrase", "").strip()
        if raw:
            try:
                phrase = normalize_phrase(raw)
            except PhraseError as error:
                context = self.get_context_data(phrase_error=str(error), phrase_value=raw)
                return self.render_to_response(context, status=400)
            return redirect(reverse("articles:formulation", kwargs={"phrase": phrase}))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            suggestions=domain_terms()[:30],
            recent_days=RECENT_DAYS,
            baseline_days=BASELINE_DAYS,
            min_recent=MIN_RECENT_ARTICLES,
            min_window=MIN_WINDOW_ARTICLES,
        )
        return context


def _parse_month(value: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None


class FormulationDetail(NavMixin, TemplateView):
    """?month=YYYY-MM narrows the uses listed (the statistics stay whole); ?format=csv|json exports them."""

    template_name = "articles/formulation_detail.html"
    nav = "formulations"

    def get(self, request, *args, **kwargs):
        try:
            self.phrase = normalize_phrase(kwargs["phrase"])
        except PhraseError as error:
            context = NavMixin.get_context_data(self, phrase_error=str(error), phrase_value=kwargs["phrase"])
            self.template_name = "articles/formulation_index.html"
            return self.render_to_response(context, status=400)
        if self.phrase != kwargs["phrase"]:
            return redirect(reverse("articles:formulation", kwargs={"phrase": self.phrase}), permanent=True)
        self.report = formulation_report(phrase=self.phrase)
        self.problems: list[str] = []
        raw_month = request.GET.get("month", "")
        self.month = _parse_month(raw_month) if raw_month else None
        if raw_month and self.month is None:
            self.problems.append(f"月份“{raw_month}”无效，应写作 YYYY-MM，已忽略")
        raw_source = request.GET.get("source", "")
        sources = {str(s.source.pk): s.source for s in self.report.per_source}
        self.source = sources.get(raw_source)
        if raw_source and self.source is None:
            self.problems.append("该来源没有使用这一提法，来源筛选已忽略")
        self.uses = [
            o for o in self.report.in_month(self.month)
            if self.source is None or o.article.source_id == self.source.pk
        ]
        fmt = request.GET.get("format")
        if fmt:
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def export(self, fmt: str):
        from django.http import JsonResponse

        if fmt not in FORMATS or self.problems:
            problem = f"unknown format {fmt!r}" if fmt not in FORMATS else "；".join(self.problems)
            return JsonResponse({"error": problem}, status=400)
        return export_response(quotes(self.uses, length=len(self.phrase)), OCCURRENCE_COLUMNS, fmt=fmt,
                               filename=f"formulation-{self.phrase}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        page = Paginator(self.uses, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            phrase=self.phrase,
            report=report,
            month=self.month,
            source=self.source,
            problems=self.problems,
            page_obj=page,
            uses=quotes(page.object_list, length=len(self.phrase)),
            timeline=month_bars_svg(
                counts=report.per_month, label=f"每月使用“{self.phrase}”的文章数",
                link=lambda m: f"?month={m:%Y-%m}", current=self.month,
            ),
        )
        return context
