"""An official's ties drawn as a small server-side SVG: the official in the middle, the people
they served or met with around, a solid line for a shared organization, a dashed one for shared
meetings only. Every name links to the comparison of the two; no script, no inline style (the
classes live in static/css/site.css), every text through format_html."""

from __future__ import annotations

import math
from collections.abc import Callable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from articles.models import Official
from articles.selectors.network import Associate

SIZE = 460
RADIUS = 170
MAX_NODES = 16


def network_svg(official: Official, ties: list[Associate], *, link: Callable[[Associate], str]) -> SafeString:
    ties = ties[:MAX_NODES]
    if not ties:
        return mark_safe("")
    centre = SIZE / 2
    placed = []
    for index, tie in enumerate(ties):
        angle = 2 * math.pi * index / len(ties) - math.pi / 2
        placed.append((tie, f"{centre + RADIUS * math.cos(angle):.1f}", f"{centre + RADIUS * math.sin(angle):.1f}"))
    edges = format_html_join("", '<line class="net-edge{}" x1="{}" y1="{}" x2="{}" y2="{}"/>', (
        ("" if tie.posts else " net-edge--meeting", f"{centre:.1f}", f"{centre:.1f}", x, y) for tie, x, y in placed))
    nodes = format_html_join("", '<a href="{}" aria-label="{}"><circle class="net-node" cx="{}" cy="{}" r="6"/>'
                             '<text class="net-label" x="{}" y="{}" text-anchor="middle">{}</text></a>', (
        (link(tie), _evidence(official, tie), x, y, x, f"{float(y) + 20:.1f}", tie.official.name)
        for tie, x, y in placed))
    return format_html(
        '<svg class="network-chart" viewBox="0 0 {} {}" role="img" aria-label="{}">{}{}'
        '<circle class="net-node net-node--centre" cx="{}" cy="{}" r="9"/>'
        '<text class="net-label net-label--centre" x="{}" y="{}" text-anchor="middle">{}</text></svg>',
        SIZE, SIZE, f"{official.name}的共事与同会关系", edges, nodes, f"{centre:.1f}", f"{centre:.1f}",
        f"{centre:.1f}", f"{centre + 26:.1f}", official.name,
    )


def _evidence(official: Official, tie: Associate) -> str:
    parts = [f"同在{shared.organization.name}（{shared.start:%Y-%m}—{shared.end:%Y-%m}）" for shared in tie.posts[:2]]
    if tie.meetings:
        parts.append(f"同会 {len(tie.meetings)} 次")
    return f"{official.name}与{tie.official.name}：" + "，".join(parts)
