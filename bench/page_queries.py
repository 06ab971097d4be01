"""Phase helper: what each page type's first render costs, query by query, with EXPLAIN.

    bench/run.sh page_queries --size N [--per-type 5]     # after the import phase of that size
    bench/run.sh page_queries --size N --profile formulation   # where one page type's time goes

In one process (production settings, the run's PostgreSQL database and index, bench.common), for
every page type of bench.load.page_urls: once the process is warm (one render of each type, as
in a long-lived worker), the cache is cleared, then each URL is rendered once through Django's
test client while its SQL is captured. Printed and written to
bench/results/page-queries-<N>.json and .md: per page type the slowest first render, its number of
queries and their time, and for the slowest queries of the slowest render `EXPLAIN (ANALYZE,
BUFFERS)` (the plan PostgreSQL chose, with the rows it really read). The machine and the corpus
size are in the file. "Whole-table scan" marks a sequential scan that read every row of a table of
more than 10,000 rows: the thing a request must not do.

--profile PAGE renders that page type's URLs the same way (cold caches, warm process) under
cProfile and prints, for the slowest, the functions that took the time; nothing is written.
"""

from __future__ import annotations

import argparse
import os
import re
import time

from bench.common import RESULTS, environment, machine, setup_django, write_json
from bench.serving import collectstatic

SLOW_QUERIES = 3  # per page type: the EXPLAIN of this many slowest queries of its slowest render
SCAN = re.compile(r"Seq Scan on (\w+)")


def explain(sql: str) -> str:
    """The plan of captured SQL, its parameters already inlined (no placeholders to fill)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def whole_table_scans(plan: str) -> list[str]:
    """Tables read by a sequential scan in the plan that hold more than 10,000 rows."""
    from django.db import connection

    found = []
    for table in sorted(set(SCAN.findall(plan))):
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            row = cursor.fetchone()
        if row and row[0] > 10_000:
            found.append(table)
    return found


def render(client, url: str) -> tuple[int, float, list[dict]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    return response.status_code, elapsed, list(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--per-type", type=int, default=5, help="URLs rendered per page type")
    parser.add_argument("--profile", metavar="PAGE", help="profile one page type's first renders instead")
    args = parser.parse_args()
    os.environ.update(environment(args.size))
    collectstatic(dict(os.environ))  # production settings: pages name their hashed static files
    setup_django()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client

    from bench.load import page_urls

    settings.ALLOWED_HOSTS = ["*"]
    urls = page_urls(args.size)
    client = Client()
    # A long-lived worker has loaded its dictionaries, models and templates: a first render in
    # this process would measure that (about a second) rather than the page.
    for candidates in urls.values():
        client.get(candidates[0])
    # The home page's rising formulations come from a timer (manage.py refresh_rising,
    # docs/production.md), never from a request: kept across the cache clearing below.
    from articles.formulations.rising import _key, refresh_rising_phrases

    started = time.perf_counter()
    refresh_rising_phrases()
    report_rising = round(time.perf_counter() - started, 1)
    rising = caches["default"].get(_key(10))

    def cold() -> None:
        for alias in settings.CACHES:
            caches[alias].clear()
        caches["default"].set(_key(10), rising, None)

    if args.profile:
        profile(client, urls[args.profile][: args.per_type], cold)
        return
    report: dict = {"size": args.size, "machine": machine(), "rising_refresh_s": report_rising, "pages": {}}
    lines = [f"# First renders at {args.size:,} articles, query by query", ""]
    for page, candidates in urls.items():
        if page.startswith("api_"):
            continue
        renders = []
        for url in candidates[: args.per_type]:
            cold()
            status, ms, queries = render(client, url)
            sql_ms = sum(float(q["time"]) * 1000 for q in queries)
            renders.append({"url": url, "status": status, "ms": round(ms, 1), "queries": len(queries),
                            "sql_ms": round(sql_ms, 1), "captured": queries})
        worst = max(renders, key=lambda r: r["ms"])
        slowest = sorted(worst["captured"], key=lambda q: -float(q["time"]))[:SLOW_QUERIES]
        plans = []
        for query in slowest:
            plan = explain(query["sql"])
            plans.append({"ms": round(float(query["time"]) * 1000, 1), "sql": query["sql"][:2000], "plan": plan,
                          "whole_table_scans": whole_table_scans(plan)})
        entry = {
            "first_render_ms_max": worst["ms"],
            "first_render_ms_median": sorted(r["ms"] for r in renders)[len(renders) // 2],
            "not_200": [r["url"] for r in renders if r["status"] != 200],
            "worst": {k: worst[k] for k in ("url", "ms", "queries", "sql_ms")},
            "slowest_queries": plans,
        }
        report["pages"][page] = entry
        scans = sorted({t for p in plans for t in p["whole_table_scans"]})
        print(f"{page:14s} first render max {worst['ms']:7.1f} ms ({worst['url']}): {worst['queries']} queries, "
              f"{worst['sql_ms']:.1f} ms in SQL; whole-table scans: {', '.join(scans) or 'none'}", flush=True)
        lines += [f"## {page}: {worst['ms']:.0f} ms at most ({worst['url']})", "",
                  f"{worst['queries']} queries, {worst['sql_ms']:.1f} ms of them in SQL. "
                  f"Whole-table scans: {', '.join(scans) or 'none'}.", ""]
        for plan in plans:
            lines += [f"{plan['ms']} ms:", "", "```sql", plan["sql"][:600], "```", "", "```", plan["plan"], "```", ""]
    connection.close()
    write_json(RESULTS / f"page-queries-{args.size}.json", report)
    (RESULTS / f"page-queries-{args.size}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written: {RESULTS / f'page-queries-{args.size}.json'} and .md")


def profile(client, urls: list[str], cold) -> None:
    import cProfile
    import io
    import pstats

    profiles = []
    for url in urls:
        cold()
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.runcall(client.get, url)
        profiles.append(((time.perf_counter() - started) * 1000, url, profiler))
    ms, url, profiler = max(profiles, key=lambda p: p[0])
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(30)
        print(f"# {url}: {ms:.0f} ms under the profiler, by {order}\n{out.getvalue()}")


if __name__ == "__main__":
    main()
