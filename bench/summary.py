"""bench/results/SUMMARY.md from bench/results/run-*.json (written by bench/run.py).

    .venv/bin/python -m bench.run --summary
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from bench.common import RESULTS, SEARCH_PAGES, UNCACHED

# #23's figures where it revised an earlier one (bulk import: 1,000 → 500 articles/s).
IMPORT_PER_S = 500
ENGINE_RATIO = 3  # /api/search p95 within this many times tantivy's own p95 (bench/profile_search.py)
FIRST_RENDER_MS = 500  # every page type's first render with cold caches at 1M (bench/page_queries.py)
WORKER_MIB = 500  # a worker's own memory at 1M
PAGES = ["home", "topic", "month", "article", "official", "organization", "meeting", "document", "formulation",
         "trends", *SEARCH_PAGES, *(p + UNCACHED for p in SEARCH_PAGES)]


def runs() -> dict[int, dict[str, Any]]:
    found = {}
    for path in sorted(RESULTS.glob("run-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[int(data["size"])] = data
    return dict(sorted(found.items()))


def fmt(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.{digits}f}"
    return str(value)


def mib(n: int | None) -> str:
    return "—" if not n else f"{n / 2**20:,.0f} MiB"


def whoosh_estimate(size: int, measured: dict[int, dict]) -> dict[str, Any] | None:
    """Whoosh at a size it was not run at: linear in corpus size from the largest measured run
    (index build time; search p50/p95). BENCH-NOTES measured 154 → 716 ms p95 from 10k to 50k
    (×4.6 for ×5), so linear is, if anything, slightly pessimistic for Whoosh."""
    base = max((s for s, r in measured.items() if s < size and "latency" in r.get("whoosh", {})), default=None)
    if base is None:
        return None
    factor = size / base
    w = measured[base]["whoosh"]
    return {
        "from": base,
        "p50_ms": w["latency"]["overall"]["p50_ms"] * factor,
        "p95_ms": w["latency"]["overall"]["p95_ms"] * factor,
        "max_ms": w["latency"]["overall"]["max_ms"] * factor,
        "index_per_s": w["index"]["documents_per_s"],
        "index_bytes": w["index"]["index_bytes"] * factor,
    }


def engine_rows(size: int, run: dict, measured: dict[int, dict]) -> list[str]:
    rows = []
    imp = run.get("import", {})
    search = run.get("search", {})
    k95 = search.get("overall", {}).get("p95_ms")
    if search:
        o = search["overall"]
        rows.append(f"| {size:,} | **Kejiku** (tantivy, /api/search) | {fmt(imp.get('articles_per_s'))} | "
                    f"{mib(imp.get('index_bytes'))} | {fmt(o['p50_ms'], 2)} / {fmt(o['p95_ms'], 2)} / "
                    f"{fmt(o['max_ms'], 1)} | {fmt(search.get('needle_recall_overall'), 3)} | 1× |")
    whoosh = run.get("whoosh", {})
    if "latency" in whoosh:
        o = whoosh["latency"]["overall"]
        ratio = o["p95_ms"] / k95 if k95 else None
        procs = whoosh["index"].get("procs", 1)
        built = f"; index built by {procs} processes" if procs > 1 else ""
        rows.append(f"| {size:,} | Whoosh + jieba ChineseAnalyzer (/api/search{built}) | "
                    f"{fmt(whoosh['index']['documents_per_s'])} | {mib(whoosh['index']['index_bytes'])} | "
                    f"{fmt(o['p50_ms'], 1)} / {fmt(o['p95_ms'], 1)} / {fmt(o['max_ms'], 0)} | "
                    f"{fmt(whoosh['latency'].get('needle_recall_overall'), 3)} | {fmt(ratio)}× |")
    else:
        est = whoosh_estimate(size, measured)
        if est:
            ratio = est["p95_ms"] / k95 if k95 else None
            rows.append(f"| {size:,} | Whoosh + jieba — *extrapolated ×{size // est['from']} from "
                        f"{est['from']:,}, not run* | ≈ {fmt(est['index_per_s'])} | ≈ {mib(int(est['index_bytes']))} | "
                        f"≈ {fmt(est['p50_ms'], 0)} / {fmt(est['p95_ms'], 0)} / {fmt(est['max_ms'], 0)} | — | "
                        f"≈ {fmt(ratio)}× |")
    ic = run.get("icontains", {})
    if ic:
        o = ic["overall"]
        ratio = o["p95_ms"] / k95 if k95 else None
        rows.append(f"| {size:,} | plain `icontains` (ORM, PostgreSQL) | — | — | {fmt(o['p50_ms'], 1)} / "
                    f"{fmt(o['p95_ms'], 1)} / {fmt(o['max_ms'], 0)} | {fmt(ic.get('needle_recall_overall'), 3)} | "
                    f"{fmt(ratio)}× |")
    else:
        base = max((s for s, r in measured.items() if s < size and "icontains" in r), default=None)
        if base is not None:
            o, factor = measured[base]["icontains"]["overall"], size / base
            ratio = o["p95_ms"] * factor / k95 if k95 else None
            rows.append(f"| {size:,} | plain `icontains` — *extrapolated ×{size // base} from {base:,} (a full scan "
                        f"per query is linear), not run* | — | — | ≈ {fmt(o['p50_ms'] * factor, 0)} / "
                        f"{fmt(o['p95_ms'] * factor, 0)} / {fmt(o['max_ms'] * factor, 0)} | — | ≈ {fmt(ratio)}× |")
    return rows


def verdict(ok: bool | None, how: str) -> str:
    return "—" if ok is None else ("**met**" if ok else f"missed ({how})")


def targets(measured: dict[int, dict]) -> list[str]:
    lines = ["| target | measured | verdict |", "|---|---|---|"]

    run = measured.get(100_000)
    if run:
        k = run.get("search", {}).get("overall", {}).get("p95_ms")
        if k is not None:
            lines.append(f"| 100k search p95 ≤ 30 ms (API, facets, exact counts) | {fmt(k, 1)} ms | "
                         f"{verdict(k <= 30, f'{k / 30:.1f}× the target')} |")
        w = run.get("whoosh", {})
        w95 = w["latency"]["overall"]["p95_ms"] if "latency" in w else None
        label = "measured"
        if w95 is None and (est := whoosh_estimate(100_000, measured)):
            w95, label = est["p95_ms"], f"extrapolated from {est['from']:,}"
        if k and w95:
            ratio = w95 / k
            lines.append(f"| 100k ≥ 10× faster than Whoosh at p95 | {fmt(ratio)}× (Whoosh {label}) | "
                         f"{verdict(ratio >= 10, f'{ratio:.1f}×')} |")
        rate = run.get("import", {}).get("articles_per_s")
        if rate is not None:
            lines.append(f"| 100k bulk import + index ≥ {IMPORT_PER_S} articles/s, index = database | "
                         f"{fmt(rate)} articles/s, consistent: {run['import'].get('consistent')} | "
                         f"{verdict(rate >= IMPORT_PER_S, f'{IMPORT_PER_S / rate:.1f}× too slow')} |")
        pages = run.get("pages", {}).get("pages", {})
        served = {p: v for p, v in pages.items() if not p.endswith(UNCACHED)}
        uncached = {p: v for p, v in pages.items() if p.endswith(UNCACHED)}
        for label, group in (("as served (a repeated search from the result cache)", served),
                             ("searches not repeated (result cache off)", uncached)):
            if group:
                lines.append(_pages_row("100k", label, group))
        lines += _engine_load_row(100_000)
    for size in sorted(measured):
        lines += _engine_ratio_row(size)
    run = measured.get(1_000_000)
    if run:
        k = run.get("search", {}).get("overall", {}).get("p95_ms")
        if k is not None:
            lines.append(f"| 1M search p95 ≤ 100 ms | {fmt(k, 1)} ms | {verdict(k <= 100, f'{k / 100:.1f}×')} |")
        pages = run.get("pages", {}).get("pages", {})
        browse = [(p, pages[p]["c16"]["p95_ms"]) for p in ("topic", "month") if "c16" in pages.get(p, {})]
        if browse:
            worst = max(b for _, b in browse)
            lines.append(f"| 1M browse pages (topic, month) p95 ≤ 100 ms | {fmt(worst)} ms | "
                         f"{verdict(worst <= 100, f'{worst / 100:.1f}×')} |")
        served = {p: v for p, v in pages.items() if not p.endswith(UNCACHED)}
        if served:
            lines.append(_pages_row("1M", "as served (a repeated search from the result cache)", served))
        lines += _first_render_row(1_000_000)
        workers = run.get("pages", {}).get("worker_rss_mib") or []
        own = [w["rssanon"] for w in workers if isinstance(w, dict)]
        if own:
            resident = ", ".join(fmt(w["vmrss"], 0) for w in workers)
            anonymous = ", ".join(fmt(o, 0) for o in own)
            lines.append(f"| 1M worker memory ≤ {WORKER_MIB} MiB | its own (anonymous) {anonymous} "
                         f"MiB; resident with the mapped index {resident} MiB | "
                         f"{verdict(max(own) <= WORKER_MIB, f'{max(own):.0f} MiB')} |")
    return lines


def _engine_ratio_row(size: int) -> list[str]:
    """/api/search p95 against tantivy's own p95 on the same requests (bench/profile_search.py)."""
    path = RESULTS / f"profile-{size}.json"
    if not path.exists():
        return []
    split = json.loads(path.read_text(encoding="utf-8")).get("stored_snippet_maps", {})
    wall, engine = split.get("wall_p95_ms"), split.get("engine_p95_ms")
    if not wall or not engine:
        return []
    ratio = wall / engine
    return [f"| {size // 1000:,}k /api/search p95 ≤ {ENGINE_RATIO}× tantivy's own p95 (`bench/profile_search.py`) | "
            f"{fmt(wall)} ms against {fmt(engine)} ms: {ratio:.2f}× | "
            f"{verdict(ratio <= ENGINE_RATIO, f'{ratio:.1f}×')} |"]


