"""Pairwise precision and recall of reprint (通稿) clustering on real printings.

    .venv/bin/python bench/reprints.py          (= bench/run.sh reprints)

The set is tests/data/reprints/ (texts and gold.json, provenance in its README): printings of
one story by several outlets, in simplified and traditional characters, and distractors —
other stories on the same topic and days. The texts are clustered as the knowledge base
clusters imported articles (textkit.reprints.cluster, in printing order: date, then the order
of the gold file), and every pair of texts is scored: a true pair is two printings of one
story put in one cluster. Printed for the whole set, for the pairs among the texts the
thresholds were chosen on (part "tuning") and for the pairs with a text read only afterwards
("held_out"); the LSH candidate recall (positive pairs sharing a band key) and every wrong pair
are listed. Writes bench/results/reprints.json.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textkit import reprints  # noqa: E402

DATA = ROOT / "tests" / "data" / "reprints"
RESULTS = ROOT / "bench" / "results" / "reprints.json"


def gold_texts(data: Path) -> list[dict]:
    """The entries of data/gold.json, each with its title (the file's first line) and body (the
    text after the blank line), in the file's order (position)."""
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))["texts"]
    for position, entry in enumerate(gold):
        title, _, body = (data / entry["file"]).read_text(encoding="utf-8").partition("\n\n")
        entry.update(title=title.strip(), body=body, position=position)
    return gold


def load() -> list[dict]:
    """The gold texts in printing order."""
    return sorted(gold_texts(DATA), key=lambda entry: (entry["date"], entry["position"]))


def score(pairs: list[tuple[bool, bool]]) -> dict[str, float | int]:
    tp = sum(gold and found for gold, found in pairs)
    fp = sum(found and not gold for gold, found in pairs)
    fn = sum(gold and not found for gold, found in pairs)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(pairs), "true": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def measure() -> dict:
    texts = load()
    started = time.perf_counter()
    first = reprints.cluster((entry["id"], entry["body"]) for entry in texts)
    elapsed = time.perf_counter() - started
    grams = {entry["id"]: reprints.shingles(entry["body"]) for entry in texts}
    keys = {ident: set(reprints.band_keys(g)) for ident, g in grams.items()}
    rows, wrong = {"all": [], "tuning": [], "held_out": [], "cross_script": []}, []
    lsh_hits = positives = 0
    for a, b in itertools.combinations(texts, 2):
        same = a["cluster"] is not None and a["cluster"] == b["cluster"]
        found = first[a["id"]] == first[b["id"]]
        rows["all"].append((same, found))
        rows["held_out" if "held_out" in (a["part"], b["part"]) else "tuning"].append((same, found))
        if a["script"] != b["script"]:
            rows["cross_script"].append((same, found))
        if same:
            positives += 1
            lsh_hits += bool(keys[a["id"]] & keys[b["id"]])
        if same != found:
            sim = reprints.similarity(grams[a["id"]], grams[b["id"]])
            wrong.append({"kind": "false pair" if found else "missed pair", "a": a["id"], "b": b["id"],
                          "jaccard": round(sim.jaccard, 3), "containment": round(sim.containment, 3)})
    clusters = sorted({entry["cluster"] for entry in texts if entry["cluster"]})
    return {
        "texts": len(texts),
        "clusters": len(clusters),
        "printings_in_clusters": sum(1 for entry in texts if entry["cluster"]),
        "distractors": sum(1 for entry in texts if entry["cluster"] is None),
        "parameters": {"shingle": reprints.SHINGLE, "num_perm": reprints.NUM_PERM, "bands": reprints.BANDS,
                       "rows": reprints.ROWS, "same_jaccard": reprints.SAME_JACCARD,
                       "same_containment": reprints.SAME_CONTAINMENT, "min_shingles": reprints.MIN_SHINGLES},
        "scores": {name: score(pairs) for name, pairs in rows.items()},
        "lsh_candidate_recall": round(lsh_hits / positives, 3) if positives else 1.0,
        "seconds": round(elapsed, 3),
        "wrong_pairs": wrong,
    }


def main() -> None:
    result = measure()
    print(f"{result['texts']} texts: {result['printings_in_clusters']} printings of {result['clusters']} stories, "
          f"{result['distractors']} distractors; clustered in {result['seconds']} s")
    print(f"{'pairs':<13} {'n':>5} {'true':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for name, s in result["scores"].items():
        print(f"{name:<13} {s['pairs']:>5} {s['true']:>5} {s['tp']:>4} {s['fp']:>4} {s['fn']:>4} "
              f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}")
    print(f"LSH candidate recall (positive pairs sharing a band key): {result['lsh_candidate_recall']:.3f}")
    for pair in result["wrong_pairs"]:
        print(f"  {pair['kind']}: {pair['a']} ~ {pair['b']} (Jaccard {pair['jaccard']}, "
              f"containment {pair['containment']})")
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
