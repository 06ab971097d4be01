"""Names of outlets as texts credit them, reduced to one name per outlet."""

from __future__ import annotations

import re

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
    "中央社": ("中央社", AGENCY),
    "中央通讯社": ("中央社", AGENCY),
    "中国政府网": ("中国政府网", GOVERNMENT),
    "新浪财经": ("新浪财经", WEB),
    "澎湃新闻": ("澎湃新闻", WEB),
    "财联社": ("财联社", WEB),
    "第一财经": ("第一财经", WEB),
    "香港电台": ("香港电台", WEB),
    "香港01": ("香港01", WEB),
    "自由时报": ("自由时报", NEWSPAPER),
    "大公报": ("大公报", NEWSPAPER),
    "文汇报": ("文汇报", NEWSPAPER),
    "明报": ("明报", NEWSPAPER),
    "信报": ("信报", NEWSPAPER),
    "联合报": ("联合报", NEWSPAPER),
    "公视新闻网": ("公视新闻网", WEB),
}


# Where a page was published, by its address: the outlet a link or a saved page names.
HOSTS = {
    "people.com.cn": "人民网", "paper.people.com.cn": "人民日报", "xinhuanet.com": "新华网", "news.cn": "新华网",
    "gov.cn": "中国政府网", "stdaily.com": "科技日报", "cctv.com": "央视网", "chinanews.com.cn": "中国新闻网",
    "chinanews.com": "中国新闻网", "gmw.cn": "光明网", "thepaper.cn": "澎湃新闻", "ce.cn": "中国经济网",
    "rthk.hk": "香港电台", "hk01.com": "香港01", "info.gov.hk": "香港特别行政区政府新闻公报",
    "takungpao.com": "大公报", "wenweipo.com": "文汇报", "mingpao.com": "明报", "hkej.com": "信报",
    "ltn.com.tw": "自由时报", "udn.com": "联合新闻网", "money.udn.com": "经济日报", "cna.com.tw": "中央社",
    "pts.org.tw": "公视新闻网", "news.pts.org.tw": "公视新闻网", "cls.cn": "财联社", "stcn.com": "证券时报网",
    "most.gov.cn": "科学技术部", "miit.gov.cn": "工业和信息化部", "ndrc.gov.cn": "国家发展和改革委员会",
    "mofcom.gov.cn": "商务部", "moe.gov.cn": "教育部", "cnipa.gov.cn": "国家知识产权局",
}


def outlet_of_url(url: str) -> str | None:
    """人民网 for http://finance.people.com.cn/…: the longest listed host the address ends in."""
    match = re.match(r"^[a-z]+://(?P<host>[^/:?#]+)", url.strip(), re.IGNORECASE)
    if not match:
        return None
    host = match["host"].lower().removeprefix("www.")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        if (name := HOSTS.get(".".join(parts[i:]))) is not None:
            return name
    return None


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


def is_outlet(name: str) -> bool:
    """A name the tables know as a news outlet (not a person's)."""
    return name in SOURCES or name in HOSTS.values()
