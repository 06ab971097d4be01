"""Render time of every page of the analysts' site on the seeds, with Django's test client.

    .venv/bin/python bench/pages.py [--runs 30] [--kb]

Runs against a throw-away SQLite database and search index (nothing under var/ is touched):
migrates, loads the seeds with `manage.py load_seeds` (or, with --kb or when the loader is
missing, the ORM-built knowledge base of tests/site/kb.py), then requests each page once cold
and `runs` times warm. Prints a table and writes bench/results/pages.json. The target is a
median under 50 ms per page.
"""

import argparse
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0


def setup(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "kejiku.settings"
    os.environ["KEJIKU_VAR_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["SEARCH_INDEX_DIR"] = str(workdir / "index")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log in the timings
    settings.ALLOWED_HOSTS = ["testserver"]


def load(use_kb: bool) -> str:
    from django.core.management import call_command, get_commands

    call_command("migrate", verbosity=0)
    if not use_kb and "load_seeds" in get_commands():
        call_command("load_seeds", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
        origin = "manage.py load_seeds"
    else:
        from tests.site.kb import build

        build()
        origin = "tests/site/kb.py"
    try:
        from search.outbox import drain

        drain(timeout=60)
    except ImportError:
        pass
    return origin


def urls() -> list[tuple[str, str]]:
    """(label, url) for one page of every kind, chosen from the loaded data."""
    from urllib.parse import quote

    from django.db.models import Count

    from articles.links import month_url, url_for
    from articles.models import (
        Article,
        Meeting,
        MeetingSeries,
        Official,
        Organization,
        PolicyDocument,
        Script,
        Source,
        Topic,
    )

    pages = [("home", "/"), ("articles", "/articles/"), ("archive", "/archive/"), ("topics", "/topics/"),
             ("officials", "/officials/"), ("meetings", "/meetings/"), ("documents", "/documents/"),
             ("organizations", "/organizations/"), ("sources", "/sources/"), ("formulations", "/formulations/")]
    newest = Article.objects.order_by("-published_on").first()
    if newest:
        day = newest.published_on
        pages += [("year", f"/archive/{day.year}/"), ("month", month_url(day)),
                  ("day", f"/archive/{day:%Y/%m/%d}/"), ("month csv", month_url(day) + "?format=csv")]
    longest = Article.objects.annotate(n=Count("mentions")).order_by("-n").first()
    if longest:
        pages.append(("article (most mentions)", url_for(longest)))
    traditional = Article.objects.filter(script=Script.TRADITIONAL).first()
    if traditional:
        pages.append(("article simplified reading", url_for(traditional) + "?reading=simplified"))
    for label, model in [("topic", Topic), ("official", Official), ("meeting", Meeting),
                         ("series", MeetingSeries), ("document", PolicyDocument),
                         ("organization", Organization), ("source", Source)]:
        record = model.objects.first()
        if record:
            pages.append((label, url_for(record)))
    official = Official.objects.annotate(n=Count("mentions")).order_by("-n").first()
    if official:
        pages.append(("official (most mentioned)", url_for(official)))
        pages.append(("feed official", f"/feeds/officials/{official.pk}/"))
        pages.append(("api official", f"/api/officials/{official.pk}"))
    topic = Topic.objects.first()
    if topic:
        pages.append(("feed topic", f"/feeds/topics/{quote(topic.slug)}/"))
    pages += [
        ("formulation 国际科技创新中心", "/formulations/" + quote("国际科技创新中心") + "/"),
        ("formulation 新质生产力", "/formulations/" + quote("新质生产力") + "/"),
        ("feed latest", "/feeds/latest/"), ("feed search", "/feeds/search/?q=" + quote("科技自立自强")),
        ("sitemap", "/sitemap.xml"), ("api articles", "/api/articles"), ("api documents", "/api/policy-documents"),
    ]
    return pages


def measure(client, url: str, runs: int) -> dict:
    """Wall-clock and CPU time of each request (the CPU time is what the page costs even when
    other processes share the machine; the client, the app and SQLite all run in this process)."""

    def once() -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return wall, cpu

    first_wall, first_cpu = once()
    samples = [once() for _ in range(runs)]
    walls = sorted(w for w, _ in samples)
    cpus = sorted(c for _, c in samples)
    return {
        "first_ms": round(first_wall, 2),
        "first_cpu_ms": round(first_cpu, 2),
        "median_ms": round(statistics.median(walls), 2),
        "p95_ms": round(walls[max(0, int(len(walls) * 0.95) - 1)], 2),
        "median_cpu_ms": round(statistics.median(cpus), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--kb", action="store_true", help="use tests/site/kb.py instead of load_seeds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kejiku-bench-") as workdir:
        setup(Path(workdir))
        origin = load(args.kb)
        from django.test import Client

        from articles.models import Article, Mention, Official

        client = Client()
        results = {}
        print(f"{'page':30} {'first':>7} {'median':>7} {'p95':>7} {'cpu':>7}  url   (ms)")
        for label, url in urls():
            numbers = measure(client, url, args.runs)
            results[label] = {"url": url, **numbers}
            flag = "" if numbers["median_ms"] < TARGET_MS else "  > 50 ms"
            print(f"{label:30} {numbers['first_ms']:7.1f} {numbers['median_ms']:7.1f} {numbers['p95_ms']:7.1f} "
                  f"{numbers['median_cpu_ms']:7.1f}  {url}{flag}")
        slow = [label for label, n in results.items() if n["median_ms"] >= TARGET_MS]
        slow_cpu = [label for label, n in results.items() if n["median_cpu_ms"] >= TARGET_MS]
        report = {
            "data": origin,
            "articles": Article.objects.count(),
            "mentions": Mention.objects.count(),
            "officials": Official.objects.count(),
            "runs": args.runs,
            "target_median_ms": TARGET_MS,
            "over_target": slow,
            "over_target_cpu": slow_cpu,
            "load_average": os.getloadavg(),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "pages": results,
        }
    out = ROOT / "bench" / "results" / "pages.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n{report['articles']} articles from {origin}; {len(results)} pages; load average "
          f"{report['load_average'][0]:.1f}; median over {TARGET_MS:.0f} ms: {', '.join(slow) or 'none'} "
          f"(CPU time: {', '.join(slow_cpu) or 'none'}). Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
