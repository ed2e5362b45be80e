"""`ingest`: read inputs, extract, and store each new document whole or not at all.

Idempotent by content: a document whose text (UTF-8, SHA-256) is already stored is
counted as unchanged and not extracted again. A failure (unreadable file, empty text,
rejected row) is recorded in the `failures` table and the run goes on. Several
processes may ingest into one PostgreSQL (or SQLite) store at once: the unique
sha256 plus INSERT ... ON CONFLICT DO NOTHING stores each document exactly once.
Inputs are streamed: memory does not grow with the number of documents.

Batches: `ingest` reads a few inputs ahead (at most `BATCH_DOCS` inputs, `BATCH_BYTES`
characters of text, `BATCH_SECONDS` of reading), looks their hashes up in one query,
extracts the new ones, and writes them, with the failures among them, in ONE
transaction (one statement for the documents, then one per table for all their other
rows). A commit per document cost more than the inserts
themselves (SQLite writes every touched page and an FTS5 segment to the WAL at each
commit; PostgreSQL flushes its WAL): hashing, looking up and writing 1,000 synthetic
reports took 1.3 s on SQLite and 4-6 s on PostgreSQL one transaction per document, and
0.55 s and 1.5-2 s in batches. What stays true:
- a document is stored whole or not at all: a batch commits or rolls back as one, and
  a killed process loses at most its open batch, which a rerun stores;
- one bad document does not lose the others: when the batch's transaction fails, it is
  rolled back and its inputs are written again one transaction per document (the path
  `ingest_input` and `chitieu.store.parallel` use), so the bad one becomes a failure
  record and the rest are stored;
- the same rows, in the same order (so the same ids on a fresh store) as one
  transaction per document: documents in input order, each one's persons in sorted
  order, each table's rows in input order;
- progress: the hook is called for every input, in input order, right after its
  batch is written: about 2 x `BATCH_SECONDS` (reading ahead, then extracting) plus
  one document's work after the input was read, at most.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from chitieu.extract import extract
from chitieu.model import Document
from chitieu.read import Input, iter_inputs
from chitieu.store import repo
from chitieu.store.db import Store
from chitieu.store.models import FactRow, PersonMentionRow, ReferenceRow, TallyRow, TrackedItemRow
from chitieu.store.rows import DocumentRows, build

# Limits of one batch (see the module docstring): inputs, characters of text, seconds.
BATCH_DOCS = 200
BATCH_BYTES = 8 * 1024 * 1024
BATCH_SECONDS = 0.5


class Outcome(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    FAILED = "failed"


# Called once per input with its outcome, source and size in bytes.
ProgressHook = Callable[[Outcome, str, int], None]


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    documents: int = 0  # inputs seen: new + unchanged + failed
    bytes: int = 0  # UTF-8 bytes of the texts read
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason) of this run

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    @property
    def mb_per_second(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds > 0 else 0.0

    def add(self, outcome: Outcome, nbytes: int) -> None:
        self.documents += 1
        self.bytes += nbytes
        if outcome is Outcome.NEW:
            self.new += 1
        elif outcome is Outcome.UNCHANGED:
            self.unchanged += 1
        else:
            self.failed += 1


class _Failure(Exception):
    """One input that cannot be stored, with the reason recorded in `failures`."""

    def __init__(self, reason: str, size: int | None = None, sha256: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.size = size
        self.sha256 = sha256


def ingest(
    store: Store, paths: Iterable[str | Path], *, progress: bool | ProgressHook = True
) -> IngestSummary:
    """Store every document found under `paths` that is not stored yet.

    `progress=True` shows a progress bar on stderr; a callable is called per input instead.
    """
    if progress is True:
        from chitieu.store.progress import progress_bar

        with progress_bar() as hook:
            return _run(store, paths, hook)
    return _run(store, paths, progress or None)


@dataclass
class _Run:
    """What one ingest run holds: one connection (short transactions: one per batch, or
    per document), the summary, and the sources with a recorded failure (to forget when
    stored)."""

    conn: Connection
    summary: IngestSummary
    failed: set[str]


def _run(store: Store, paths: Iterable[str | Path], hook: ProgressHook | None) -> IngestSummary:
    summary = IngestSummary()
    start = time.perf_counter()
    froze: bool | None = None  # not tried yet
    try:
        with store.engine.connect() as conn:
            run = _Run(conn, summary, _failed_sources(conn))
            for chunk in _read_ahead(iter_inputs(paths)):
                _ingest_chunk(run, chunk, hook)
                if froze is None:
                    froze = _freeze_startup()
    finally:
        if froze:
            gc.unfreeze()
    summary.seconds = time.perf_counter() - start
    return summary


def _freeze_startup() -> bool:
    """Take what is alive after the first batch out of the garbage collector's full
    collections until the run ends (gc.freeze); True when done.

    The first document loads the grammar's tables, the locality index, the catalogue and
    SQLAlchemy's caches: a hundred thousand objects and more that live as long as the
    process, and that every full collection walked again, a few times per thousand
    documents (0.75 of 9.8 s of CPU for 10,000 synthetic reports, 0.16 s frozen). Left
    alone when something is frozen already (the caller's own freeze) or gc is off."""
    if gc.get_freeze_count() or not gc.isenabled():
        return False
    gc.freeze()
    return True


def ingest_input(store: Store, item: Input, summary: IngestSummary | None = None) -> tuple[Outcome, int]:
    """Store one input; returns its outcome and its size in bytes. Never raises on bad data."""
    with store.engine.connect() as conn:
        return _ingest_one(_Run(conn, summary or IngestSummary(), _failed_sources(conn)), item)


def _failed_sources(conn: Connection) -> set[str]:
    with conn.begin():
        return repo.failed_sources(conn)


def _ingest_one(run: _Run, item: Input, rows_of: RowsOf | None = None) -> tuple[Outcome, int]:
    try:
        if item.document is None:
            raise _Failure(item.error or "không đọc được")
        return _store_document(run, item.document, rows_of or document_rows)
    except _Failure as fail:
        with run.conn.begin():
            repo.record_failure(run.conn, item.source, fail.reason, size=fail.size, sha256=fail.sha256)
        run.failed.add(item.source)
        run.summary.failures.append((item.source, fail.reason))
        return Outcome.FAILED, fail.size or 0


def _hashed(doc: Document) -> tuple[int, str]:
    """(UTF-8 size, SHA-256) of the text; _Failure for text that cannot be stored."""
    data = _utf8(doc.text)
    size = len(data)
    if not doc.text.strip():
        raise _Failure("văn bản rỗng: không có chữ nào", size)
    if "\x00" in doc.text:
        raise _Failure("văn bản chứa ký tự NUL (dữ liệu nhị phân)", size)
    return size, hashlib.sha256(data).hexdigest()


def _store_document(run: _Run, doc: Document, rows_of: RowsOf) -> tuple[Outcome, int]:
    size, sha = _hashed(doc)
    with run.conn.begin():
        if repo.document_id_by_sha(run.conn, sha) is not None:
            return Outcome.UNCHANGED, size
    rows = rows_of(doc, sha, size)
    try:
        stored = _write(run.conn, rows, forget_failure=doc.source in run.failed)
    except SQLAlchemyError as exc:
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            raise
        raise _Failure(f"không lưu được vào cơ sở dữ liệu: {_short(exc)}", size, sha) from exc
    run.failed.discard(doc.source)
    return (Outcome.NEW if stored else Outcome.UNCHANGED), size


# --- batches (`ingest`) -----------------------------------------------------------------

def _read_ahead(inputs: Iterable[Input]) -> Iterator[list[Input]]:
    """`inputs` in chunks of at most BATCH_DOCS inputs, BATCH_BYTES characters of text and
    BATCH_SECONDS of reading (so that progress stays live with slow readers)."""
    chunk: list[Input] = []
    size = 0
    started = 0.0
    for item in inputs:
        if not chunk:
            started = time.perf_counter()
        chunk.append(item)
        size += len(item.document.text) if item.document is not None else 0
        if len(chunk) >= BATCH_DOCS or size >= BATCH_BYTES or time.perf_counter() - started >= BATCH_SECONDS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


@dataclass(slots=True)
class _Entry:
    """One input of a batch and what becomes of it."""

    item: Input
    size: int = 0
    sha: str | None = None
    rows: DocumentRows | None = None  # a new document to store
    failure: _Failure | None = None  # or a failure to record
    outcome: Outcome = Outcome.UNCHANGED


def _checked(item: Input) -> _Entry:
    """The input with its size and hash, or with the failure the per-document path gives it."""
    entry = _Entry(item)
    try:
        if item.document is None:
            raise _Failure(item.error or "không đọc được")
        entry.size, entry.sha = _hashed(item.document)
    except _Failure as fail:
        entry.failure, entry.size = fail, fail.size or 0
    return entry


def _ingest_chunk(run: _Run, chunk: list[Input], hook: ProgressHook | None) -> None:
    entries = [_checked(item) for item in chunk]
    wanted = [e.sha for e in entries if e.sha is not None]
    with run.conn.begin():
        seen = repo.stored_shas(run.conn, wanted) if wanted else set()
    batch: list[_Entry] = []
    started = time.perf_counter()
    for entry in entries:
        doc = entry.item.document
        if entry.failure is None and entry.sha not in seen and doc is not None and entry.sha is not None:
            seen.add(entry.sha)  # the same text again in this chunk is unchanged
            try:
                entry.rows = document_rows(doc, entry.sha, entry.size)
            except _Failure as fail:
                entry.failure = fail
        batch.append(entry)
        if time.perf_counter() - started >= BATCH_SECONDS:
            _flush(run, batch, hook)
            batch, started = [], time.perf_counter()
    _flush(run, batch, hook)


def _flush(run: _Run, batch: list[_Entry], hook: ProgressHook | None) -> None:
    """Write a batch in one transaction (or, if that fails, one transaction per input),
    then count and report each input in order."""
    if any(e.rows is not None or e.failure is not None for e in batch):
        try:
            with run.conn.begin():
                _write_batch(run.conn, batch, run.failed)
        except SQLAlchemyError as exc:
            if isinstance(exc, DBAPIError) and exc.connection_invalidated:
                raise
            for entry in batch:  # rolled back: again, one document per transaction
                _write_one(run, entry)
        else:
            for entry in batch:
                _settle(run, entry)
    for entry in batch:
        run.summary.add(entry.outcome, entry.size)
        if hook:
            hook(entry.outcome, entry.item.source, entry.size)


def _write_batch(conn: Connection, batch: list[_Entry], failed: set[str]) -> None:
    """Insert the batch's documents with their rows and record its failures (in the
    caller's transaction), in the order one transaction per document would have."""
    failed = set(failed)  # as it will be after each input, for clear_failure
    ids = repo.insert_documents(conn, [e.rows.document for e in batch if e.failure is None and e.rows])
    stored: list[tuple[int, DocumentRows]] = []
    for entry in batch:
        if entry.failure is not None:
            fail = entry.failure
            repo.record_failure(conn, entry.item.source, fail.reason, size=fail.size, sha256=fail.sha256)
            failed.add(entry.item.source)
            entry.outcome = Outcome.FAILED
        elif entry.rows is not None:
            doc_id = ids.pop(entry.rows.document["sha256"], None)
            if doc_id is None:  # stored meanwhile by another process
                entry.outcome = Outcome.UNCHANGED
                continue
            stored.append((doc_id, entry.rows))
            entry.outcome = Outcome.NEW
            if entry.item.source in failed:
                repo.clear_failure(conn, entry.item.source)
                failed.discard(entry.item.source)
    if stored:
        _insert_rows(conn, stored)


def _settle(run: _Run, entry: _Entry) -> None:
    """Bring the run's failure bookkeeping up to date after a batch was committed."""
    if entry.outcome is Outcome.FAILED and entry.failure is not None:
        run.failed.add(entry.item.source)
        run.summary.failures.append((entry.item.source, entry.failure.reason))
    elif entry.outcome is Outcome.NEW:
        run.failed.discard(entry.item.source)


def _write_one(run: _Run, entry: _Entry) -> None:
    """The per-document path for one input of a batch that could not be written whole."""
    fail, rows = entry.failure, entry.rows

    def rows_of(_doc: Document, _sha: str, _size: int) -> DocumentRows:
        if fail is not None:
            raise fail
        assert rows is not None
        return rows

    if fail is None and rows is None:
        return  # unchanged: nothing to write
    entry.outcome, entry.size = _ingest_one(run, entry.item, rows_of)


# Builds the rows of a document not stored yet (doc, sha256, size) or raises _Failure;
# chitieu.store.parallel passes one that returns the rows its workers built.
RowsOf = Callable[[Document, str, int], DocumentRows]


def document_rows(doc: Document, sha: str, size: int) -> DocumentRows:
    """Extract `doc` and build its rows; an extractor bug becomes a recorded failure."""
    try:
        extraction = extract(doc.text, title=doc.title, published=doc.published)
        return build(doc, extraction, sha256=sha, size=size, now=repo.utcnow())
    except Exception as exc:  # a bug in a finder must not stop the run; record it
        raise _Failure(f"lỗi khi trích xuất: {type(exc).__name__}: {exc}", size, sha) from exc


def _write(conn: Connection, rows: DocumentRows, *, forget_failure: bool) -> bool:
    """Insert the document and all its rows in one transaction; False if already stored."""
    with conn.begin():
        doc_id = repo.insert_document(conn, rows.document)
        if doc_id is None:
            return False
        _insert_rows(conn, [(doc_id, rows)])
        if forget_failure:
            repo.clear_failure(conn, rows.document["source"])
    return True


def _insert_rows(conn: Connection, stored: list[tuple[int, DocumentRows]]) -> None:
    """The rows of documents just inserted (id, rows), one statement per table.

    Persons: each document's names in sorted order, document after document (what one
    transaction per document inserts, so that ids are the same)."""
    names = [n for _, rows in stored for n in sorted({m["name"] for m in rows.mentions})]
    ids = repo.person_ids_in_order(conn, names)
    mentions = [{"person_id": ids[m["name"]], "document_id": doc_id, "title": m["title"],
                 "span_start": m["span_start"], "span_end": m["span_end"]}
                for doc_id, rows in stored for m in rows.mentions]
    for model, attr in ((FactRow, "facts"), (TallyRow, "tallies"), (ReferenceRow, "references"),
                        (TrackedItemRow, "items")):
        repo.insert_rows(conn, model, [{**r, "document_id": doc_id}
                                       for doc_id, rows in stored for r in getattr(rows, attr)])
    repo.insert_rows(conn, PersonMentionRow, mentions)


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _Failure(f"văn bản chứa ký tự không hợp lệ (vị trí {exc.start})") from exc


def _short(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0][:300]
