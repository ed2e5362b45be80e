"""Every query of the store lives here (and in sibling modules of chitieu/store).

Functions take a `Session` that the caller opened with `Store.transaction()` or
`Store.reading()` (the ingest write path also accepts a Core `Connection`, for speed),
so that one document and all its rows go in one transaction. Inserts that may race
between processes use the dialect's INSERT ... ON CONFLICT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Delete, Select, Table, bindparam, delete, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from chitieu.store.models import (
    Base,
    DocumentRow,
    FactRow,
    FailureRow,
    IndicatorRow,
    LocalityRow,
    PersonMentionRow,
    PersonRow,
    ReferenceRow,
    TallyRow,
    TrackedItemRow,
)

# Tables that hold rows extracted from one document (each has document_id).
EXTRACTED: tuple[type[Base], ...] = (FactRow, TallyRow, ReferenceRow, PersonMentionRow, TrackedItemRow)
# Key of the PostgreSQL advisory lock taken by `serialize_writers` (any constant).
_WRITERS_LOCK_KEY = 7_245_010_302
# Rows per multi-row VALUES statement (SQLite allows 32766 parameters per statement).
CHUNK = 500


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# Either works for the functions below: a Session (ORM callers) or a Connection (ingest).
Executor = Session | Connection


def _dialect(db: Executor) -> str:
    return db.get_bind().dialect.name if isinstance(db, Session) else db.dialect.name


def _insert(db: Executor, model: type[Base] | Table) -> Any:
    """INSERT for `model` in the dialect of `db` (for ON CONFLICT clauses)."""
    name = _dialect(db)
    if name == "postgresql":
        return postgresql.insert(model)
    if name == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"unsupported database: {name}")


# --- the ingest write path (Core statements built once per dialect: it runs per document)

@dataclass(frozen=True, slots=True)
class _Writes:
    find_sha: Select[Any]
    find_shas: Select[Any]
    document: Any  # INSERT ... ON CONFLICT (sha256) DO NOTHING RETURNING id
    documents: Any  # the same, RETURNING sha256, id (for many rows in one statement)
    persons: Any  # INSERT ... ON CONFLICT (name) DO NOTHING
    person_ids: Select[Any]
    clear_failure: Delete


@cache
def _writes(dialect: str) -> _Writes:
    docs, persons = DocumentRow.__table__, PersonRow.__table__
    ins = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return _Writes(
        find_sha=select(docs.c.id).where(docs.c.sha256 == bindparam("sha")),
        find_shas=select(docs.c.sha256).where(docs.c.sha256.in_(bindparam("shas", expanding=True))),
        document=ins(docs).on_conflict_do_nothing(index_elements=[docs.c.sha256]).returning(docs.c.id),
        documents=ins(docs).on_conflict_do_nothing(index_elements=[docs.c.sha256]).returning(
            docs.c.sha256, docs.c.id),
        persons=ins(persons).on_conflict_do_nothing(index_elements=[persons.c.name]),
        person_ids=select(persons.c.name, persons.c.id).where(
            persons.c.name.in_(bindparam("names", expanding=True))),
        clear_failure=delete(FailureRow.__table__).where(FailureRow.__table__.c.source == bindparam("src")),
    )


def document_id_by_sha(db: Executor, sha256: str) -> int | None:
    return db.execute(_writes(_dialect(db)).find_sha, {"sha": sha256}).scalar_one_or_none()


def stored_shas(db: Executor, shas: Iterable[str]) -> set[str]:
    """Which of `shas` are stored (one query per CHUNK hashes)."""
    wanted = list(dict.fromkeys(shas))
    stmt = _writes(_dialect(db)).find_shas
    found: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        found.update(db.execute(stmt, {"shas": wanted[start:start + CHUNK]}).scalars())
    return found


def insert_document(db: Executor, row: dict[str, Any]) -> int | None:
    """Insert a document; None when one with the same sha256 is already stored."""
    return db.execute(_writes(_dialect(db)).document, row).scalar_one_or_none()


def insert_documents(db: Executor, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Insert documents (all dicts with the same keys) in one multi-row statement per
    page; returns the id of each one inserted by its sha256 (those already stored are
    left out). Ids are given in the order of `rows`, as separate inserts would.

    On SQLite this is also what keeps the full-text index cheap: the trigger that feeds
    `documents_fts` flushes FTS5's pending terms into a new segment at every statement
    (each one opens a savepoint), so one statement per document wrote a segment per
    document, to be merged later: half the cost of writing a batch of documents."""
    if not rows:
        return {}
    return {sha: doc_id for sha, doc_id in db.execute(_writes(_dialect(db)).documents, list(rows))}


