"""Settings for the benchmarks: the project's own, with the Whoosh + jieba baseline selectable.

BENCH_WHOOSH_DIR=<dir> makes haystack's default connection the Whoosh baseline
(bench/whoosh_jieba.py) instead of the tantivy backend; everything else is kejiku.settings.
"""

import os

from kejiku.settings import *  # noqa: F403

if os.environ.get("BENCH_WHOOSH_DIR"):
    HAYSTACK_CONNECTIONS = {
        "default": {"ENGINE": "bench.whoosh_jieba.JiebaWhooshEngine", "PATH": os.environ["BENCH_WHOOSH_DIR"]}
    }