def _engine_load_row(size: int) -> list[str]:
    """What tantivy alone allows the uncached searches at 16 clients (bench/engine_load.py): the
    floor under the site's own figure on this machine."""
    path = RESULTS / f"engine-load-{size}.json"
    if not path.exists():
        return []
    runs = {run["clients"]: run for run in json.loads(path.read_text(encoding="utf-8"))["engine_alone"]}
    loaded = runs[max(runs)]
    over = f"{loaded['p95_ms'] / 50:.1f}× the target before any Python"
    return [f"| {size // 1000:,}k the same API searches, tantivy's calls alone, no Django (`bench/engine_load.py`): "
            f"p95 ≤ 50 ms at {loaded['clients']} clients | p95 {fmt(loaded['p95_ms'])} ms (mean "
            f"{fmt(loaded.get('mean_ms'))} ms), "
            f"{fmt(loaded['requests_per_s'])} requests/s, {fmt(loaded['cpu_ms_per_request'])} ms CPU per request | "
            f"{verdict(loaded['p95_ms'] <= 50, over)} |"]


def _first_render_row(size: int) -> list[str]:
    """Every page type's slowest first render with cold caches (bench/page_queries.py)."""
    path = RESULTS / f"page-queries-{size}.json"
    if not path.exists():
        return []
    pages = json.loads(path.read_text(encoding="utf-8"))["pages"]
    renders = {page: entry["first_render_ms_max"] for page, entry in pages.items()}
    worst = max(renders, key=renders.get)
    slow = [f"{page} {ms:.0f}" for page, ms in renders.items() if ms > FIRST_RENDER_MS]
    return [f"| {size // 1_000_000}M every page type's first render, cold caches, ≤ {FIRST_RENDER_MS} ms "
            f"(`bench/page_queries.py`) | worst: {worst} {fmt(renders[worst], 0)} ms | "
            f"{verdict(not slow, 'over: ' + ', '.join(slow))} |"]


