"""Shared pieces of the benchmark harness: where a run lives, its environment, statistics."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
PG = "postgres://postgres@127.0.0.1:5432"
# Page types bench.load measures twice: as served, then with the result cache off, reported
# under the page's name with UNCACHED appended.
SEARCH_PAGES = ("search", "api_search")
UNCACHED = "_uncached"


def workdir(size: int) -> Path:
    return ROOT / "var" / "bench" / str(size)


def database_name(size: int) -> str:
    return f"kejiku_bench_{size}"


def environment(size: int, **extra: str) -> dict[str, str]:
    """Production-like settings (DEBUG off) pointed at the run's database, index and var dir."""
    var = workdir(size) / "var"
    var.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{PG}/{database_name(size)}",
        "KEJIKU_VAR_DIR": str(var),
        "SEARCH_INDEX_DIR": str(var / "index"),
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    })
    env.pop("BENCH_WHOOSH_DIR", None)
    env.update(extra)
    return env


def setup_django() -> None:
    """Inside a phase process started with environment()."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# The tantivy Searcher methods a search request calls: what the benchmarks time or record.
ENGINE_CALLS = ("search", "aggregate", "doc")


class WrappedSearcher:
    """A tantivy searcher whose ENGINE_CALLS go through wrap(name, method) (to time or record
    them); everything else is the searcher's own."""

    def __init__(self, searcher: Any, wrap: Callable[[str, Callable], Callable]) -> None:
        self._searcher = searcher
        for name in ENGINE_CALLS:
            setattr(self, name, wrap(name, getattr(searcher, name)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._searcher, name)


def setup_django_on_corpus(size: int, **extra: str) -> None:
    """In this process, Django on the database and index of the run at `size` (which must have
    been imported), with these settings on top."""
    if not (workdir(size) / "corpus" / "entities.json").exists():
        raise SystemExit(f"no corpus of {size} articles: "
                         f"run bench/run.sh --size {size} --phases corpus,database,import")
    os.environ.update(environment(size), **extra)
    setup_django()


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(values_ms: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(values_ms, 50), 2),
        "p95_ms": round(percentile(values_ms, 95), 2),
        "max_ms": round(max(values_ms), 2) if values_ms else float("nan"),
        "n": len(values_ms),
    }


def machine() -> dict[str, Any]:
    def cmd(*args: str) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kb / 2**20, 1),
        "python": platform.python_version(), "os": platform.platform(),
        "postgresql": cmd("psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "show server_version"),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    tmp.replace(path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0
