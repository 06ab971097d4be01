"""Load (issue #7): search and browse pages under 16 and 64 concurrent connections for 60 s each,
gunicorn on PostgreSQL, production settings; zero errors required.

    .venv/bin/python -m bench.loadtest                      # the largest bench corpus that is ready
    .venv/bin/python -m bench.loadtest --size 100000        # that corpus (var/bench/100000, bench/run.sh)
    .venv/bin/python -m bench.loadtest --seeds              # the five seed pages only
    .venv/bin/python -m bench.loadtest --duration 5 --connections 4   # a quick smoke run

A corpus is ready when its database (kejiku_bench_<size>, built by bench/run.sh) holds its
articles, its outbox is drained and its index exists; without one, a database is built from
fixtures/seeds and the results say so. Every URL is fetched once first and must answer 200;
a 15 s warm-up (not recorded) lets every worker load its dictionaries. Then wrk runs each mix
(search: /search/ and /api/search over the query mix; browse: home, listings, archives,
topics, articles, officials, meetings, documents) at each connection count. A request is an
error if wrk reports a connect/read/write error or timeout, or the status is not 2xx/3xx; the
server's log is scanned for tracebacks too. Results go to bench/results/load.json; the exit
status is 1 if anything failed. Refuses to start while other benchmarks run (--force to override).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.common import PG, PYTHON, RESULTS, ROOT, database_name, environment, machine, workdir, write_json
from bench.serving import collectstatic, fetch, gunicorn, wrk

LUA = r"""
local paths = {%(paths)s}
local threads = {}
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
init = function(args)
  math.randomseed(os.time() + id * 7919)
  statuses = {}
end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%%d":%%d', status, n)) end
  local e = summary.errors
  local f = io.open("%(out)s", "w")
  f:write(string.format('{"requests":%%d,"duration_s":%%.3f,"bytes":%%d,'
    .. '"errors":{"connect":%%d,"read":%%d,"write":%%d,"timeout":%%d,"status_4xx_5xx":%%d},"statuses":{%%s},'
    .. '"latency_ms":{"mean":%%.1f,"stdev":%%.1f,"p50":%%.1f,"p75":%%.1f,"p90":%%.1f,"p95":%%.1f,"p99":%%.1f,'
    .. '"p99_9":%%.1f,"max":%%.1f}}',
    summary.requests, summary.duration / 1e6, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    table.concat(parts, ","), latency.mean / 1000, latency.stdev / 1000, latency:percentile(50) / 1000,
    latency:percentile(75) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
  f:close()
end
"""

SEED_QUERIES = ["科技", "创新", "发展", "人工智能", "科技金融", "国际科技创新中心", "赤霄", "手撕钢", "零碳工厂",
                "丁薛祥", "阴和俊", "国科发", "產業創新", "陰和俊", "科技 金融 政策", "量子 科技", '"新质生产力"',
                "科技 -金融"]
OTHER_BENCHMARKS = re.compile(r"bench\.(run|importer|load|search_latency|pages|whoosh_index)\b|\bwrk\b|gunicorn")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def others_running() -> list[str]:
    me = os.getpid()
    found = []
    for line in subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout.splitlines()[1:]:
        pid, _, args = line.strip().partition(" ")
        if int(pid) != me and OTHER_BENCHMARKS.search(args) and "bench.loadtest" not in args:
            found.append(args[:160])
    return found


def psql(database: str, sql: str) -> str:
    import psycopg

    with psycopg.connect(f"{PG}/{database}", connect_timeout=5) as conn:
        return str(conn.execute(sql).fetchone()[0])


def corpus_ready(size: int) -> bool:
    try:
        articles = int(psql(database_name(size), "SELECT count(*) FROM articles_article"))
        pending = int(psql(database_name(size), "SELECT count(*) FROM articles_searchoutbox"))
    except Exception:  # no database, no tables: not ready
        return False
    return articles >= size and pending == 0 and (workdir(size) / "var" / "index" / "meta.json").is_file()


def seeds_environment() -> dict[str, str]:
    """A database from fixtures/seeds (built once): the fallback when no bench corpus is ready."""
    name = "kejiku_load_seeds"
    var = ROOT / "var" / "bench" / "load-seeds" / "var"
    var.mkdir(parents=True, exist_ok=True)
    env = {**environment_for(name, var)}
    try:
        ready = int(psql(name, "SELECT count(*) FROM articles_article")) > 0
    except Exception:  # no database yet
        ready = False
    if not ready:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        for command in (["migrate", "--noinput", "-v", "0"], ["load_seeds"], ["rebuild_index", "--noinput", "-v", "0"]):
            subprocess.run([str(PYTHON), "manage.py", *command], cwd=ROOT, env=env, check=True)
    return env


def environment_for(database: str, var: Path) -> dict[str, str]:
    """bench.common.environment's production-like settings, for another database and var dir."""
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": f"{PG}/{database}", "KEJIKU_VAR_DIR": str(var),
        "SEARCH_INDEX_DIR": str(var / "index"), "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT),
    })
    env.pop("BENCH_WHOOSH_DIR", None)  # the tantivy engine, never the Whoosh baseline
    return env