def _pages_row(scale: str, label: str, pages: dict) -> str:
    timed = {p: v for p, v in pages.items() if "c16" in v}
    worst = max(((p, v["c16"]["p95_ms"]) for p, v in timed.items()), key=lambda pv: pv[1], default=("—", None))
    slow = [f"{p} {v['c16']['p95_ms']:.0f}" for p, v in timed.items() if v["c16"]["p95_ms"] > 50]
    slow += [f"{p}: {v['failed_urls']} URL(s) no answer in 60 s" for p, v in pages.items() if v.get("failed_urls")]
    return (f"| {scale} every page p95 ≤ 50 ms, 16 clients, {label} | worst load-tested: {worst[0]} "
            f"{fmt(worst[1])} ms | {verdict(not slow, 'over: ' + ', '.join(slow))} |")


def _memory(workers: list | None) -> str:
    """Resident MiB per worker; its own part (RssAnon) too where the run recorded it."""
    if not workers:
        return "—"
    if isinstance(workers[0], dict):
        return ", ".join(f"{w['vmrss']} MiB ({w['rssanon']} MiB its own)" for w in workers)
    return f"{workers} MiB"


def page_table(size: int, run: dict) -> list[str]:
    pages = run.get("pages", {}).get("pages", {})
    if not pages:
        return []
    lines = [f"Pages at {size:,} articles — {run['pages'].get('server', '')}, wrk "
             f"{run['pages'].get('duration_s')} s per cell (ms; req/s); worker memory after the test: "
             f"{_memory(run['pages'].get('worker_rss_mib'))}:", "",
             "| page | URLs (no answer in 60 s) | first render median / max | 1 client p50 / p95 | "
             "16 clients p50 / p95 / max | req/s at 16 | non-2xx |", "|---|---|---|---|---|---|---|"]
    for page in PAGES:
        if page not in pages:
            continue
        entry = pages[page]
        urls = f"{entry.get('urls', '—')} ({entry.get('failed_urls', 0)})"
        cold = f"{fmt(entry.get('first_fetch_ms_median'))} / {fmt(entry.get('first_fetch_ms_max'))}"
        if "c16" not in entry:
            lines.append(f"| {page} | {urls} | {cold} | — | — | — | — |")
            continue
        c1, c16 = entry["c1"], entry["c16"]
        lines.append(f"| {page} | {urls} | {cold} | {fmt(c1['p50_ms'])} / {fmt(c1['p95_ms'])} | {fmt(c16['p50_ms'])} / "
                     f"{fmt(c16['p95_ms'])} / {fmt(c16['max_ms'], 0)} | {fmt(c16['requests_per_s'])} | "
                     f"{c1['non_2xx'] + c16['non_2xx']} |")
    if "rising_refresh_s" in run["pages"]:
        lines += ["", f"Before the server started, `manage.py refresh_rising` (the deploy step and timer that compute "
                      f"the home page's rising formulations) took {fmt(run['pages']['rising_refresh_s'])} s."]
    return [*lines, ""]


