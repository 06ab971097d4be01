"""The benchmark harness: one command reproduces every figure of bench/results/SUMMARY.md.

    bench/run.sh --size 10000                 # = bench/run.sh scale --size 10000 = python -m bench.run --size 10000
    bench/run.sh --size 100000 --whoosh-max 10000
    bench/run.sh --summary                    # only rebuild SUMMARY.md from bench/results/run-*.json

For one corpus size it runs, one phase at a time (each in its own process, production settings,
PostgreSQL database kejiku_bench_<size>, files under var/bench/<size>/):

  corpus     generate the corpus (bench/corpus.py), unless it exists
  database   drop and create the database, migrate
  import     bulk import + index (search.bulk_index): articles/s, tokenisation share, sizes
  search     the query mix through /api/search (haystack + tantivy backend + JSON API): p50/p95/max,
             and recall of the planted needles
  icontains  the same query mix as plain `icontains` ORM queries (date order, top 20 + exact count)
  whoosh     haystack's Whoosh backend with jieba's ChineseAnalyzer: index build, then the query mix
             through /api/search (skipped above --whoosh-max articles: then extrapolated, and said so)
  pages      home, topic, month, article, official and search pages under gunicorn (2 workers),
             wrk with 1 and 16 concurrent connections

Finished phases are kept in var/bench/<size>/phases/*.json and skipped on the next run (resume
after an interruption); --redo PHASE[,PHASE] or --fresh runs them again. The run's results go to
bench/results/run-<size>.json and the Markdown summary to bench/results/SUMMARY.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import (
    PG,
    PYTHON,
    RESULTS,
    ROOT,
    database_name,
    environment,
    machine,
    read_json,
    workdir,
    write_json,
)

PHASES = ["corpus", "database", "import", "search", "icontains", "whoosh", "pages"]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_phase(size: int, module: str, *args: str, **env: str) -> None:
    command = [str(PYTHON), "-m", module, "--size", str(size), *args]
    log("  " + " ".join(command[2:]))
    subprocess.run(command, cwd=ROOT, env=environment(size, **env), check=True)


def phase_corpus(size: int) -> dict:
    from bench.corpus import generate

    out = workdir(size) / "corpus"
    if (out / "manifest.json").exists():
        manifest = read_json(out / "manifest.json")
    else:
        manifest = generate(size, out)
    return {k: v for k, v in manifest.items() if k != "needles"} | {
        "needles": {t: {k: v for k, v in n.items() if k != "fingerprints"} for t, n in manifest["needles"].items()}
    }


def phase_database(size: int) -> dict:
    import psycopg

    name = database_name(size)
    started = time.perf_counter()
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    var = workdir(size) / "var"
    for stale in ("index", "whoosh", "dictionary.version"):
        path = var / stale
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    for later in [*PHASES[PHASES.index("database") + 1 :], "whoosh_index"]:
        (workdir(size) / "phases" / f"{later}.json").unlink(missing_ok=True)
    subprocess.run([str(PYTHON), "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=environment(size), check=True)
    return {"database": name, "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int)
    parser.add_argument("--phases", default=",".join(PHASES), help="comma-separated subset, in order")
    parser.add_argument("--redo", default="", help="phases to run again even if finished (whoosh_index: "
                        "rebuild the Whoosh index too)")
    parser.add_argument("--fresh", action="store_true", help="run every phase again (keeps the corpus)")
    parser.add_argument("--workers", type=int, default=2, help="import worker processes (≤ 2 on this machine)")
    parser.add_argument("--runs", type=int, default=5, help="timed passes over the query mix")
    parser.add_argument("--whoosh-max", type=int, default=100_000, help="largest size to index with Whoosh")
    parser.add_argument("--whoosh-procs", type=int, default=2,
                        help="processes analysing for the Whoosh build (1: haystack's update path, 5× slower)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page and concurrency")
    parser.add_argument("--summary", action="store_true", help="only rebuild SUMMARY.md")
    args = parser.parse_args()
    from bench import summary

    if args.summary or not args.size:
        summary.write()
        return
    size = args.size
    phases_dir = workdir(size) / "phases"
    phases_dir.mkdir(parents=True, exist_ok=True)
    redo = set(PHASES if args.fresh else filter(None, args.redo.split(",")))
    redo.discard("corpus") if args.fresh else None
    wanted = [p for p in PHASES if p in args.phases.split(",")]
    log(f"benchmark at {size:,} articles: {', '.join(wanted)}")
    for phase in wanted:
        done = phases_dir / f"{phase}.json"
        if done.exists() and phase not in redo:
            log(f"{phase}: finished earlier, kept ({done})")
            continue
        if phase in redo:
            done.unlink(missing_ok=True)
        log(f"{phase} …")
        started = time.perf_counter()
        if phase == "corpus":
            write_json(done, phase_corpus(size))
        elif phase == "database":
            write_json(done, phase_database(size))
        elif phase == "import":
            run_phase(size, "bench.importer", "--workers", str(args.workers))
        elif phase == "search":
            run_phase(size, "bench.search_latency", "--engine", "kejiku", "--runs", str(args.runs))
        elif phase == "icontains":
            # each icontains query scans every article: 3 timed passes up to 10k, 1 above
            runs = min(args.runs, 3 if size <= 10_000 else 1)
            run_phase(size, "bench.search_latency", "--engine", "icontains", "--runs", str(runs))
        elif phase == "whoosh":
            if size > args.whoosh_max:
                write_json(done, {"skipped": f"Whoosh is indexed only up to {args.whoosh_max:,} articles "
                                             "(--whoosh-max); figures at this size are extrapolated"})
            else:
                whoosh_dir = str(workdir(size) / "var" / "whoosh")
                built = phases_dir / "whoosh_index.json"
                if not built.exists() or "whoosh_index" in redo:
                    run_phase(size, "bench.whoosh_index", "--procs", str(args.whoosh_procs),
                              BENCH_WHOOSH_DIR=whoosh_dir)
                # a Whoosh query takes seconds above 10k: 3 timed passes up to 10k, 1 above
                runs = min(args.runs, 3 if size <= 10_000 else 1)
                run_phase(size, "bench.search_latency", "--engine", "whoosh", "--runs", str(runs),
                          BENCH_WHOOSH_DIR=whoosh_dir)
        elif phase == "pages":
            run_phase(size, "bench.load", "--duration", str(args.duration))
        log(f"{phase}: {time.perf_counter() - started:.0f} s")
    collect(size)
    summary.write()
    log(f"results: {RESULTS / f'run-{size}.json'} and {RESULTS / 'SUMMARY.md'}")


def commit() -> str:
    """The code measured: the checkout's commit, marked when it has uncommitted changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    # The run's own outputs (bench/results, the README table) do not count as changes to the code.
    changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results", ":!README.md")
    return head + (" + uncommitted changes" if changed else "")


def collect(size: int) -> Path:
    """Merge the phase files of one size into bench/results/run-<size>.json."""
    phases_dir = workdir(size) / "phases"
    result = {"size": size, "machine": machine(), "finished": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
              "commit": commit()}
    for phase in PHASES:
        path = phases_dir / f"{phase}.json"
        if path.exists():
            result[phase] = json.loads(path.read_text(encoding="utf-8"))
    if (phases_dir / "whoosh_index.json").exists() and "whoosh" in result:
        result["whoosh"] = {"index": read_json(phases_dir / "whoosh_index.json"), "latency": result["whoosh"]}
    out = RESULTS / f"run-{size}.json"
    write_json(out, result)
    return out


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.exit(f"phase failed: {error}")
