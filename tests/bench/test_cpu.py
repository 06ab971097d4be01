"""bench/cpu.py: the import's CPU account by thread and by process."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.cpu import CpuAccount

BURN = "import time\nstarted = time.process_time()\nwhile time.process_time() - started < {s}: pass\n"


def test_the_account_counts_this_threads_work_and_a_waited_for_child_process():
    account = CpuAccount.start()
    exec(BURN.format(s=0.5))  # this thread: a Python thread, still running at stop()
    subprocess.run([sys.executable, "-c", BURN.format(s=0.5)], check=True)
    spent = account.stop()
    assert 0.4 <= spent["python"] < 5
    assert 0.4 <= spent["worker processes"] < 5
    assert "postgresql" in spent


def test_the_sampler_stops_with_the_account():
    account = CpuAccount.start()
    account.stop()
    time.sleep(0.1)
    assert not account.sampler.is_alive()