def category_table(measured: dict[int, dict]) -> list[str]:
    sizes = [s for s, r in measured.items() if "search" in r]
    if not sizes:
        return []
    cats = list(measured[sizes[0]]["search"]["categories"])
    head = "| category | " + " | ".join(f"Kejiku {s:,} p50 / p95" for s in sizes)
    whoosh_sizes = [s for s in sizes if "latency" in measured[s].get("whoosh", {})]
    head += "".join(f" | Whoosh {s:,} p50 / p95" for s in whoosh_sizes)
    head += "".join(f" | icontains {s:,} p50 / p95" for s in sizes if "icontains" in measured[s])
    lines = [head + " |", "|---" * (head.count("|")) + "|"]
    for cat in cats:
        cells = []
        for s in sizes:
            c = measured[s]["search"]["categories"].get(cat, {})
            cells.append(f"{fmt(c.get('p50_ms'), 2)} / {fmt(c.get('p95_ms'), 2)}")
        for s in whoosh_sizes:
            c = measured[s]["whoosh"]["latency"]["categories"].get(cat, {})
            cells.append(f"{fmt(c.get('p50_ms'), 1)} / {fmt(c.get('p95_ms'), 1)}")
        for s in sizes:
            if "icontains" in measured[s]:
                c = measured[s]["icontains"]["categories"].get(cat, {})
                cells.append(f"{fmt(c.get('p50_ms'), 0)} / {fmt(c.get('p95_ms'), 0)}")
        lines.append(f"| {cat} | " + " | ".join(cells) + " |")
    return lines


def provenance(measured: dict[int, dict]) -> str:
    """When, on what and with which code each size was measured: rows of different runs are
    only comparable when these agree."""
    runs = [f"{size:,}: {run.get('finished', '—')}, {run['machine'].get('cpu')} × {run['machine'].get('cores')}, "
            f"code {run.get('commit', 'not recorded')}" for size, run in measured.items()]
    return "Measured — " + "; ".join(runs) + "."


