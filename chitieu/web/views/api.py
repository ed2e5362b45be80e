"""The API page: every JSON address of the dashboard, from the OpenAPI description."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from chitieu.web.pages import add_page


def api_page(request: Request) -> dict[str, Any]:
    """The JSON endpoints (OpenAPI: /openapi.json)."""
    spec = request.app.openapi()
    endpoints = [{"path": path, "method": method.upper(), "summary": op.get("summary") or "",
                  "parameters": [p["name"] for p in op.get("parameters", [])]}
                 for path, ops in spec.get("paths", {}).items() for method, op in ops.items()]
    return {"title": "API", "openapi": "/openapi.json", "endpoints": endpoints}


def register(router: APIRouter) -> None:
    add_page(router, "/api", "api.html", api_page, name="api", summary="Danh sách các địa chỉ JSON")
