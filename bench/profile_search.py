"""Where a search's time goes: the per-request split of /api/search over the query mix.

    bench/run.sh profile_search --size 10000      (the corpus of bench/run.sh --size 10000)

Every query of the mix (bench/queries.py) goes through GET /api/search with Django's test client,
the result cache off, one warm-up pass, then --runs timed passes. Each request's time is split:

  engine      tantivy's own calls on the request's thread: search, doc reads
  engine ∥    tantivy's aggregation (facets, collapsed counts) on the second thread, in parallel
  hits        building the hits around them, highlighting excluded (search.service._hit)
  highlight   snippets and highlighted titles (search.highlight)
  facets      turning aggregations into facet counts, own-facet counts (Python side)
  plan        parsing the query and looking up the knowledge base's aliases (search.service.planned)
  rest        everything else: middleware, django-ninja, haystack, JSON

The facet aggregation runs in a second thread while the page is read (tantivy releases the GIL):
its time overlaps the rest and is not subtracted from the wall time. The ratio printed is the
p95 of the wall time over the p95 of tantivy's time on both threads. The same run first measures
the baseline: snippets placed as before the index stored each text's normalised form, every hit's
whole text normalised again.
Writes bench/results/profile-<size>.json.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import threading
import time
from collections import defaultdict

from bench.common import RESULTS, WrappedSearcher, machine, read_json, setup_django_on_corpus, workdir, write_json
from bench.queries import label, query_mix

PARTS = ("engine", "hits", "highlight", "facets", "plan")
PARALLEL = "engine ∥"  # tantivy's calls on the facet thread


class Clock:
    """Seconds per part for the request being measured, from every thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.spent: dict[str, float] = defaultdict(float)

    def add(self, part: str, seconds: float) -> None:
        if part == "engine" and threading.current_thread() is not threading.main_thread():
            part = PARALLEL
        with self.lock:
            self.spent[part] += seconds

    def timed(self, part: str, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(part, time.perf_counter() - started)
        return wrapper


def instrument(clock: Clock, mode: dict[str, bool]) -> None:
    from search import highlight, service
    from search.backends import tantivy_results
    from search.backends.tantivy_store import IndexStore

    searcher = IndexStore.searcher
    IndexStore.searcher = lambda self: WrappedSearcher(searcher(self), lambda _, call: clock.timed("engine", call))
    snippet = highlight.snippet

    def placed(text, query, size=160, prepared=None):
        # the baseline: the text normalised again, the stored form not used
        return snippet(text, query, size, None if mode["baseline"] else prepared)

    highlight.snippet = placed
    highlight.snippet = clock.timed("highlight", highlight.snippet)
    highlight.highlight = clock.timed("highlight", highlight.highlight)
    service._hit = clock.timed("hits", service._hit)
    service._facet_counts = clock.timed("facets", service._facet_counts)
    service.planned = clock.timed("plan", service.planned)
    tantivy_results.facet_counts = clock.timed("facets", tantivy_results.facet_counts)


def measure(size: int, runs: int, clock: Clock) -> dict:
    from django.test import Client

    client = Client()
    mix = query_mix(read_json(workdir(size) / "corpus" / "entities.json"))

    def request(params: dict) -> tuple[float, dict[str, float]]:
        clock.spent.clear()
        started = time.perf_counter()
        response = client.get("/api/search", {"page_size": 20, **params})
        wall = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{params}: HTTP {response.status_code}")
        return wall, dict(clock.spent)

    for query in mix:
        request(query["params"])
    rows: list[tuple[str, float, dict[str, float]]] = []
    for _ in range(runs):
        for query in mix:
            wall, spent = request(query["params"])
            rows.append((label(query["params"]), wall, spent))
    # hits includes the highlighting done inside it
    split = {part: [spent.get(part, 0.0) * 1000 for _, _, spent in rows] for part in (*PARTS, PARALLEL)}
    split["hits"] = [h - hl for h, hl in zip(split["hits"], split["highlight"], strict=True)]
    walls = [wall * 1000 for _, wall, _ in rows]
    split["rest"] = [w - sum(split[p][i] for p in PARTS) for i, w in enumerate(walls)]
    mean = {part: round(statistics.fmean(values), 2) for part, values in split.items()}
    tantivy = [a + b for a, b in zip(split["engine"], split[PARALLEL], strict=True)]
    engine = statistics.fmean(tantivy)
    p95 = sorted(walls)[int(0.95 * (len(walls) - 1))]
    p95_engine = sorted(tantivy)[int(0.95 * (len(walls) - 1))]
    return {
        "requests": len(rows), "wall_mean_ms": round(statistics.fmean(walls), 2),
        "wall_p50_ms": round(statistics.median(walls), 2), "wall_p95_ms": round(p95, 2),
        "engine_p95_ms": round(p95_engine, 2), "mean_ms": mean,
        "wall_over_engine": round(statistics.fmean(walls) / engine, 2) if engine else None,
        "p95_over_engine_p95": round(p95 / p95_engine, 2) if p95_engine else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup_django_on_corpus(args.size, SEARCH_CACHE_SECONDS="0")
    from articles.models import Article

    clock, mode = Clock(), {"baseline": True}
    instrument(clock, mode)
    baseline = measure(args.size, args.runs, clock)
    mode["baseline"] = False
    stored = measure(args.size, args.runs, clock)
    result = {"size": args.size, "articles": Article.objects.count(), "machine": machine(),
              "baseline_normalised_per_hit": baseline, "stored_snippet_maps": stored}
    print(f"{result['articles']} articles, {stored['requests']} requests per mode (mean ms per request)")
    columns = (*PARTS, "rest", PARALLEL)
    print(f"{'':<22}" + "".join(f"{p:>10}" for p in columns) + f"{'wall':>10}{'p95':>9}{'p95/eng':>9}")
    for name, shown in (("baseline (normalise)", baseline), ("stored snippet maps", stored)):
        print(f"{name:<22}" + "".join(f"{shown['mean_ms'][p]:>10.2f}" for p in columns)
              + f"{shown['wall_mean_ms']:>10.2f}{shown['wall_p95_ms']:>9.1f}{shown['p95_over_engine_p95']:>9}")
    path = RESULTS / f"profile-{args.size}.json"
    write_json(path, result)
    print(f"written {path.relative_to(RESULTS.parent.parent)}")


if __name__ == "__main__":
    main()