URLS_SCRIPT = r"""
import json, random, urllib.parse
import django
django.setup()
from django.db.models import Count
from articles.models import Article, Meeting, Official, PolicyDocument, Source, Topic, Organization
rng = random.Random(7)
q = urllib.parse.quote

def sample(model, n):
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    if not last:
        return []
    pks = set(model.objects.filter(pk__in=[rng.randint(1, last) for _ in range(n * 4)]).values_list("pk", flat=True))
    return sorted(pks)[:n] or list(model.objects.values_list("pk", flat=True)[:n])

months = sorted({(d.year, d.month) for d in Article.objects.dates("published_on", "month")})
days = sorted(Article.objects.dates("published_on", "day"))
topics = list(Topic.objects.annotate(n=Count("articles")).order_by("-n").values_list("slug", flat=True)[:12])
browse = ["/", "/articles/", "/topics/", "/officials/", "/meetings/", "/documents/",
          "/organizations/", "/sources/", "/archive/", "/formulations/"]
browse += ["/articles/?page=2"] if Article.objects.count() > 50 else []
browse += [f"/articles/{pk}/" for pk in sample(Article, 60)]
browse += [f"/officials/{pk}/" for pk in sample(Official, 15)]
browse += [f"/meetings/{pk}/" for pk in sample(Meeting, 10)]
browse += [f"/documents/{pk}/" for pk in sample(PolicyDocument, 10)]
browse += [f"/organizations/{pk}/" for pk in sample(Organization, 5)]
browse += [f"/sources/{pk}/" for pk in sample(Source, 5)]
browse += [f"/topics/{q(slug)}/" for slug in topics]
browse += [f"/archive/{y}/" for y in sorted({y for y, _ in months})[-5:]]
browse += [f"/archive/{y}/{m:02d}/" for y, m in rng.sample(months, min(12, len(months)))]
browse += [f"/archive/{d.year}/{d.month:02d}/{d.day:02d}/" for d in rng.sample(days, min(12, len(days)))]
print(json.dumps({"browse": browse, "articles": Article.objects.count()}))
"""