def write(path: Path | None = None) -> Path:
    measured = runs()
    out = path or RESULTS / "SUMMARY.md"
    lines = ["# Benchmark summary", "",
             "Generated by `bench/run.sh` (bench/summary.py) from `bench/results/run-*.json`; do not edit by hand.",
             "Every figure of one size comes from one run on one machine: the baselines ran on the same corpus, "
             "database and query mix in the same run, so the ratios are the figures to read.", ""]
    if not measured:
        out.write_text("\n".join([*lines, "No runs yet: `bench/run.sh --size 10000`.", ""]), encoding="utf-8")
        return out
    m = next(iter(measured.values()))["machine"]
    lines += [f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gib')} GiB, "
              f"PostgreSQL {m.get('postgresql')}, Python {m.get('python')}. Load averages are recorded per "
              "phase in the JSON (`loadavg_*`). Browse pages start with an empty page cache: the first render of each "
              "URL is reported, and the timed runs measure the cached pages readers get until the next edit.", ""]
    lines += [provenance(measured), "", "## Targets (issue #6)", "", *targets(measured), ""]
    lines += ["## Search engines side by side", "",
              "Query mix: 31 requests (frequent, mid, rare, needle, name, document number, traditional input, "
              "multi-word, facet filters, date filter, date order), top 20 + exact count + facets, one warm-up "
              "pass then 5 timed passes (icontains and Whoosh: 3 up to 10,000 articles, 1 above). Index build = "
              "articles (and entities) per second including the database import for Kejiku; for Whoosh, documents "
              "per second from the database through haystack's `full_prepare`, by haystack's `update` or, where the "
              "row says so, one Whoosh writer with several analysing processes (the same index).", "",
              "| articles | engine | import+index /s | index size | search p50 / p95 / max (ms) | needle recall | "
              "p95 vs Kejiku |", "|---|---|---|---|---|---|---|"]
    for size, run in measured.items():
        lines += engine_rows(size, run, measured)
    lines += ["", "### Search latency by query category (ms)", "", *category_table(measured), ""]
    lines += ["## Corpus and import", "", "| articles | characters (mean) | traditional | officials | documents | "
              "import s | articles/s | tokenisation share of CPU | analysis ms/article | database | index | "
              "index = database |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for size, run in measured.items():
        c, i = run.get("corpus", {}), run.get("import", {})
        if not i:
            continue
        lines.append(
            f"| {size:,} | {fmt(c.get('mean_characters'))} | {fmt(c.get('traditional'))} | {fmt(c.get('officials'))} | "
            f"{fmt(c.get('documents'))} | {fmt(i['seconds']['total'])} | {fmt(i.get('articles_per_s'))} | "
            f"{fmt(100 * (i.get('tokenisation_share_of_python_cpu') or 0), 0)}% | "
            f"{fmt(i.get('analysis_ms_per_article'))} | {mib(i.get('database_bytes'))} | {mib(i.get('index_bytes'))} | "
            f"{'yes' if i.get('consistent') else 'NO'} |")
    lines += ["", "## Pages", ""]
    for size, run in measured.items():
        lines += page_table(size, run)
    notes = RESULTS / "notes.md"  # hand-written findings, appended verbatim
    if notes.exists():
        lines += [notes.read_text(encoding="utf-8").strip(), ""]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    update_readme(measured)
    return out


README = RESULTS.parent.parent / "README.md"
START, END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"


def update_readme(measured: dict[int, dict], readme: Path = README) -> None:
    """The README's benchmark tables (between the bench-table markers) from the same runs."""
    if not readme.exists() or START not in (text := readme.read_text(encoding="utf-8")):
        return
    engines = ["| articles | engine | import+index /s | index size | search p50 / p95 / max (ms) | needle recall | "
               "p95 vs Kejiku |", "|---|---|---|---|---|---|---|"]
    for size, run in measured.items():
        engines += engine_rows(size, run, measured)
    block = "\n".join([START, "", *engines, "", provenance(measured), "", *targets(measured), "", END])
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1] if END in rest else ""
    readme.write_text(before + block + after, encoding="utf-8")


if __name__ == "__main__":
    print(write())
