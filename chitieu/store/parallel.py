"""Parallel ingest: read and extract in worker processes or on a Dask cluster, write here.

`ingest_parallel(store, paths, workers=N)` uses N local processes
(concurrent.futures.ProcessPoolExecutor, started with "spawn" so that no database
connection is shared with a child); `ingest_parallel(store, paths, dask="tcp://host:8786")`
sends the same work to an existing Dask distributed cluster (`dask.distributed.Client`).

How it stays identical to a serial `chitieu.store.ingest.ingest`:
- The inputs are listed here in the serial order (folders walked sorted, JSONL crawls
  line by line) and cut into small batches of *units* (a file, a URL, one JSONL line).
- A worker reads each unit, hashes its text and, when the store does not hold it yet,
  extracts it and builds its rows (`ingest.document_rows`, with the enrichment hooks).
  It returns plain picklable payloads: the `Input` (document or reason) and the rows or
  the reason extraction failed.
- This process takes the results in input order and passes each one through the very
  function the serial ingest uses per document (`ingest._ingest_one`): the same checks
  (empty text, NUL, already stored), the same failure records, and one transaction per
  document. Documents, rows, persons and failures therefore get the same content, and on
  a fresh store the same ids, as with a serial run.
- At most `window` batches are in flight, so memory does not grow with the corpus.

A worker process that dies (a crash in a reader) takes its batch down with it: on a
local pool the batch is retried once on a fresh pool, then its inputs are recorded as
failures with the reason; Dask retries on another worker by itself and then fails them.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from chitieu.model import Document
from chitieu.read import Input, read_path, read_url
from chitieu.read.dispatch import _attempt, _unexpected, _walk
from chitieu.read.errors import ReadError
from chitieu.read.jsonl import _skip_rest_of_line, parse_line
from chitieu.read.limits import MAX_BYTES, megabytes
from chitieu.read.url import is_url
from chitieu.store import ingest as serial
from chitieu.store import repo
from chitieu.store.db import Store
from chitieu.store.rows import DocumentRows

BATCH = 4  # units per task: small enough for an even spread, large enough to amortize a round trip
WORKER_DIED = "tiến trình xử lý bị dừng đột ngột khi đọc hoặc trích xuất"


# --- units of work ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Unit:
    """One input to read: a file path, a URL, a raw JSONL line, or a reason already known."""

    source: str
    kind: str  # "path" | "url" | "line" | "error"
    data: bytes | None = None  # the raw line of a JSONL crawl
    reason: str | None = None  # kind "error": why it cannot be read


def units(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[Unit]:
    """The units of `paths`, in the order `chitieu.read.iter_inputs` yields their inputs."""
    for raw in paths:
        if is_url(raw):
            yield Unit(str(raw), "url")
            continue
        p = Path(raw)
        for f in _walk(p) if p.is_dir() else [p]:
            if f.suffix.lower() == ".jsonl" and f.is_file():
                yield from _jsonl_units(f, max_bytes)
            else:
                yield Unit(str(f), "path")


def _jsonl_units(path: Path, max_bytes: int) -> Iterator[Unit]:
    """One unit per non-blank line; mirrors chitieu.read.jsonl.iter_jsonl (same sources,
    same reasons), but leaves the parsing of each line to a worker."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Unit(str(path), "error", reason=f"không mở được tệp: {exc.strerror or exc}")
        return
    with fh:
        number = 0
        while raw := fh.readline(max_bytes + 1):
            number += 1
            source = f"{path}:{number}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                _skip_rest_of_line(fh)
                yield Unit(source, "error", reason=f"dòng quá dài (hơn {megabytes(max_bytes)})")
            elif raw.strip():
                yield Unit(source, "line", data=raw)


