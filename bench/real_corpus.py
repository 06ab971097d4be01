"""How the ingestion reads real pages nobody on the team wrote (tests/data/real/).

    .venv/bin/python -m bench.real_corpus            # the table, then every miss
    .venv/bin/python -m bench.real_corpus --quiet    # the table only

Each page in tests/data/real/pages/ has gold annotations written by reading it
(tests/data/real/gold/, with the page's provenance). Stories are matched to the
gold by title (the same normalised title, or one containing the other, or a
close match), so that a story found with a slightly different title still has
its date, source and credits checked. Scores per type:

- stories: P/R of the matched stories;
- dates / sources / reporters / editors: of the gold stories that state one,
  the share the parse got right (a story not found counts as wrong);
- officials: P/R by name; posts: P/R of (name, post);
- organizations: P/R by name, both sides read through the alias table;
- documents: P/R by title; numbers and issuers: of the matched documents that
  state one, the share right.
Results go to bench/results/real_corpus.json.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.ingest.errors import IngestError  # noqa: E402
from articles.ingest.fingerprint import normalise_title  # noqa: E402
from articles.ingest.organizations import lookup_organization  # noqa: E402
from articles.ingest.pipeline import parse_document  # noqa: E402
from articles.ingest.text import simplified  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
RESULTS = ROOT / "bench" / "results" / "real_corpus.json"
SETS = ("stories", "officials", "posts", "organizations", "documents")
SHARES = ("dates", "sources", "reporters", "editors", "doc_numbers", "doc_issuers")


@dataclass
class Tally:
    sets: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in SETS})
    shares: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in SHARES})
    misses: list[str] = field(default_factory=list)

    def compare(self, kind: str, page: str, want: set, got: set) -> None:
        row = self.sets[kind]
        row[0] += len(want & got)
        row[1] += len(got - want)
        row[2] += len(want - got)
        self.misses += [f"{page} {kind} extra: {x}" for x in sorted(got - want, key=str)]
        self.misses += [f"{page} {kind} missing: {x}" for x in sorted(want - got, key=str)]

    def share(self, kind: str, page: str, right: bool, detail: str) -> None:
        self.shares[kind][0] += right
        self.shares[kind][1] += 1
        if not right:
            self.misses.append(f"{page} {kind} wrong: {detail}")


def _title(value: str) -> str:
    return normalise_title(simplified(value or ""))


def match_stories(want: list[dict], got: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each gold story with the parsed story read as it, or None."""
    free = list(got)
    pairs = []
    for story in want:
        title = _title(story["title"])
        best, best_score = None, 0.0
        for candidate in free:
            other = _title(candidate["title"])
            score = 1.0 if title == other else (0.95 if title and other and (title in other or other in title)
                                                else difflib.SequenceMatcher(None, title, other).ratio())
            if score > best_score:
                best, best_score = candidate, score
        if best is not None and best_score >= 0.6:
            free.remove(best)
            pairs.append((story, best))
        else:
            pairs.append((story, None))
    return pairs


def _org(name: str) -> str:
    name = simplified(name)
    return lookup_organization(name) or name


def _names(values) -> set[str]:
    return {simplified(v) for v in values or ()}


