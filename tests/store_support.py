"""Empty stores for tests that compare several stores on one backend."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, select, text
from sqlalchemy.engine import Engine

from chitieu.store import Store
from chitieu.store.models import Base


@contextmanager
def private_schemas(admin: Engine, count: int) -> Iterator[list[str]]:
    """URLs whose connections live in `count` fresh, private schemas (dropped after)."""
    schemas = [f"t_{os.getpid()}_{uuid.uuid4().hex[:10]}" for _ in range(count)]
    with admin.connect() as conn:
        for schema in schemas:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield [admin.url.update_query_dict({"options": f"-csearch_path={s}"}).render_as_string(
            hide_password=False) for s in schemas]
    finally:
        with admin.connect() as conn:
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@contextmanager
def empty_stores(request: pytest.FixtureRequest, tmp_path: Path, names: list[str]) -> Iterator[list[str]]:
    """One empty store per name on the backend of `request.param` ("sqlite" or "postgres")."""
    if request.param == "sqlite":
        yield [str(tmp_path / f"{name}.db") for name in names]
        return
    with private_schemas(request.getfixturevalue("pg_admin"), len(names)) as urls:
        yield urls


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ordered by primary key, without its timestamps."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.reading() as s:
        for table in Base.metadata.sorted_tables:
            cols = [c for c in table.columns if not isinstance(c.type, DateTime)
                    and not isinstance(getattr(c.type, "impl", None), DateTime)]
            rows = s.execute(select(*cols).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out
