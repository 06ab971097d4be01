"""Trends drawn as a server-side SVG line chart: one line per series, every point a link to the
search it counts (keyboard-focusable, with a label such as “新质生产力 2026-01：3 篇 / 18 篇”).

No JavaScript and no inline styles (the site's CSP allows neither): colours come from the
classes .trend-line--0 … --7 in search/static/search/search.css, and every text goes through
format_html, so a query is escaped wherever it appears.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from search.trends import Point, Series

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 16, 42
COLOURS = 8  # .trend-line--0 … --7; further series reuse them
MAX_X_LABELS = 12


def _value(point: Point, measure: str) -> float:
    return point.share if measure == "share" else point.count


def _tick_label(value: float, measure: str) -> str:
    return f"{value:.0%}" if measure == "share" else f"{value:g}"


def trend_svg(
    series: tuple[Series, ...], *, measure: str, link: Callable[[Series, Point], str], title: str
) -> SafeString:
    """measure: "count" or "share"."""
    if not series or not series[0].points:
        return mark_safe("")
    n = len(series[0].points)
    peak = max((_value(p, measure) for s in series for p in s.points), default=0) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    # Coordinates are formatted before format_html, which escapes its arguments into strings.
    def x(i: int) -> str:
        return f"{LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2):.1f}"

    def y(value: float) -> str:
        return f"{TOP + plot_h * (1 - value / peak):.1f}"

    grid = format_html_join("", '<line class="trend-grid" x1="{}" y1="{}" x2="{}" y2="{}"/>'
                            '<text class="trend-axis" x="{}" y="{}" text-anchor="end">{}</text>',
                            ((LEFT, y(peak * k / 4), WIDTH - RIGHT, y(peak * k / 4), LEFT - 6,
                              f"{float(y(peak * k / 4)) + 4:.1f}", _tick_label(peak * k / 4, measure))
                             for k in range(5)))
    step = max(1, -(-n // MAX_X_LABELS))
    periods = series[0].points
    x_labels = format_html_join("", '<text class="trend-axis" x="{}" y="{}" text-anchor="middle">{}</text>',
                                ((x(i), HEIGHT - BOTTOM + 18, periods[i].period) for i in range(0, n, step)))
    lines = []
    for index, one in enumerate(series):
        colour = index % COLOURS
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(i)},{y(_value(p, measure))}" for i, p in enumerate(one.points))
        dots = format_html_join(
            "",
            '<a href="{}" aria-label="{}"><circle class="trend-dot trend-line--{}" cx="{}" cy="{}" r="4">'
            "<title>{}</title></circle></a>",
            (
                (link(one, p), label, colour, x(i), y(_value(p, measure)), label)
                for i, p in enumerate(one.points)
                for label in [f"{one.label} {p.period}：{p.count} 篇 / {p.total} 篇（{p.share:.1%}）"]
            ),
        )
        lines.append(format_html('<g class="trend-series"><path class="trend-path trend-line--{}" d="{}"/>{}</g>',
                                 colour, path, dots))
    return format_html(
        '<svg class="trend-chart" viewBox="0 0 {} {}" role="img" aria-label="{}">{}{}{}</svg>',
        WIDTH, HEIGHT, title, grid, x_labels, mark_safe("".join(lines)),  # noqa: S308 - each line built by format_html
    )
