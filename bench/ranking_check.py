"""Are search results unchanged by a performance change? Ranked results of the judged queries.

    .venv/bin/python -m bench.ranking_check --out /tmp/before.json     # before the change
    .venv/bin/python -m bench.ranking_check --out /tmp/after.json --compare /tmp/before.json

Loads the seeds into a throw-away SQLite database and index (as bench/search_quality.py does),
then records, for every judged query of tests/search/judged_queries.toml and its traditional
form, by relevance and by date, the exact count, the facets and the ordered (kind, id) of the first
100 results through search.service, with each hit's highlighted title and snippet. --compare lists
every query whose results differ in any way.
Stricter than search_quality.py, which scores recall and precision only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench import search_quality

    directory = Path(tempfile.mkdtemp(prefix="kejiku-ranking-"))
    try:
        search_quality.fresh_environment(directory)
        import io

        from django.core.management import call_command

        from bench import quality
        from search import service
        from search.outbox import drain
        from search.params import make_params
        from textkit import analysis

        call_command("migrate", verbosity=0)
        call_command("load_seeds", stdout=io.StringIO())
        drain(timeout=60)
        _, judged = quality.load_judged()
        results = {}
        for j in judged:
            for q in dict.fromkeys([j.q, analysis.convert(j.q, "s2t")]):
                for sort in ("relevance", "date"):
                    outcome = service.search(make_params(q=q, sort=sort, page_size=100))
                    results[f"{q} [{sort}]"] = {
                        "count": outcome.count,
                        "hits": [f"{h.kind}:{h.id}" for h in outcome.hits],
                        "facets": outcome.facets,
                        "marked": [[h.title_html, h.snippet] for h in outcome.hits],
                    }
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(results)} ranked result lists written to {args.out}")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        differing = [key for key in sorted(set(before) | set(results)) if before.get(key) != results.get(key)]
        print(f"compared with {args.compare}: {len(results) - len(differing)}/{len(results)} identical")
        for key in differing:
            print(f"  DIFFERS: {key}: {before.get(key, {}).get('hits')} -> {results.get(key, {}).get('hits')}")
        return 1 if differing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
