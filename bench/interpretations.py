"""Precision and recall of telling a document's 解读 from its ordinary coverage, on real texts.

    .venv/bin/python bench/interpretations.py          (= bench/run.sh interpretations)

The set is tests/data/interpretations/ (texts and gold.json, provenance in its README): 人民日报
and other outlets' interpretations of policy documents (政策解读, 答记者问, press conferences where
officials explain a document, a head of the issuing body's signed explanation) and ordinary
coverage of the same documents (release reports, meeting reports, commentary, company news),
each labelled by reading. A text is judged as the knowledge base judges an imported article
(articles.ingest.interpretations.interpreted over its resolved citations, the headline being its
引题, title and 副题); it is right when it names the labelled document as interpreted exactly
when the label says interpretation. Every wrong text is listed. Writes
bench/results/interpretations.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.ingest.citations import find_citations, title_key  # noqa: E402
from articles.ingest.interpretations import interpreted  # noqa: E402
from bench.reprints import gold_texts, score  # noqa: E402

DATA = ROOT / "tests" / "data" / "interpretations"
RESULTS = ROOT / "bench" / "results" / "interpretations.json"


def load() -> list[dict]:
    return gold_texts(DATA)


def judged(entry: dict) -> list[str]:
    """The title keys of the documents the text is judged to interpret. The citations are keyed
    by title_key, as the knowledge base resolves them to one document."""
    headline = "\n".join(part for part in (entry.get("kicker"), entry["title"], entry.get("subtitle")) if part)
    cited = [(place, citation.start, citation.key)
             for place, text in (("title", headline), ("body", entry["body"]))
             for citation in find_citations(text) if citation.title]
    return interpreted(headline, entry["body"], cited)


def measure() -> dict:
    rows: dict[str, list[tuple[bool, bool]]] = {"all": [], "tuning": [], "held_out": []}
    wrong = []
    for entry in load():
        gold = entry["label"] == "interpretation"
        found = title_key(entry["document"]) in judged(entry)
        part = entry.get("part", "tuning")
        rows["all"].append((gold, found))
        rows[part].append((gold, found))
        if gold != found:
            wrong.append({"id": entry["id"], "part": part, "label": entry["label"], "title": entry["title"],
                          "judged": judged(entry)})
    return {"texts": len(rows["all"]), "interpretations": sum(gold for gold, _ in rows["all"]),
            "scores": {name: score(pairs) for name, pairs in rows.items() if pairs}, "wrong": wrong}


def main() -> None:
    result = measure()
    print(f"{result['texts']} texts, {result['interpretations']} interpretations")
    print(f"{'part':<9} {'texts':>5} {'true':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for name, s in result["scores"].items():
        print(f"{name:<9} {s['pairs']:>5} {s['true']:>5} {s['tp']:>4} {s['fp']:>4} {s['fn']:>4} "
              f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}")
    for text in result["wrong"]:
        print(f"  {text['part']:<9} {text['label']:<14} {text['id']:<28} {text['title']}  judged: {text['judged']}")
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
