"""The engine's own ceiling under load: the search load test's tantivy calls alone, from concurrent clients.

    bench/run.sh engine_load --size 100000 [--clients 16] [--seconds 10]

Issue #23 asks for /api/search p95 ≤ 50 ms at 16 clients with the result cache off. This
measures what tantivy alone allows on this machine for the same requests, with no Django, no
Python around it. Each request the load test sends to /api/search (bench/load.py: the first 15
queries of the mix) is sent once through Django (test client, result cache off) while its
tantivy calls (search, aggregate, doc) are recorded with their arguments. Then the recorded
calls are replayed: each client is a thread that takes the next request and makes its calls in
order on a searcher of its own, for --seconds, with 1 client and with --clients. tantivy
releases the GIL inside its calls, so the threads share both cores; a request's facet
aggregation runs after its search here instead of beside it, which changes a request's latency
at one client, not the CPU it costs under load.

The load test's figure for the API (results/run-<size>.json, pages phase, api_search_uncached)
is printed beside it when present. With C clients and a throughput of X requests/s, a request
waits C/X on average (Little's law): whatever the engine alone cannot answer within 50 ms at 16
clients, the site cannot either. Writes bench/results/engine-load-<size>.json.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import threading
import time

from bench.common import (
    RESULTS,
    WrappedSearcher,
    machine,
    percentile,
    read_json,
    setup_django_on_corpus,
    workdir,
    write_json,
)
from bench.load import searched


def record(size: int) -> list[tuple[str, list]]:
    """(query, tantivy calls) of each request the load test sends to /api/search
    (bench/load.py), made once through Django."""
    from django.test import Client

    from search.backends.tantivy_store import IndexStore

    calls: list = []

    def noted(name: str, method):
        def call(*args, **kwargs):
            calls.append((name, args, kwargs))
            return method(*args, **kwargs)
        return call

    searcher = IndexStore.searcher
    IndexStore.searcher = lambda self: WrappedSearcher(searcher(self), noted)
    client = Client()
    recorded = []
    try:
        for q in searched(read_json(workdir(size) / "corpus" / "entities.json")):
            calls.clear()
            response = client.get("/api/search", {"q": q})
            if response.status_code != 200:
                raise RuntimeError(f"{q}: HTTP {response.status_code}")
            recorded.append((q, list(calls)))
    finally:
        IndexStore.searcher = searcher
    return recorded


def replay(requests: list[tuple[str, list]], searcher_of, clients: int, seconds: float) -> dict:
    """Replay the requests' calls from `clients` threads for `seconds`; latency per request."""
    order = itertools.cycle(range(len(requests)))
    lock = threading.Lock()
    times: list[float] = []
    deadline = time.perf_counter() + seconds

    def client() -> None:
        searcher = searcher_of()
        own = []
        while time.perf_counter() < deadline:
            with lock:
                _, calls = requests[next(order)]
            started = time.perf_counter()
            for name, args, kwargs in calls:
                getattr(searcher, name)(*args, **kwargs)
            own.append(time.perf_counter() - started)
        with lock:
            times.extend(own)

    cpu = time.process_time()
    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ms = [t * 1000 for t in times]
    return {
        "clients": clients, "requests": len(ms), "requests_per_s": round(len(ms) / wall, 1),
        "mean_ms": round(statistics.fmean(ms), 2), "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "max_ms": round(max(ms), 2), "cpu_ms_per_request": round(1000 * (time.process_time() - cpu) / len(ms), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    setup_django_on_corpus(args.size, SEARCH_CACHE_SECONDS="0")
    from haystack import connections

    from articles.models import Article

    requests = record(args.size)
    store = connections["default"].get_backend().store
    replay(requests, store.searcher, 2, 2)  # warm-up: index files in memory
    runs = [replay(requests, store.searcher, clients, args.seconds) for clients in (1, args.clients)]
    scale_run = RESULTS / f"run-{args.size}.json"
    site = read_json(scale_run).get("pages", {}).get("pages", {}) if scale_run.exists() else {}
    result = {
        "size": args.size, "articles": Article.objects.count(), "machine": machine(),
        "requests_replayed": len(requests), "tantivy_calls_per_request": round(
            statistics.fmean(len(calls) for _, calls in requests), 1),
        "engine_alone": runs, "site_api_search_uncached": site.get("api_search_uncached"),
    }
    print(f"{result['articles']} articles, {len(requests)} requests of the load test, "
          f"{result['tantivy_calls_per_request']} tantivy calls per request; tantivy alone:")
    for run in runs:
        print(f"  {run['clients']:>3} clients: {run['requests_per_s']:>7} req/s  mean {run['mean_ms']:>7} ms  "
              f"p50 {run['p50_ms']:>7} ms  p95 {run['p95_ms']:>7} ms  CPU {run['cpu_ms_per_request']} ms/request")
    if result["site_api_search_uncached"]:
        print(f"  the site's /api/search under wrk (result cache off): {result['site_api_search_uncached']}")
    path = RESULTS / f"engine-load-{args.size}.json"
    write_json(path, result)
    print(f"written {path.relative_to(RESULTS.parent.parent)}")


if __name__ == "__main__":
    main()
