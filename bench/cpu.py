"""Where a command's CPU goes, by thread and by process, read from /proc (Linux).

    account = CpuAccount.start()      # before the work
    ...                               # the work: threads may start and end meanwhile
    account.stop()                    # {"python": 41.2, "tantivy indexing": 30.5, ...} CPU seconds

Threads of this process are grouped by the name the kernel knows them by (tantivy names its
indexing, merging and compressing threads; Python's threads, all named as the process is, are
"python"), sampled every half-second because a thread's time vanishes from /proc when it ends:
a thread that lives less than that is missed, and the last half-second of a longer one. Worker processes are counted
from getrusage(RUSAGE_CHILDREN) once they have been waited for, PostgreSQL from its processes'
own times plus what the postmaster has collected from backends that ended (it must run on this
machine). Nothing here is exact to the tick; it is meant to say which part is large.
"""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
GROUPS = (("thrd-tantivy-in", "tantivy indexing"), ("merge_thread", "tantivy merging"),
          ("docstore-compre", "tantivy docstore compression"))
# Python's threads keep the process's name (python, pytest, gunicorn…).
OWN_NAME = Path("/proc/self/comm").read_text().strip() if Path("/proc/self/comm").exists() else "python"


def _stat(path: Path) -> tuple[str, list[str]] | None:
    try:
        text = path.read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    return name, text[text.rindex(")") + 2 :].split()


def _group(name: str) -> str:
    if name == OWN_NAME:
        return "python"
    return next((group for prefix, group in GROUPS if name.startswith(prefix)), f"other ({name})")


def _postgres_seconds() -> float:
    """CPU of every postgres process, the ended backends' included (the postmaster's children)."""
    total = 0.0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        stat = _stat(proc / "stat")
        if stat is None or stat[0] != "postgres":
            continue
        fields = stat[1]  # fields[0] is the state: utime is field 14 of stat, fields[11] here
        total += (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / TICK
    return total


class CpuAccount:
    def __init__(self) -> None:
        self.threads: dict[int, tuple[str, float]] = {}
        self.stopping = threading.Event()
        self.postgres = _postgres_seconds()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.children = usage.ru_utime + usage.ru_stime
        self._sample()
        self.before = {tid: seconds for tid, (_, seconds) in self.threads.items()}
        self.sampler = threading.Thread(target=self._sample_until_stopped, name="cpu-account", daemon=True)

    @classmethod
    def start(cls) -> CpuAccount:
        account = cls()
        account.sampler.start()
        return account

    def _sample(self) -> None:
        for task in Path("/proc/self/task").iterdir():
            stat = _stat(task / "stat")
            if stat is not None:
                self.threads[int(task.name)] = (stat[0], (int(stat[1][11]) + int(stat[1][12])) / TICK)

    def _sample_until_stopped(self) -> None:
        while not self.stopping.wait(0.5):
            self._sample()

    def stop(self) -> dict[str, float]:
        """CPU seconds since start: this process's threads by group, the waited-for worker
        processes, and PostgreSQL."""
        self.stopping.set()
        self.sampler.join()
        self._sample()
        spent: dict[str, float] = {}
        for tid, (name, seconds) in self.threads.items():
            group = _group(name)
            spent[group] = spent.get(group, 0.0) + seconds - self.before.get(tid, 0.0)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        spent["worker processes"] = usage.ru_utime + usage.ru_stime - self.children
        spent["postgresql"] = _postgres_seconds() - self.postgres
        return {group: round(seconds, 1) for group, seconds in sorted(spent.items(), key=lambda gs: -gs[1])}
