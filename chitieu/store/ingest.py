"""`ingest`: read inputs, extract, and store each new document in one transaction.

Idempotent by content: a document whose text (UTF-8, SHA-256) is already stored is
counted as unchanged and not extracted again. A failure (unreadable file, empty text,
rejected row) is recorded in the `failures` table and the run goes on. Several
processes may ingest into one PostgreSQL (or SQLite) store at once: the unique
sha256 plus INSERT ... ON CONFLICT DO NOTHING stores each document exactly once.
Inputs are streamed: memory does not grow with the number of documents.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
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
    """What one ingest run holds: one connection (one short transaction per document),
    the summary, and the sources with a recorded failure (to forget when stored)."""

    conn: Connection
    summary: IngestSummary
    failed: set[str]


def _run(store: Store, paths: Iterable[str | Path], hook: ProgressHook | None) -> IngestSummary:
    summary = IngestSummary()
    start = time.perf_counter()
    with store.engine.connect() as conn:
        run = _Run(conn, summary, _failed_sources(conn))
        for item in iter_inputs(paths):
            outcome, nbytes = _ingest_one(run, item)
            summary.add(outcome, nbytes)
            if hook:
                hook(outcome, item.source, nbytes)
    summary.seconds = time.perf_counter() - start
    return summary


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


def _store_document(run: _Run, doc: Document, rows_of: RowsOf) -> tuple[Outcome, int]:
    data = _utf8(doc.text)
    size = len(data)
    if not doc.text.strip():
        raise _Failure("văn bản rỗng: không có chữ nào", size)
    if "\x00" in doc.text:
        raise _Failure("văn bản chứa ký tự NUL (dữ liệu nhị phân)", size)
    sha = hashlib.sha256(data).hexdigest()
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
        ids = repo.person_ids(conn, (m["name"] for m in rows.mentions))
        mentions = [{"person_id": ids[m["name"]], "document_id": doc_id, "title": m["title"],
                     "span_start": m["span_start"], "span_end": m["span_end"]} for m in rows.mentions]
        for model, items in ((FactRow, rows.facts), (TallyRow, rows.tallies), (ReferenceRow, rows.references),
                             (TrackedItemRow, rows.items)):
            repo.insert_rows(conn, model, [{**r, "document_id": doc_id} for r in items])
        repo.insert_rows(conn, PersonMentionRow, mentions)
        if forget_failure:
            repo.clear_failure(conn, rows.document["source"])
    return True


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _Failure(f"văn bản chứa ký tự không hợp lệ (vị trí {exc.start})") from exc


def _short(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0][:300]
