"""One tantivy index directory per process: opening, reader freshness and
the single-writer discipline.

tantivy allows one IndexWriter per directory across all processes (a lock
file the OS releases if the holder dies). Writers are short-lived: take the
lock, write, commit, release. Whoever releases the lock then runs the
after-write hooks (the outbox drain), so changes recorded while the lock was
busy are applied by the process that held it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import tantivy

logger = logging.getLogger(__name__)

WRITER_HEAP_BYTES = 50_000_000
# A marker left when the schema changed and the index had to be recreated:
# the index is empty until the database is reindexed (see search.outbox).
NEEDS_REINDEX = "kejiku-needs-reindex"

after_write_hooks: list[Callable[[], None]] = []
_hook_state = threading.local()


class IndexLocked(Exception):
    """Another writer (in this or another process) holds the index lock."""


class IndexStore:
    def __init__(
        self,
        path: str | os.PathLike[str],
        schema: tantivy.Schema,
        analyzers: Mapping[str, tantivy.TextAnalyzer] | None = None,
    ) -> None:
        self.path = Path(path)
        self.schema = schema
        self.analyzers = dict(analyzers or {})  # registered on the index: its fields name them
        self._lock = threading.RLock()
        self._index: tantivy.Index | None = None
        self._meta_stamp: tuple[int, int, int] | None = None
        self._generation: tuple[tuple[int, int, int] | None, str | None] = (None, None)

    @property
    def index(self) -> tantivy.Index:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self._open()
        return self._index

    def _open(self) -> tantivy.Index:
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        except ValueError as error:
            if "schema does not match" not in str(error):
                raise
            logger.warning("search index schema changed; recreating %s (reindex needed)", self.path)
            index = tantivy.Index(self.schema, path=str(self.path), reuse=False)
            (self.path / NEEDS_REINDEX).touch()
        for name, analyzer in self.analyzers.items():
            index.register_tokenizer(name, analyzer)
        index.config_reader(reload_policy="manual")
        return index

    @property
    def needs_reindex(self) -> bool:
        self.index  # noqa: B018 - opening may discover a schema change
        return (self.path / NEEDS_REINDEX).exists()

    def mark_reindexed(self) -> None:
        (self.path / NEEDS_REINDEX).unlink(missing_ok=True)

    def _stamp(self) -> tuple[int, int, int] | None:
        # tantivy replaces meta.json by a rename on every commit: a new inode as well as a new
        # time, which tells two commits apart even within one tick of the file system's clock.
        try:
            stat = (self.path / "meta.json").stat()
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def generation(self) -> str | None:
        """Names the index's last commit, made by any process; None before the first.

        A digest of meta.json, which lists the commit's segments (random ids) and its opstamp:
        it changes with every commit and differs between two indexes, even one recreated at the
        same path. Read before a search, it never names a commit newer than the one the search
        then sees (searcher() reloads on the same stamp): what is stored under it is never older
        than its name.
        """
        self.index  # noqa: B018 - opening creates an index that does not exist yet
        stamp = self._stamp()
        if stamp is None:
            return None
        seen, digest = self._generation
        if stamp != seen:
            try:
                digest = hashlib.blake2b((self.path / "meta.json").read_bytes(), digest_size=16).hexdigest()
            except FileNotFoundError:
                return None
            self._generation = (stamp, digest)
        return digest

    def searcher(self) -> tantivy.Searcher:
        """A searcher that sees every commit made so far by any process."""
        index = self.index
        stamp = self._stamp()
        if stamp != self._meta_stamp:
            index.reload()
            self._meta_stamp = stamp
        return index.searcher()

    def _acquire(self, timeout: float, heap_bytes: int = WRITER_HEAP_BYTES, threads: int = 1) -> tantivy.IndexWriter:
        deadline = time.monotonic() + timeout
        while True:
            try:
                writer = self.index.writer(heap_size=heap_bytes, num_threads=threads)
            except ValueError as error:
                if "LockBusy" not in str(error):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexLocked(str(self.path)) from error
                time.sleep(0.05)
                continue
            self._remove_orphan_files(writer)
            return writer

    def _remove_orphan_files(self, writer: tantivy.IndexWriter) -> None:
        """A writer killed during its commit leaves files meta.json never came to name. A
        <segment>.<opstamp>.del among them makes the next commit that deletes from that segment
        at that opstamp fail with FileAlreadyExists, every time: the index would stop following
        the database. They are not always in .managed.json (processes overwrite each other's
        copy), so tantivy's garbage collection misses some. We hold the writer lock: nothing
        is being written, and only files of the current meta.json are live."""
        writer.garbage_collect_files()
        try:
            meta = json.loads((self.path / "meta.json").read_text())
        except (FileNotFoundError, ValueError):
            return
        live = {
            f"{segment['segment_id'].replace('-', '')}.{segment['deletes']['opstamp']}.del"
            for segment in meta.get("segments", ())
            if segment.get("deletes")
        }
        for path in self.path.glob("*.del"):
            if path.name not in live:
                logger.warning("removing %s, left by a writer that died during its commit", path)
                path.unlink(missing_ok=True)

    @contextmanager
    def writer(
        self, *, timeout: float = 60.0, heap_bytes: int = WRITER_HEAP_BYTES, run_hooks: bool = True, threads: int = 1
    ) -> Iterator[tantivy.IndexWriter]:
        """Hold the index lock; commit on success, roll back on error.

        timeout=0 tries once and raises IndexLocked if the lock is busy. A bulk import
        (search.bulk_index) asks for a larger heap (fewer, larger segments) and
        run_hooks=False: its workers must not drain the outbox between their commits.
        """
        started = time.monotonic()
        # Threads of this process queue here; other processes on tantivy's lock file.
        acquired = self._lock.acquire(timeout=timeout) if timeout > 0 else self._lock.acquire(blocking=False)
        if not acquired:
            raise IndexLocked(str(self.path))
        try:
            writer = self._acquire(max(0.0, timeout - (time.monotonic() - started)), heap_bytes, threads)
            try:
                yield writer
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                # Consumes the writer: merges finish and the lock file is released.
                writer.wait_merging_threads()
            self.index.reload()
            self._meta_stamp = self._stamp()
        finally:
            self._lock.release()
        if run_hooks:
            run_after_write_hooks()


def run_after_write_hooks() -> None:
    if getattr(_hook_state, "running", False):
        return
    _hook_state.running = True
    try:
        for hook in list(after_write_hooks):
            hook()
    finally:
        _hook_state.running = False


_stores: dict[tuple[str, str], IndexStore] = {}
_stores_lock = threading.Lock()


def get_store(
    path: str | os.PathLike[str],
    schema: tantivy.Schema,
    fingerprint: str,
    analyzers: Mapping[str, tantivy.TextAnalyzer] | None = None,
) -> IndexStore:
    """The process-wide store for a directory (tantivy objects are thread-safe)."""
    key = (str(Path(path).resolve()), fingerprint)
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = _stores[key] = IndexStore(path, schema, analyzers)
        return store


def forget_stores() -> None:
    """Drop cached stores (tests point the index at a fresh directory)."""
    with _stores_lock:
        _stores.clear()