def insert_rows(db: Executor, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows of one table in one round trip (all dicts with the same keys)."""
    if not rows:
        return
    table = model.__table__
    plain = _plain_insert(db.dialect, table, tuple(rows[0])) if isinstance(db, Connection) else None
    if plain is None:
        db.execute(table.insert(), list(rows))
        return
    values = [[r[key] if key is not None else default for key, default in plain.fields] for r in rows]
    for i, process in plain.processors:
        for v in values:
            v[i] = process(v[i])
    db.exec_driver_sql(plain.sql, [tuple(v) for v in values])


@dataclass(frozen=True, slots=True)
class _PlainInsert:
    """An INSERT of given columns with what SQLAlchemy does per row for an executemany
    (`Connection.execute(table.insert(), rows)`) done once per batch: the parameters as
    tuples in the statement's order, Python-side scalar defaults for the columns not
    given, each value through its type's bind processor. SQLAlchemy's per-row
    bookkeeping cost as much as SQLite's inserts of the rows of an ingest batch."""

    sql: str
    fields: tuple[tuple[str | None, Any], ...]  # (key of the row dict, or None and the default)
    processors: tuple[tuple[int, Any], ...]  # (position, bind processor) where one applies


@cache
def _plain_insert(dialect: Any, table: Table, keys: tuple[str, ...]) -> _PlainInsert | None:
    """The plain form of `table.insert()` for rows with `keys`, or None where it does not
    apply (named parameters, as PostgreSQL's driver takes: the usual path then)."""
    compiled = table.insert().compile(dialect=dialect, column_keys=list(keys))
    if not compiled.positional or compiled.positiontup is None or compiled.insert_prefetch is None:
        return None
    fields: list[tuple[str | None, Any]] = []
    processors: list[tuple[int, Any]] = []
    for i, name in enumerate(compiled.positiontup):
        if name not in table.c:
            return None
        col = table.c[name]
        if name in keys:
            fields.append((name, None))
        elif col.default is not None and col.default.is_scalar:
            fields.append((None, col.default.arg))
        else:
            return None
        process = col.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors.append((i, process))
    return _PlainInsert(compiled.string, tuple(fields), tuple(processors))


def person_ids_in_order(db: Executor, names: Sequence[str]) -> dict[str, int]:
    """Ids of persons by name, inserting the missing ones in the order given.

    The ingest gives each document's names sorted, document after document (a name may
    repeat: on PostgreSQL every attempt takes a sequence number, as separate inserts
    do). Within one document the sorted order means concurrent ingests lock names in the
    same order; a batch of documents may still deadlock with another writer on
    PostgreSQL, which then aborts one of them, and the ingest writes that batch again one
    document per transaction."""
    if not names:
        return {}
    w = _writes(_dialect(db))
    db.execute(w.persons, [{"name": n} for n in names])
    wanted = list(dict.fromkeys(names))
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        rows = db.execute(w.person_ids, {"names": wanted[start:start + CHUNK]})
        ids.update((name, pid) for name, pid in rows)
    return ids


def failed_sources(db: Executor) -> set[str]:
    """Sources with a recorded failure."""
    return set(db.execute(select(FailureRow.__table__.c.source)).scalars())


def clear_failure(db: Executor, source: str) -> None:
    """Forget an earlier failure of `source` (it has now been stored)."""
    db.execute(_writes(_dialect(db)).clear_failure, {"src": source})


def serialize_writers(db: Executor) -> None:
    """Make the current transaction the only writer of its kind until it ends.

    For work that reads then rewrites shared rows (such as re-judging facts after an
    ingest) when several processes may do it at once: PostgreSQL takes a transaction
    advisory lock; SQLite takes its write lock now (BEGIN IMMEDIATE) rather than on the
    first write, which a concurrent writer could make fail.
    """
    if _dialect(db) == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITERS_LOCK_KEY})
        return
    conn = db.connection() if isinstance(db, Session) else db
    if not conn.connection.dbapi_connection.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


