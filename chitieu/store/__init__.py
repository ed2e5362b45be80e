"""The store: documents and everything extracted from them, in SQLite or PostgreSQL.

- `open_store(url_or_path=None) -> Store` (see chitieu.store.db for the default path)
- `ingest(store, paths) -> IngestSummary` (see chitieu.store.ingest)
- every query lives in chitieu.store.repo; tables in chitieu.store.models.
"""

from chitieu.store import models_app as _models_app  # noqa: F401  (registers the app tables)
from chitieu.store.db import Store, default_location, open_store, resolve_url

__all__ = ["Store", "default_location", "open_store", "resolve_url"]
