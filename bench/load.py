"""Phase: page latency under load — gunicorn (2 sync workers, production settings) and wrk.

    python -m bench.load --size N [--duration 10] [--port 8765]

Pages: home, topic, month archive, article, official, organization, meeting, policy document,
formulation (提法), trends, search (and /api/search). Each page type
is a pool of URLs taken from the database (popular and random topics, months, articles and
officials; the query mix for search), requested round-robin from a random start so no single
cached row answers everything. The search pages are measured twice: as served (the result
cache answers a search repeated on the same index), and by a second server with
SEARCH_CACHE_SECONDS=0 as `search_uncached` and `api_search_uncached`. For each page: wrk with
1 connection, then 16 connections (2 wrk threads), --duration seconds each; p50/p95/p99/max
from wrk's own histogram (a Lua done() hook writes them as JSON). Every URL is first fetched
once and must answer 200.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

from bench.common import SEARCH_PAGES, UNCACHED, read_json, setup_django, workdir, write_json
from bench.queries import query_mix
from bench.serving import collectstatic, fetch, gunicorn, refresh_rising, wrk

WARM_UP_SECONDS = 3

LUA = """
local paths = {%(paths)s}
local i = 0
setup = function(thread) thread:set("start", math.random(#paths)) end
init = function(args) i = start or 0 end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  local f = io.open("%(out)s", "w")
  f:write(string.format('{"requests":%%d,"socket_errors":%%d,"non_2xx":%%d,"duration_s":%%.3f,'
    .. '"p50_ms":%%.2f,"p95_ms":%%.2f,"p99_ms":%%.2f,"max_ms":%%.2f,"mean_ms":%%.2f}',
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000))
  f:close()
end
"""


def searched(entities: dict) -> list[str]:
    """The queries of the search pages under load: the first 15 of the mix."""
    return [q["params"]["q"] for q in query_mix(entities)][:15]


def page_urls(size: int) -> dict[str, list[str]]:
    from django.db.models import Count

    from articles.models import Article, Meeting, Mention, Organization, PolicyDocument, Topic

    rng = random.Random(6)
    topics = list(Topic.objects.annotate(n=Count("articles")).order_by("-n").values_list("slug", flat=True))
    months = sorted({(d.year, d.month) for d in Article.objects.dates("published_on", "month")})
    last_pk = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    first_pk = Article.objects.order_by("pk").values_list("pk", flat=True).first() or 1
    articles = [rng.randint(first_pk, last_pk) for _ in range(60)]
    ranked = list(Mention.objects.filter(official__isnull=False).values("official").annotate(n=Count("id"))
                  .order_by("-n").values_list("official", flat=True))
    officials = ranked[:3] + rng.sample(ranked[3:], min(17, max(len(ranked) - 3, 0)))
    entities = read_json(workdir(size) / "corpus" / "entities.json")
    searches = searched(entities)
    quote = urllib.parse.quote

    def busiest_and_random(ranked: list[int], n: int = 10) -> list[int]:
        return ranked[:3] + rng.sample(ranked[3:], min(n - 3, max(len(ranked) - 3, 0)))

    def ranked_by_mentions(field: str) -> list[int]:
        return list(Mention.objects.filter(**{f"{field}__isnull": False}).values(field).annotate(n=Count("id"))
                    .order_by("-n").values_list(field, flat=True))

    weight = Count("posts", distinct=True) + Count("issued_documents", distinct=True)
    organizations = list(Organization.objects.annotate(n=weight).order_by("-n", "pk").values_list("pk", flat=True))
    meetings = ranked_by_mentions("meeting") or list(Meeting.objects.values_list("pk", flat=True))
    documents = ranked_by_mentions("document") or list(PolicyDocument.objects.values_list("pk", flat=True))
    # Words of the query mix as 提法 (no operators, no document numbers), and pairs of them as trends.
    words = list(dict.fromkeys(q for q in searches if " " not in q and "〔" not in q and "[" not in q))
    return {
        "home": ["/"],
        "topic": [f"/topics/{quote(slug)}/" for slug in topics[:10]],
        "month": [f"/archive/{y}/{m:02d}/" for y, m in rng.sample(months, min(24, len(months)))],
        "article": [f"/articles/{pk}/" for pk in articles],
        "official": [f"/officials/{pk}/" for pk in officials],
        "organization": [f"/organizations/{pk}/" for pk in busiest_and_random(organizations)],
        "meeting": [f"/meetings/{pk}/" for pk in busiest_and_random(meetings)],
        "document": [f"/documents/{pk}/" for pk in busiest_and_random(documents)],
        "formulation": [f"/formulations/{quote(word)}/" for word in words[:10]],
        "trends": [f"/trends/?q={quote(a)}&q={quote(b)}" for a, b in itertools.pairwise(words[:11])],
        "search": [f"/search/?q={quote(q)}" for q in searches],
        "api_search": [f"/api/search?q={quote(q)}" for q in searches],
    }


def measure(base: str, paths: list[str], label: str, *, duration: int, scratch: Path) -> dict:
    """One page type: each URL fetched once (its first render), then wrk at 1 and 16 connections."""
    first = [fetch(base + p) for p in paths]
    bad = [p for p, (status, _) in zip(paths, first, strict=True) if status != 200]
    cold = sorted(ms for _, ms in first)
    entry: dict = {"urls": len(paths), "first_fetch_ms_max": round(cold[-1], 1),
                   "first_fetch_ms_median": round(cold[len(cold) // 2], 1),
                   "not_200": bad[:5], "failed_urls": len(bad)}
    good = [p for p in paths if p not in bad]
    if not good:
        print(label, "every URL failed:", bad[:3], flush=True)
        return entry
    # Unrecorded, on two connections so both workers take part: a worker's first searches load
    # its dictionaries. Without it, wrk reported for one connection a mean of 231 ms over 297
    # requests in 10 s, which one connection cannot do (a request then took 30-65 ms).
    wrk(LUA, base, good, connections=2, duration=WARM_UP_SECONDS, scratch=scratch)
    # URLs that time out are reported, not load-tested: one would hold a worker for minutes.
    for connections in (1, 16):
        entry[f"c{connections}"] = wrk(LUA, base, good, connections=connections, duration=duration, scratch=scratch)
    print(label, {k: (v["p50_ms"], v["p95_ms"], v["requests_per_s"]) for k, v in entry.items() if k.startswith("c")},
          "not 200:" if bad else "", bad[:3], flush=True)
    return entry


def worker_memory(master: int) -> list[dict[str, float]]:
    """Memory (MiB) of each gunicorn worker after the load: its resident set, and the part of it
    that is its own (RssAnon: heap, dictionaries, caches) rather than index files it maps (RssFile,
    pages the kernel shares and can drop)."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master):
            sizes.append({name.lower(): round(int(fields[name].split()[0]) / 1024, 1)
                          for name in ("VmRSS", "RssAnon", "RssFile")})
    return sorted(sizes, key=lambda size: size["vmrss"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pages", default="home,topic,month,article,official,organization,meeting,document,"
                                            "formulation,trends,search,api_search")
    args = parser.parse_args()
    setup_django()
    urls = page_urls(args.size)
    scratch = workdir(args.size) / "var"
    env = dict(os.environ)
    collectstatic(env)
    # Start cold: the first fetch of each URL is then its full render (reported), the timed
    # runs after it measure what readers get until the next edit.
    shutil.rmtree(Path(env.get("CACHE_DIR") or scratch / "cache"), ignore_errors=True)
    # Deployed as docs/production.md says: the rising formulations come from the deploy step and
    # a timer, so the home page's first render is the page's own work.
    rising_seconds = refresh_rising(env)
    base = f"http://127.0.0.1:{args.port}"
    pages = args.pages.split(",")
    with gunicorn(env, port=args.port, workers=args.workers, options=("--timeout", "60")) as server:
        results = {page: measure(base, urls[page], page, duration=args.duration, scratch=scratch) for page in pages}
        memory = worker_memory(server.pid)
    # The same searches with the result cache off: what a search nobody made since the last
    # edit costs under load (the cached runs above measure repeated searches).
    engine_env = {**env, "SEARCH_CACHE_SECONDS": "0"}
    searches = [page for page in pages if page in SEARCH_PAGES]
    if searches:
        with gunicorn(engine_env, port=args.port, workers=args.workers, options=("--timeout", "60")):
            for page in searches:
                results[page + UNCACHED] = measure(base, urls[page], page + UNCACHED, duration=args.duration,
                                                   scratch=scratch)
    write_json(workdir(args.size) / "phases" / "pages.json",
               {"server": f"gunicorn, {args.workers} sync workers", "duration_s": args.duration, "pages": results,
                "rising_refresh_s": round(rising_seconds, 1),
                "worker_rss_mib": memory, "urls": {k: v[:5] for k, v in urls.items()}})


if __name__ == "__main__":
    main()
