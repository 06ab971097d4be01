"""Phase: search latency of the query mix, and recall of the planted needles.

    python -m bench.search_latency --size N --engine kejiku|whoosh|icontains [--runs 5]

kejiku and whoosh: every query goes through GET /api/search with Django's test client — the whole
request path (middleware, django-ninja, search.service, haystack, the backend, JSON) minus the
socket; whoosh runs with bench/settings.py selecting the Whoosh baseline. icontains: the same words
as `title__icontains OR body__icontains` per word (all words required) with the same filters,
newest first, top 20 + exact count (no relevance, no facets: the cheapest fair equivalent).

One warm-up pass, then --runs timed passes over the whole mix; p50/p95/max over all timed
requests, per category and overall. Needle recall: every result of the needle query (all pages)
against the fingerprints the generator planted it in.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any

from bench.common import machine, read_json, setup_django, summary, workdir, write_json
from bench.queries import label, query_mix


def api_runner(engine: str):
    from django.test import Client

    client = Client()

    def run(params: dict[str, Any]) -> tuple[int, list[int]]:
        response = client.get("/api/search", {"page_size": 20, **params})
        if response.status_code != 200:
            raise RuntimeError(f"{engine} {params}: HTTP {response.status_code} {response.content[:300]!r}")
        data = response.json()
        return data["count"], [r["id"] for r in data["results"] if r["kind"] == "article"]

    def all_articles(q: str) -> set[int]:
        found: set[int] = set()
        page = 1
        while True:
            response = client.get("/api/search", {"q": q, "kind": "article", "page_size": 100, "page": page})
            if response.status_code == 404:
                break
            data = response.json()
            found.update(r["id"] for r in data["results"])
            if page * 100 >= data["count"]:
                break
            page += 1
        return found

    return run, all_articles


def icontains_runner():
    from django.db.models import Q

    from articles.models import Article

    def queryset(params: dict[str, Any]):
        qs = Article.objects.all()
        for word in params["q"].split():
            qs = qs.filter(Q(title__icontains=word) | Q(body__icontains=word))
        if params.get("source"):
            qs = qs.filter(source__name__in=params["source"])
        if params.get("topic"):
            qs = qs.filter(topics__name__in=params["topic"]).distinct()
        if params.get("date_from"):
            qs = qs.filter(published_on__gte=params["date_from"])
        if params.get("date_to"):
            qs = qs.filter(published_on__lte=params["date_to"])
        return qs

    def run(params: dict[str, Any]) -> tuple[int, list[int]]:
        qs = queryset(params)
        rows = list(qs.order_by("-published_on", "-id").values_list("id", "title", "published_on")[:20])
        return qs.count(), [row[0] for row in rows]

    def all_articles(q: str) -> set[int]:
        return set(queryset({"q": q}).values_list("id", flat=True))

    return run, all_articles


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--engine", choices=["kejiku", "whoosh", "icontains"], required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # The engine is measured, not the result cache: each query repeats --runs times on one index,
    # and every repetition would be a cache hit.
    os.environ["SEARCH_CACHE_SECONDS"] = "0"
    setup_django()
    from articles.models import Article

    base = workdir(args.size)
    entities = read_json(base / "corpus" / "entities.json")
    manifest = read_json(base / "corpus" / "manifest.json")
    mix = query_mix(entities)
    run, all_articles = icontains_runner() if args.engine == "icontains" else api_runner(args.engine)

    # What else the machine was doing: a pass right after the import once measured 37 ms at p95
    # where two later passes on the idle machine measured 23 ms.
    loadavg_before = machine()["loadavg"]
    counts = {}
    for query in mix:  # warm-up, and the hit counts
        counts[label(query["params"])] = run(query["params"])[0]
    samples: dict[str, list[float]] = {label(q["params"]): [] for q in mix}
    for _ in range(args.runs):
        for query in mix:
            started = time.perf_counter()
            run(query["params"])
            samples[label(query["params"])].append((time.perf_counter() - started) * 1000)

    per_query = [
        {"category": q["category"], "query": label(q["params"]), "hits": counts[label(q["params"])],
         "median_ms": round(statistics.median(samples[label(q["params"])]), 2),
         "max_ms": round(max(samples[label(q["params"])]), 2)}
        for q in mix
    ]
    categories: dict[str, list[float]] = {}
    for q in mix:
        categories.setdefault(q["category"], []).extend(samples[label(q["params"])])
    everything = [ms for values in samples.values() for ms in values]

    recall = {}
    for term, needle in manifest["needles"].items():
        planted = set(needle["fingerprints"])
        started = time.perf_counter()
        found_ids = all_articles(term)
        seconds = time.perf_counter() - started
        found = set(Article.objects.filter(pk__in=found_ids).values_list("fingerprint", flat=True))
        recall[term] = {
            "planted": len(planted), "found": len(found), "true_positives": len(found & planted),
            "recall": round(len(found & planted) / len(planted), 4) if planted else None,
            "how": needle["how"], "seconds_all_pages": round(seconds, 2),
        }
    planted_total = sum(r["planted"] for r in recall.values())
    result = {
        "engine": args.engine,
        "runs": args.runs,
        "queries": len(mix),
        "overall": summary(everything),
        "categories": {name: summary(values) for name, values in categories.items()},
        "per_query": per_query,
        "needle_recall": recall,
        "needle_recall_overall": round(sum(r["true_positives"] for r in recall.values()) / planted_total, 4),
        # p95 of each timed pass over the mix: drift within the phase shows here
        "pass_p95_ms": [summary([values[i] for values in samples.values()])["p95_ms"] for i in range(args.runs)],
        "loadavg_before": loadavg_before,
        "loadavg_after": machine()["loadavg"],
    }
    phase = "search" if args.engine == "kejiku" else args.engine
    write_json(base / "phases" / f"{phase}.json", result)
    print(args.engine, result["overall"], "needle recall", result["needle_recall_overall"])


if __name__ == "__main__":
    main()