def batches(items: Iterable[Unit], size: int = BATCH) -> Iterator[list[Unit]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# --- the worker side (plain functions: they run in another process or on another host) --

@dataclass(slots=True)
class Prepared:
    """What a worker sends back for one unit: the input as read, and its rows (or why not)."""

    item: Input
    rows: DocumentRows | None = None
    failure: str | None = None  # extraction failed: the reason the serial ingest would record

    def rows_of(self, doc: Document, sha: str, size: int) -> DocumentRows:
        """`ingest.RowsOf` for this document: the worker's rows, stamped with the time of writing."""
        if self.failure is not None:
            raise serial._Failure(self.failure, size, sha)
        if self.rows is None or self.rows.document["sha256"] != sha:  # not prepared: do it here
            return serial.document_rows(doc, sha, size)
        self.rows.document["ingested_at"] = repo.utcnow()  # this clock, not the worker's
        return self.rows


def prepare_batch(batch: list[Unit], store_url: str | None = None) -> list[Prepared]:
    """Read, hash and extract each unit of `batch` (runs in a worker)."""
    return [prepare(u, store_url) for u in batch]


def prepare(unit: Unit, store_url: str | None = None) -> Prepared:
    item = read_unit(unit)
    doc = item.document
    if doc is None:
        return Prepared(item)
    try:
        data = doc.text.encode("utf-8")
    except UnicodeEncodeError:
        return Prepared(item)  # the writer records why
    if not doc.text.strip() or "\x00" in doc.text:
        return Prepared(item)
    sha = hashlib.sha256(data).hexdigest()
    if store_url and _already_stored(store_url, sha):
        return Prepared(item)  # the writer counts it as unchanged
    try:
        return Prepared(item, rows=serial.document_rows(doc, sha, len(data)))
    except serial._Failure as fail:
        return Prepared(item, failure=fail.reason)


def read_unit(unit: Unit) -> Input:
    """The `Input` that `iter_inputs` would give for this unit. Never raises."""
    if unit.kind == "path":
        return _attempt(unit.source, lambda: read_path(unit.source))
    if unit.kind == "url":
        return _attempt(unit.source, lambda: read_url(unit.source))
    if unit.kind == "line" and unit.data is not None:
        try:
            return Input(unit.source, parse_line(unit.data, unit.source))
        except ReadError as exc:
            return Input(unit.source, error=exc.reason)
        except Exception as exc:
            return Input(unit.source, error=_unexpected(exc))
    return Input(unit.source, error=unit.reason or "không đọc được")


# One read-only engine per store URL in each worker, to skip documents already stored
# (a re-run then costs a read and a hash per document, not an extraction).
_ENGINES: dict[str, Any] = {}


def _already_stored(store_url: str, sha: str) -> bool:
    """Whether the store holds `sha`; False when it cannot be reached from this worker."""
    try:
        engine = _ENGINES.get(store_url)
        if engine is None:
            engine = _ENGINES[store_url] = _reader_engine(store_url)
        if engine is False:
            return False
        with engine.connect() as conn:
            return repo.document_id_by_sha(conn, sha) is not None
    except Exception:  # unreachable or not migrated: the writer checks again anyway
        _ENGINES[store_url] = False
        return False


def _reader_engine(store_url: str) -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = make_url(store_url)
    if url.get_backend_name() == "sqlite":
        # A store on another host's disk, or in memory, is not visible here.
        if not url.database or url.database == ":memory:" or not Path(url.database).is_file():
            return False
        return create_engine(url, connect_args={"timeout": 30})
    return create_engine(url, pool_size=1, max_overflow=0, pool_pre_ping=True)


# A report that touches every lazy table: grammar, locality index, periods, catalogue.
_WARM_TEXT = ("Báo cáo 6 tháng đầu năm 2024 của Ủy ban nhân dân huyện Lắk, tỉnh Đắk Lắk\n"
              "Thu ngân sách ước đạt 61.250 triệu đồng, đạt 47,5% dự toán tỉnh giao.\n")


def _warm_up() -> None:
    """Build the grammar's and the enrichment's tables once per process (seconds of work)."""
    doc = Document(text=_WARM_TEXT, source="warm-up")
    data = _WARM_TEXT.encode("utf-8")
    serial.document_rows(doc, hashlib.sha256(data).hexdigest(), len(data))


# --- executors: a local process pool or a Dask client ------------------------------------

class Executor(Protocol):
    workers: int

    def submit(self, batch: list[Unit]) -> Any: ...  # a future with .result()
    def recover(self, exc: BaseException) -> bool: ...  # may a failed batch be retried once?
    def close(self) -> None: ...


class LocalPool:
    """N worker processes on this machine.

    They are forked from a "forkserver" process that imported and warmed up the grammar
    once (see `_start_forkserver`): a worker starts in milliseconds and shares those
    tables with its siblings; none inherits this process's database connections.
    """

    def __init__(self, workers: int, store_url: str | None) -> None:
        self.workers = workers
        self.store_url = store_url
        self._context = _start_forkserver()
        self._pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=self._context, initializer=_warm_up)

    def submit(self, batch: list[Unit]) -> Future[list[Prepared]]:
        return self._pool.submit(prepare_batch, batch, self.store_url)

    def recover(self, exc: BaseException) -> bool:
        if not isinstance(exc, BrokenProcessPool):
            return False
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new()
        return True

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


