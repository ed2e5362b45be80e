"""Open a store: a SQLite file, a PostgreSQL URL, or memory.

`open_store(None)` opens `$CHITIEU_DB` when set, else `./chitieu.db` in the current
directory. A plain path means a SQLite file; `postgresql://...` is read as
`postgresql+psycopg://...`; `":memory:"` gives a private in-memory database (tests).
Opening runs the Alembic migrations shipped inside the package up to head, so the
schema is always current and no alembic.ini is needed.

SQLite connections use WAL (a reader, such as the dashboard, never waits for an
ingest), foreign keys, `synchronous=NORMAL` (durable against a killed process) and a
busy timeout, so several processes can write one file in turn; the WAL is checkpointed
every ~40 MB (fewer disk syncs during a long ingest).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

ENV_VAR = "CHITIEU_DB"
DEFAULT_FILE = "chitieu.db"
MEMORY = ":memory:"
BUSY_TIMEOUT_MS = 30_000
# Checkpoint the WAL every ~40 MB instead of SQLite's 4 MB: an ingest commits per
# document, and each checkpoint syncs the disk.
WAL_CHECKPOINT_PAGES = 10_000
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclass
class Store:
    """An open store: an engine plus a session factory. Close it when done."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on error."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (nothing is committed)."""
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_location() -> str:
    """Where `open_store(None)` looks: $CHITIEU_DB, else ./chitieu.db."""
    return os.environ.get(ENV_VAR) or DEFAULT_FILE


def resolve_url(url_or_path: str | os.PathLike[str] | None) -> str:
    """The SQLAlchemy URL for a path, a URL or None (see `default_location`)."""
    raw = os.fspath(url_or_path) if url_or_path is not None else default_location()
    if raw == MEMORY:
        return "sqlite://"
    if "://" not in raw:
        return "sqlite:///" + str(Path(raw).expanduser().resolve())
    for plain in ("postgresql://", "postgres://"):
        if raw.startswith(plain):
            return "postgresql+psycopg://" + raw[len(plain):]
    return raw


def open_store(url_or_path: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Store:
    """Open (creating when needed) the store at `url_or_path` and migrate it to head."""
    url = resolve_url(url_or_path)
    engine = _engine(url)
    store = Store(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
    if migrate:
        upgrade(store)
    return store


def upgrade(store: Store, revision: str = "head") -> None:
    """Run the package's Alembic migrations on `store` up to `revision`."""
    from alembic import command

    with store.engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Any:
    """An Alembic Config pointing at the migrations inside the package (no alembic.ini).

    For a new migration: `alembic.command.revision(alembic_config(url=...),
    message=..., autogenerate=True)` against a store at head.
    """
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", resolve_url(url).replace("%", "%%"))
    return cfg


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    memory = parsed.database in (None, "", MEMORY)
    if memory:
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        Path(parsed.database or DEFAULT_FILE).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas(wal=not memory))
    return engine


def _sqlite_pragmas(*, wal: bool):
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if wal:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
        cur.close()

    return on_connect
