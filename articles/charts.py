"""A small server-side SVG chart: articles per month, one linked bar per month.

No JavaScript and no styles inside: colours come from classes in static/css/site.css,
every text goes through format_html, and each bar is a link (keyboard-focusable) with
an accessible label such as “2026年1月：3 篇”.
"""

import datetime
from collections.abc import Callable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from articles.links import month_url
from articles.selectors.listing import MonthCount

HEIGHT = 150
TOP = 18  # room for the count above the tallest bar
BOTTOM = 34  # room for month and year labels
TARGET_WIDTH = 720  # few months get wide bars, many months narrow ones
MIN_SLOT, MAX_SLOT = 18, 56
LEFT = 6


def month_bars_svg(
    *,
    counts: list[MonthCount],
    label: str,
    link: Callable[[datetime.date], str] | None = month_url,
    current: datetime.date | None = None,
    unit: str = "篇",
) -> SafeString:
    if not counts:
        return mark_safe("")
    peak = max(c.count for c in counts) or 1
    plot = HEIGHT - TOP - BOTTOM
    slot = max(MIN_SLOT, min(MAX_SLOT, TARGET_WIDTH // len(counts)))
    bar = round(slot * 0.64)
    width = LEFT * 2 + slot * len(counts)
    dense = len(counts) > 24
    bars = []
    for i, item in enumerate(counts):
        x = LEFT + i * slot + (slot - bar) // 2
        h = round(plot * item.count / peak) if item.count else 0
        y = TOP + plot - h
        name = f"{item.month.year}年{item.month.month}月：{item.count} {unit}"
        css = "chart-bar chart-bar--current" if current and item.month == current.replace(day=1) else "chart-bar"
        rect = format_html(
            '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
            css, x, y, bar, max(h, 1), name,
        )
        number = format_html(
            '<text class="chart-count" x="{}" y="{}" text-anchor="middle">{}</text>',
            x + bar // 2, y - 4, item.count,
        ) if item.count else ""
        show_month = not dense or item.month.month in (1, 4, 7, 10)
        month_text = format_html(
            '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}月</text>',
            x + bar // 2, HEIGHT - BOTTOM + 14, item.month.month,
        ) if show_month else ""
        year_text = format_html(
            '<text class="chart-year" x="{}" y="{}" text-anchor="middle">{}</text>',
            x + bar // 2, HEIGHT - 4, item.month.year,
        ) if (i == 0 or item.month.month == 1) else ""
        body = format_html("{}{}{}{}", rect, number, month_text, year_text)
        if link is not None and item.count:
            body = format_html('<a href="{}" aria-label="{}">{}</a>', link(item.month), name, body)
        bars.append((body,))
    axis = format_html(
        '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
        LEFT, TOP + plot + 0.5, width - LEFT, TOP + plot + 0.5,
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="group" aria-label="{}"'
        ' xmlns="http://www.w3.org/2000/svg">{}{}</svg>',
        width, HEIGHT, width, HEIGHT, label, axis, format_html_join("", "{}", bars),
    )
