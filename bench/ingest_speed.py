"""Raw-page parse throughput, with the LAC model and, as the baseline, with the rules alone.

    .venv/bin/python -m bench.ingest_speed [--rounds 3]

Parses every page the evaluation knows (the seeds, our own pages and the real corpus of
tests/data/real/) in one process, `--rounds` times each way, and prints stories per second
and the time of the typical ten-story page (a whole 人民日报 版 from the real corpus), with
the machine; writes bench/results/ingest_speed.json. The baseline ("rules") replaces the
model's reading by an empty one, so the same pipeline runs as it did before the model came
in; a cold first parse (the model's loading) is reported apart. Parsing only: nothing is
written to a database or an index (bench/run.sh measures bulk import and indexing).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.ingest import ner  # noqa: E402
from articles.ingest.errors import IngestError  # noqa: E402
from articles.ingest.pipeline import parse_document  # noqa: E402
from bench.common import RESULTS, machine, write_json  # noqa: E402

TEN_STORY_PAGE = ROOT / "tests" / "data" / "real" / "pages" / "rmrb_02.txt"


def corpus() -> list[Path]:
    pages = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
    pages += sorted((ROOT / "tests" / "data" / "pages").glob("*.txt"))
    pages += sorted((ROOT / "tests" / "data" / "real" / "pages").glob("*"))
    return pages


def _parse_all(pages: list[tuple[str, bytes]]) -> tuple[float, int]:
    stories = 0
    started = time.perf_counter()
    for name, data in pages:
        try:
            stories += len(parse_document(data, filename=name).items)
        except IngestError:
            pass  # the page without an article is refused, as it should be
    return time.perf_counter() - started, stories


def _forget() -> None:
    """Each round reads every text anew: the model's readings are cached per text."""
    ner.entities.cache_clear()
    if hasattr(ner._read, "cache_clear"):
        ner._read.cache_clear()


def _rules_only():
    """The pipeline without the model: its reading replaced by an empty one."""
    original = ner._read
    ner._read = lambda text: ((), frozenset())
    ner.entities.cache_clear()
    return original


def measure(rounds: int) -> dict:
    pages = [(p.name, p.read_bytes()) for p in corpus()]
    chars = sum(len(d) for _, d in pages)
    ten = (TEN_STORY_PAGE.name, TEN_STORY_PAGE.read_bytes())
    cold_started = time.perf_counter()
    parse_document(ten[1], filename=ten[0])
    cold = time.perf_counter() - cold_started
    result: dict = {"pages": len(pages), "bytes": chars, "rounds": rounds, "machine": machine(),
                    "cold_first_parse_s": round(cold, 3)}
    for label in ("model", "rules"):
        restore = _rules_only() if label == "rules" else None
        try:
            totals, page_times = [], []
            for _ in range(rounds):
                _forget()
                seconds, stories = _parse_all(pages)
                totals.append(seconds)
                _forget()
                started = time.perf_counter()
                ten_stories = len(parse_document(ten[1], filename=ten[0]).items)
                page_times.append(time.perf_counter() - started)
            best = min(totals)
            result[label] = {
                "stories": stories, "seconds_min": round(best, 3),
                "seconds_median": round(statistics.median(totals), 3),
                "stories_per_second": round(stories / best, 1),
                "ten_story_page": {"stories": ten_stories, "seconds_min": round(min(page_times), 3),
                                   "seconds_median": round(statistics.median(page_times), 3)},
            }
        finally:
            if restore is not None:
                ner._read = restore
                ner.entities.cache_clear()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    result = measure(args.rounds)
    m = result["machine"]
    print(f"{result['pages']} pages, {result['bytes']:,} bytes; {m['cpu']} × {m['cores']}, load {m['loadavg']}")
    print(f"first parse in a fresh process (loads the model): {result['cold_first_parse_s']} s")
    for label in ("rules", "model"):
        r = result[label]
        ten = r["ten_story_page"]
        print(f"{label:<6} {r['stories']} stories in {r['seconds_min']} s (median {r['seconds_median']} s): "
              f"{r['stories_per_second']} stories/s; ten-story page ({ten['stories']} stories) "
              f"{ten['seconds_min']} s (median {ten['seconds_median']} s)")
    write_json(RESULTS / "ingest_speed.json", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
