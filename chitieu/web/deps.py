"""Dependencies shared by the views: a read session on the app's store, the page cache."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Path, Request
from sqlalchemy.orm import Session

from chitieu.web.cache import PageCache

# A row id in a path: refused (422) beyond the integer range both databases store.
MAX_ID = 2_147_483_647
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]


def db(request: Request) -> Iterator[Session]:
    """A read session for one request."""
    with request.app.state.store.reading() as session:
        yield session


def page_cache(request: Request) -> PageCache:
    return request.app.state.page_cache
