"""The dashboard's pages, one module per subject; `register_all(app)` adds them all."""

from __future__ import annotations

from fastapi import FastAPI

from chitieu.web.views import account, api, documents, exports, indicator, items, locality, overview, review

MODULES = (overview, locality, indicator, documents, items, review, exports, account, api)


def register_all(app: FastAPI) -> None:
    # Straight onto the app's router (no include_router), so that app.routes lists every route.
    for module in MODULES:
        module.register(app.router)