# --- reads ---------------------------------------------------------------------------

def count_documents(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DocumentRow)) or 0


def row_counts(session: Session) -> dict[str, int]:
    """Rows per table, for summaries and checks."""
    out = {"documents": count_documents(session)}
    for model in (*EXTRACTED, PersonRow, FailureRow):
        out[model.__tablename__] = session.scalar(select(func.count()).select_from(model)) or 0
    return out


def rows_per_document(session: Session) -> dict[int, dict[str, int]]:
    """For each stored document id: how many rows of each extracted table it has."""
    out: dict[int, dict[str, int]] = {
        doc_id: {m.__tablename__: 0 for m in EXTRACTED} for doc_id in session.scalars(select(DocumentRow.id))
    }
    for model in EXTRACTED:
        col = model.document_id  # type: ignore[attr-defined]
        for doc_id, n in session.execute(select(col, func.count()).group_by(col)):
            out[doc_id][model.__tablename__] = n
    return out


def documents_by_source(session: Session) -> dict[str, list[int]]:
    """Document ids stored for each source (a source may hold several versions)."""
    out: dict[str, list[int]] = {}
    stmt = select(DocumentRow.source, DocumentRow.id).order_by(DocumentRow.id)
    for source, doc_id in session.execute(stmt):
        out.setdefault(source, []).append(doc_id)
    return out


def document_texts(session: Session) -> Iterator[tuple[int, str]]:
    """(id, text) of every document, streamed."""
    stmt = select(DocumentRow.id, DocumentRow.text).order_by(DocumentRow.id).execution_options(yield_per=200)
    yield from session.execute(stmt)


# --- failures ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FailureRecord:
    source: str
    reason: str
    count: int
    first_seen: dt.datetime
    last_seen: dt.datetime
    size: int | None
    sha256: str | None


def record_failure(db: Executor, source: str, reason: str, *, size: int | None = None,
                   sha256: str | None = None) -> None:
    """Remember that `source` failed; a repeat bumps `count` and `last_seen`."""
    now = utcnow()
    stmt = _insert(db, FailureRow).values(
        source=source, reason=reason, size=size, sha256=sha256, first_seen=now, last_seen=now, count=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[FailureRow.source],
        set_={"reason": stmt.excluded.reason, "size": stmt.excluded.size, "sha256": stmt.excluded.sha256,
              "last_seen": stmt.excluded.last_seen, "count": FailureRow.count + 1},
    )
    db.execute(stmt)


def list_failures(session: Session, *, limit: int | None = None) -> list[FailureRecord]:
    """Recorded failures, most recent first."""
    stmt = select(FailureRow).order_by(FailureRow.last_seen.desc(), FailureRow.source).limit(limit)
    return [
        FailureRecord(r.source, r.reason, r.count, r.first_seen, r.last_seen, r.size, r.sha256)
        for r in session.scalars(stmt)
    ]


# --- catalogues ----------------------------------------------------------------------

def upsert_indicators(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Add or update catalogue indicators (keyed by code)."""
    for start in range(0, len(rows), CHUNK):
        stmt = _insert(session, IndicatorRow).values(list(rows[start:start + CHUNK]))
        cols = {c: getattr(stmt.excluded, c) for c in ("name", "unit", "direction", "area", "aliases")}
        session.execute(stmt.on_conflict_do_update(index_elements=[IndicatorRow.code], set_=cols))


def upsert_localities(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Add or update administrative units (keyed by scheme and code)."""
    for start in range(0, len(rows), CHUNK):
        stmt = _insert(session, LocalityRow).values(list(rows[start:start + CHUNK]))
        cols = {c: getattr(stmt.excluded, c) for c in ("name", "level", "province_code", "parent_code")}
        keys = [LocalityRow.scheme, LocalityRow.code]
        session.execute(stmt.on_conflict_do_update(index_elements=keys, set_=cols))
