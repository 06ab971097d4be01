"""Phase: build the Whoosh + jieba baseline index from the database the import filled.

    BENCH_WHOOSH_DIR=<dir> python -m bench.whoosh_index --size N

Two ways to build, the same documents either way (haystack's `full_prepare`, its value
conversion, jieba's analyzer, haystack's schema with its spelling field):

- `--procs 1`: haystack's own indexing path, `backend.update` per batch of 1,000 records, as
  `update_index` does: one process, an `update_document` (a delete first) per record and a
  commit per batch.
- `--procs N`: one Whoosh writer with N analysing processes (`MpWriter`), `add_document` into
  the new, empty index, one commit. The index holds the same documents; only the build is
  faster (2,439 documents: 7.3 → 39.5 per second with 2 processes, the same terms and
  frequencies in every field), so a 100k baseline is built in an hour instead of four.

Writes <workdir>/phases/whoosh_index.json.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import time
from pathlib import Path
from typing import Any

from bench.common import dir_bytes, machine, setup_django, workdir, write_json

BATCH = 1000


def build_with_update(backend: Any, unified: Any) -> int:
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
    return documents


def build_in_parallel(backend: Any, unified: Any, procs: int) -> int:
    """What haystack's update does to each record, into one multi-process writer."""
    if not backend.setup_complete:
        backend.setup()
    backend.index = backend.index.refresh()
    if backend.index.doc_count():
        raise SystemExit("the parallel build adds documents: it needs an empty Whoosh index")
    # limitmb is per analysing process: large enough that each writes one segment per run.
    writer = backend.index.writer(procs=procs, limitmb=1024, batchsize=BATCH, multisegment=True)
    documents = 0
    try:
        for model in unified.get_indexed_models():
            index = unified.get_index(model)
            for obj in index.index_queryset().order_by("pk").iterator(chunk_size=BATCH):
                doc = {key: backend._from_python(value) for key, value in index.full_prepare(obj).items()}
                doc.pop("boost", None)
                writer.add_document(**doc)
                documents += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return documents


def children_cpu() -> float:
    """CPU seconds of the analysing processes, which have ended by the time the build returns."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--procs", type=int, default=1, help="analysing processes (1: haystack's update path)")
    args = parser.parse_args()
    path = Path(os.environ["BENCH_WHOOSH_DIR"])
    shutil.rmtree(path, ignore_errors=True)
    setup_django()
    from haystack import connections

    backend = connections["default"].get_backend()
    unified = connections["default"].get_unified_index()
    before = machine()["loadavg"]
    started, cpu, children = time.perf_counter(), time.process_time(), children_cpu()
    if args.procs > 1:
        documents = build_in_parallel(backend, unified, args.procs)
    else:
        documents = build_with_update(backend, unified)
    seconds = time.perf_counter() - started
    result = {
        "documents": documents,
        "procs": args.procs,
        "method": "haystack backend.update per 1,000" if args.procs == 1 else f"one MpWriter, {args.procs} processes",
        "seconds": round(seconds, 1),
        "cpu_seconds": round(time.process_time() - cpu + children_cpu() - children, 1),
        "documents_per_s": round(documents / seconds, 1),
        "index_bytes": dir_bytes(path),
        "loadavg_before": before,
        "loadavg_after": machine()["loadavg"],
    }
    write_json(workdir(args.size) / "phases" / "whoosh_index.json", result)
    print("whoosh index", result)


if __name__ == "__main__":
    main()
