"""Phase: build the Whoosh + jieba baseline index from the database the import filled.

    BENCH_WHOOSH_DIR=<dir> python -m bench.whoosh_index --size N

haystack's own indexing path (backend.update per batch of 1,000 records, as `update_index`
does), one process. Writes <workdir>/phases/whoosh_index.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from pathlib import Path

from bench.common import dir_bytes, machine, setup_django, workdir, write_json

BATCH = 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    args = parser.parse_args()
    path = Path(os.environ["BENCH_WHOOSH_DIR"])
    shutil.rmtree(path, ignore_errors=True)
    setup_django()
    from haystack import connections

    backend = connections["default"].get_backend()
    unified = connections["default"].get_unified_index()
    before = machine()["loadavg"]
    started, cpu = time.perf_counter(), time.process_time()
    documents = 0
    for model in unified.get_indexed_models():
        index = unified.get_index(model)
        batch = []
        for obj in index.index_queryset().order_by("pk").iterator(chunk_size=BATCH):
            batch.append(obj)
            if len(batch) == BATCH:
                backend.update(index, batch)
                documents += len(batch)
                batch = []
        if batch:
            backend.update(index, batch)
            documents += len(batch)
    seconds = time.perf_counter() - started
    result = {
        "documents": documents,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(time.process_time() - cpu, 1),
        "documents_per_s": round(documents / seconds, 1),
        "index_bytes": dir_bytes(path),
        "loadavg_before": before,
        "loadavg_after": machine()["loadavg"],
    }
    write_json(workdir(args.size) / "phases" / "whoosh_index.json", result)
    print("whoosh index", result)


if __name__ == "__main__":
    main()
