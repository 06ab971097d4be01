"""The fixed query mix of issue #6, as /api/search parameters.

Categories: frequent, mid, rare (seed terms), needle (planted at known frequency), name,
document number, traditional input, multi-word, facet filters, date filter, and date order.
Every request asks for one page of 20 with the exact count and facet counts (the API always
returns both). Names and document numbers come from the corpus's own entity pools: the most
and the least frequent of each.
"""

from __future__ import annotations

from typing import Any


def query_mix(entities: dict) -> list[dict[str, Any]]:
    officials = entities["officials"]
    documents = entities["documents"]
    top_doc = documents[0]["doc_number"]
    rare_doc = documents[-1]["doc_number"]
    mix = [
        ("frequent", {"q": "科技"}),
        ("frequent", {"q": "创新"}),
        ("frequent", {"q": "发展"}),
        ("mid", {"q": "人工智能"}),
        ("mid", {"q": "科技金融"}),
        ("mid", {"q": "国际科技创新中心"}),
        ("rare", {"q": "赤霄"}),
        ("rare", {"q": "手撕钢"}),
        ("rare", {"q": "零碳工厂"}),
        ("needle", {"q": "青鸾九号"}),
        ("needle", {"q": "赤羽光刻胶"}),
        ("needle", {"q": "云岫数据港"}),
        ("name", {"q": officials[0]["name"]}),
        ("name", {"q": officials[1]["name"]}),
        ("name", {"q": officials[-1]["name"]}),
        ("docnum", {"q": top_doc}),
        ("docnum", {"q": top_doc.replace("〔", "[").replace("〕", "]")}),
        ("docnum", {"q": rare_doc}),
        ("traditional", {"q": "產業創新"}),
        ("traditional", {"q": "陰和俊"}),
        ("traditional", {"q": "國際科技創新中心"}),
        ("multiword", {"q": "科技 金融 政策"}),
        ("multiword", {"q": "量子 科技"}),
        ("facets", {"q": "科技", "source": ["科技日报"]}),
        ("facets", {"q": "人工智能", "topic": ["人工智能"]}),
        ("facets", {"q": "创新", "kind": ["article"], "source": ["新华社", "人民日报"]}),
        ("date", {"q": "创新", "date_from": "2024-01-01", "date_to": "2024-12-31"}),
        ("date", {"q": "科技金融", "date_from": "2020-01-01"}),
        ("sort_date", {"q": "科技", "sort": "date"}),
        ("sort_date", {"q": officials[0]["name"], "sort": "date"}),
        ("sort_date", {"q": "人工智能", "sort": "date", "date_from": "2022-01-01", "date_to": "2025-12-31"}),
    ]
    return [{"category": category, "params": params} for category, params in mix]


def label(params: dict[str, Any]) -> str:
    extras = [f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in params.items() if k != "q"]
    return " ".join([params["q"], *extras])