def score_page(tally: Tally, page: str, gold: dict, parsed: dict) -> None:
    pairs = match_stories(gold["articles"], parsed["articles"])
    matched = [got for _, got in pairs if got is not None]
    tally.sets["stories"][0] += len(matched)
    tally.sets["stories"][1] += len(parsed["articles"]) - len(matched)
    tally.sets["stories"][2] += len(pairs) - len(matched)
    tally.misses += [f"{page} stories missing: {w['title']}" for w, g in pairs if g is None]
    tally.misses += [f"{page} stories extra: {g['title']}" for g in parsed["articles"] if g not in matched]
    for want, got in pairs:
        label = want["title"][:24]
        if want.get("date"):
            tally.share("dates", page, bool(got) and got["date"] == want["date"],
                        f"{label} {want['date']} → {got and got['date']}")
        if want.get("source"):
            tally.share("sources", page, bool(got) and _org(got["source"] or "") == _org(want["source"]),
                        f"{label} {want['source']} → {got and got['source']}")
        if want.get("reporters"):
            tally.share("reporters", page, bool(got) and _names(got["reporters"]) == _names(want["reporters"]),
                        f"{label} {want['reporters']} → {got and got['reporters']}")
        if want.get("editor"):
            tally.share("editors", page, bool(got) and simplified(got["editor"] or "") == simplified(want["editor"]),
                        f"{label} {want['editor']} → {got and got['editor']}")
    tally.compare("officials", page, {simplified(o["name"]) for o in gold["officials"]},
                  {o["name"] for o in parsed["officials"]})
    tally.compare("posts", page, {(simplified(o["name"]), simplified(p)) for o in gold["officials"]
                                  for p in o["posts"]},
                  {(o["name"], p) for o in parsed["officials"] for p in o["posts"]})
    tally.compare("organizations", page, {_org(o) for o in gold["organizations"]},
                  {_org(o["name"]) for o in parsed["organizations"]})
    want_docs = {simplified(d["title"]): d for d in gold.get("policy_documents", [])}
    got_docs = {d["title"]: d for d in parsed["policy_documents"]}
    tally.compare("documents", page, set(want_docs), set(got_docs))
    for title, want in want_docs.items():
        got = got_docs.get(title)
        if got is None:
            continue
        if want.get("doc_number"):
            tally.share("doc_numbers", page, got["doc_number"] == want["doc_number"],
                        f"{title[:24]} {want['doc_number']} → {got['doc_number']}")
        if want.get("issuers"):
            tally.share("doc_issuers", page, {_org(i) for i in got["issuers"]} == {_org(i) for i in want["issuers"]},
                        f"{title[:24]} {want['issuers']} → {got['issuers']}")


def _ratio(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def evaluate(real: Path = REAL) -> dict:
    tally = Tally()
    pages, outlets, seconds, stories, failures = 0, set(), 0.0, 0, []
    for path in sorted((real / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = ROOT / gold["input"]
        started = time.perf_counter()
        try:
            parsed = parse_document(source.read_bytes(), filename=source.name).to_json()
        except IngestError as exc:
            failures.append(f"{path.stem}: {exc}")
            parsed = {"articles": [], "officials": [], "organizations": [], "policy_documents": []}
        seconds += time.perf_counter() - started
        pages += 1
        if gold["articles"] or gold.get("policy_documents"):  # the page without an article names no outlet
            outlets.add(gold.get("outlet", ""))
        stories += len(parsed["articles"])
        score_page(tally, path.stem, gold, parsed)
    return {
        "pages": pages, "outlets": sorted(o for o in outlets if o), "refused": failures,
        "sets": {k: _ratio(*v) for k, v in tally.sets.items()},
        "shares": {k: {"right": r, "of": n, "share": round(r / n, 3) if n else 1.0}
                   for k, (r, n) in tally.shares.items()},
        "parse_seconds": round(seconds, 2), "stories_per_second": round(stories / seconds, 1) if seconds else None,
        "misses": tally.misses,
    }


def print_table(result: dict) -> None:
    print(f"real corpus: {result['pages']} pages from {len(result['outlets'])} outlets "
          f"({'、'.join(result['outlets'])}); parsed in {result['parse_seconds']} s")
    print(f"{'type':<14} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for kind, s in result["sets"].items():
        print(f"{kind:<14} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
              f"  {s['tp']:>3} {s['fp']:>3} {s['fn']:>3}")
    for kind, s in result["shares"].items():
        print(f"{kind:<14} right {s['right']:>3} of {s['of']:>3}  = {s['share']:.3f}")
    for line in result["refused"]:
        print("  refused:", line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quiet", action="store_true", help="print the table only")
    args = parser.parse_args()
    result = evaluate()
    print_table(result)
    if not args.quiet:
        for line in result["misses"]:
            print("  ", line)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
