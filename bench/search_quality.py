"""Search quality on the seeds: recall and precision of the judged queries, and script invariance.

    .venv/bin/python bench/search_quality.py [--keep]

Loads fixtures/seeds/*.txt with `manage.py load_seeds` into a fresh SQLite
database and a fresh index (in a temporary directory; --keep leaves it),
checks that the index holds exactly the database's records, runs every query
of tests/search/judged_queries.toml through search.service (what the page and
the API call), prints recall and precision per query, per category and
overall, then checks that every query and its traditional-script form
(OpenCC s2t) return the same results in the same order, by relevance and by
date. Writes bench/results/search_quality.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "search_quality.json"


def fresh_environment(directory: Path) -> None:
    """Point settings at a new database and index before Django starts."""
    os.environ["KEJIKU_VAR_DIR"] = str(directory)
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ["SEARCH_INDEX_DIR"] = str(directory / "index")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kejiku.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def load_seeds() -> dict[str, int]:
    from django.core.management import call_command
    from haystack import connections
    from haystack.utils import get_identifier

    from search.outbox import drain

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_seeds", stdout=io.StringIO())
    drain(timeout=60)
    loaded = time.perf_counter() - started
    unified = connections["default"].get_unified_index()
    expected = {
        get_identifier(obj)
        for model in unified.get_indexed_models()
        for obj in unified.get_index(model).index_queryset()
    }
    indexed = connections["default"].get_backend().indexed_identifiers()
    if indexed != expected:
        raise SystemExit(f"index differs from the database: missing {expected - indexed}, stale {indexed - expected}")
    counts: dict[str, int] = {}
    for identifier in indexed:
        model = identifier.split(".")[1]
        counts[model] = counts.get(model, 0) + 1
    print(f"seeds loaded and indexed in {loaded:.1f} s; index = database: "
          + ", ".join(f"{n} {model}" for model, n in sorted(counts.items())))
    return counts


def _label(score, key) -> str:  # score: bench.quality.Score, imported after Django starts
    from bench.quality import describe

    return score.labels.get(key) or describe(key)


def report_queries(scores: list) -> list[dict]:
    rows = []
    print(f"\n{'query':<26} {'category':<22} {'R':>5} {'P':>5} {'hits':>4}  missed / extra")
    for s in scores:
        missed = sorted(_label(s, k) for k in s.missed) + [f"unresolved {u}" for u in s.unresolved]
        extra = [_label(s, k) for k in s.extra]
        notes = "; ".join(filter(None, [
            ("missed " + ", ".join(missed)) if missed else "", ("extra " + ", ".join(extra)) if extra else "",
        ]))
        print(f"{s.judged.q:<26} {','.join(s.judged.categories):<22} {s.recall:>5.2f} {s.precision:>5.2f} "
              f"{len(s.retrieved):>4}  {notes}")
        rows.append({
            "q": s.judged.q, "categories": list(s.judged.categories), "recall": round(s.recall, 3),
            "precision": round(s.precision, 3), "retrieved": len(s.retrieved), "relevant": s.wanted,
            "missed": missed, "extra": extra,
        })
    return rows


def report_summary(table: dict) -> None:
    print(f"\n{'category':<12} {'queries':>7} {'recall':>7} {'precision':>9}")
    for name, row in table.items():
        print(f"{name:<12} {row['queries']:>7} {row['recall']:>7.3f} {row['precision']:>9.3f}")
    overall = table["overall"]
    print(f"overall micro: recall {overall['micro_recall']:.3f}, precision {overall['micro_precision']:.3f}")


def report_invariance(checked: list) -> dict:
    broken = [c for c in checked if not c.same]
    print(f"\ninvariance (query vs OpenCC s2t form, same results in the same order, by relevance and by date): "
          f"{len(checked) - len(broken)}/{len(checked)} identical")
    for c in broken:
        print(f"   DIFFERS: {c.q} vs {c.variant}")
    return {
        "queries": len(checked),
        "identical": len(checked) - len(broken),
        "differing": [{"q": c.q, "variant": c.variant} for c in broken],
        "pairs": [{"q": c.q, "variant": c.variant, "same": c.same, "results": c.results} for c in checked],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and index")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="kejiku-search-quality-"))
    try:
        fresh_environment(directory)
        from bench import quality
        from textkit import analysis

        records = load_seeds()
        articles, judged = quality.load_judged()
        started = time.perf_counter()
        scores = [quality.score(j, articles) for j in judged]
        rows = report_queries(scores)
        table = quality.summarize(scores)
        report_summary(table)
        def to_traditional(text: str) -> str:
            return analysis.convert(text, "s2t")

        invariance = report_invariance(quality.invariance([j.q for j in judged], to_traditional))
        print(f"\n{len(judged)} judged queries evaluated in {time.perf_counter() - started:.1f} s")
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        payload = {"records": records, "summary": table, "queries": rows, "invariance": invariance}
        RESULTS.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"written {RESULTS.relative_to(ROOT)}")
    finally:
        if args.keep:
            print(f"kept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
