"""Empty stores for tests that compare several stores on one backend."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine


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
