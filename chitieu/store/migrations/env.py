"""Alembic environment for the chitieu store, run from code (see chitieu.store.db.upgrade).

`open_store` passes its connection in `config.attributes["connection"]`; a developer
may instead set `sqlalchemy.url` (see `chitieu.store.db.alembic_config`). Migrations
run in one transaction, behind a lock, so that several processes opening a fresh
database at once never create the tables twice.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from chitieu.store.models import Base

# Any constant: the key of the PostgreSQL advisory lock held while migrating.
_PG_LOCK_KEY = 7_245_010_301


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
    elif connection.dialect.name == "sqlite" and not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Leave out of autogenerate what no model describes: the full-text search objects
    made with raw SQL in migrations (SQLite FTS5 tables with their shadow tables, the
    PostgreSQL expression index), all named with "_fts"."""
    return not (name and "_fts" in name and type_ in ("table", "index"))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=_include_name,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        _lock(connection)
        context.run_migrations()


def main() -> None:
    given = context.config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("chitieu migrations run online only (chitieu.store.open_store)")
main()
