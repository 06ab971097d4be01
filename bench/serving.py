"""What the page benchmarks (bench/load.py) and the load test (bench/loadtest.py) share: a real
gunicorn with production settings, a plain HTTP fetch, and wrk driven by a Lua script that writes
its own JSON."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import PYTHON, ROOT


def collectstatic(env: dict[str, str]) -> None:
    subprocess.run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)


def refresh_rising(env: dict[str, str]) -> float:
    """Seconds `manage.py refresh_rising` took: the deploy step (and timer) of docs/production.md
    that computes the home page's rising formulations off the request path."""
    started = time.perf_counter()
    subprocess.run([str(PYTHON), "manage.py", "refresh_rising"], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def fetch(url: str, timeout: float = 60) -> tuple[int, float]:
    """(status, ms); status 0 when the page did not answer within timeout seconds."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (OSError, http.client.HTTPException):
        status = 0  # refused, timed out, or gunicorn killed the worker (its --timeout)
    return status, (time.perf_counter() - started) * 1000


@contextmanager
def gunicorn(env: dict[str, str], *, port: int, workers: int, options: tuple[str, ...] = (),
             log_path: Path | None = None) -> Iterator[subprocess.Popen]:
    """gunicorn serving kejiku.wsgi on 127.0.0.1:port, ready when yielded; stopped afterwards."""
    output = log_path.open("w") if log_path else None
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "kejiku.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning", *options],
        cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True,
    )
    try:
        for _ in range(600):  # up to two minutes for the workers to start
            if fetch(f"http://127.0.0.1:{port}/robots.txt", timeout=5)[0] != 0:
                break
            time.sleep(0.2)
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        if output:
            output.close()


def wrk(lua: str, base: str, paths: list[str], *, connections: int, duration: int, scratch: Path) -> dict:
    """wrk over paths with the Lua template lua (%(paths)s and %(out)s are filled in); its JSON."""
    out = scratch / "wrk-out.json"
    out.unlink(missing_ok=True)
    script = scratch / "wrk.lua"
    script.write_text(lua % {"paths": ", ".join(json.dumps(p) for p in paths), "out": out}, encoding="utf-8")
    threads = min(2, connections)
    subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s",
                    "-s", str(script), base], check=True, capture_output=True, text=True)
    result = json.loads(out.read_text())
    result["requests_per_s"] = round(result["requests"] / result["duration_s"], 1)
    return result
