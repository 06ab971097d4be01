"""Names of outlets as texts credit them, reduced to one name per outlet."""

from __future__ import annotations

AGENCY, NEWSPAPER, WEB, GOVERNMENT = "agency", "newspaper", "web", "government"

# How a credit line or header may name an outlet → the outlet's name and kind.
SOURCES: dict[str, tuple[str, str]] = {
    "新华社": ("新华社", AGENCY),
    "新华通讯社": ("新华社", AGENCY),
    "中新社": ("中国新闻社", AGENCY),
    "中国新闻社": ("中国新闻社", AGENCY),
    "中央广电总台央视新闻客户端": ("央视新闻客户端", WEB),
    "央视新闻客户端": ("央视新闻客户端", WEB),
    "央视新闻": ("央视新闻客户端", WEB),
    "人民日报": ("人民日报", NEWSPAPER),
    "人民网": ("人民网", WEB),
    "科技日报": ("科技日报", NEWSPAPER),
    "经济日报": ("经济日报", NEWSPAPER),
    "中国高新技术产业导报": ("中国高新技术产业导报", NEWSPAPER),
    "香港特区政府新闻公报": ("香港特别行政区政府新闻公报", GOVERNMENT),
}


def canonical_source(name: str | None) -> tuple[str | None, str]:
    """(name, kind) for a credited outlet; unknown names are kept as written."""
    if not name:
        return None, NEWSPAPER
    name = name.strip()
    if name in SOURCES:
        return SOURCES[name]
    if name.endswith(("客户端", "网", "APP")):
        return name, WEB
    return name, NEWSPAPER
