"""The dashboard: FastAPI, server-rendered Vietnamese pages, the same data as JSON.

`create_app(store_url=None, settings=None)` builds the application (chitieu.web.app);
`chitieu serve` runs it with uvicorn.
"""

from chitieu.web.app import create_app
from chitieu.web.settings import Settings

__all__ = ["Settings", "create_app"]