WARM_ENV = "CHITIEU_WARM_FORKSERVER"


def _start_forkserver() -> multiprocessing.context.BaseContext:
    """The "forkserver" context, its server started with this module preloaded and warm."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    os.environ[WARM_ENV] = "1"  # read by the server's import of this module, below
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(WARM_ENV, None)
    return ctx


class DaskPool:
    """The workers of a Dask distributed cluster (`dask scheduler` + `dask worker ADDRESS`).

    Every worker needs chitieu installed (the same version); a store given as a SQLite
    path is only checked for known documents where that path exists."""

    def __init__(self, address: str | Any, store_url: str | None) -> None:
        from dask.distributed import Client

        self._own = isinstance(address, str)
        self.client = Client(address) if isinstance(address, str) else address
        self.store_url = store_url
        self.workers = max(1, sum(self.client.nthreads().values()))
        self.client.run(_warm_up)

    def submit(self, batch: list[Unit]) -> Any:
        return self.client.submit(prepare_batch, batch, self.store_url, pure=False)

    def recover(self, exc: BaseException) -> bool:
        return False  # the scheduler already retried the task on other workers

    def close(self) -> None:
        if self._own:
            self.client.close()


def ordered_results(pool: Executor, tasks: Iterable[list[Unit]], window: int) -> Iterator[Prepared]:
    """Results of every task in submission order, with at most `window` tasks in flight."""
    pending: deque[tuple[list[Unit], Any]] = deque()
    for batch in tasks:
        pending.append((batch, pool.submit(batch)))
        if len(pending) >= window:
            yield from _settle(pool, *pending.popleft())
    while pending:
        yield from _settle(pool, *pending.popleft())


def _settle(pool: Executor, batch: list[Unit], future: Any) -> list[Prepared]:
    try:
        return future.result()
    except Exception as exc:
        if pool.recover(exc):
            try:
                return pool.submit(batch).result()
            except Exception as again:
                pool.recover(again)
                exc = again
        reason = f"{WORKER_DIED} ({type(exc).__name__})"
        return [Prepared(Input(u.source, error=reason)) for u in batch]


# --- the writer ----------------------------------------------------------------------------

def ingest_parallel(store: Store, paths: Iterable[str | Path], *, workers: int | None = None,
                    dask: str | Any | None = None, progress: bool | serial.ProgressHook = True,
                    batch: int = BATCH, window: int | None = None,
                    skip_known: bool = True) -> serial.IngestSummary:
    """Like `ingest.ingest`, with reading and extraction on `workers` local processes or on
    the Dask cluster at `dask` (an address such as "tcp://127.0.0.1:8786", or a Client).

    `window`: batches in flight (default 2 per worker). `skip_known`: workers look up the
    document's hash in the store and skip the extraction of what is already stored.
    """
    if (workers is None) == (dask is None):
        raise ValueError("give either workers or dask")
    store_url = store.url if skip_known else None
    pool: Executor = LocalPool(workers or 1, store_url) if dask is None else DaskPool(dask, store_url)
    try:
        if progress is True:
            from chitieu.store.progress import progress_bar

            with progress_bar() as hook:
                return _write_all(store, pool, paths, hook, batch, window)
        return _write_all(store, pool, paths, progress or None, batch, window)
    finally:
        pool.close()


def _write_all(store: Store, pool: Executor, paths: Iterable[str | Path],
               hook: serial.ProgressHook | None, batch: int, window: int | None) -> serial.IngestSummary:
    summary = serial.IngestSummary()
    start = time.perf_counter()
    tasks = batches(units(paths), batch)
    with store.engine.connect() as conn:
        run = serial._Run(conn, summary, serial._failed_sources(conn))
        for prepared in ordered_results(pool, tasks, window or 2 * pool.workers):
            outcome, nbytes = serial._ingest_one(run, prepared.item, prepared.rows_of)
            summary.add(outcome, nbytes)
            if hook:
                hook(outcome, prepared.item.source, nbytes)
    summary.seconds = time.perf_counter() - start
    return summary


if os.environ.get(WARM_ENV) and multiprocessing.parent_process() is None:
    _warm_up()  # imported by the forkserver (see _start_forkserver): warm it once for all workers
