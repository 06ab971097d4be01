"""Every benchmark through one command: bench/run.sh NAME [ARGS…] (= .venv/bin/python -m bench NAME).

    bench/run.sh                          # this list
    bench/run.sh scale --size 10000       # = bench/run.sh --size 10000 (the corpus-size harness)
    bench/run.sh search_quality --keep    # ARGS go to the benchmark; NAME --help shows its own

bench/run.sh first installs the packages with the `bench` extra (bin/setup --packages-only).
The phases of `scale` (bench/corpus.py, importer.py, search_latency.py, whoosh_index.py, load.py)
are run by it, one process each; `scale --phases` picks some.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name → (what runs, what it measures). A module runs as `python -m module ARGS`.
BENCHMARKS: dict[str, tuple[str, str]] = {
    "scale": ("bench.run", "the engine at N articles (--size N): import, search latency against the Whoosh "
                           "and icontains baselines, pages under wrk; PostgreSQL and wrk; results/run-N.json"),
    "summary": ("bench.summary", "rebuild results/SUMMARY.md and the README's table from results/run-*.json"),
    "search_quality": ("bench.search_quality", "recall and precision of the judged queries on the seeds, and "
                                               "script invariance; results/search_quality.json"),
    "ranking_check": ("bench.ranking_check", "ranked results of the judged queries, before and after a change "
                                             "(--out FILE [--compare FILE])"),
    "pages": ("bench.pages", "render time of every page on the seeds (test client); results/pages.json"),
    "loadtest": ("bench.loadtest", "search and browse pages under 16 and 64 connections for 60 s, zero errors; "
                                   "results/load.json"),
    "ingest_accuracy": ("bench.ingest_accuracy", "P/R/F1 of the ingestion against the gold annotations; "
                                                 "results/ingest_accuracy.json"),
    "ingest_speed": ("bench.ingest_speed", "pages parsed per second, with the LAC model and the rules alone; "
                                           "results/ingest_speed.json"),
    "real_corpus": ("bench.real_corpus", "how the ingestion reads the real pages of tests/data/real/, every miss; "
                                         "results/real_corpus.json"),
    "reprints": ("bench.reprints", "pairwise precision and recall of reprint (通稿) clustering on the real printings "
                                   "of tests/data/reprints/; results/reprints.json"),
    "interpretations": ("bench.interpretations", "precision and recall of telling 解读 from coverage on the real "
                                                 "texts of tests/data/interpretations/; results/interpretations.json"),
    "profile_search": ("bench.profile_search", "where a search's time goes: engine, hits, highlighting, facets, "
                                               "the rest, beside the baseline of normalising every hit; "
                                               "results/profile-<size>.json"),
    "engine_load": ("bench.engine_load", "the search load test's tantivy calls alone under 1 and 16 clients: what "
                                         "the engine allows before Django; results/engine-load-<size>.json"),
    "page_queries": ("bench.page_queries", "each page type's first render at N articles (--size N), query by query, "
                                           "with EXPLAIN of the slowest; results/page-queries-<size>.json and .md"),
    "audit": ("bench/audit.sh", "pip-audit of every pin and every installed package (CI runs it)"),
}


def usage() -> str:
    width = max(map(len, BENCHMARKS))
    rows = [f"  {name:<{width}}  {about}" for name, (_, about) in BENCHMARKS.items()]
    return "\n".join([__doc__.strip(), "", "benchmarks (results under bench/results/):", *rows])


def command(args: list[str]) -> list[str]:
    """The command line that runs args[0] with the rest of args; a first argument that is an
    option (--size …) is the corpus-size harness, as bench/run.sh always was."""
    name, rest = ("scale", args) if args[0].startswith("-") else (args[0], args[1:])
    if name not in BENCHMARKS:
        raise SystemExit(f"no benchmark {name!r}\n\n{usage()}")
    target = BENCHMARKS[name][0]
    if target.endswith(".sh"):
        return [str(ROOT / target), *rest]
    return [sys.executable, "-m", target, *rest]


def main(args: list[str]) -> None:
    if not args or args[0] in {"-h", "--help", "help", "list"}:
        print(usage())
        return
    argv = command(args)
    os.chdir(ROOT)
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])
