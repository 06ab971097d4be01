"""Precision, recall and F1 of the ingestion pipeline against the hand-written gold annotations.

    .venv/bin/python bench/ingest_accuracy.py

Compares every tests/data/gold/*.json with parse_document() of its input and
prints one row per item type, for the seeds, the extra pages and both; writes
the table to bench/results/ingest_accuracy.json. Then, separately, the same for the
real corpus (tests/data/real/, bench/real_corpus.py). Keys (what must match):
articles (normalised title, date, source), officials (name), posts (name,
post), meetings (series, date — or name when undated), meeting-document links,
participations (meeting, official, role), documents (title, number, issuers,
date), organizations (full name).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.ingest.fingerprint import normalise_title  # noqa: E402
from articles.ingest.pipeline import parse_document  # noqa: E402
from bench import real_corpus  # noqa: E402

GOLD = ROOT / "tests" / "data" / "gold"
RESULTS = ROOT / "bench" / "results" / "ingest_accuracy.json"
TYPES = ("articles", "officials", "posts", "meetings", "meeting_links", "participations", "documents",
         "organizations")


def _meeting(m: dict) -> tuple:
    return (m["series"], m["date"]) if m.get("date") else (m["series"], None, m.get("name"))


def keys(parsed: dict) -> dict[str, set[tuple]]:
    """The comparable facts of a parse or of a gold file (same JSON shape)."""
    return {
        "articles": {(normalise_title(a["title"]), a["date"], a["source"]) for a in parsed["articles"]},
        "officials": {(o["name"],) for o in parsed["officials"]},
        "posts": {(o["name"], p) for o in parsed["officials"] for p in o["posts"]},
        "meetings": {_meeting(m) for m in parsed["meetings"]},
        "meeting_links": {
            (_meeting(m), d if isinstance(d, str) else d["title"])
            for m in parsed["meetings"] for d in m.get("documents", [])
        },
        "participations": {
            (_meeting(m), *((p["name"], p["role"]) if isinstance(p, dict) else p))
            for m in parsed["meetings"] for p in m.get("participants", [])
        },
        "documents": {
            (d["title"], d["doc_number"], tuple(sorted(d["issuers"])), d["date"])
            for d in parsed["policy_documents"]
        },
        "organizations": {(o if isinstance(o, str) else o["name"],) for o in parsed["organizations"]},
    }


def gold_pairs() -> Iterable[tuple[Path, dict, dict]]:
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = ROOT / gold["input"]
        parsed = parse_document(source.read_bytes(), filename=source.name).to_json()
        yield path, gold, parsed


def score(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(f1, 3)}


def evaluate() -> tuple[dict, list[str]]:
    counts: dict[str, dict[str, list[int]]] = {g: {t: [0, 0, 0] for t in TYPES} for g in ("seeds", "pages")}
    errors: list[str] = []
    for path, gold, parsed in gold_pairs():
        group = "seeds" if path.name.startswith("seed_") else "pages"
        want, got = keys(gold), keys(parsed)
        for kind in TYPES:
            tp, fp, fn = want[kind] & got[kind], got[kind] - want[kind], want[kind] - got[kind]
            row = counts[group][kind]
            row[0] += len(tp)
            row[1] += len(fp)
            row[2] += len(fn)
            errors += [f"{path.name} {kind} extra: {x}" for x in sorted(fp, key=str)]
            errors += [f"{path.name} {kind} missing: {x}" for x in sorted(fn, key=str)]
    table = {group: {kind: score(*row) for kind, row in rows.items()} for group, rows in counts.items()}
    table["all"] = {
        kind: score(*(a + b for a, b in zip(counts["seeds"][kind], counts["pages"][kind], strict=True)))
        for kind in TYPES
    }
    return table, errors


def main() -> int:
    table, errors = evaluate()
    print(f"{'group':<6} {'type':<14} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for group, rows in table.items():
        for kind, s in rows.items():
            print(f"{group:<6} {kind:<14} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
                  f"  {s['tp']:>3} {s['fp']:>3} {s['fn']:>3}")
    for line in errors:
        print("  ", line)
    print("\nreal pages nobody on the team wrote (tests/data/real/; every miss: python -m bench.real_corpus):")
    real = real_corpus.evaluate()
    real_corpus.print_table(real)
    real_corpus.RESULTS.write_text(json.dumps(real, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"table": table, "errors": errors}, ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