def urls_for(env: dict[str, str], queries: list[dict]) -> tuple[dict[str, list[str]], int]:
    result = subprocess.run([str(PYTHON), "-c", URLS_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=True)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    search = []
    for params in queries:
        query = urllib.parse.urlencode(params, doseq=True)
        search += [f"/search/?{query}", f"/api/search?{query}"]
    return {"search": search, "browse": found["browse"]}, found["articles"]


def load(base: str, paths: list[str], connections: int, duration: int, scratch: Path) -> dict:
    result = wrk(LUA, base, paths, connections=connections, duration=duration, scratch=scratch)
    result["errors"]["total"] = sum(result["errors"].values())
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, help="a bench corpus size (default: the largest ready)")
    parser.add_argument("--seeds", action="store_true", help="use the seed pages, not a bench corpus")
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", default="16,64")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="default: cores (production)")
    parser.add_argument("--port", type=int, default=8777)
    parser.add_argument("--out", type=Path, default=RESULTS / "load.json")
    parser.add_argument("--force", action="store_true", help="run even while other benchmarks run")
    args = parser.parse_args()

    busy = others_running()
    if busy and not args.force:
        log("other benchmarks are running; not loading the machine (use --force):\n  " + "\n  ".join(busy))
        return 2
    sizes = [args.size] if args.size else sorted(
        (int(p.name) for p in (ROOT / "var" / "bench").glob("*") if p.name.isdigit()), reverse=True)
    size = None if args.seeds else next((s for s in sizes if corpus_ready(s)), None)
    if size:
        env = environment(size)
        corpus = f"bench corpus of {size:,} articles (bench/corpus.py, database {database_name(size)})"
        from bench.common import read_json
        from bench.queries import query_mix

        queries = [q["params"] for q in query_mix(read_json(workdir(size) / "corpus" / "entities.json"))]
    else:
        if args.size:
            log(f"the {args.size:,}-article corpus is not ready; using the seeds")
        env = seeds_environment()
        corpus = "the five seed pages (fixtures/seeds): no bench corpus was ready"
        queries = [{"q": q} for q in SEED_QUERIES] + [{"q": "科技", "sort": "date"}, {"q": "创新", "kind": "article"},
                                                     {"q": "科技", "date_from": "2025-01-01"}]
    var = Path(env["KEJIKU_VAR_DIR"])
    log(f"corpus: {corpus}")
    collectstatic(env)
    mixes, articles = urls_for(env, queries)

    base = f"http://127.0.0.1:{args.port}"
    server_log = var / "loadtest-gunicorn.log"
    results: dict = {}
    failed = False
    # docs/production.md's command line, on another port.
    options = ("--worker-class", "sync", "--timeout", "30", "--graceful-timeout", "30", "--keep-alive", "5",
               "--max-requests", "50000", "--max-requests-jitter", "5000")
    with gunicorn(env, port=args.port, workers=args.workers, options=options, log_path=server_log):
        for name, paths in mixes.items():
            bad = [(p, status) for p in paths if (status := fetch(base + p, timeout=120)[0]) != 200]
            if bad:
                log(f"{name}: not 200: {bad[:5]}")
                failed = True
        log("warm-up: 15 s, 16 connections, every page (not recorded)")
        load(base, [p for paths in mixes.values() for p in paths], 16, 15, var)
        for name, paths in mixes.items():
            results[name] = {"urls": len(paths)}
            for connections in (int(c) for c in args.connections.split(",")):
                log(f"{name}: {connections} connections, {args.duration} s")
                cell = load(base, paths, connections, args.duration, var)
                results[name][f"c{connections}"] = cell
                latency = cell["latency_ms"]
                log(f"  {cell['requests']} requests, {cell['requests_per_s']}/s, errors {cell['errors']['total']}, "
                    f"p50 {latency['p50']} p95 {latency['p95']} p99 {latency['p99']} max {latency['max']} ms")
                failed = failed or cell["errors"]["total"] > 0
    logged = server_log.read_text(errors="replace")
    tracebacks = logged.count("Traceback")
    failed = failed or tracebacks > 0
    cells = [cell for mix in results.values() for key, cell in mix.items() if key.startswith("c")]
    report = {
        "corpus": corpus, "articles": articles,
        "server": f"gunicorn, {args.workers} sync workers as in docs/production.md (timeout 30 s, max-requests "
                  "50000), production settings (DEBUG=0), PostgreSQL",
        "client": "wrk, 2 threads, keep-alive, 30 s timeout, URLs drawn at random from each mix",
        "duration_s": args.duration,
        "requests": sum(c["requests"] for c in cells),
        "errors": sum(c["errors"]["total"] for c in cells),
        "server_tracebacks": tracebacks,
        "mixes": results,
        "sample_urls": {name: paths[:8] for name, paths in mixes.items()},
        "machine": machine(),
        "finished": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
    }
    write_json(args.out, report)
    log(f"{report['requests']:,} requests, {report['errors']} errors, {tracebacks} server tracebacks -> {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
